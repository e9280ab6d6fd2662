"""Every page kind in the states a reader puts it in, on the sample site (under a sub-path) and on
the generated corpus that paginates: axe-core (no rule disabled) with the phone menu open, the
quick search open with results and the search page's filters open; and the computed colours of
every reachable element when hovered and when focused (text 4.5:1, large text and icons 3:1,
focus ring 3:1), light and dark, 1280 and 390 px. The corpus also gets axe on every page at rest
in all four combinations (the sample site's pages: test_a11y.py). Page kinds come from the built
site's addresses; WATWERKT_A11Y_ALLE_PAGINAS=1 runs the per-state checks on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .states import States, one_page_per_kind, pages_for_states, site_pages
from .test_a11y import SCHEMES, VIEWPORTS, _format, _run_axe

SITES = ["samples", "corpus"]


def _served(request, which):
    return request.getfixturevalue("subpath_site") if which == "samples" else request.getfixturevalue("corpus_site")[0]


def _context(browser, viewport, scheme):
    width, height = VIEWPORTS[viewport]
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, locale="nl-NL",
                              reduced_motion="reduce")
    ctx.set_default_timeout(15_000)
    return ctx


def _ready(page, scheme):
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    expect(page.locator(".ww-menuknop")).to_be_attached()


def _search_word(page) -> str:
    """A word of the page's own title, long enough for the header search to answer."""
    words = [w.strip(".,:;?!()") for w in page.locator(".md-content h1").first.inner_text().split()]
    return max(words, key=len)


def _switch_scheme(page, scheme):
    """As the reader's toggle does: Material's palette input for that scheme (it stores the choice)."""
    page.evaluate("(s) => document.querySelector(`input[data-md-color-scheme=\"${s}\"]`).click()", SCHEMES[scheme])
    _ready(page, scheme)


def test_every_corpus_page_passes_axe_in_four_combinations(browser, corpus_site, axe):
    """Every page of the corpus at rest at 1280 and 390 px, light and dark. Each page is loaded
    once; the viewport and the colour scheme change in place (as a reader turning the phone or
    using the toggle does), which halves the cost. The sample site's pages: test_a11y.py."""
    served, _ = corpus_site
    script, _version = axe
    pages = site_pages(served)
    assert "dossiers/pagina-2/" in pages and len(pages) > 120, len(pages)
    ctx = _context(browser, "desktop", "light")
    failures, runs = [], 0
    try:
        page = ctx.new_page()
        for path in pages:
            page.set_viewport_size(dict(zip(("width", "height"), VIEWPORTS["desktop"])))
            page.goto(served.page(path))
            # The scheme chosen on the previous page stays (Material stores it): start from that one.
            first = "dark" if page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES["dark"] else "light"
            second = "light" if first == "dark" else "dark"
            _ready(page, first)
            current = first
            for viewport, scheme in (("desktop", first), ("phone", first), ("phone", second), ("desktop", second)):
                if scheme != current:
                    _switch_scheme(page, scheme)
                    current = scheme
                page.set_viewport_size(dict(zip(("width", "height"), VIEWPORTS[viewport])))
                expect(page.get_by_role("button", name="Menu")).to_be_visible(visible=viewport == "phone")
                runs += 1
                violations = _run_axe(page, script)
                if violations:
                    failures.append(f"/{path} ({viewport}, {scheme}):\n{_format(violations)}")
    finally:
        ctx.close()
    assert runs == 4 * len(pages), runs
    assert not failures, f"axe-core op {len(failures)} van {runs} combinaties in het corpus:\n" + "\n".join(failures)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", SITES)
def test_open_menu_search_and_filters_pass_axe(browser, request, axe, which, viewport, scheme):
    served = _served(request, which)
    script, _version = axe
    kinds = one_page_per_kind(site_pages(served))
    ctx = _context(browser, viewport, scheme)
    failures = []
    try:
        page = ctx.new_page()
        for kind, path in kinds.items():
            if viewport != "phone":
                break
            page.goto(served.page(path))
            _ready(page, scheme)
            page.get_by_role("button", name="Menu").click()
            expect(page.locator(".md-sidebar--primary .md-nav__link").first).to_be_in_viewport()
            violations = _run_axe(page, script)
            if violations:
                failures.append(f"menu open op /{path} ({kind}):\n{_format(violations)}")
        # The header search open with results, on a dossier page (a word of its own title).
        dossier = next(p for k, p in kinds.items() if k == "dossiers/*/")
        page.goto(served.page(dossier))
        _ready(page, scheme)
        word = _search_word(page)
        if page.locator("#ww-kop-q").count():  # our site: watwerkt's header search
            page.locator("#ww-kop-q").press_sequentially(word)  # key by key, as a reader types
            expect(page.locator(".ww-kop-treffer").first).to_be_visible()
        else:  # the corpus keeps Material's search plugin, as a foreign site may: its quick search
            if viewport == "phone":
                page.locator('.md-header label.md-header__button[for="__search"]').click()
            page.locator(".md-search__input").press_sequentially(word)  # key by key, as Material listens
            expect(page.locator(".md-search-result__item").first).to_be_visible()
        violations = _run_axe(page, script)
        if violations:
            failures.append(f"snel zoeken open ('{word}') op /{dossier}:\n{_format(violations)}")
        # The search page with its filters opened.
        page.goto(served.page("zoeken/"))
        _ready(page, scheme)
        block = page.locator("#ww-filterblok")
        if block.count():
            block.evaluate("d => { d.open = true; }")
            expect(block).to_have_attribute("open", "")
            violations = _run_axe(page, script)
            if violations:
                failures.append(f"filters open op /zoeken/:\n{_format(violations)}")
    finally:
        ctx.close()
    assert not failures, f"axe-core ({which}, {viewport}, {scheme}):\n" + "\n".join(failures)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", SITES)
def test_hovered_and_focused_elements_keep_contrast(browser, request, which, viewport, scheme):
    served = _served(request, which)
    kinds = pages_for_states(site_pages(served))
    assert len(kinds) >= 10, kinds
    ctx = _context(browser, viewport, scheme)
    failures, measured = [], 0
    try:
        page = ctx.new_page()
        for kind, path in kinds.items():
            page.goto(served.page(path))
            _ready(page, scheme)
            states = States(page)
            measured += states.count
            found = states.failures("hover") + states.failures("focus")
            if viewport == "phone":  # the opened menu's entries as well
                page.get_by_role("button", name="Menu").click()
                expect(page.locator(".md-sidebar--primary .md-nav__link").first).to_be_in_viewport()
                states = States(page)
                found += states.failures("hover") + states.failures("focus")
            failures += [f"/{path}: {f}" for f in dict.fromkeys(found)]
    finally:
        ctx.close()
    assert measured > 10 * len(kinds) // 2, measured
    assert not failures, f"contrast ({which}, {viewport}, {scheme}):\n" + "\n".join(failures[:60])
