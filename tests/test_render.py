"""Rendering escapes every plain YAML value, wherever it lands on the page."""

from __future__ import annotations

import datetime as dt
import re

import markdown

from watwerkt.view.citations import reference, render_citations
from watwerkt.model.dossier import Author, ChangelogEntry, Dates, Dossier, EffectiveElement, LiteratureEntry
from watwerkt.view.page import PageOptions, dossier_page
from watwerkt.model.settings import load_settings

EVIL = '<img src=x onerror="alert(1)"> [klik](javascript:alert(1)) **vet** {: onclick="x()" }'


def _page_html(d: Dossier) -> str:
    text = dossier_page(d, load_settings(None), PageOptions(today=dt.date(2026, 6, 1)))
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"])


def _dossier() -> Dossier:
    entry = LiteratureEntry(id="bron", type="report", authors=[EVIL], year="2020", title=EVIL, publisher=EVIL)
    return Dossier(
        format_version=1, title=EVIL, summary=EVIL, status="published",
        authors=[Author(name=EVIL, organisation=EVIL)],
        dates=Dates(published=dt.date(2020, 1, 1)),
        themes=[EVIL], target_groups=[EVIL],
        effective_elements=[EffectiveElement(id="el", title=EVIL, description="Tekst [@bron].",
                                             evidence="verondersteld", effect=EVIL, sources=["bron"])],
        literature=[entry],
        changelog=[ChangelogEntry(date=dt.date(2020, 1, 1), summary=EVIL)],
        slug="kwaad",
    )


def test_yaml_values_never_become_markup():
    html = _page_html(_dossier())
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert not re.search(r"<[^>]*\son(click|error)=", html)
    assert "<strong>vet</strong>" not in html
    assert "&lt;img" in html  # shown as text


def test_citation_and_reference_escape_titles():
    entry = LiteratureEntry(id="b", type="report", authors=["Org <b>"], year="2020", title="Titel *met* [link](x)")
    ref = markdown.markdown(reference(entry))
    assert "<b>" not in ref and "<em>met</em>" not in ref and 'href="x"' not in ref
    cited = markdown.markdown(render_citations("Zie [@b].", {"b": entry}))
    assert 'href="#bron-b"' in cited and "<b>" not in cited


def test_reference_links_doi_and_url_escaped():
    """A DOI becomes a link to doi.org, a URL a link to itself; neither can break out of the link."""
    doi = '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0'
    entry = LiteratureEntry(id="d", type="article", authors=["A, B."], year="2020", title="T", doi=doi,
                            url="https://example.org/niet-deze")
    ref = markdown.markdown(reference(entry), extensions=["md_in_html"])
    href = "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0"
    assert f'<a href="{href}">{href}</a>' in ref
    assert "niet-deze" not in ref  # the DOI wins, as APA asks
    url = 'https://example.org/a_b*c?x=1&y="2"><script>'
    entry = LiteratureEntry(id="u", type="report", authors=["Org"], year="2020", title="T", url=url)
    ref = markdown.markdown(reference(entry), extensions=["md_in_html"])
    assert "<script>" not in ref and "<em>" not in ref.split("<a", 1)[1]
    assert ref.count("<a ") == 1 and 'href="https://example.org/a_b*c?x=1&amp;y=&quot;2&quot;&gt;&lt;script&gt;"' in ref
