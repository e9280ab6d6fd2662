"""The plugin as a thin adapter, built for real: what it adds survives a project's own templates,
every publishing command publishes the full site, a build script needs no main guard, and the
evidence colours and the editors' scale table follow the project's own scale."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import FIXTURES, ROOT, build_site, edit
from watwerkt.model.settings import Level
from watwerkt.site.config import load_project
from watwerkt.site.plugin import EVIDENCE_TABLE_MARKER, JSONLD_MARKER, SCALE_CSS
from watwerkt.view.scales import AA_TEXT, contrast, scale_colours

PLUGINS = ROOT / "plugins"


def project(tmp_path: Path, options: str = "", head: str = "", plugins: str = "") -> Path:
    """A throw-away project with the valid fixture dossiers; `head` goes at the top level of
    mkdocs.yml, `plugins` before watwerkt, `options` under watwerkt."""
    import shutil

    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers", symlinks=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    body = "".join("      " + line + "\n" for line in options.splitlines())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\n" + head
        + "theme:\n  name: material\n  language: nl\n  font: false\n  custom_dir: eigen\n"
        + "plugins:\n" + plugins + "  - watwerkt:\n      today: '2026-06-01'\n" + body,
        encoding="utf-8")
    (tmp_path / "eigen").mkdir()
    return tmp_path / "mkdocs.yml"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGINS), str(ROOT / "tests")]),
            "NO_MKDOCS_2_WARNING": "1"}


# -- a project's own templates --------------------------------------------------------------
def test_project_main_html_overriding_extrahead_keeps_json_ld_and_feed(tmp_path, caplog):
    config = project(tmp_path, "pdf: false\nsearch_index: false")
    (tmp_path / "eigen" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="eigen-kop" content="ja">{% endblock %}\n',
        encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        site = build_site(config, tmp_path / "site")  # strict: the plugin's warning would abort
    page = (site / "dossiers" / "voorbeeld" / "index.html").read_text(encoding="utf-8")
    head = page[:page.index("</head>")]
    assert '<meta name="eigen-kop" content="ja">' in head  # the project's override is used
    assert head.count(JSONLD_MARKER) == 1
    assert 'type="application/atom+xml"' in head and 'href="../../feed.xml"' in head
    assert "Het thema van dit project" not in caplog.text


def test_project_override_that_hides_the_head_additions_is_reported(tmp_path, caplog):
    config = project(tmp_path, "pdf: false\nsearch_index: false")
    (tmp_path / "eigen" / "base.html").write_text(
        '{% extends "material-theme/base.html" %}\n{% block site_meta %}<meta charset="utf-8">{% endblock %}\n',
        encoding="utf-8")
    with pytest.raises(Abort):  # --strict turns the warning into a failed build
        build_site(config, tmp_path / "site")
    assert "Het thema van dit project laat weg wat watwerkt in de <head> zet: " in caplog.text
    assert "de JSON-LD van de dossiers (bijvoorbeeld op dossiers/" in caplog.text
    assert "de link naar de feed (bijvoorbeeld op " in caplog.text
    assert caplog.text.count("Het thema van dit project") == 1  # once per build, not per page


# -- every command except live preview publishes the full site -------------------------------
def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_gh_deploy_to_a_bare_remote_publishes_pdfs_and_static_search(tmp_path):
    work, remote = tmp_path / "kennisbank", tmp_path / "remote.git"
    work.mkdir()
    _git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    config = project(work, "cache_dir: ../cache", head="remote_name: publiek\nremote_branch: site\n",
                     plugins="  - search\n")
    _git("init", "-q", cwd=work)
    _git("remote", "add", "publiek", str(remote), cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-qm", "kennisbank", cwd=work)
    env = {**_env(), "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--config-file", str(config)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    published = _git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "site", cwd=tmp_path).split()
    public = {d.slug for d in _public_fixture_dossiers(config)}
    assert sorted(p for p in published if p.startswith("pdf/")) == sorted(
        [f"pdf/{slug}.pdf" for slug in public] + ["pdf/wat-werkt-collectie.pdf"])
    assert "search/search_index.json" in published
    checkout = tmp_path / "uitgecheckt"
    _git("clone", "-q", "--branch", "site", str(remote), str(checkout), cwd=tmp_path)
    for slug in public:
        assert (checkout / "pdf" / f"{slug}.pdf").read_bytes().startswith(b"%PDF-")
    assert '"docs"' in (checkout / "search" / "search_index.json").read_text(encoding="utf-8")


def _public_fixture_dossiers(config: Path):
    from watwerkt.check import check
    from conftest import TODAY

    result = check([config.parent / "dossiers"], load_project(config), TODAY)
    public = [d for d in result.valid_dossiers() if d.public]
    assert public, "the fixture has no public dossier"
    return public


# -- the search index is built in a child process --------------------------------------------
def test_build_script_without_main_guard_builds_the_index(tmp_path):
    config = project(tmp_path, "pdf: false")
    script = tmp_path / "bouw.py"
    # The script puts the package on its own path (no PYTHONPATH): the child must find it too.
    script.write_text(
        f"import sys\nsys.path[:0] = [{str(PLUGINS)!r}, {str(ROOT / 'tests')!r}]\n"
        "from pathlib import Path\nfrom conftest import build_site\n"
        f"build_site(Path({str(config)!r}), Path({str(tmp_path / 'site')!r}), cache_dir=Path({str(tmp_path / 'cache')!r}))\n"
        "print('klaar')\n", encoding="utf-8")
    env = {k: v for k, v in _env().items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("klaar") == 1  # the script ran once: nothing re-imported it
    current = (tmp_path / "cache" / "search" / "CURRENT").read_text(encoding="utf-8").strip()
    assert (tmp_path / "cache" / "search" / current).is_dir()
    assert (tmp_path / "site" / "dossiers" / "voorbeeld" / "index.html").is_file()


def test_index_failure_is_a_dutch_plugin_error(tmp_path, caplog):
    config = project(tmp_path, "pdf: false")
    cache = tmp_path / "cache"
    cache.mkdir()
    blocker = cache / "search"
    blocker.write_text("een bestand waar de cache een map verwacht\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):  # MkDocs reports a PluginError and aborts
        build_site(config, tmp_path / "site", cache_dir=cache)
    assert "De zoekindex kon niet worden gebouwd; de site is niet bijgewerkt: " in caplog.text
    assert str(blocker) in caplog.text  # the cause, with the path
    assert "Traceback" not in caplog.text
    assert not (tmp_path / "site").exists()  # nothing published


def test_unwritable_source_tree_is_a_dutch_plugin_error(tmp_path, caplog):
    config = project(tmp_path, "pdf: false")
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand waar de cache een map verwacht\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site", cache_dir=blocker)
    assert "De gegenereerde bron van de site kon niet worden geschreven in " + str(blocker / "bron") in caplog.text
    assert "Traceback" not in caplog.text
    assert not (tmp_path / "site").exists()


def test_index_worker_does_not_outlive_its_parent(tmp_path):
    """The worker watches its stdin; when the parent's end closes (the parent died), it stops even
    while it is busy. Here it is stuck opening a FIFO nobody writes to."""
    fifo = tmp_path / "invoer"
    os.mkfifo(fifo)
    child = subprocess.Popen([sys.executable, "-m", "watwerkt.search.worker", str(fifo), str(tmp_path / "uit.json")],
                             stdin=subprocess.PIPE, env=_env())
    time.sleep(1.0)
    assert child.poll() is None, "the worker should still be waiting for its input"
    child.stdin.close()  # what the kernel does when the parent dies
    try:
        assert child.wait(timeout=20) != 0
    finally:
        if child.poll() is None:
            child.kill()


# -- the evidence scale: colours and the editors' table from the settings ---------------------
THREE = """evidence_scale:
  - {id: zwak, label: Zwak bewijs, description: Alleen ervaring.}
  - {id: redelijk, label: Redelijk bewijs, description: Enig onderzoek.}
  - {id: sterk, label: Sterk bewijs, description: Gecontroleerd onderzoek.}"""


@pytest.mark.parametrize("count", range(1, 9))
def test_generated_colours_reach_aa_in_both_schemes(count):
    levels = [Level(f"niveau-{i}", f"Niveau {i}") for i in range(count)]
    pairs = scale_colours(levels)
    assert [lvl for lvl, _, _ in pairs] == levels
    for _, light, dark in pairs:
        assert contrast(light.background, light.text) >= AA_TEXT
        assert contrast(dark.background, dark.text) >= AA_TEXT
    assert len({light.background for _, light, _ in pairs}) == count  # each level its own colour


def test_custom_three_level_scale_colours_badges_and_fills_the_guide(tmp_path):
    config = project(tmp_path, "pdf: false\nsearch_index: false\n" + THREE)
    edit(tmp_path / "dossiers" / "voorbeeld" / "dossier.yml", "evidence: verondersteld", "evidence: zwak")
    edit(tmp_path / "dossiers" / "ander-dossier" / "dossier.yml", "evidence: aanwijzingen", "evidence: sterk")
    (tmp_path / "docs" / "gids.md").write_text(f"# Gids\n\n{EVIDENCE_TABLE_MARKER}\n", encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    settings = load_project(config)
    css = (site / SCALE_CSS).read_text(encoding="utf-8")
    light = re.findall(r"^\.ww-badge--([a-z0-9-]+), \.ww-cell--\1 "
                       r"\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}$", css, re.M)
    rules = {level: (background, text) for level, background, text in light}
    assert list(rules) == settings.evidence_ids == ["zwak", "redelijk", "sterk"]
    for background, text in rules.values():
        assert contrast(background, text) >= AA_TEXT
    dark = re.findall(r'^\[data-md-color-scheme="slate"\] :is\(\.ww-badge--([a-z0-9-]+), \.ww-cell--\1\) '
                      r"\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}$", css, re.M)
    assert [d[0] for d in dark] == settings.evidence_ids
    assert all(contrast(b, t) >= AA_TEXT for _, b, t in dark)
    page = (site / "dossiers" / "voorbeeld" / "index.html").read_text(encoding="utf-8")
    assert 'class="ww-badge ww-badge--zwak"' in page and "Bewijsniveau: Zwak bewijs" in page
    assert SCALE_CSS.split("/", 1)[1] in page  # the generated stylesheet is linked
    guide = (site / "gids" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><code>([a-z0-9-]+)</code></td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", guide)
    assert rows == [(lvl.id, lvl.label, lvl.description) for lvl in settings.evidence_scale]
    assert EVIDENCE_TABLE_MARKER not in guide
