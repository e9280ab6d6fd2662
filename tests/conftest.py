"""Shared test helpers. 'Today' is fixed so verdicts never change with the calendar.

Expectations about the sample dossiers in dossiers/ come from the loaded model (sample_dossiers,
sample_with), never retyped from a dossier.yml: editors change those through pull requests.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from watwerkt.check import check
from watwerkt.model.settings import load_settings, make_settings
from watwerkt.site.config import load_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 6, 1)


def check_root(case: Path, today: dt.date = TODAY):
    """Check a fixture case folder (holding dossiers/ and maybe a mkdocs.yml) from inside it."""
    settings = load_project(case / "mkdocs.yml") if (case / "mkdocs.yml").exists() else load_settings()
    return check([case / "dossiers"], settings, today, base=case)


def settings_with_options(folder: Path, options: str, site: str = "site_name: Test\n"):
    """Write a mkdocs.yml with these watwerkt plugin options (YAML text) into folder and read it
    as the CLI does (MkDocs' loader, the plugin's Config classes)."""
    body = "".join("      " + line + "\n" for line in options.splitlines())
    path = Path(folder) / "mkdocs.yml"
    path.write_text(site + "plugins:\n  - watwerkt:\n" + body, encoding="utf-8")
    return load_project(path)


PUBLISHED_AT = "https://kennisbank.example.org/wat-werkt/"  # test data: a site under a sub-path


@pytest.fixture
def settings():
    """Package defaults for a site published at PUBLISHED_AT."""
    return make_settings(site_url=PUBLISHED_AT)


@pytest.fixture(scope="session")
def sample_cache(tmp_path_factory) -> Path:
    """One search index and PDF cache for every build of the sample site in a run, as .cache/ is
    for `mkdocs build`, but under the run's tmp area: later builds reuse the rendered PDFs."""
    return tmp_path_factory.mktemp("sample-cache")


def copy_valid(tmp_path: Path) -> Path:
    """A private copy of the valid fixture root (holding dossiers/voorbeeld and dossiers/ander-dossier)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def sample_dossiers(today: dt.date = TODAY) -> list:
    """The sample dossiers of dossiers/ as the loaded model (only the valid ones), by slug."""
    return sorted(check([ROOT / "dossiers"], load_settings(None), today).valid_dossiers(), key=lambda d: d.slug)


def sample_with(dossiers, what: str, predicate):
    """The first sample (by slug) with a property the test needs; fails clearly when none has it."""
    found = sorted((d for d in dossiers if predicate(d)), key=lambda d: d.slug)
    assert found, f"no sample dossier in dossiers/ {what}; this test needs one (add it to a sample or a fixture)"
    return found[0]


_DOSSIER_LINK = re.compile(r"(?<!!)\[[^\[\]\n]*\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/?(?:#[^)\s]*)?\)")


def linked_slugs(d) -> set[str]:
    """Slugs of the other dossiers that the section texts of `d` link to ([tekst](../slug/))."""
    return {m.group(1) for section in d.sections.values() for m in _DOSSIER_LINK.finditer(section.text)} - {d.slug}


def build_site(config_file: Path, site_dir: Path, cache_dir: Path | None = None, plugin_options: dict | None = None,
               **overrides) -> Path:
    """Build for real, as `mkdocs build --strict` does. The plugin's search index and PDF cache go
    to `cache_dir` (default: a folder next to site_dir), never to the project's own .cache/."""
    cache_dir = Path(cache_dir) if cache_dir is not None else site_dir.with_name(site_dir.name + ".cache")
    for path in (Path(site_dir), cache_dir):
        assert not path.resolve().is_relative_to(ROOT), f"a test build may not write into the repository: {path}"
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    config.plugins["watwerkt"].config.update(plugin_options or {}, cache_dir=str(cache_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


# -- a generated corpus large enough to paginate ------------------------------------------------
CORPUS_COUNT = 120  # more than two listing pages of 50
CORPUS_TODAY = "2026-11-26"  # after every date scripts/gen_corpus.py writes


def corpus_project(folder: Path, count: int = CORPUS_COUNT, plugin_options: str = "") -> Path:
    """A project holding `count` synthetic dossiers (scripts/gen_corpus.py, seed 1, one of them
    past its review date) with the sample site's theme features; returns its mkdocs.yml."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, count, seed=1, overdue=1)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Corpus\nsite_url: https://kennisbank.example.org/\ntheme:\n  name: material\n  language: nl\n"
        "  font: false\n  features: [navigation.prune, navigation.indexes, navigation.top]\n"
        # the sample site's two colour schemes, so the browser tests meet the corpus in both
        "  palette:\n    - media: '(prefers-color-scheme: light)'\n      scheme: default\n      primary: indigo\n"
        "      accent: indigo\n      toggle: {icon: material/brightness-4, name: Donkere modus}\n"
        "    - media: '(prefers-color-scheme: dark)'\n      scheme: slate\n      primary: indigo\n"
        "      accent: indigo\n      toggle: {icon: material/brightness-7, name: Lichte modus}\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, tables, {toc: {permalink: true}}]\n"
        f"plugins:\n  - search:\n      lang: nl\n  - watwerkt:\n      today: '{CORPUS_TODAY}'\n      pdf: false\n"
        "      search_index: false\n" + plugin_options,
        encoding="utf-8",
    )
    return folder / "mkdocs.yml"


@pytest.fixture(scope="session")
def corpus_preview(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site) of the generated corpus, built as the live preview shows it: drafts
    included under their "Concept" banner."""
    project = tmp_path_factory.mktemp("corpus")
    config = corpus_project(project, plugin_options="      drafts: show\n")
    site = build_site(config, tmp_path_factory.mktemp("corpus-site"))
    return project, site
