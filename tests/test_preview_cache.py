"""What the live preview keeps between saves (site/preview.py) and why that is safe: the overview
pages are made from a dossier's fields and never from its prose, so they are kept while every
model's fields are unchanged; compiled templates are kept but checked against their source."""

from __future__ import annotations

import dataclasses
from pathlib import Path
import datetime as dt

import jinja2

from watwerkt.model.settings import load_settings
from watwerkt.site.preview import Preview, TemplateCache
from watwerkt.model.slug import slugify
from watwerkt.view.overviews import PdfLink, overview_pages, overview_parts, part_pages

from conftest import sample_dossiers, sample_with


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


def test_the_preview_keeps_overview_parts_for_prose_and_remakes_the_parts_a_field_is_on():
    settings = load_settings(None)
    dossiers = sample_dossiers()
    preview = Preview()

    def pages(ds):
        return preview.overviews(overview_parts(ds, settings), "serve")

    first = pages(dossiers)
    assert [(p.path, p.markdown) for p in first] == [(p.path, p.markdown) for p in overview_pages(dossiers, settings)]
    kept = {name: entry[1] for name, entry in preview.shown_overviews.items()}
    pages([_with_prose(d, "\n\nNog een zin.\n") for d in dossiers])
    assert all(preview.shown_overviews[name][1] is kept[name] for name in kept)
    d = sample_with(dossiers, "with an effective element", lambda d: d.effective_elements)
    level = next(lvl.id for lvl in settings.evidence_scale if lvl.id != d.effective_elements[0].evidence)
    element = dataclasses.replace(d.effective_elements[0], evidence=level)
    changed = dataclasses.replace(d, effective_elements=[element, *d.effective_elements[1:]])
    second = pages([changed if x is d else x for x in dossiers])
    remade = {name for name in kept if preview.shown_overviews[name][1] is not kept[name]}
    assert {"bewijs", "werkzame-elementen"} <= remade and not remade & {"dossiers", "literatuur", "recent"}, remade
    assert [(p.path, p.markdown) for p in second] == [
        (p.path, p.markdown) for p in overview_pages([changed if x is d else x for x in dossiers], settings)]
    # outside the preview nothing is kept
    preview.shown_overviews.clear()
    preview.overviews(overview_parts(dossiers, settings), "build")
    assert preview.shown_overviews == {}


def _changed_values(value, other):
    """Other values for one field: another dossier's, and one derived from this value."""
    out = [other] if other != value else []
    if isinstance(value, bool) or value is None:
        return out
    if isinstance(value, str):
        out.append(value + " anders")
    elif isinstance(value, int):
        out.append(value + 1)
    elif isinstance(value, dt.date):
        out.append(value + dt.timedelta(days=1))
    elif isinstance(value, list) and value and not dataclasses.is_dataclass(value[0]):
        out += [value + [f"{value[0]} anders"], value[1:]]
    return out


def _variants(d, other):
    """(what, model) pairs: `d` with one value changed, for every field of the dossier and every
    field of its records (dates, the first element, reference, change ...)."""
    for f in dataclasses.fields(d):
        value, theirs = getattr(d, f.name), getattr(other, f.name)
        if dataclasses.is_dataclass(value):
            for g in dataclasses.fields(value):
                for v in _changed_values(getattr(value, g.name), getattr(theirs, g.name) if theirs else None):
                    yield f"{f.name}.{g.name}", dataclasses.replace(d, **{f.name: dataclasses.replace(value, **{g.name: v})})
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            first = value[0]
            for g in dataclasses.fields(first):
                for v in _changed_values(getattr(first, g.name), getattr(theirs[0], g.name) if theirs else None):
                    yield (f"{f.name}[0].{g.name}",
                           dataclasses.replace(d, **{f.name: [dataclasses.replace(first, **{g.name: v}), *value[1:]]}))
            yield f"{f.name}[1:]", dataclasses.replace(d, **{f.name: value[1:]})
        else:
            for v in _changed_values(value, theirs):
                yield f.name, dataclasses.replace(d, **{f.name: v})


def test_every_value_an_overview_part_shows_is_in_its_key():
    """The preview keeps a part while its key is equal, so a value the pages show but the key
    leaves out would leave a stale page. Each field of a published dossier and of a draft is
    changed in turn; wherever a part's pages change, its key must change too."""
    settings = load_settings(None)
    dossiers = sample_dossiers()
    public, draft = dossiers[:-1], dataclasses.replace(dossiers[-1], status="draft")
    links = [PdfLink(f"Thema {t}", f"pdf/{slugify(t)}.pdf", 1, t) for t in sorted({t for d in public for t in d.themes})]

    def made(ps, drafts):
        return {part.name: (part.key(), [(p.path, p.markdown) for p in part_pages(part)])
                for part in overview_parts(ps, settings, drafts, links)}

    before = made(public, [draft])
    tried = covered = 0
    for which, target, other in ((0, public[0], public[1]), (None, draft, public[0])):
        for what, variant in _variants(target, other):
            after = (made([variant, *public[1:]], [draft]) if which == 0 else made(public, [variant]))
            tried += 1
            for name, (key, pages) in after.items():
                if pages != before[name][1]:
                    covered += 1
                    assert key != before[name][0], f"part {name!r} shows {what} but its key leaves it out"
    assert tried > 50 and covered > 50, (tried, covered)


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


def test_a_save_renders_again_only_the_docs_pages_the_plugin_fills_in(tmp_path):
    """Under `mkdocs serve --dirty` the preview removes the output of the pages it must render
    anew: the home page and docs/ pages with a marker; a plain guide page only when the problems
    box changes (it stands on every page)."""
    from types import SimpleNamespace

    from watwerkt.model.problems import Problem
    from watwerkt.site.markers import FILLED

    docs, site = tmp_path / "docs", tmp_path / "site"
    pages = {"index.md": "# Home\n", "gids.md": f"# Gids\n\n{FILLED[1]}\n", "uitleg.md": "# Uitleg\n\nTekst.\n"}
    files = []
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
        out = site / name.replace(".md", ".html")
        out.parent.mkdir(parents=True, exist_ok=True)
        files.append(SimpleNamespace(src_uri=name, abs_src_path=str(docs / name), abs_dest_path=str(out),
                                     generated_by=None))
    generated = site / "dossiers" / "a.html"
    generated.parent.mkdir(parents=True)
    files.append(SimpleNamespace(src_uri="dossiers/a/index.md", abs_src_path=str(tmp_path / "bron.md"),
                                 abs_dest_path=str(generated), generated_by="watwerkt"))
    listing = SimpleNamespace(documentation_pages=lambda: files)

    def outputs():
        for f in files:
            Path(f.abs_dest_path).write_text("oud", encoding="utf-8")
    outputs()
    preview = Preview()
    preview.refresh(listing, "serve")
    gone = {f.src_uri for f in files if not Path(f.abs_dest_path).exists()}
    assert gone == {"index.md", "gids.md"}
    outputs()
    preview.problems = [Problem(path="dossiers/a/dossier.yml", line=1, col=1, code="WW101", message="fout")]
    preview.refresh(listing, "serve")  # the problems box appears: every page
    assert not any(Path(f.abs_dest_path).exists() for f in files)
    outputs()
    preview.refresh(listing, "build")
    assert all(Path(f.abs_dest_path).exists() for f in files)
