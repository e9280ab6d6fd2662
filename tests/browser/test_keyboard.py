"""The keyboard, as a reader without a mouse meets the site: the skip link is the first Tab stop,
the search field within five and the dossier's PDF within ten, at 1280 and at 390 px; on every
page kind (found in the built site) no Tab stop lands on something that is not drawn on screen;
and on a phone the menu opens from the keyboard and closes with Escape."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import DOSSIER
from .states import DESCRIBE_FOCUS, FOCUS_SHOWN, pages_for_states, site_pages
from .test_a11y import VIEWPORTS

MAX_STOPS = 400  # more than any page has: the walk ends when focus comes round again
# One round trip a Tab stop: is it drawn, and is it the first stop again (or nothing at all)?
STEP = f"""() => {{ const el = document.activeElement;
  return {{shown: ({FOCUS_SHOWN})(), first: !!el && el.hasAttribute('data-ww-eerste'),
          body: !el || el === document.body}}; }}"""


def _context(browser, viewport):
    width, height = VIEWPORTS[viewport]
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                              is_mobile=viewport == "phone", has_touch=viewport == "phone")
    ctx.set_default_timeout(15_000)
    return ctx


def _stops(page, count: int) -> list[dict]:
    out = []
    for _ in range(count):
        page.keyboard.press("Tab")
        out.append(page.evaluate("""() => { const el = document.activeElement;
            return {cls: el.className, tag: el.tagName, href: el.getAttribute('href') || '',
                    text: (el.innerText || '').trim(), skip: el.matches('.md-skip'),
                    search: el.matches('.md-search__input, #ww-kop-q')}; }"""))
    return out


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_skip_link_first_search_within_five_pdf_within_ten(browser, site, viewport):
    from conftest import sample_dossiers

    d = next(d for d in sample_dossiers() if f"dossiers/{d.slug}/" == DOSSIER)
    ctx = _context(browser, viewport)
    try:
        page = ctx.new_page()
        page.goto(site.page(DOSSIER))
        expect(page.locator(f'a[href$="/{d.slug}.pdf"]').first).to_be_attached()
        stops = _stops(page, 10)
        assert stops[0]["skip"], stops[0]
        assert any(s["search"] for s in stops[:5]), [s["cls"] for s in stops[:5]]
        pdf = [i + 1 for i, s in enumerate(stops) if s["href"].endswith(f"/{d.slug}.pdf")]
        assert pdf, [(s["tag"], s["text"][:30]) for s in stops]
        assert pdf[0] <= 10
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_no_tab_stop_lands_on_something_invisible(browser, request, which, viewport):
    served = request.getfixturevalue("subpath_site") if which == "samples" else request.getfixturevalue("corpus_site")[0]
    kinds = pages_for_states(site_pages(served))
    ctx = _context(browser, viewport)
    failures, walked = [], 0
    try:
        page = ctx.new_page()
        for kind, path in kinds.items():
            page.goto(served.page(path))
            expect(page.locator(".ww-menuknop")).to_be_attached()
            page.keyboard.press("Tab")
            page.evaluate("() => document.activeElement.setAttribute('data-ww-eerste', '')")
            for stop in range(1, MAX_STOPS):
                if stop > 1:
                    page.keyboard.press("Tab")
                now = page.evaluate(STEP)
                if stop > 1 and (now["first"] or now["body"]):
                    walked += stop - 1
                    break  # focus came round again
                if not now["shown"]:
                    try:  # a fade or a slide may still be running: wait for it to end
                        page.wait_for_function(FOCUS_SHOWN, timeout=3_000)
                    except Exception:
                        failures.append(f"/{path} Tab-stop {stop}: {page.evaluate(DESCRIBE_FOCUS)}")
            else:
                failures.append(f"/{path}: meer dan {MAX_STOPS} Tab-stops")
            page.keyboard.press("Escape")
    finally:
        ctx.close()
    assert walked > 10 * len(kinds), walked  # the walks went through the pages, not round at once
    assert not failures, f"onzichtbare focus ({which}, {viewport}):\n" + "\n".join(failures[:40])


def test_phone_menu_opens_and_closes_from_the_keyboard(browser, site):
    ctx = _context(browser, "phone")
    try:
        page = ctx.new_page()
        page.goto(site.page(DOSSIER))
        button = page.get_by_role("button", name="Menu")
        expect(button).to_have_attribute("aria-expanded", "false")
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        focused = page.locator(".md-sidebar--primary :focus")
        expect(focused).to_have_count(1)
        expect(focused).to_be_in_viewport()
        page.keyboard.press("Tab")
        expect(page.locator(".md-sidebar--primary :focus")).to_be_in_viewport()
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        expect(page.locator(".md-sidebar--primary")).not_to_be_in_viewport()
    finally:
        ctx.close()
