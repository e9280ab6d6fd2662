"""The print stylesheet: a dossier prints as its content only, without the site's chrome."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import DOSSIER

HIDDEN = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".ww-actions",
          ".md-skip"]


def test_print_hides_chrome_and_keeps_the_content(page, site, tmp_path):
    page.emulate_media(media="print")
    page.goto(site.page(DOSSIER))
    for selector in HIDDEN:
        loc = page.locator(selector)
        assert loc.count() >= 1, f"{selector} bestaat niet (meer); pas de test aan"
        for i in range(loc.count()):
            expect(loc.nth(i), f"{selector} is zichtbaar bij afdrukken").to_be_hidden()
    content = page.locator(".md-content")
    expect(content).to_be_visible()
    for text in ("Werkzame elementen", "Literatuur", "Citeer dit dossier"):
        expect(content.get_by_role("heading", name=text).first, text).to_be_visible()
    # The content uses the page's full width once the sidebars are gone.
    box = content.bounding_box()
    assert box and box["width"] > 0.8 * page.viewport_size["width"], box
    page.screenshot(path=str(tmp_path / "print.png"), full_page=False)
    assert (tmp_path / "print.png").stat().st_size > 0
