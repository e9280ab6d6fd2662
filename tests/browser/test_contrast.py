"""Focus and hover states axe does not see: every action button of a dossier page keeps at
least 4.5:1 between its text and its background when hovered and when focused, in the light
and the dark scheme. Waits for the end state (Material animates the colours), then measures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DOSSIER

FILL = "rgb(63, 81, 181)"  # the state's background in watwerkt.css (#3f51b5)


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["hover", "focus"])
def test_action_buttons_keep_contrast_when_hovered_or_focused(browser, site, scheme, state):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(site.page(DOSSIER))
        buttons = page.locator(".ww-actions .md-button")
        assert buttons.count() >= 2
        for i in range(buttons.count()):
            button = buttons.nth(i)
            if state == "hover":
                button.hover()
            else:
                button.focus()
            expect(button).to_have_css("background-color", FILL)  # the transition has ended
            colour = button.evaluate("b => getComputedStyle(b).color")
            ratio = _contrast(colour, FILL)
            assert ratio >= 4.5, (button.inner_text(), scheme, state, colour, round(ratio, 2))
            page.mouse.move(0, 0)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
    finally:
        context.close()
