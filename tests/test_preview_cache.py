"""What the live preview keeps between saves (site/preview.py) and why that is safe: the overview
pages are made from a dossier's fields and never from its prose, so they are kept while every
model's fields are unchanged; compiled templates are kept but checked against their source."""

from __future__ import annotations

import dataclasses

import jinja2

from watwerkt.model.settings import load_settings
from watwerkt.site.preview import Preview, TemplateCache
from watwerkt.view.escape import esc
from watwerkt.view.overviews import overview_pages

from conftest import sample_dossiers


def _with_prose(d, text: str):
    sections = {key: dataclasses.replace(section, text=section.text + text) for key, section in d.sections.items()}
    return dataclasses.replace(d, sections=sections)


def test_overview_pages_never_read_the_prose():
    settings = load_settings(None)
    dossiers = sample_dossiers()
    before = [(p.path, p.markdown) for p in overview_pages(dossiers, settings)]
    changed = [_with_prose(d, "\n\nEen nieuwe zin met [een link](https://example.org/).\n") for d in dossiers]
    assert all(c.sections != d.sections for c, d in zip(changed, dossiers))
    assert [(p.path, p.markdown) for p in overview_pages(changed, settings)] == before


def test_the_preview_keeps_overviews_for_prose_and_remakes_them_for_fields():
    settings = load_settings(None)
    dossiers = sample_dossiers()
    preview = Preview()
    made = []

    def pages(ds):
        return preview.overviews((settings, [], []), ds, "serve",
                                 lambda: made.append(1) or overview_pages(ds, settings))

    first = pages(dossiers)
    assert pages([_with_prose(d, "\n\nNog een zin.\n") for d in dossiers]) is first
    retitled = [dataclasses.replace(dossiers[0], title=dossiers[0].title + " (herzien)"), *dossiers[1:]]
    second = pages(retitled)
    assert len(made) == 2 and second is not first
    assert any(esc(dossiers[0].title + " (herzien)") in p.markdown for p in second)
    assert pages(dossiers[1:]) is not second  # a dossier gone
    # outside the preview nothing is kept
    preview.overviews((settings, [], []), dossiers, "build", lambda: made.append(1) or [])
    preview.overviews((settings, [], []), dossiers, "build", lambda: made.append(1) or [])
    assert len(made) == 5


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again():
    cache = TemplateCache()
    compiled = []

    def render(source: str) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)
        original = env.compile
        env.compile = lambda *a, **k: compiled.append(a[1]) or original(*a, **k)
        return env.get_template("page.html").render(x="wereld")

    assert render("Hallo {{ x }}") == "Hallo wereld"
    assert render("Hallo {{ x }}") == "Hallo wereld"  # a new environment, as MkDocs makes per rebuild
    assert compiled == ["page.html"]
    assert render("Dag {{ x }}") == "Dag wereld"
    assert compiled == ["page.html", "page.html"]
