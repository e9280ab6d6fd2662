"""The search page (added by the plugin, site/pages/zoeken.md) in real Chromium via Playwright, on a real built site served
by the same Starlette app as `watwerkt serve`, and with the API down (statically hosted site).

Playwright runs in a worker thread: its sync API refuses to start inside another sync session
(tests/browser/ keeps one open for the whole run).
"""

from __future__ import annotations

import re
import shutil
import threading
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from playwright.sync_api import expect
from mkdocs.config import load_config
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from test_search_support import project, running
from watwerkt.search import search
from watwerkt.search.server import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT = 20_000  # ms; generous for a shared 2-core machine, not a timing assertion
expect.set_options(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("browser"))
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Test\n\nZoek op de [zoekpagina](zoeken.md).\n", encoding="utf-8")
    # The search page, its script and stylesheet come from the plugin (option search_page).
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - search:\n      lang: nl\n  - watwerkt:\n      today: '2026-06-01'\n      pdf: false\n"
        "      cache_dir: idx-cache\n", encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    # The service answers from the index the build published with the site (it follows the
    # site's own record, api/publicatie.json), as `watwerkt serve` does.
    (root / "idx").symlink_to(root / "idx-cache" / "search")
    return root


def in_browser(scenario):
    """Run scenario(page) in Chromium in a fresh thread; re-raise what it raised."""
    failure = []

    def work():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.set_default_timeout(TIMEOUT)
                    scenario(page)
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failure.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _facet(page, name: str, value: str):
    return page.locator(f'#ww-filters input[name="{name}"][value="{value}"]')


def _label(page, name: str, value: str):
    box = _facet(page, name, value)
    return page.locator(f'label[for="{box.get_attribute("id")}"]')


def _found(total: int, q: str) -> str:
    """The status line for `total` results, as the search page says it."""
    return f"{total} dossier{'' if total == 1 else 's'} gevonden voor \u2018{q}\u2019."


def test_search_page_with_the_api(built):
    requests = []
    # What the engine finds for the typo and the unknown word (expectations come from the engine).
    typo, right, unknown = (search(built / "idx", q).total for q in ("eenzaamhied", "eenzaamheid", "eenzaamheid xqzvwk"))
    assert typo == right == unknown >= 1

    def scenario(page):
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "/zoeken/")
        status = page.locator("#ww-status")
        results = page.locator("#ww-resultaten li")
        # Browsing without a query: every dossier, with facets.
        expect(results).to_have_count(4)
        expect(status).to_contain_text("4 dossiers gevonden")
        expect(page.locator("label[for=ww-q]")).to_have_text("Zoekwoorden")

        # Type a query (keyboard only) and submit with Enter.
        page.locator("#ww-q").focus()
        page.keyboard.type("ouderen")
        page.keyboard.press("Enter")
        expect(status).to_contain_text("voor \u2018ouderen\u2019")
        expect(page.locator("#ww-resultaten li h2")).to_have_count(2)
        titles = page.locator("#ww-resultaten li h2").all_inner_texts()
        assert set(titles) == {"Wat werkt bij eenzaamheid onder ouderen", "Wat werkt bij wonen voor alleenstaande ouderen"}
        expect(page.locator("#ww-resultaten mark").first).to_be_visible()
        expect(status).to_have_attribute("aria-live", "polite")
        expect(_label(page, "theme", "welzijn")).to_contain_text("(2)")
        expect(_label(page, "theme", "wonen")).to_contain_text("(1)")
        expect(_label(page, "theme", "schulden")).to_contain_text("(0)")
        expect(page).to_have_url(re.compile(r"zoek=ouderen"))
        assert "page=" not in page.url

        # Tick a facet with the keyboard: the results narrow, focus stays on the checkbox.
        _facet(page, "theme", "wonen").focus()
        page.keyboard.press("Space")
        expect(status).to_contain_text(re.compile(r"^1 dossier gevonden"))
        expect(page.locator("#ww-resultaten li h2")).to_have_text(["Wat werkt bij wonen voor alleenstaande ouderen"])
        expect(_facet(page, "theme", "wonen")).to_be_checked()
        expect(_facet(page, "theme", "wonen")).to_be_focused()
        expect(page).to_have_url(re.compile(r"theme=wonen"))

        # A result link leads to the dossier page on the site.
        page.locator("#ww-resultaten a").first.click()
        expect(page).to_have_url(re.compile(r"/dossiers/wonen-alleenstaande-ouderen/$"))

        # A typo gets "Bedoelde u ...?", and following it searches again.
        page.goto(base + "/zoeken/?zoek=eenzaamhied")
        suggestion = page.locator("#ww-suggestie")
        expect(suggestion).to_be_visible()
        expect(suggestion).to_have_text("Bedoelde u eenzaamheid?")
        expect(status).to_have_text(_found(typo, "eenzaamhied"))  # said once, below
        expect(page.get_by_text("Bedoelde u")).to_have_count(1)
        page.locator("#ww-suggestie a").click()
        expect(page.locator("#ww-q")).to_have_value("eenzaamheid")
        expect(status).to_have_text(_found(right, "eenzaamheid"))
        expect(page.locator("#ww-terugval")).to_be_hidden()
        expect(page.locator("#ww-niet-gevonden")).to_be_hidden()

        # A word that no dossier contains is named, in Dutch, next to the results of the others.
        page.goto(base + "/zoeken/?zoek=eenzaamheid%20xqzvwk")
        missing = page.locator("#ww-niet-gevonden")
        expect(missing).to_be_visible()
        expect(missing).to_have_text("Niet gevonden: \u2018xqzvwk\u2019")
        expect(status).to_have_text(_found(unknown, "eenzaamheid xqzvwk"))
        expect(page.get_by_text("Niet gevonden")).to_have_count(1)

    with running(create_app(built / "site", built / "idx")) as base:
        in_browser(scenario)
    # No third-party requests (Material itself may ask the configured site_url for sitemap.xml).
    foreign = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert requests and not foreign, foreign


def test_search_page_without_the_api_uses_the_static_index(built):
    """This site keeps Material's search plugin (a foreign site): the header is Material's quick
    search, and the search page, without the API, answers from the static bundle (pagefind/)."""
    static = Starlette(routes=[Mount("/", app=StaticFiles(directory=str(built / "site"), html=True))])

    def scenario(page):
        page.goto(base + "/zoeken/?zoek=ouderen")
        expect(page.locator("#ww-resultaten li h2")).to_have_count(2)
        expect(page.locator("#ww-status")).to_contain_text("2 dossiers gevonden voor \u2018ouderen\u2019")
        expect(page.locator("#ww-terugval")).to_be_hidden()
        expect(page.locator("#ww-kopzoeken")).to_have_count(0)  # Material's header search stays
        expect(page.locator(".md-search__input")).to_have_count(1)

    with running(static) as base:
        in_browser(scenario)


def test_search_page_without_the_api_nor_static_index_offers_quick_search(built, tmp_path):
    bare = tmp_path / "site"
    shutil.copytree(built / "site", bare, ignore=shutil.ignore_patterns("pagefind"))
    static = Starlette(routes=[Mount("/", app=StaticFiles(directory=str(bare), html=True))])

    def scenario(page):
        page.goto(base + "/zoeken/?zoek=ouderen")
        fallback = page.locator("#ww-terugval")
        expect(fallback).to_be_visible()
        expect(fallback).to_contain_text("niet beschikbaar")
        expect(page.locator("#ww-status")).to_contain_text("niet bereikbaar")
        expect(page.locator("#ww-resultaten")).to_be_hidden()
        # The button opens Material's own search, focused and filled in.
        page.locator("#ww-snelzoeken").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".md-search__input")).to_be_focused()
        expect(page.locator(".md-search__input")).to_have_value("ouderen")

    with running(static) as base:
        in_browser(scenario)


def test_search_page_reads_well_on_a_phone_and_in_dutch(built):
    """Filters behind a closed disclosure on a phone (open on a wide screen), result dates as the
    site writes them, no sideways scrolling at 320 px, and example queries the dossiers answer."""
    import datetime as dt
    import json

    from watwerkt.search import search
    from watwerkt.view.text import dutch_date

    page_html = (built / "site" / "zoeken" / "index.html").read_text(encoding="utf-8")
    hint = re.search(r'<p id="ww-uitleg"[^>]*>Bijvoorbeeld: (.*?)\.</p>', page_html).group(1)
    examples = [w.strip() for w in hint.split(",")]
    assert examples
    for word in examples:
        assert search(built / "idx", word).total >= 1, word

    def scenario(page):
        for width, is_open in ((390, False), (1280, True)):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(base + "/zoeken/?zoek=ouderen")
            expect(page.locator("#ww-resultaten li").first).to_be_visible()
            block = page.locator("#ww-filterblok")
            expect(block).to_be_visible()
            if is_open:
                expect(block).to_have_attribute("open", "")
            else:
                expect(block).not_to_have_attribute("open", "")
                expect(page.locator("#ww-filters fieldset").first).to_be_hidden()
                page.locator("#ww-filterblok > summary").click()
                expect(page.locator("#ww-filters fieldset").first).to_be_visible()
                _facet(page, "theme", "wonen").check()
                expect(page.locator("#ww-status")).to_contain_text(re.compile(r"^1 dossier gevonden"))
                expect(page.locator("#ww-filterblok > summary")).to_have_text("Filters (1 gekozen)")
        api = json.loads(page.evaluate("fetch('../api/search?q=ouderen').then(r => r.text())"))
        dated = [h for h in api["hits"] if h["version"]]
        assert dated
        page.goto(base + "/zoeken/?zoek=ouderen")
        metas = page.locator("#ww-resultaten .ww-treffer-meta")
        expect(metas).to_have_count(len(dated))
        expected = {"Versie " + dutch_date(dt.date.fromisoformat(h["version"])) for h in dated}
        assert set(metas.all_inner_texts()) == expected
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(base + "/zoeken/?zoek=ouderen")
        expect(page.locator("#ww-resultaten li").first).to_be_visible()
        page.wait_for_function("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    with running(create_app(built / "site", built / "idx")) as base:
        in_browser(scenario)
