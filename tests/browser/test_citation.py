""""Citeer dit dossier" in Chromium on the sample site served by Python's http.server (a static
host): the copy button puts the citation on the clipboard, RIS and BibTeX arrive as files."""

from __future__ import annotations

from playwright.sync_api import expect

from conftest import ROOT, sample_dossiers
from watwerkt.site.config import load_project
from watwerkt.view.dossier_view import dossier_view

from .conftest import DOSSIER


def _model():
    slug = DOSSIER.strip("/").split("/")[-1]
    d = next(x for x in sample_dossiers() if x.slug == slug)
    return d, dossier_view(d, load_project(ROOT / "mkdocs.yml"))


def test_copy_button_puts_the_citation_on_the_clipboard(context, site):
    _, view = _model()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page = context.new_page()
    page.goto(site.page(DOSSIER))
    button = page.get_by_role("button", name="Kopieer deze verwijzing").first
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".ww-kopieer__melding").first).to_have_text("Verwijzing gekopieerd naar het klembord.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert " ".join(copied.split()) == " ".join(view.citation_text.split())


def test_ris_and_bibtex_arrive_as_files(page, site):
    d, _ = _model()
    page.goto(site.page(DOSSIER))
    for name, start in (("RIS (Zotero, EndNote, Mendeley)", "TY  - "), ("BibTeX", "@misc{")):
        link = page.locator(".ww-downloads").get_by_role("link", name=name)
        expect(link).to_have_attribute("download", "")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename in ("citeer.ris", "citeer.bib")
        text = open(download.path(), encoding="utf-8").read()
        assert text.startswith(start) and d.slug in text  # the key (BibTeX), the address (RIS)
