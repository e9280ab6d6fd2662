"""The print stylesheet: a dossier prints as its content only, without the site's chrome."""

from __future__ import annotations

from PIL import Image
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
    # The printed page is not blank: some of it is dark text (a written file alone proves nothing).
    page.screenshot(path=str(tmp_path / "print.png"), full_page=False)
    with Image.open(tmp_path / "print.png") as im:
        gray = im.convert("L")
        dark = sum(gray.point(lambda v: 255 if v < 128 else 0).histogram()[255:])
    assert dark > 0.002 * gray.size[0] * gray.size[1], dark
