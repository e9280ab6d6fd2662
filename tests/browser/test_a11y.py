"""Accessibility in a real browser: axe-core (pinned in scripts/setup.sh) with no rules
disabled, on the main page types in both colour schemes; plus the skip link and visible focus.
The pages and the axe version are recorded in docs/toegankelijkheid.md."""

from __future__ import annotations

import pytest

from .conftest import DOSSIER, PAGES

SCHEMES = {"light": "default", "dark": "slate"}

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


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, site, axe, path, scheme):
    script, _version = axe
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    page.goto(site.page(path))
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    violations = _run_axe(page, script)
    assert not violations, f"axe-core op /{path} ({scheme}):\n" + _format(violations)


def test_material_landmarks_are_named(page, site, axe):
    """Material leaves the search dialog and nested navigation unnamed; the plugin names them."""
    script, _version = axe
    page.goto(site.page(DOSSIER))
    assert not _run_axe(page, script, ["aria-dialog-name", "landmark-unique"])
    assert page.locator(".md-search").get_attribute("aria-label") == "Zoeken"


def test_skip_link_appears_on_first_tab_and_moves_focus_to_content(page, site):
    page.goto(site.page(DOSSIER))
    skip = page.get_by_role("link", name="Ga naar inhoud")
    assert not _visible_on_screen(skip)
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    assert _visible_on_screen(skip)
    page.keyboard.press("Enter")
    assert page.url.endswith("#" + skip.get_attribute("href").split("#")[-1])
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')"), \
        page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def _visible_on_screen(locator) -> bool:
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                   return r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0
                     && r.top < innerHeight && r.left < innerWidth
                     && s.visibility !== 'hidden' && s.opacity !== '0'
                     && s.clipPath !== 'inset(50%)' && !(s.clip && s.clip.startsWith('rect(0')) ; }"""
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_focus_is_visible(page, site, scheme):
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    page.goto(site.page(DOSSIER))
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                       return {tag: el.tagName, html: el.outerHTML.slice(0, 120),
                               outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
                               shadow: s.boxShadow}; }"""
        )
        if info["tag"] not in ("A", "BUTTON", "INPUT", "LABEL"):
            continue
        seen += 1
        visible = (info["outline"] != "none" and info["width"] > 0) or info["shadow"] != "none"
        assert visible, f"geen zichtbare focus op {info['html']}: {info}"
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
