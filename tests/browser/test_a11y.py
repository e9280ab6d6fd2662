"""Accessibility in a real browser: axe-core (pinned in scripts/setup.sh) with no rules
disabled, on the main page types in both colour schemes; plus the skip link and visible focus.
The pages and the axe version are recorded in docs/toegankelijkheid.md."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DOSSIER, PAGES

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


@pytest.mark.parametrize("motion", MOTIONS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, site, axe, path, scheme, motion):
    script, _version = axe
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light", reduced_motion=motion)
    page.goto(site.page(path))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    violations = _run_axe(page, script)
    assert not violations, f"axe-core op /{path} ({scheme}, motion {motion}):\n" + _format(violations)


def test_material_landmarks_are_named(page, site, axe):
    """Material leaves the search dialog and nested navigation unnamed; the plugin names them."""
    script, _version = axe
    page.goto(site.page(DOSSIER))
    assert not _run_axe(page, script, ["aria-dialog-name", "landmark-unique"])
    expect(page.locator(".md-search")).to_have_attribute("aria-label", "Zoeken")


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
