"""Versions (issue 16): earlier versions of a dossier rebuilt from a real temporary git repository
into permanent pages, PDFs, citations and JSON, kept out of the navigation, the listings and both
search indexes. Expectations come from the loaded model of each commit, not from retyped values."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from pypdf import PdfReader

from conftest import FIXTURES, TODAY, build_site, edit, settings_with_options
from watwerkt.check import check
from watwerkt.cli import main as main_cli
from watwerkt.history import dossier_history
from watwerkt.model.settings import SettingsError
from watwerkt.search import search
from watwerkt.site.config import load_project
from watwerkt.view.text import dutch_date

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
SITE_URL = "https://kennisbank.example.org/wat-werkt/"
ONLY_IN_V1 = "Deze zin staat alleen in de eerste versie."
LATE_FIX = "Een correctie zonder eigen regel in de changelog."
UNSAFE = '<script>alert("oude versie")</script>'
NEW = "nieuw-voorbeeld"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def project(root: Path, options: str = "pdf: false\nsearch_index: false") -> Path:
    body = "".join(f"      {line}\n" for line in options.splitlines())
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(f"site_name: Test\nsite_url: {SITE_URL}\ntheme:\n  name: material\n  language: nl\n"
                      f"  font: false\nplugins:\n  - search\n  - watwerkt:\n      today: '{TODAY}'\n{body}",
                      encoding="utf-8")
    return config


def history_repo(root: Path) -> Path:
    """A repository with dossier 'voorbeeld' in four versions: an unsafe first one, one with a late
    fix after its changelog entry, one raising an evidence level, and the current one under a new slug."""
    shutil.copytree(FIXTURES / "valid" / "dossiers", root / "dossiers")
    project(root)
    (root / ".gitignore").write_text("site/\n*.cache/\n", encoding="utf-8")
    folder = root / "dossiers" / "voorbeeld"
    yml, definitie = folder / "dossier.yml", folder / "definitie.md"
    original = definitie.read_text(encoding="utf-8")
    git(root, "init", "-q", "-b", "main", ".")
    edit(yml, "  - date: 2025-06-01\n    summary: Eerste versie.\n", "  - date: 2025-05-01\n    summary: Opzet.\n")
    definitie.write_text(original + "\n" + UNSAFE + "\n", encoding="utf-8")
    commit(root, "unsafe first version")
    edit(yml, "  - date: 2025-05-01\n    summary: Opzet.\n",
         "  - date: 2025-06-01\n    summary: Eerste versie.\n  - date: 2025-05-01\n    summary: Opzet.\n")
    definitie.write_text(original + "\n" + ONLY_IN_V1 + "\n", encoding="utf-8")
    commit(root, "version 1")
    definitie.write_text(original + "\n" + ONLY_IN_V1 + " " + LATE_FIX + "\n", encoding="utf-8")
    commit(root, "a fix without a changelog entry")
    edit(yml, "    evidence: verondersteld\n", "    evidence: aannemelijk\n")
    edit(yml, "changelog:\n", "changelog:\n  - date: 2025-09-01\n    summary: Bewijs herzien.\n")
    definitie.write_text(original + "\n" + LATE_FIX + "\n", encoding="utf-8")
    commit(root, "version 2: evidence raised, a sentence removed")
    git(root, "mv", "dossiers/voorbeeld", f"dossiers/{NEW}")
    yml = root / "dossiers" / NEW / "dossier.yml"
    edit(yml, "status: published\n", "status: published\nformer_slugs: [voorbeeld]\n")
    edit(yml, "changelog:\n", "changelog:\n  - date: 2026-01-15\n    summary: Nieuwe naam.\n")
    edit(root / "dossiers" / "ander-dossier" / "definitie.md", "](../voorbeeld/)", f"](../{NEW}/)")
    commit(root, "version 3: renamed")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return history_repo(tmp_path_factory.mktemp("versions") / "kennisbank")


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    config = project(repo, "pdf: true\nsearch_index: true")
    return build_site(config, tmp_path_factory.mktemp("versions-site") / "site")


@pytest.fixture(scope="module")
def model(repo):
    """The current dossier and its earlier versions as the core loads them."""
    settings = load_project(repo / "mkdocs.yml")
    current = {d.slug: d for d in check([repo / "dossiers"], settings, TODAY).valid_dossiers()}[NEW]
    history = dossier_history([current], repo / "dossiers", settings, TODAY, repo.parent / "h.cache", 50)
    return current, history.versions[NEW], history


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(page: str) -> str:
    body = page[page.index("<article"):page.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(path).pages))


def jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_one_version_per_changelog_date_at_the_last_commit_before_the_next_entry(model):
    current, versions, history = model
    assert history.available
    assert [v.date.isoformat() for v in versions] == ["2025-09-01", "2025-06-01", "2025-05-01"]
    v2, v1, v0 = versions
    assert v1.rendered and LATE_FIX in v1.dossier.sections["definitie"].text  # the late fix belongs to v1
    assert ONLY_IN_V1 in v1.dossier.sections["definitie"].text
    assert ONLY_IN_V1 not in v2.dossier.sections["definitie"].text
    assert not v0.rendered and "WW801" in v0.note  # a safety rule: listed, never rendered
    assert v2.changes[0].startswith("Bewijsniveau van 'Duidelijke meldingen'")  # evidence first
    assert v1.dossier.slug == v2.dossier.slug == NEW  # kept under the new slug


def test_frozen_pages_banner_and_links(site, model):
    current, versions, _ = model
    v2, v1, v0 = versions
    base = f"dossiers/{NEW}/versies"
    page = html(site, f"{base}/{v1.date}/index.html")
    banner = (f"U leest een eerdere versie van {current.title} van {dutch_date(v1.date)}; "
              f"de actuele versie is van {dutch_date(current.version)}.")
    assert banner in text_of(page)
    assert 'href="../../">Lees de actuele versie</a>' in page
    assert ONLY_IN_V1 in page and LATE_FIX in page
    assert ONLY_IN_V1 not in html(site, f"{base}/{v2.date}/index.html")
    assert ONLY_IN_V1 not in html(site, f"dossiers/{NEW}/index.html")
    assert not (site / base / str(v0.date)).exists()
    assert not any("oude versie" in p.read_text(encoding="utf-8", errors="replace")
                   for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".js"))
    # A link to another dossier still reaches that dossier from three folders deeper.
    assert 'href="../../../ander-dossier/"' in page
    assert f'<link rel="canonical" href="{SITE_URL}{base}/{v1.date}/">' in page


def test_versions_list_with_changelog_and_what_changed(site, model):
    current, versions, _ = model
    listing = text_of(html(site, f"dossiers/{NEW}/versies/index.html"))
    dates = [dutch_date(current.version)] + [dutch_date(v.date) for v in versions]
    assert [listing.index(d) for d in dates] == sorted(listing.index(d) for d in dates)  # newest first
    assert "Bewijs herzien." in listing and "Nieuwe naam." in listing
    assert "Bewijsniveau van 'Duidelijke meldingen': Verondersteld → Aannemelijk." in listing
    assert versions[2].note in listing
    assert 'href="versies/"' in html(site, f"dossiers/{NEW}/index.html")


def test_each_version_has_its_own_citation_and_address(site, model):
    current, versions, _ = model
    v1 = versions[1]
    address = f"{SITE_URL}dossiers/{NEW}/versies/{v1.date}/"
    ris = (site / f"dossiers/{NEW}/versies/{v1.date}/citeer.ris").read_bytes().decode("utf-8")
    assert f"UR  - {address}\r\n" in ris and f"DA  - {v1.date:%Y/%m/%d}\r\n" in ris
    assert f"ET  - Versie {dutch_date(v1.date)}" in ris
    bib = (site / f"dossiers/{NEW}/versies/{v1.date}/citeer.bib").read_text(encoding="utf-8")
    assert bib.startswith(f"@misc{{watwerkt-{NEW}-{v1.date}") and f"url = {{{address}}}" in bib
    page = html(site, f"dossiers/{NEW}/versies/{v1.date}/index.html")
    assert f"(versie {dutch_date(v1.date)})" in text_of(page) and address in text_of(page)
    # The current page offers "deze versie" with its permanent link, which leads there until replaced.
    now = f"{SITE_URL}dossiers/{NEW}/versies/{current.version}/"
    assert "Deze versie, met een vaste link" in text_of(html(site, f"dossiers/{NEW}/index.html"))
    assert now in text_of(html(site, f"dossiers/{NEW}/index.html"))
    assert 'url=../../"' in html(site, f"dossiers/{NEW}/versies/{current.version}/index.html")
    # The old slug's version addresses redirect to the new ones.
    moved = html(site, f"dossiers/voorbeeld/versies/{v1.date}/index.html")
    assert f"../../../../dossiers/{NEW}/versies/{v1.date}/" in moved


def test_pdf_per_version(site, model):
    current, versions, _ = model
    v2, v1, _ = versions
    first = pdf_text(site / f"pdf/versies/{NEW}-{v1.date}.pdf")
    assert ONLY_IN_V1 in first and "Eerdere versie" in first
    assert ONLY_IN_V1 not in pdf_text(site / f"pdf/versies/{NEW}-{v2.date}.pdf")
    assert ONLY_IN_V1 not in pdf_text(site / f"pdf/{NEW}.pdf")
    assert ONLY_IN_V1 not in pdf_text(site / "pdf/wat-werkt-collectie.pdf")


def test_json_and_json_ld_name_the_versions(site, model):
    current, versions, _ = model
    doc = json.loads((site / f"api/dossiers/{NEW}.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in doc["versions"]] == [current.version.isoformat()] + [v.date.isoformat() for v in versions]
    assert [v["shown"] for v in doc["versions"]] == [True, True, True, False]
    v1 = versions[1]
    old = json.loads((site / f"api/dossiers/{NEW}/versies/{v1.date}.json").read_text(encoding="utf-8"))
    assert old["version"] == v1.date.isoformat() and old["url"].endswith(f"/versies/{v1.date}/")
    assert old["version_of"] == f"{SITE_URL}dossiers/{NEW}/"
    index = json.loads((site / "api/dossiers.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in index["dossiers"]] == ["ander-dossier", NEW]  # versions are no dossiers
    assert len(index["dossiers"][1]["versions"]) == 4
    ld_now = jsonld(html(site, f"dossiers/{NEW}/index.html"))
    assert {w["version"] for w in ld_now["workExample"]} == {current.version.isoformat(), "2025-09-01", "2025-06-01"}
    ld_v2 = jsonld(html(site, f"dossiers/{NEW}/versies/2025-09-01/index.html"))
    assert ld_v2["version"] == "2025-09-01" and ld_v2["@id"].endswith("/versies/2025-09-01/")
    assert ld_v2["exampleOfWork"]["@id"] == f"{SITE_URL}dossiers/{NEW}/"
    assert ld_v2["isBasedOn"]["@id"].endswith("/versies/2025-06-01/")


def test_old_versions_are_not_current(site, repo):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "versies" in d["location"]]
    assert sum(1 for d in index["docs"] if d["location"] == f"dossiers/{NEW}/") == 1
    result = search(site.with_name("site.cache") / "search", "testen van dossiers")
    assert [h.slug for h in result.hits].count(NEW) == 1
    for page in ("index.html", "dossiers/index.html", "bewijs/index.html", f"dossiers/{NEW}/index.html"):
        text = html(site, page)
        nav = text[text.index("md-nav--primary"):text.index("md-sidebar--secondary")]
        assert "versies" not in nav, page
    for page in ("dossiers/index.html", "bewijs/index.html", "werkzame-elementen/index.html", "recent/index.html"):
        assert "versies" not in text_of(html(site, page)), page
    sitemap = html(site, "sitemap.xml")
    assert f"{SITE_URL}dossiers/{NEW}/</loc>" in sitemap and "/versies/" not in sitemap


def test_without_history_the_build_works_and_says_so_once(tmp_path, caplog):
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers")
    config = project(tmp_path)
    with caplog.at_level(logging.INFO):
        site = build_site(config, tmp_path / "site")
    said = [r.getMessage() for r in caplog.records if "Geen eerdere versies" in r.getMessage()]
    assert len(said) == 1 and "git-repository" in said[0]
    assert (site / "dossiers" / "voorbeeld" / "index.html").exists()
    assert not (site / "dossiers" / "voorbeeld" / "versies").exists()


def test_a_shallow_clone_stops_and_zonder_versies_is_explicit(repo, tmp_path, caplog, capsys, monkeypatch):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    config = project(clone)
    with caplog.at_level(logging.INFO), pytest.raises(Abort):  # an error, not a warning --strict stops on
        build_site(config, tmp_path / "site")
    said = [r for r in caplog.records if "ondiepe kopie" in r.getMessage()]
    assert said and said[0].levelno == logging.ERROR, caplog.text
    assert "fetch-depth: 0" in said[0].getMessage() and "--zonder-versies" in said[0].getMessage()
    assert not (tmp_path / "site").exists()
    # The CLI's explicit way out: current versions only.
    monkeypatch.chdir(clone)
    assert main_cli(["build", "--zonder-versies"]) == 0
    assert "zonder eerdere versies" in capsys.readouterr().out
    site = clone / "site"
    assert (site / "dossiers" / NEW / "index.html").exists() and not (site / "dossiers" / NEW / "versies").exists()
    # The same in mkdocs.yml.
    site = build_site(project(clone, "pdf: false\nsearch_index: false\nversions: false"), tmp_path / "site2")
    assert (site / "dossiers" / NEW / "index.html").exists() and not (site / "dossiers" / NEW / "versies").exists()


def test_watwerkt_build_in_a_full_clone_builds_the_versions(repo, tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(work))
    project(work)
    monkeypatch.chdir(work)
    assert main_cli(["build", "--strict"]) == 0
    assert "Site gebouwd in" in capsys.readouterr().out
    assert (work / "site" / "dossiers" / NEW / "versies" / "index.html").is_file()


def test_max_versions_keeps_the_newest(repo, tmp_path):
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(work))
    site = build_site(project(work, "pdf: false\nsearch_index: false\nmax_versions: 1"), tmp_path / "site")
    folders = sorted(p.name for p in (site / "dossiers" / NEW / "versies").iterdir() if p.is_dir())
    assert folders == ["2025-09-01", "2026-01-15"]  # the newest earlier one, and the current's address
    assert "2 oudere versie(s) staan niet in deze lijst" in html(site, f"dossiers/{NEW}/versies/index.html")


@pytest.mark.parametrize("options, fragment", [("max_versions: 0", "max_versions"),
                                               ("versions: ja", "versions")])
def test_version_options_are_checked_in_dutch(tmp_path, options, fragment):
    with pytest.raises(SettingsError, match=rf"{fragment}: verwacht"):
        settings_with_options(tmp_path, options)


ONLY_IN_LAST = "Deze zin staat alleen in de laatste versie van het ingetrokken dossier."
GONE = "ander-dossier"


@pytest.fixture(scope="module")
def withdrawn_site(repo, tmp_path_factory):
    """A clone of the history repository in which the other dossier gets a second version and is
    then removed from dossiers/ (and the link to it from the remaining dossier)."""
    root = tmp_path_factory.mktemp("withdrawn")
    work = root / "work"
    git(root, "clone", "-q", f"file://{repo}", str(work))
    folder = work / "dossiers" / GONE
    edit(folder / "dossier.yml", "changelog:\n", "changelog:\n  - date: 2025-08-01\n    summary: Aangevuld.\n")
    (folder / "definitie.md").write_text((folder / "definitie.md").read_text(encoding="utf-8")
                                         + "\n" + ONLY_IN_LAST + "\n", encoding="utf-8")
    commit(work, "second version of the other dossier")
    settings = load_project(work / "mkdocs.yml")
    last = {d.slug: d for d in check([work / "dossiers"], settings, TODAY).valid_dossiers()}[GONE]
    edit(work / "dossiers" / NEW / "definitie.md", f"[het andere dossier](../{GONE}/)", "het andere dossier")
    shutil.rmtree(folder)
    commit(work, "withdraw the other dossier")
    removed = dt.date.fromisoformat(git(work, "log", "-1", "--format=%cs").strip())
    site = build_site(project(work, "pdf: true\nsearch_index: true"), root / "site")
    return site, last, removed


def test_a_removed_dossier_keeps_its_versions_behind_an_ingetrokken_page(withdrawn_site):
    site, last, removed = withdrawn_site
    dates = sorted({c.date for c in last.changelog}, reverse=True)
    assert len(dates) == 2
    page = html(site, f"dossiers/{GONE}/index.html")
    said = text_of(page)
    assert f"{last.title} (ingetrokken)" in said
    assert f"Dit dossier is op {dutch_date(removed)} ingetrokken" in said
    for date in dates:  # each version listed, with its own page and PDF
        assert f'href="versies/{date}/">Lees deze versie</a>' in page
        assert f'href="../../pdf/versies/{GONE}-{date}.pdf"' in page
        assert (site / "pdf" / "versies" / f"{GONE}-{date}.pdf").is_file()
        version = html(site, f"dossiers/{GONE}/versies/{date}/index.html")
        assert (f"U leest de versie van {dutch_date(date)} van {last.title}. Dit dossier is op "
                f"{dutch_date(removed)} ingetrokken") in text_of(version)
        assert 'href="../../">Alle versies</a>' in version
        assert f'<link rel="canonical" href="{SITE_URL}dossiers/{GONE}/versies/{date}/">' in version
        assert (ONLY_IN_LAST in version) == (date == dates[0])
    pdf = pdf_text(site / "pdf" / "versies" / f"{GONE}-{dates[0]}.pdf")
    assert "ingetrokken" in pdf and ONLY_IN_LAST in pdf
    assert (site / "dossiers" / GONE / "versies" / "index.html").is_file()  # an address cited before


def test_a_removed_dossier_is_not_current(withdrawn_site):
    site, last, _ = withdrawn_site
    listing = json.loads((site / "api" / "dossiers.json").read_text(encoding="utf-8"))
    assert GONE not in {e["slug"] for e in listing["dossiers"]}
    assert not (site / "api" / "dossiers" / f"{GONE}.json").exists()
    assert search(site.with_name("site.cache") / "search", last.title).hits[0].slug != GONE
    assert GONE not in {h.slug for h in search(site.with_name("site.cache") / "search", "").hits}
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if GONE in d["location"]]
    for name in ("index.html", "dossiers/index.html", "bewijs/index.html", "recent/index.html"):
        assert f"{GONE}/" not in html(site, name), name


def test_a_second_build_reuses_version_pages_until_the_site_changes(repo, tmp_path):
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(work))
    cache = tmp_path / "cache"
    config = project(work)
    first = build_site(config, tmp_path / "s1", cache)
    pages = sorted(p.relative_to(first).as_posix() for p in first.glob("dossiers/*/versies/**/index.html")
                   if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))  # redirects are no pages
    stored = sorted((cache / "versiepaginas").rglob("*.html"))
    assert any("/versies/2" in rel for rel in pages) and len(stored) == len(pages)
    second = build_site(config, tmp_path / "s2", cache)
    for rel in pages:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    assert (first / "sitemap.xml").read_bytes() == (second / "sitemap.xml").read_bytes()
    # Reused, not rendered again: a marker put into every stored page shows up in the next build.
    for path in stored:
        path.write_text(path.read_text(encoding="utf-8").replace("</body>", "<!-- uit de cache --></body>"),
                        encoding="utf-8")
    third = build_site(config, tmp_path / "s3", cache)
    assert all("<!-- uit de cache -->" in (third / rel).read_text(encoding="utf-8") for rel in pages)
    # Another site name changes every page's header: nothing stored is used.
    edit(config, "site_name: Test\n", "site_name: Andere naam\n")
    fourth = build_site(config, tmp_path / "s4", cache)
    for rel in pages:
        text = (fourth / rel).read_text(encoding="utf-8")
        assert "<!-- uit de cache -->" not in text and "Andere naam" in text, rel


def test_the_renamed_dossier_withdrawn_afterwards_keeps_every_version(repo, tmp_path):
    """The issue's full history: three versions (one raising an evidence level), a rename, then
    the removal. Every published version stays at its address under the new slug, the old slug's
    addresses still redirect, and the last version says the dossier is withdrawn."""
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(work))
    settings = load_project(work / "mkdocs.yml")
    last = {d.slug: d for d in check([work / "dossiers"], settings, TODAY).valid_dossiers()}[NEW]
    edit(work / "dossiers" / "ander-dossier" / "definitie.md", f"](../{NEW}/)", "](https://example.org/)")
    shutil.rmtree(work / "dossiers" / NEW)
    commit(work, "withdraw the renamed dossier")
    site = build_site(project(work), tmp_path / "site")
    history = dossier_history([], work / "dossiers", settings, TODAY, tmp_path / "h.cache", 50)
    withdrawn = history.withdrawn[NEW]
    dates = [v.date for v in withdrawn.versions if v.rendered]
    assert last.version in dates and len(dates) >= 3  # v1, v2 and the renamed v3 (the unsafe one is listed only)
    assert "ingetrokken" in text_of(html(site, f"dossiers/{NEW}/index.html"))
    assert f'url=../{NEW}/' in html(site, "dossiers/voorbeeld/index.html")  # the name before the rename
    for date in dates:
        assert "ingetrokken" in text_of(html(site, f"dossiers/{NEW}/versies/{date}/index.html"))
        old = html(site, f"dossiers/voorbeeld/versies/{date}/index.html")
        assert 'http-equiv="refresh"' in old and f"dossiers/{NEW}/versies/{date}/" in old
    assert ONLY_IN_V1 in html(site, f"dossiers/{NEW}/versies/{dates[-1]}/index.html")
    assert ONLY_IN_V1 not in html(site, f"dossiers/{NEW}/versies/{last.version}/index.html")
