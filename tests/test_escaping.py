"""Escape once, at the view: every plain value from YAML is escaped where it enters HTML, so the
sanitiser is the second wall, never the only one. With the sanitiser patched out, hostile markup
in every plain text field of the model must not appear as markup in the page, the overviews, the
print HTML of the PDF or the JSON-LD."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import markdown
import pytest

from conftest import FIXTURES, PUBLISHED_AT, check_root
from watwerkt.export import json_ld
from watwerkt.model.kinds import ListOf, Text, spec_fields
from watwerkt.model.settings import make_settings
from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS
from watwerkt.view.overviews import overview_pages
from watwerkt.view.page import PageOptions, dossier_page

TODAY = dt.date(2026, 6, 1)


def payload(field: str) -> str:
    return f'<i data-leak="{field}">{field}</i><script>leak("{field}")</script>'


def poison(obj, path: str = "") -> list[str]:
    """Put a payload into every plain (non-Markdown) text field of obj and its nested objects."""
    poisoned = []
    for f in spec_fields(type(obj)):
        kind, value, here = f.metadata["kind"], getattr(obj, f.name), f"{path}{f.name}"
        if isinstance(kind, Text) and not kind.markdown and isinstance(value, str):
            setattr(obj, f.name, payload(here))
            poisoned.append(here)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Text) and not kind.item.markdown:
            count = len(value) or 1  # an empty list gets one item: every field that can be shown is
            setattr(obj, f.name, [payload(f"{here}[{i}]") for i in range(count)])
            poisoned += [f"{here}[{i}]" for i in range(count)]
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    poisoned += poison(item, f"{here}[{i}].")
        elif dataclasses.is_dataclass(value):
            poisoned += poison(value, f"{here}.")
    return poisoned


@pytest.fixture(scope="module")
def hostile():
    dossiers = check_root(FIXTURES / "valid").valid_dossiers()
    fields = [f for d in dossiers for f in poison(d)]
    assert len(fields) > 20, fields  # title, summary, authors, themes, elements, examples, literature, ...
    return dossiers, fields


def leaks(html: str) -> list[str]:
    return re.findall(r'<i data-leak="([^"]+)"|<script>leak\("([^"]+)"\)', html)


@pytest.fixture
def unsanitised(monkeypatch):
    """The sanitiser patched out everywhere the views call it."""
    import watwerkt.pdf.document as document
    import watwerkt.view.page as page

    for module in (document, page):
        if hasattr(module, "sanitize"):
            monkeypatch.setattr(module, "sanitize", lambda html: html)


def test_dossier_pages_escape_every_plain_value(hostile, unsanitised):
    dossiers, _ = hostile
    settings = make_settings(site_url=PUBLISHED_AT)
    for d in dossiers:
        md = dossier_page(d, settings, PageOptions(today=TODAY, on_site={x.slug for x in dossiers}))
        html = markdown.markdown(md, extensions=list(MARKDOWN_EXTENSIONS))
        assert not leaks(html), (d.slug, leaks(html)[:5])
        assert "&lt;i data-leak=" in html  # the values are there, as text


def test_overview_pages_escape_every_plain_value(hostile, unsanitised):
    dossiers, _ = hostile
    for page in overview_pages(dossiers, make_settings(site_url=PUBLISHED_AT)):
        html = markdown.markdown(page.markdown, extensions=list(MARKDOWN_EXTENSIONS))
        assert not leaks(html), (page.path, leaks(html)[:5])


def test_print_html_of_the_pdf_escapes_every_plain_value(hostile, unsanitised):
    from watwerkt.pdf.document import dossier_document

    dossiers, _ = hostile
    settings = make_settings(site_url=PUBLISHED_AT)
    for d in dossiers:
        html = dossier_document(d, settings, TODAY, {x.slug for x in dossiers})
        html = html.html
        assert not leaks(html), (d.slug, leaks(html)[:5])


def test_json_ld_cannot_close_its_script_element(hostile):
    dossiers, _ = hostile
    for d in dossiers:
        text = json_ld(d, make_settings(site_url=PUBLISHED_AT))
        assert "</" not in text and "<i" not in text and "<script" not in text


def test_also_known_as_terms_are_shown_as_text_on_the_page_and_in_print(hostile, unsanitised):
    """The poisoned zoektermen (of the dossier and of each element) are there, escaped, not just absent."""
    from html import escape

    from watwerkt.pdf.document import dossier_document

    dossiers, fields = hostile
    settings = make_settings(site_url=PUBLISHED_AT)
    assert "zoektermen[0]" in fields and "effective_elements[0].zoektermen[0]" in fields
    for d in dossiers:
        page = markdown.markdown(dossier_page(d, settings, PageOptions(today=TODAY)), extensions=list(MARKDOWN_EXTENSIONS))
        doc = dossier_document(d, settings, TODAY, {x.slug for x in dossiers}).html
        for i, el in enumerate(d.effective_elements):
            for name in ("zoektermen[0]", f"effective_elements[{i}].zoektermen[0]"):
                shown = escape(payload(name), quote=True)
                assert shown in page, (d.slug, name)
                assert escape(payload(name), quote=False) in doc.replace("&#34;", '"').replace("&#39;", "'"), name
