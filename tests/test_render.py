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
