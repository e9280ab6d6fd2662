"""The header search and the search page in real Chromium: with no search service (the site served
by `python -m http.server` under a sub-path) they answer from the static bundle, also for a compound
part that occurs only inside longer words; with the service, they use the service.

The word comes from the bundle's own records (static_search.probe_words), never retyped from a
sample. Playwright runs in a worker thread (tests/browser/ keeps a sync session open).
"""

from __future__ import annotations

import re
import shutil
import sys
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import ROOT, TODAY, build_site, sample_dossiers
from test_search_browser import in_browser
from test_search_support import running, write_one_word_or_both
from watwerkt.model.settings import load_settings
from watwerkt.search.server import create_app
from watwerkt.static_search.bundle import records_for
from watwerkt.static_search.probe_words import inner_parts

pytest.importorskip("pagefind")
sys.path.insert(0, str(ROOT / "scripts"))
from static_eval import served  # noqa: E402


def build_static(root):
    """Build the project at root (its dossiers/ already there) with the static index; the site
    lands next to root."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Wat werkt\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://voorbeeld.nl/kennisbank/\ntheme:\n  name: material\n  language: nl\n"
        "  font: false\nplugins:\n  - watwerkt:\n"
        f"      today: '{TODAY.isoformat()}'\n      pdf: false\n      versions: false\n      search_index: true\n",
        encoding="utf-8")
    out = build_site(root / "mkdocs.yml", root.parent / "site", cache_dir=root.parent / "cache")
    return out, root.parent / "cache" / "search"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("statisch") / "project"
    shutil.copytree(ROOT / "dossiers", root / "dossiers")
    return build_static(root)


@pytest.fixture(scope="module")
def probe():
    """(a compound part found only inside longer words, titles of the dossiers holding it)."""
    samples = sample_dossiers()
    records = records_for(samples, load_settings(None))
    part, _ = inner_parts(records)[0]
    slugs = {r.url.strip("/").split("/")[1] for r in records if part in r.parts}
    return part, {d.title for d in samples if d.slug in slugs}


def test_without_the_service_header_and_search_page_use_the_static_index(site, probe):
    built, _ = site
    part, titles = probe
    first = sorted(p.name for p in (built / "dossiers").iterdir() if (p / "index.html").is_file())[0]
    requests: list[str] = []

    def scenario(page):
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + f"dossiers/{first}/")
        page.locator("#ww-kop-q").fill(part)
        hits = page.locator(".ww-kop-treffer .ww-kop-titel")
        expect(hits.first).to_be_visible()
        expect(page.locator("#ww-kopzoeken")).to_have_attribute("data-zoekmachine", "statisch")
        expect(page.locator("#ww-kop-status")).to_contain_text("gevonden voor \u2018" + part + "\u2019")
        shown = set(hits.all_inner_texts())
        assert shown and shown <= titles, (part, shown, titles)
        # Links stay under the sub-path.
        assert all(h.startswith(base) for h in page.locator(".ww-kop-treffer a").evaluate_all(
            "links => links.map(a => a.href)"))
        # "Alle resultaten" opens the search page, which searches the static index too.
        page.locator("#ww-kop-meer").click()
        expect(page).to_have_url(re.compile(r"/kennisbank/zoeken/\?zoek="))
        results = page.locator("#ww-resultaten li h2")
        expect(results.first).to_be_visible()
        expect(page.locator("#ww-status")).to_contain_text("gevonden voor \u2018" + part + "\u2019")
        assert set(results.all_inner_texts()) <= titles
        expect(page.locator("#ww-terugval")).to_be_hidden()
        # Escape closes the header's results.
        page.locator("#ww-kop-q").fill(part)
        expect(page.locator("#ww-kop-resultaten")).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator("#ww-kop-resultaten")).to_be_hidden()
        # Decided once per page load: a second and third search on this page ask nothing again.
        before = len([u for u in requests if u.endswith("/api/health")])
        page.locator("#ww-kop-q").fill(part + " " + part)
        expect(page.locator("#ww-kop-status")).to_contain_text(part + " " + part)
        page.locator("#ww-kop-q").fill(part)
        expect(page.locator("#ww-kop-status")).to_contain_text("\u2018" + part + "\u2019")
        assert len([u for u in requests if u.endswith("/api/health")]) == before
        probes.append(before)

    probes: list[int] = []
    with served(built) as base:
        in_browser(scenario)
    assert probes == [2], probes  # one per page load: the dossier page and the search page
    assert any("/kennisbank/pagefind/" in u for u in requests)
    assert not any(u.endswith("search_index.json") for u in requests)


def test_with_the_service_the_service_answers(site, probe):
    built, index = site
    part, titles = probe
    requests: list[str] = []

    def scenario(page):
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "/")
        page.locator("#ww-kop-q").fill(part)
        expect(page.locator(".ww-kop-treffer").first).to_be_visible()
        expect(page.locator("#ww-kopzoeken")).to_have_attribute("data-zoekmachine", "dienst")
        page.goto(base + "/zoeken/?zoek=" + quote(part))
        expect(page.locator("#ww-resultaten li").first).to_be_visible()
        expect(page.locator("#ww-resultaten mark").first).to_be_visible()  # the service's snippets

    with running(create_app(built, index)) as base:
        in_browser(scenario)
    assert any("/api/search" in u for u in requests)
    assert not any("/pagefind/" in u for u in requests), "the bundle is only loaded without the service"


def test_a_dossier_about_one_word_can_outrank_one_that_only_mentions_both(tmp_path):
    # As in the service (test_search_engine): summed score times the squared share of the words.
    root = tmp_path / "project"
    query, about, mentions = write_one_word_or_both(root / "dossiers")
    built, _ = build_static(root)
    found = []

    def scenario(page):
        page.goto(base)
        found.append(page.evaluate(
            "q => window.watwerktZoeken.search(q, {pageSize: 10})"
            ".then(r => [r.engine, r.hits.map(h => h.url)])", query))

    with served(built) as base:
        in_browser(scenario)
    engine, urls = found[0]
    slugs = [u.rstrip("/").rsplit("/", 1)[-1] for u in urls]
    assert engine == "statisch"
    assert slugs[:2] == [about, mentions], slugs
    assert len(slugs) == 5  # the three that hold only the other word follow
