"""The hash of a site build's inputs (site/fingerprint.py), stored by the plugin in the site's
record (api/publicatie.json): it follows content, not modification times, and changes with a
dossier file, a docs page, mkdocs.yml, an !ENV value, 'today', --zonder-versies, the git HEAD
(with versions on) and the package's own files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import watwerkt
from test_search_support import project
from watwerkt.cli.site_build import load_site_config
from watwerkt.site import fingerprint as fp

TODAY = "2026-06-01"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
DOSSIER_TEXT = "dossiers/schuldhulpverlening/definitie.md"


def site_project(tmp_path: Path, options: str = "") -> Path:
    """The search corpus as a site: docs/index.md and a mkdocs.yml without a fixed 'today' (the
    tests set WATWERKT_TODAY), PDFs off."""
    root = project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\n"
        "theme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - search\n  - watwerkt:\n      pdf: false\n" + options, encoding="utf-8")
    return root


def inputs(root: Path, without_versions: bool = False) -> str:
    config = load_site_config(root / "mkdocs.yml", without_versions=without_versions)
    return fp.fingerprint(fp.site_inputs(config, config.plugins["watwerkt"]))


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


# -- the hash ------------------------------------------------------------------------------------
def test_the_hash_follows_content_not_modification_times(tmp_path, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    root = site_project(tmp_path)
    first = inputs(root)
    assert inputs(root) == first
    for path in [*root.rglob("*.md"), *root.rglob("*.yml")]:
        os.utime(path, (1_000_000_000, 1_000_000_000))  # a checkout or a copy: new times, same bytes
    assert inputs(root) == first

    seen = {first}

    def changed(what: str) -> None:
        now = inputs(root)
        assert now not in seen, what
        seen.add(now)

    text = root / DOSSIER_TEXT
    text.write_text(text.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    changed("a dossier file")
    (root / "dossiers" / "schuldhulpverlening" / "extra.png").write_bytes(b"\x89PNG")
    changed("a new file in a dossier")
    (root / "docs" / "over.md").write_text("# Over\n", encoding="utf-8")
    changed("a docs page")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as fd:
        fd.write("# een opmerking\n")
    changed("mkdocs.yml")
    (root / "thesaurus.yml").write_text("- [huur, woonlasten]\n", encoding="utf-8")
    changed("thesaurus.yml")
    monkeypatch.setenv("WATWERKT_TODAY", "2026-06-02")
    changed("today")
    assert inputs(root, without_versions=True) not in seen, "--zonder-versies"


def test_env_values_read_by_mkdocs_yml_count(tmp_path, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    monkeypatch.setenv("TEST_SITE_NAME", "Een")
    root = site_project(tmp_path)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("site_name: Test", "site_name: !ENV [TEST_SITE_NAME, Test]"),
                                     encoding="utf-8")
    first = inputs(root)
    monkeypatch.setenv("TEST_SITE_NAME", "Twee")
    assert inputs(root) != first


def test_the_git_head_counts_only_with_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    root = site_project(tmp_path)
    git(root, "init", "-q", "-b", "main", ".")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "een")
    with_versions, without = inputs(root), inputs(root, without_versions=True)
    git(root, "commit", "-q", "--allow-empty", "-m", "twee")  # history changed, working tree not
    assert inputs(root) != with_versions
    assert inputs(root, without_versions=True) == without


def test_a_change_in_the_package_counts(tmp_path, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    root = site_project(tmp_path)
    copy = tmp_path / "package" / "watwerkt"
    shutil.copytree(Path(watwerkt.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(watwerkt, "__file__", str(copy / "__init__.py"))
    fp._package_digest.cache_clear()
    try:
        first = inputs(root)
        (copy / "__pycache__").mkdir()
        (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
        assert inputs(root) == first, "compiled bytecode is not an input"
        fp._package_digest.cache_clear()
        with open(copy / "view" / "page.py", "a", encoding="utf-8") as fd:
            fd.write("# changed\n")
        assert inputs(root) != first
    finally:
        fp._package_digest.cache_clear()
