"""`watwerkt serve` on an unchanged project serves the published site without building it again
(issue 12, item 3): the plugin stores the hash of the build's inputs in the site's record
(api/publicatie.json), serve compares it with the project as it is now (site/fingerprint.py).

Checked: the hash follows content, not modification times, and changes with a dossier file, a
docs page, mkdocs.yml, an !ENV value, 'today', --zonder-versies, the git HEAD (with versions on)
and the package's own files; a second `watwerkt serve` (a real process) writes nothing and still
serves pages and search; every change named above makes serve build again; --opnieuw-bouwen
forces it; a site whose index serve builds itself (search_index: false) is skipped only while
that index is still the current one. Every cache is under tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

import watwerkt
from serve_support import serving, snapshot
from test_search_support import project
from watwerkt.cli import serving as serving_module
from watwerkt.cli.main import main
from watwerkt.cli.site_build import load_site_config
from watwerkt.model.publication import read_record
from watwerkt.site import fingerprint as fp

TODAY = "2026-06-01"
SKIPPED = "Niets veranderd sinds de vorige bouw"
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
    fp.package_digest.cache_clear()
    try:
        first = inputs(root)
        (copy / "__pycache__").mkdir()
        (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
        assert inputs(root) == first, "compiled bytecode is not an input"
        fp.package_digest.cache_clear()
        with open(copy / "view" / "page.py", "a", encoding="utf-8") as fd:
            fd.write("# changed\n")
        assert inputs(root) != first
    finally:
        fp.package_digest.cache_clear()


# -- watwerkt serve --------------------------------------------------------------------------------
def test_a_second_serve_on_an_unchanged_project_builds_nothing_and_serves(tmp_path, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)  # the server processes inherit it
    root = site_project(tmp_path)
    args = ["--mkdocs-config", str(root / "mkdocs.yml")]
    with serving(args, tmp_path / "first.log", ready="/") as running:
        assert httpx.get(running.base + "/").status_code == 200
    assert SKIPPED not in (tmp_path / "first.log").read_text(encoding="utf-8")
    record = read_record(root / "site")
    assert record["inputs"] == inputs(root) and record["search_index"]
    before = snapshot(root / "site")
    cache = snapshot(root / ".cache")

    with serving(args, tmp_path / "second.log", ready="/") as running:
        assert "Test" in httpx.get(running.base + "/").text
        r = httpx.get(running.base + "/api/search", params={"q": "schuldhulp"})
        assert r.status_code == 200 and r.json()["hits"][0]["slug"] == "schuldhulpverlening"
        health = httpx.get(running.base + "/api/health").json()
        assert health["index_version"] == record["search_index"] and health["dossiers"] == 4
        assert httpx.get(running.base + "/dossiers/schuldhulpverlening/").status_code == 200
    log = (tmp_path / "second.log").read_text(encoding="utf-8")
    assert SKIPPED in log, log
    assert snapshot(root / "site") == before, "the site was written again"
    assert snapshot(root / ".cache") == cache, "the index or a cache was written again"


@pytest.fixture
def serve_here(monkeypatch, capsys):
    """`watwerkt serve` in this process, up to the point where it would start uvicorn; returns
    (exit code, whether it built)."""
    started = []
    monkeypatch.setattr(serving_module, "run", started.append)

    def serve(root: Path, *more: str) -> tuple[int, bool]:
        capsys.readouterr()
        code = main(["serve", "--mkdocs-config", str(root / "mkdocs.yml"), *more])
        err = capsys.readouterr().err
        assert code != 0 or started, err
        return code, SKIPPED not in err

    return serve


def test_each_change_makes_serve_build_again(tmp_path, monkeypatch, serve_here):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    root = site_project(tmp_path)
    site = root / "site"
    assert serve_here(root) == (0, True)
    before = snapshot(site)
    assert serve_here(root) == (0, False)
    assert snapshot(site) == before

    def built_again(*more: str) -> None:
        nonlocal before
        assert serve_here(root, *more) == (0, True), more
        assert snapshot(site) != before
        assert read_record(site)["inputs"] == inputs(root, without_versions="--zonder-versies" in more)
        before = snapshot(site)

    text = root / DOSSIER_TEXT
    text.write_text(text.read_text(encoding="utf-8") + "\nEen zin die pas na de wijziging bestaat.\n", encoding="utf-8")
    built_again()
    assert "pas na de wijziging" in (site / "dossiers" / "schuldhulpverlening" / "index.html").read_text(encoding="utf-8")
    assert serve_here(root) == (0, False)
    monkeypatch.setenv("WATWERKT_TODAY", "2026-06-02")
    built_again()
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as fd:
        fd.write("# een opmerking\n")
    built_again()
    built_again("--opnieuw-bouwen")
    built_again("--zonder-versies")
    assert serve_here(root, "--zonder-versies") == (0, False)
    assert serve_here(root, "--no-build", "--opnieuw-bouwen")[0] == 2
    # The index the site names is gone: build again rather than serve a site without its index.
    shutil.rmtree(root / ".cache" / "search" / read_record(site)["search_index"])
    built_again("--zonder-versies")


def test_an_index_serve_builds_itself_is_checked_too(tmp_path, monkeypatch, serve_here):
    monkeypatch.setenv("WATWERKT_TODAY", TODAY)
    root = site_project(tmp_path, "      search_index: false\n")
    site, index_root = root / "site", root / ".cache" / "search"
    assert serve_here(root) == (0, True)
    assert read_record(site)["search_index"] is None and (index_root / "CURRENT").is_file()
    before = snapshot(site)
    assert serve_here(root) == (0, False)
    assert snapshot(site) == before
    # 'watwerkt index' made another version current: not the one built with this site.
    assert main(["--config", str(root / "mkdocs.yml"), "index", "--force"]) == 0
    assert serve_here(root) == (0, True)
    assert serve_here(root) == (0, False)
    # serve's own --today goes into that index's note
    assert serve_here(root, "--today", "2026-06-03") == (0, True)
    note = json.loads((index_root / "BUILT_FOR").read_text(encoding="utf-8"))
    assert note["version"] == (index_root / "CURRENT").read_text(encoding="utf-8").strip()
