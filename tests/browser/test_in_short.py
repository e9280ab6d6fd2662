""""In het kort" in one screen: a synthetic dossier (test data, written here) of seven effective
elements with 80-character titles, one with an effect, at 1280 x 900. Its status line, its actions
and every element with its evidence level and effect are on the first screen, body text at least
16 px, nothing cut off. Expectations come from the loaded model and its one view."""

from __future__ import annotations

import datetime as dt

import yaml
from playwright.sync_api import expect

from .conftest import fixture_project

LEVELS = ["aangetoond", "aannemelijk", "aanwijzingen", "verondersteld"]


def _seven_long_elements(project):
    path = project / "dossiers" / "voorbeeld" / "dossier.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = data["literature"][0]["id"]
    elements = []
    for i in range(7):
        title = f"Werkzaam element {i + 1} uit de testgegevens, met een titel van precies tachtig tekens"
        element = {"id": f"testelement-{i + 1}", "title": title, "description": f"Testtekst [@{source}].",
                   "evidence": LEVELS[i % len(LEVELS)], "sources": [source]}
        if i == 2:
            element["effect"] = "Een testeffect, los van het bewijsniveau."
        elements.append(element)
    data["effective_elements"] = elements
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path.parent


def test_seven_long_elements_fit_one_screen_at_1280_by_900(browser, tmp_path, serve_project):
    from watwerkt.check.run import check
    from watwerkt.model.settings import load_settings
    from watwerkt.view.dossier_view import dossier_view

    fixture_project(tmp_path)
    _seven_long_elements(tmp_path)
    settings = load_settings(None)
    result = check([tmp_path / "dossiers"], settings, dt.date(2026, 6, 1))
    d = next(d for d in result.valid_dossiers() if d.slug == "voorbeeld")
    assert len(d.effective_elements) == 7 and all(len(el.title) == 80 for el in d.effective_elements)
    view = dossier_view(d, settings, dt.date(2026, 6, 1))
    served = serve_project(tmp_path)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(served.page("dossiers/voorbeeld/"))
        items = page.locator("ul.ww-kort > li")
        expect(items).to_have_count(7)
        expect(items.locator("> a")).to_have_text([el.title for el in view.elements_by_strength])
        expect(page.locator(".ww-kort__status")).to_have_text(view.status_line)
        effects = [el.effect for el in view.elements_by_strength if el.effect]
        expect(items.locator(".ww-kort__effect")).to_have_text([f"Effect: {e}" for e in effects])
        for locator in (page.get_by_role("heading", name="In het kort"), page.locator(".ww-kort__status"),
                        page.locator(".ww-actions--kort .md-button").last):
            expect(locator).to_be_in_viewport(ratio=1)
        for i in range(7):
            expect(items.nth(i)).to_be_in_viewport(ratio=1)
        measures = items.evaluate_all("""lis => lis.map(li => {
            const a = li.querySelector('a');
            return [parseFloat(getComputedStyle(li).fontSize), a.scrollWidth <= a.clientWidth + 1 || getComputedStyle(a).display === 'inline',
                    getComputedStyle(a).textOverflow, getComputedStyle(li).overflow];
        })""")
        for size, whole, overflow_text, overflow in measures:
            assert size >= 16 and whole and overflow_text != "ellipsis" and overflow != "hidden", measures
    finally:
        context.close()
