"""Accessibility in a real browser: axe-core (pinned in scripts/setup.sh) with no rules
disabled, on the main page types in both colour schemes; plus the skip link and visible focus.
The pages and the axe version are recorded in docs/toegankelijkheid.md."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DOSSIER, PAGES
from .states import site_pages

SCHEMES = {"light": "default", "dark": "slate"}
MOTIONS = ["no-preference", "reduce"]  # every check also with prefers-reduced-motion: reduce

def _run_axe(page, script, rules: list[str] | None = None) -> list[dict]:
    """All rules (none disabled); resultTypes only skips detail on passes, for speed."""
    page.add_script_tag(path=str(script))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate("async (options) => (await axe.run(document, options)).violations", options)


def _format(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(node['target'])}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... en nog {len(v['nodes']) - 8}")
    return "\n".join(lines)


VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_passes_axe(browser, subpath_site, axe, viewport, scheme):
    """Every page of the sample site, at 1280 and 390 px, light and dark. The site is hosted under
    its site_url's sub-path, as it is published: the 404 page links its assets absolutely."""
    script, _version = axe
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, locale="nl-NL")
    try:
        page = context.new_page()
        pages = site_pages(subpath_site)
        assert "404.html" in pages and "zoeken/" in pages and DOSSIER in pages, pages
        failures = []
        for path in pages:
            page.goto(subpath_site.page(path))
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
            # landmarks.js has run (its menu button is there) and the header search is ours
            expect(page.locator(".ww-menuknop")).to_be_attached()
            expect(page.locator(".ww-kopzoeken--js")).to_be_attached()
            violations = _run_axe(page, script)
            if violations:
                failures.append(f"/{path}:\n{_format(violations)}")
        assert not failures, f"axe-core ({viewport}, {scheme}) op {len(failures)} van {len(pages)} pagina's:\n" + "\n".join(failures)
    finally:
        context.close()


def test_listing_headings_follow_the_model(page, site):
    """The dossier list and each theme and target-group page: one h1, then an h2 per dossier of
    that listing, A to Z (no h1 -> h3 jump). Expected titles come from the loaded model."""
    from conftest import sample_dossiers
    from watwerkt.view.overviews import by_title, group_folder

    public = [d for d in sample_dossiers() if d.public]
    listings = {"dossiers/": public}
    titles: dict[str, str] = {}
    for field, folder in (("themes", "themas"), ("target_groups", "doelgroepen")):
        for value in {v for d in public for v in getattr(d, field)}:
            listings[group_folder(folder, value) + "/"] = [d for d in public if value in getattr(d, field)]
            titles[group_folder(folder, value) + "/"] = value
    assert len(listings) > 3
    for path, dossiers in sorted(listings.items()):
        page.goto(site.page(path))
        headings = page.locator(".md-content article :is(h1, h2, h3, h4, h5, h6)")
        expect(headings.first).to_have_js_property("tagName", "H1")
        levels = headings.evaluate_all("hs => hs.map(h => h.tagName)")
        assert levels == ["H1"] + ["H2"] * len(dossiers), (path, levels)
        expect(page.locator(".md-content article h2 > a:not(.headerlink)")).to_have_text([d.title for d in by_title(dossiers)])
        if path in titles:  # a theme or target group: its value as written, capitalised, and how many
            value = titles[path]
            expect(page.locator(".md-content article h1")).to_have_text(re.compile("^" + re.escape(value[:1].upper() + value[1:]) + "\\W*$"))
            count = f"{len(dossiers)} {'dossier' if len(dossiers) == 1 else 'dossiers'} "
            expect(page.locator(".md-content article h1 + p")).to_contain_text(count)
            expect(page.locator(".md-content article h1 + p")).to_contain_text(value)


def test_element_names_outweigh_their_badges(page, site):
    """On "Werkzame elementen" each element's name is at least as large and as heavy as its
    evidence badge; one row per element of the listed dossiers (from the loaded model)."""
    from conftest import sample_dossiers

    public = [d for d in sample_dossiers() if d.public and d.effective_elements]
    page.goto(site.page("werkzame-elementen/"))
    rows = page.locator(".md-content article table tbody tr")
    expect(rows).to_have_count(sum(len(d.effective_elements) for d in public))
    sizes = rows.evaluate_all("""rows => rows.map(r => {
        const name = getComputedStyle(r.querySelector("td:first-child a"));
        const badge = getComputedStyle(r.querySelector(".ww-badge"));
        return [parseFloat(name.fontSize), parseInt(name.fontWeight), parseFloat(badge.fontSize), parseInt(badge.fontWeight)];
    })""")
    for name_size, name_weight, badge_size, badge_weight in sizes:
        assert name_size >= badge_size and name_weight >= badge_weight, sizes


def test_search_landmarks_and_header_are_named_in_dutch(page, site):
    """zoeken/ has two search landmarks (the page's form and the header's search box): each has its
    own Dutch name; Material's header landmark is no longer "Header"."""
    page.goto(site.page("zoeken/"))
    expect(page.get_by_role("search", name="Zoeken in de dossiers")).to_have_count(1)
    expect(page.get_by_role("search", name="Snel zoeken")).to_have_count(1)
    expect(page.locator('[aria-label="Header"]')).to_have_count(0)
    expect(page.get_by_role("navigation", name="Paginakop")).to_have_count(1)


def test_wide_tables_scroll_from_the_keyboard_on_a_phone(browser, site):
    """At 390 px a table wider than the screen scrolls in a focusable, named region; the arrow
    keys scroll it. The page is the first one with a table that overflows, found in the browser."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(site.page("redactie/velden/"))
        wraps = page.locator(".md-typeset__scrollwrap")
        expect(wraps.first).to_be_attached()
        overflowing = [i for i in range(wraps.count())
                       if wraps.nth(i).evaluate("w => w.scrollWidth > w.clientWidth + 1")]
        assert overflowing, "geen brede tabel op redactie/velden/ bij 390 px"
        names = []
        for i in overflowing:
            wrap = wraps.nth(i)
            expect(wrap).to_have_attribute("tabindex", "0")
            expect(wrap).to_have_attribute("role", "region")
            names.append(wrap.get_attribute("aria-label"))
        assert all(names) and len(set(names)) == len(names), names
        first = wraps.nth(overflowing[0])
        first.focus()
        page.keyboard.press("ArrowRight")
        expect(first).not_to_have_js_property("scrollLeft", 0)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_with_reduced_motion(page, site, axe, path, scheme):
    """The main page kinds once more with prefers-reduced-motion: reduce (the walk above uses the default)."""
    script, _version = axe
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light", reduced_motion="reduce")
    page.goto(site.page(path))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    violations = _run_axe(page, script)
    assert not violations, f"axe-core op /{path} ({scheme}, reduced motion):\n" + _format(violations)


def test_material_landmarks_are_named(page, site, axe):
    """Material leaves nested navigation unnamed; the plugin names it. (Material's search dialog,
    which it also names, is not on this site: the header search is watwerkt's own, named.)"""
    script, _version = axe
    page.goto(site.page(DOSSIER))
    assert not _run_axe(page, script, ["aria-dialog-name", "landmark-unique"])
    expect(page.locator(".md-search")).to_have_count(0)
    expect(page.get_by_role("search", name="Snel zoeken")).to_have_count(1)


@pytest.mark.parametrize("motion", MOTIONS)
def test_skip_link_appears_on_first_tab_and_moves_focus_to_content(page, site, motion):
    # Material fades the skip link in (opacity 0 -> 1 over ~250 ms): wait for the end state,
    # never sample it once.
    page.emulate_media(reduced_motion=motion)
    page.goto(site.page(DOSSIER))
    skip = page.get_by_role("link", name="Ga naar inhoud")
    expect(skip).not_to_be_focused()
    expect(skip).to_have_css("opacity", "0")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_have_css("opacity", "1")
    expect(skip).to_be_in_viewport()
    target = skip.get_attribute("href").split("#")[-1]
    assert target, "de skiplink wijst nergens heen"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#" + re.escape(target) + "$"))
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    expect(page.locator(".md-content :focus")).to_have_count(1)


@pytest.mark.parametrize("motion", MOTIONS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_focus_is_visible(page, site, scheme, motion):
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light", reduced_motion=motion)
    page.goto(site.page(DOSSIER))
    focused = page.locator(":focus")
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        expect(focused).to_have_count(1)
        tag = focused.evaluate("el => el.tagName")  # not animated: which element, not how it looks
        if tag not in ("A", "BUTTON", "INPUT", "LABEL"):
            continue
        seen += 1
        # Focus styles may arrive a frame later (Material's focus-visible class): wait for them.
        expect(focused).to_have_css("outline-style", "solid")
        expect(focused).not_to_have_css("outline-width", "0px")
        expect(focused).not_to_have_css("box-shadow", "none")
    assert seen >= 3, "te weinig focusbare elementen bereikt met Tab"


def test_statement_records_the_version_and_the_pages():
    """docs/toegankelijkheid.md says how the site is tested; keep it in step with this file."""
    from .conftest import ROOT, pinned_axe_version

    statement = (ROOT / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8")
    assert f"axe-core versie **{pinned_axe_version()}**" in statement
    for name in ("startpagina", "dossierpagina", "Thema's", "Werkzame elementen", "Bewijsoverzicht",
                 "lichte én de donkere", "Ga naar inhoud", "WCAG 2.1"):
        assert name in statement, name
    assert PAGES == ["", DOSSIER, "themas/", "werkzame-elementen/", "bewijs/"], "pas de verklaring aan"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_in_short_answers_what_works_on_the_first_screen(browser, site, viewport):
    """A dossier page opens with "In het kort": every effective element with its evidence level as
    text, strongest first, each linking to its section. Expected from the loaded model and its
    one view; at 1280 x 900 the whole summary is on the first screen, at 390 it starts on it."""
    from conftest import sample_dossiers
    from watwerkt.model.settings import load_settings
    from watwerkt.view.dossier_view import dossier_view

    settings = load_settings(None)
    d = next(d for d in sample_dossiers() if f"dossiers/{d.slug}/" == DOSSIER)
    view = dossier_view(d, settings)
    ranks = [lvl.id for lvl in settings.evidence_scale]
    expected = sorted(d.effective_elements, key=lambda el: -ranks.index(el.evidence) if el.evidence in ranks else 1)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(site.page(DOSSIER))
        items = page.locator("ul.ww-kort > li")
        expect(items).to_have_count(len(view.elements))
        expect(items.locator("> a")).to_have_text([el.title for el in expected])
        labels = {el.id: el.evidence_label for el in view.elements}
        expect(items.locator(".ww-badge")).to_have_text([labels[el.id] for el in expected])
        # "In het kort" is the first heading after the title, before every section of the dossier
        expect(page.locator(".md-content article h2").first).to_have_id("in-het-kort")
        expect(page.get_by_role("heading", name="In het kort")).to_be_in_viewport()
        if viewport == "desktop":
            expect(items.last).to_be_in_viewport()
        font = items.first.evaluate("li => parseFloat(getComputedStyle(li).fontSize)")
        assert font >= 16, font
        items.first.locator("> a").click()
        expect(page.locator(f"#element-{expected[0].id}")).to_be_in_viewport()
    finally:
        context.close()
