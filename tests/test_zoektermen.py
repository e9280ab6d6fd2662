"""Also-known-as terms (`zoektermen`) through the pipeline: loaded, in the one view, on the page under the
lead and under each element, in print, in the JSON API and JSON-LD, and in search with a weight of their own.

Expectations come from the loaded model; the dossiers are private copies of the fixtures under tmp.
"""

from __future__ import annotations

import html
import json
import re
import shutil

import markdown
import pytest

from conftest import FIXTURES, PUBLISHED_AT, TODAY, check_root, copy_valid, edit
from watwerkt.check import check
from watwerkt.export import dossier_json, json_ld
from watwerkt.model.settings import load_settings, make_settings
from watwerkt.search import build_index, open_index
from watwerkt.view.dossier_view import ALSO_KNOWN_AS, MARKDOWN_EXTENSIONS, dossier_view
from watwerkt.view.page import PageOptions, dossier_page

V = "dossiers/voorbeeld/dossier.yml"
# Test data: a hostile term among ordinary ones, so every output shows it escaped.
DOSSIER_TERMS = "zoektermen: [proefdraaien, 'keuren & <b>nakijken</b>']\n"
ELEMENT_TERMS = "    zoektermen: [heldere foutmeldingen]\n"


@pytest.fixture(scope="module")
def with_terms(tmp_path_factory):
    """The valid fixture with terms on the voorbeeld dossier and on its first element; (dossier, settings)."""
    root = copy_valid(tmp_path_factory.mktemp("terms"))
    edit(root / V, "target_groups: [redacteuren]\n", "target_groups: [redacteuren]\n" + DOSSIER_TERMS)
    edit(root / V, "    sources: [jansen-2020]\n", "    sources: [jansen-2020]\n" + ELEMENT_TERMS)
    result = check_root(root)
    assert result.problems == [], result.problems
    d = next(x for x in result.valid_dossiers() if x.slug == "voorbeeld")
    assert d.zoektermen and d.effective_elements[0].zoektermen  # the edit reached the model
    return d, make_settings(site_url=PUBLISHED_AT)


def _aka(terms) -> str:
    return f"{ALSO_KNOWN_AS}: {', '.join(terms)}"


def test_the_view_carries_the_terms_of_the_dossier_and_of_each_element(with_terms):
    d, settings = with_terms
    view = dossier_view(d, settings, TODAY)
    assert view.zoektermen == tuple(d.zoektermen)
    assert view.also_known_as == _aka(d.zoektermen)
    assert [ev.zoektermen for ev in view.elements] == [tuple(el.zoektermen) for el in d.effective_elements]
    without = [ev for ev, el in zip(view.elements, d.effective_elements) if not el.zoektermen]
    assert all(ev.also_known_as is None for ev in without)


def test_the_page_shows_them_escaped_under_the_lead_and_under_each_element(with_terms):
    d, settings = with_terms
    page = markdown.markdown(dossier_page(d, settings, PageOptions(today=TODAY)), extensions=list(MARKDOWN_EXTENSIONS))
    lines = re.findall(r'<p class="ww-aka">(.*?)</p>', page)
    wanted = [_aka(d.zoektermen)] + [_aka(el.zoektermen) for el in d.effective_elements if el.zoektermen]
    assert lines == [html.escape(w) for w in wanted]
    assert "<b>nakijken</b>" not in page  # the hostile term is text, not markup
    lead, first = page.index('class="ww-lead"'), page.index('class="ww-aka"')
    assert lead < first < page.index('class="ww-meta"')
    for el in d.effective_elements:
        if el.zoektermen:
            heading = page.index(f'id="element-{el.id}"')
            line = page.index(html.escape(_aka(el.zoektermen)), heading)
            assert line < page.index('class="ww-evidence"', heading)  # right under the element's heading


def test_without_terms_nothing_is_shown(with_terms):
    _, settings = with_terms
    d = next(x for x in check_root(FIXTURES / "valid").valid_dossiers() if x.slug == "voorbeeld")
    assert not d.zoektermen and not any(el.zoektermen for el in d.effective_elements)
    assert ALSO_KNOWN_AS not in dossier_page(d, settings, PageOptions(today=TODAY))
    assert dossier_json(d, settings)["zoektermen"] == []
    assert "alternateName" not in json_ld(d, settings)


def test_print_shows_them_under_the_summary_and_under_each_element(with_terms):
    from watwerkt.pdf.document import dossier_document

    d, settings = with_terms
    doc = dossier_document(d, settings, TODAY, {d.slug}).html
    summary = doc.index('<p class="summary">')
    assert doc.index(f'<p class="aka">{html.escape(_aka(d.zoektermen))}</p>') > summary
    for el in d.effective_elements:
        if el.zoektermen:
            heading = doc.index(f"<h3 id=\"{d.slug}--element-{el.id}\"" if f"{d.slug}--element" in doc
                                else f'<h3 id="element-{el.id}"')
            assert doc.index(f'<p class="aka">{html.escape(_aka(el.zoektermen))}</p>') > heading
    assert "<b>nakijken</b>" not in doc


def test_json_api_and_json_ld_carry_them(with_terms):
    d, settings = with_terms
    data = dossier_json(d, settings)
    assert data["zoektermen"] == d.zoektermen
    assert [e["zoektermen"] for e in data["effective_elements"]] == [el.zoektermen for el in d.effective_elements]
    script = json_ld(d, settings)
    ld = json.loads(script)
    assert ld["alternateName"] == d.zoektermen
    assert [part.get("alternateName", []) for part in ld["hasPart"]] == [el.zoektermen for el in d.effective_elements]
    assert "<b>" not in script  # safe inside its <script> element


# -- search ----------------------------------------------------------------------------------------------
CORPUS = FIXTURES / "relevance"
TARGET = "valpreventie-ouderen"  # test data: a term readers may use that its text never does
TERM = "wiebelpad"  # made up: in no text and in no thesaurus
RIVAL = "dementie-thuis"  # mentions the word once in its text


def _index(root, tmp_path, name):
    settings = load_settings(None)
    dossiers = check([root / "dossiers"], settings, TODAY, base=root).valid_dossiers()
    build_index(dossiers, settings, tmp_path / name)
    return dossiers, open_index(tmp_path / name)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The judged test corpus as written, and a copy in which the target has the term on an element."""
    tmp = tmp_path_factory.mktemp("zoek")
    plain_root = tmp / "plain"
    shutil.copytree(CORPUS, plain_root)
    termed_root = tmp / "termed"
    shutil.copytree(CORPUS, termed_root)
    yml = termed_root / "dossiers" / TARGET / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    first_sources = re.search(r"^    sources: .*\n", text, flags=re.M).group(0)
    yml.write_text(text.replace(first_sources, first_sources + f"    zoektermen: [{TERM}]\n", 1), encoding="utf-8")
    return plain_root, termed_root, tmp


def test_a_query_matching_only_a_zoekterm_finds_the_dossier_first(corpora):
    plain_root, termed_root, tmp = corpora
    _, before = _index(plain_root, tmp, "before")
    assert TARGET not in [h.slug for h in before.search(TERM).hits]  # nothing in its text matches
    dossiers, after = _index(termed_root, tmp, "after")
    target = next(d for d in dossiers if d.slug == TARGET)
    assert [TERM] in [el.zoektermen for el in target.effective_elements]
    hits = after.search(TERM).hits
    assert hits and hits[0].slug == TARGET
    assert "<mark>" in hits[0].snippet and TERM in hits[0].snippet.lower()  # the snippet shows the term


def test_a_zoekterm_outweighs_the_same_word_in_the_text(corpora):
    _, termed_root, tmp = corpora
    rival_root = tmp / "rival"
    shutil.copytree(termed_root, rival_root)
    definitie = rival_root / "dossiers" / RIVAL / "definitie.md"
    definitie.write_text(definitie.read_text(encoding="utf-8") + f"\nEen {TERM} thuis komt veel voor.\n",
                         encoding="utf-8")
    _, handle = _index(rival_root, tmp, "rival")
    slugs = [h.slug for h in handle.search(TERM).hits]
    assert slugs[:2] == [TARGET, RIVAL]


def test_the_index_marker_names_the_new_version(corpora):
    from watwerkt.search import store
    from watwerkt.search.schema import FIELD_BOOSTS, schema

    assert "zoektermen" in schema().names() and FIELD_BOOSTS["zoektermen"] > FIELD_BOOSTS["elements"]
    *_, tmp = corpora
    root = tmp / "after"
    marker = json.loads((root / (root / store.POINTER).read_text().strip() / store.MARKER).read_text())
    assert marker["version"] == store.INDEX_VERSION >= 4
