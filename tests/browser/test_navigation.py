"""Navigation as a reader on a phone (390 px) finds it, in Chromium: on the samples and on a
generated corpus of CORPUS_COUNT dossiers that paginates (one overdue, drafts shown as in the live
preview). From each page kind every page is within MAX_TAPS taps over what is visible (links in
the page and in the opened menu); the menu lists entries on every page kind; a dossier's table of
contents opens from the menu; the evidence table says it scrolls and its last column can be reached.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from test_navigation import page_kinds, pages_of, steps_from


PHONE = {"width": 390, "height": 844}
MAX_TAPS = 4
# Links a reader can tap: visible ones in the page, and every entry of the menu (its levels open
# with the arrows beside them). Addresses only; fragments stay on the same page.
_LINKS = """() => {
  const out = [];
  for (const a of document.querySelectorAll('.md-content a[href], .md-nav--primary a[href]')) {
    const inMenu = a.closest('.md-nav--primary') !== null;
    if (!inMenu && !a.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    out.push(a.href);
  }
  return out;
}"""
# What the opened menu shows: the menu entries found at points down the drawer (what is on top
# there, as a tap would hit it).
_MENU_AT_POINTS = """() => {
  const seen = [];
  const drawer = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
  for (let y = drawer.top + 60; y < Math.min(drawer.bottom, innerHeight); y += 24) {
    const el = document.elementFromPoint(drawer.left + 40, y);
    const link = el && el.closest('.md-nav__link');
    const text = link ? link.textContent.replace(/\\s+/g, ' ').trim() : '';
    if (text && !seen.includes(text)) seen.push(text);
  }
  return seen;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, locale="nl-NL", has_touch=True, is_mobile=True,
                              reduced_motion="reduce")
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


def _sites(request, which):
    if which == "samples":
        served = request.getfixturevalue("site")
        return served, served.root
    return request.getfixturevalue("corpus_site")


def _address(served, url: str) -> str | None:
    parts = urlsplit(url)
    if not url.startswith(served.url):
        return None
    path = parts.path[len(urlsplit(served.url).path):]
    return path if path.endswith("/") or path == "" else None


def open_menu(page) -> None:
    page.get_by_role("button", name="Menu").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()


@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_every_page_within_four_taps_on_a_phone(phone, request, which):
    served, root = _sites(request, which)
    pages = pages_of(root)
    graph = {}
    tab = phone.new_page()
    try:
        for p in sorted(pages):
            tab.goto(served.page(p))
            expect(tab.locator(".md-content h1").first).to_be_visible()
            targets = {_address(served, urljoin(served.page(p), href)) for href in tab.evaluate(_LINKS)}
            graph[p] = {t for t in targets if t in pages and t != p}
    finally:
        tab.close()
    kinds = page_kinds(pages)
    if which == "corpus":
        assert {"dossier", "dossierlijst, verder", "thema", "doelgroep"} <= set(kinds), kinds
    for kind, start in kinds.items():
        steps = steps_from(graph, start)
        far = sorted(p for p in pages if steps.get(p, 99) > MAX_TAPS)
        assert not far, f"op 390 px van {kind} (/{start}) niet binnen {MAX_TAPS} tikken: {far[:8]} ({len(far)})"


@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_the_menu_lists_entries_on_every_page_kind(phone, request, which):
    served, root = _sites(request, which)
    kinds = page_kinds(pages_of(root))
    tab = phone.new_page()
    try:
        for kind, path in kinds.items():
            tab.goto(served.page(path))
            open_menu(tab)
            expect(tab.locator(".md-sidebar--primary .md-nav__link").first).to_be_attached()
            entries = []
            for _ in range(20):  # the drawer slides in: poll until it holds still with entries
                entries = tab.evaluate(_MENU_AT_POINTS)
                if entries:
                    break
                tab.wait_for_timeout(100)
            assert entries, f"het menu op {kind} (/{path}) is leeg op 390 px"
    finally:
        tab.close()


@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_the_dossier_table_of_contents_opens_on_a_phone(phone, request, which):
    served, root = _sites(request, which)
    dossier = page_kinds(pages_of(root))["dossier"]
    tab = phone.new_page()
    try:
        tab.goto(served.page(dossier))
        open_menu(tab)
        toggle = tab.locator('.md-nav--primary label.md-nav__link[for="__toc"]')
        expect(toggle).to_be_in_viewport()
        toggle.click()
        toc = tab.locator(".md-nav--primary .md-nav--secondary")
        first = toc.locator("a.md-nav__link").first
        expect(first).to_be_in_viewport()
        target = first.get_attribute("href")
        first.click()
        expect(tab).to_have_url(re.compile(re.escape(target) + "$"))
        expect(tab.locator(f"[id='{target[1:]}']")).to_be_in_viewport()
    finally:
        tab.close()


def test_the_evidence_table_says_it_scrolls_and_its_last_column_is_reachable(phone, corpus_site):
    served, _ = corpus_site
    tab = phone.new_page()
    try:
        tab.goto(served.page("bewijs/"))
        hint = tab.locator(".ww-scroll-hint")
        expect(hint).to_be_visible()
        wrap = tab.locator(".md-typeset__scrollwrap").filter(has=tab.locator("table .ww-cell")).first
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "de tabel past: de hint is dan overbodig"
        total = wrap.locator("th").last
        expect(total).not_to_be_in_viewport()
        wrap.evaluate("el => el.scrollTo({left: el.scrollWidth})")
        expect(total).to_be_in_viewport()
        # The dossier column stays in view while the levels scroll under it.
        expect(wrap.locator("tbody td:first-child a").first).to_be_in_viewport()
    finally:
        tab.close()
