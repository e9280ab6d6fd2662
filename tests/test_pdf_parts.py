"""Collection PDFs in bounded parts (pdf/parts.py): the plan on a generated corpus, and a real
WeasyPrint build of parts from the fixture dossiers (small, since rendering is slow here).
Expectations come from the loaded dossiers."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from pypdf import PdfReader

from conftest import CORPUS_TODAY, FIXTURES, PUBLISHED_AT, corpus_project
from watwerkt.check import check
from watwerkt.model.settings import load_settings, make_settings
from watwerkt.model.slug import SLUG_RE
from watwerkt.pdf import COLLECTION_NAME, PART_LIMIT, build_pdfs, collection_parts
from watwerkt.view.overviews import PdfLink, overview_pages


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    project = tmp_path_factory.mktemp("parts")
    corpus_project(project)
    loaded = check([project / "dossiers"], load_settings(None), dt.date.fromisoformat(CORPUS_TODAY)).valid_dossiers()
    return [d for d in loaded if d.public]


def test_up_to_the_limit_one_document_holds_everything(corpus):
    parts = collection_parts(corpus[:PART_LIMIT])
    assert [(p.name, p.theme) for p in parts] == [(COLLECTION_NAME, None)]
    assert {d.slug for d in parts[0].dossiers} == {d.slug for d in corpus[:PART_LIMIT]}


@pytest.mark.parametrize("limit", [PART_LIMIT, 20])
def test_above_the_limit_one_part_per_theme_split_a_to_z(corpus, limit):
    assert len(corpus) > limit
    parts = collection_parts(corpus, limit)
    assert all(len(p.dossiers) <= limit for p in parts)
    names = [p.name for p in parts]
    assert len(set(names)) == len(names)
    for p in parts:  # "--" is no slug, so a part never takes a dossier's PDF name
        assert p.name.startswith(COLLECTION_NAME + "--") and not SLUG_RE.match(p.name)
    themes = {t for d in corpus for t in d.themes}
    for theme in themes:
        members = sorted((d for d in corpus if theme in d.themes), key=lambda d: ((d.title or "").lower(), d.slug))
        own = [p for p in parts if p.theme == theme]
        assert len(own) == math.ceil(len(members) / limit), theme
        assert [d.slug for p in own for d in p.dossiers] == [d.slug for d in members], theme  # A to Z, each once
        if len(own) > 1:
            assert all(f"deel {i} van {len(own)}" in p.title for i, p in enumerate(own, 1))


def test_the_themes_page_and_each_theme_link_their_parts(corpus):
    parts = collection_parts(corpus, 20)
    links = [PdfLink(p.title, f"pdf/{p.name}.pdf", len(p.dossiers), p.theme) for p in parts]
    pages = {p.path: p.markdown for p in overview_pages(corpus, load_settings(None), pdfs=links)}
    index = pages["themas/index.md"]
    for link in links:
        assert f'href="../{link.path}"' in index, link
    some = links[0]
    theme_page = next(md for path, md in pages.items() if path.startswith("themas/") and path != "themas/index.md"
                      and f'href="../../{some.path}"' in md)
    assert some.title in theme_page


def test_parts_are_rendered_with_their_title_and_progress(tmp_path):
    settings = make_settings(site_url=PUBLISHED_AT)
    dossiers = check([FIXTURES / "valid" / "dossiers"], settings, dt.date(2026, 6, 1)).valid_dossiers()
    steps = []
    report = build_pdfs(dossiers, settings, tmp_path / "out", today=dt.date(2026, 6, 1), jobs=2,
                        cache_dir=tmp_path / "cache", part_limit=1,
                        progress=lambda done, total, name, what: steps.append((done, total, name, what)))
    assert report.ok, report.failed
    expected = collection_parts(dossiers, 1)
    assert len(expected) > 1 and report.collection is None
    for part in expected:
        path = tmp_path / "out" / f"{part.name}.pdf"
        reader = PdfReader(path)
        assert reader.metadata["/Title"] == f"{settings.site_name}: {part.title}"
        text = reader.pages[0].extract_text()
        assert part.title in text
    names = [name for _, _, name, _ in steps]
    assert sorted(names) == sorted([d.slug for d in dossiers if d.public] + [p.name for p in expected])
    assert [done for done, *_ in steps] == list(range(1, len(steps) + 1)) and steps[-1][1] == len(steps)
