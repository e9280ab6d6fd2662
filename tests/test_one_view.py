"""One view of a dossier (view/dossier_view.py): the page, the PDF, the JSON API and RIS/BibTeX
show the same facts because they take them from it.

For every sample and a synthetic dossier (22 authors, so APA's ellipsis rule applies; an
organisation among them; a former slug; an example without recognition; an admonition; an
overdue review), the citation text on the page (its Markdown rendered as MkDocs renders it, then
sanitised) and in the PDF (rendered for real, read back with pypdf) must equal the view's citation
after whitespace, line-break and soft-hyphen normalisation only. Expected values come from the
loaded model and the view, never retyped from a dossier.yml.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from pypdf import PdfReader

from conftest import PUBLISHED_AT, ROOT, TODAY
from watwerkt import export
from watwerkt.check import check
from watwerkt.export.citation import bibtex_escape
from watwerkt.export.common import is_organisation
from watwerkt.model.settings import make_settings
from watwerkt.pdf.build import render_pdf
from watwerkt.pdf.document import MAX_IMAGE_BYTES, dossier_document, stylesheet
from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS, dossier_view
from watwerkt.view.page import PageOptions, dossier_page
from watwerkt.view.sanitize import sanitize

SAMPLES = sorted(p.name for p in (ROOT / "dossiers").iterdir() if (p / "dossier.yml").is_file())
SYNTHETIC = "veel-auteurs"
FORMER = "oud-adres-veel-auteurs"
ORGANISATION = "Stichting Kennis & Praktijk"
CITE_LABEL = "Zo verwijst u naar dit dossier (APA)"
# 22 authors: APA 7 lists the first 19, an ellipsis and the last. Names with Dutch prefixes, a
# name ending in a full stop, and one organisation.
PEOPLE = [f"{first} {prefix}{family}" for first, prefix, family in zip(
    "Anna Bram Chris Daan Eva Fleur Gijs Hanna Ivo Jet Koen Lotte Milan Noor Olaf Pien Quinten Roos "
    "Sem Tess Umut".split(),
    ["de ", "van ", "", "van der ", "", "ter ", "", "de ", "", "van ", "", "", "el ", "", "", "van den ",
     "", "", "", "", ""],
    "Vries Dijk Bakker Berg Jansen Horst Visser Jong Smit Leeuwen Mulder Meijer Amrani Bos Peters Bosch "
    "Kok Willems Hendriks Dekker Yilmaz".split())]
PEOPLE[4] = "E.M. Jansen Jr."


def squash(text: str) -> str:
    """The normalisation the comparison allows: soft hyphens dropped, line breaks and runs of
    whitespace made one space. Nothing else (case, punctuation and words all count)."""
    return " ".join(text.replace("\u00ad", "").split())


def same_text(extracted: str, expected: str) -> bool:
    """Does text read back from a layout say exactly `expected`? Allowed: soft hyphens dropped,
    runs of spaces, and a line break standing for a space or, where a line was broken inside a
    word or an address (after '-' or '/', or anywhere in a long address), for nothing."""
    text = re.sub(r"[ \t]*\n\s*", "\n", re.sub(r"[ \t]+", " ", extracted.replace("\u00ad", ""))).strip()
    pattern = "".join("[ \n]" if ch == " " else re.escape(ch) + "\n?" for ch in squash(expected))
    return re.fullmatch(pattern, text) is not None


class _ClassText(HTMLParser):
    """Text of every element carrying a CSS class (nested elements included)."""

    def __init__(self, css_class: str):
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.found: list[str] = []
        self._depth = 0  # >0 while inside a matching element

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.found[-1] += data


def class_texts(html: str, css_class: str) -> list[str]:
    parser = _ClassText(css_class)
    parser.feed(html)
    return parser.found


def page_html(d, settings, today, on_site) -> str:
    """The dossier page as MkDocs makes it: the view's Markdown extensions, then sanitised."""
    text = dossier_page(d, settings, PageOptions(on_site=on_site, today=today))
    return sanitize(markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS)))


def pdf_text(d, settings, today, on_site, target: Path) -> tuple[str, str]:
    """(print HTML, the text of the rendered PDF)."""
    source = dossier_document(d, settings, today, on_site)
    render_pdf(source.html, stylesheet(), {k: str(v) for k, v in source.images.items()}, str(target),
               MAX_IMAGE_BYTES)
    return source.html, "\n".join(page.extract_text() or "" for page in PdfReader(target).pages)


def pdf_citation(text: str) -> str:
    """The citation on the cover: after its label, up to the licence line that follows the block."""
    start = text.index(CITE_LABEL) + len(CITE_LABEL)
    return text[start:text.index("Licentie:", start)]


def _synthetic_project(base: Path, settings) -> tuple[Path, object]:
    for slug in SAMPLES:  # the samples too: the copied texts link to them
        shutil.copytree(ROOT / "dossiers" / slug, base / "dossiers" / slug)
    folder = base / "dossiers" / SYNTHETIC
    shutil.copytree(ROOT / "dossiers" / SAMPLES[0], folder)
    data = yaml.safe_load((folder / "dossier.yml").read_text(encoding="utf-8"))
    data["authors"] = [{"name": n, "organisation": "watwerkt"} if i % 5 == 0 else {"name": n}
                       for i, n in enumerate(PEOPLE)]
    data["authors"].insert(7, {"name": ORGANISATION, "organisation": ORGANISATION})
    data["former_slugs"] = [FORMER]
    data["title"] = "Wat werkt bij *veel* auteurs & [organisaties]"  # Markdown and HTML specials stay text
    data["examples"] = [
        {"name": "Een aanpak zonder erkenning", "description": "Een voorbeeld dat geen erkenning heeft."},
        {"name": "Een erkende aanpak", "description": "Een voorbeeld met erkenning.",
         "recognition": {"level": settings.recognition_ids[0]}},
    ]
    (folder / "dossier.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    definitie = folder / "definitie.md"
    definitie.write_text(definitie.read_text(encoding="utf-8")
                         + '\n\n!!! note "Let op"\n    Deze tekst staat in een kader.\n', encoding="utf-8")
    result = check([base / "dossiers"], settings, TODAY)
    assert not result.errors, result.problems
    (d,) = [d for d in result.valid_dossiers() if d.slug == SYNTHETIC]
    return folder, d


@pytest.fixture(scope="module")
def settings():
    return make_settings(site_url=PUBLISHED_AT)


@pytest.fixture(scope="module")
def rendered(settings, tmp_path_factory):
    """Every sample and the synthetic dossier: (dossier, day, page HTML, print HTML, PDF text).
    The synthetic one is rendered on a day after its review date, so it carries the overdue banner."""
    base = tmp_path_factory.mktemp("one-view")
    samples = sorted(check([ROOT / "dossiers"], settings, TODAY).valid_dossiers(), key=lambda d: d.slug)
    assert [d.slug for d in samples] == SAMPLES
    _, synthetic = _synthetic_project(base / "synthetic", settings)
    overdue_day = synthetic.dates.review_due + dt.timedelta(days=1)
    on_site = {d.slug for d in samples} | {synthetic.slug}
    out = {}
    for d, day in [*((d, TODAY) for d in samples), (synthetic, overdue_day)]:
        print_html, text = pdf_text(d, settings, day, on_site, base / f"{d.slug}.pdf")
        out[d.slug] = {"d": d, "day": day, "page": page_html(d, settings, day, on_site),
                       "print": print_html, "pdf": text}
    return out


ALL = [*SAMPLES, SYNTHETIC]


# -- the citation -------------------------------------------------------------------------------
@pytest.mark.parametrize("slug", ALL)
def test_page_and_pdf_citation_equal_the_views(rendered, settings, slug):
    r = rendered[slug]
    view = dossier_view(r["d"], settings, r["day"])
    (on_page,) = class_texts(r["page"], "ww-citation")
    assert squash(on_page) == squash(view.citation_text)
    in_print = pdf_citation(r["pdf"])
    assert same_text(in_print, view.citation_text), (squash(in_print), view.citation_text)


@pytest.mark.parametrize("slug", ALL)
def test_the_views_citation_names_the_site_as_publisher(rendered, settings, slug):
    d = rendered[slug]["d"]
    view = dossier_view(d, settings)
    assert view.publisher == settings.site_name and view.url == f"{PUBLISHED_AT}dossiers/{d.slug}/"
    assert view.citation_text.endswith(f" {settings.site_name}. {view.url}")
    assert f"({d.version.year})." in view.citation_text
    for organisation in {a.organisation for a in d.authors if a.organisation} - {a.name for a in d.authors}:
        assert f" {organisation}. " not in view.citation_text  # an organisation is not the publisher


def test_many_authors_follow_apas_ellipsis_rule(rendered, settings):
    d = rendered[SYNTHETIC]["d"]
    view = dossier_view(d, settings)
    names = [a.name for a in d.authors]
    assert len(names) > 20 and view.author_names == names
    listed = view.citation_text.split(f" ({view.year}).")[0]
    assert listed == ", ".join(names[:19]) + ", . . . " + names[-1] + ("" if names[-1].endswith(".") else ".")
    assert all(name not in listed for name in names[19:-1])
    assert FORMER not in view.citation_text and view.url.endswith(f"/dossiers/{d.slug}/")


# -- RIS and BibTeX -----------------------------------------------------------------------------
def ris_fields(text: str) -> list[tuple[str, str]]:
    return [(line[:2], line[6:]) for line in text.split("\r\n") if line]


def bibtex_fields(text: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = (.*?),?$", text, re.M))


def _unbrace(value: str) -> str:
    assert value.startswith("{") and value.endswith("}"), value
    return value[1:-1]


@pytest.mark.parametrize("slug", ALL)
def test_ris_carries_the_views_facts(rendered, settings, slug):
    d = rendered[slug]["d"]
    view = dossier_view(d, settings)
    fields = ris_fields(export.ris(d, settings))
    one = {tag: value for tag, value in fields if tag != "AU"}
    assert [value for tag, value in fields if tag == "AU"] == view.author_names
    assert one["PY"] == view.year
    assert one["TI"] == view.title
    assert one["ET"] == f"Versie {view.version_text}"
    assert one["DA"] == view.version.strftime("%Y/%m/%d")
    assert one["PB"] == view.publisher == settings.site_name
    assert one["UR"] == view.url


@pytest.mark.parametrize("slug", ALL)
def test_bibtex_carries_the_views_facts(rendered, settings, slug):
    d = rendered[slug]["d"]
    view = dossier_view(d, settings)
    fields = bibtex_fields(export.bibtex(d, settings))
    authors = _unbrace(fields["author"]).split(" and ")
    assert [_unbrace(a) if is_organisation(v) else a for a, v in zip(authors, view.authors)] == [
        bibtex_escape(name) for name in view.author_names]
    assert len(authors) == len(view.authors)
    assert fields["year"] == "{" + view.year + "}"
    assert fields["title"] == "{{" + bibtex_escape(view.title) + "}}"
    assert fields["note"] == "{Versie " + view.version_text + "}"
    assert fields["publisher"] == "{" + bibtex_escape(view.publisher) + "}"
    assert fields["url"] == "{" + view.url + "}"


def test_an_organisation_stays_one_bibtex_name(rendered, settings):
    fields = bibtex_fields(export.bibtex(rendered[SYNTHETIC]["d"], settings))
    assert "{" + bibtex_escape(ORGANISATION) + "}" in _unbrace(fields["author"]).split(" and ")


@pytest.mark.parametrize("slug", ALL)
def test_json_carries_the_views_facts(rendered, settings, slug):
    d = rendered[slug]["d"]
    view = dossier_view(d, settings)
    data = export.dossier_json(d, settings)
    assert data["url"] == view.url and data["citation"] == view.citation_text
    assert [el["evidence"]["label"] for el in data["effective_elements"]] == [
        e.evidence_label for e in view.elements]
    assert [ex["recognition"]["level"]["label"] if ex["recognition"] else None for ex in data["examples"]] == [
        ex.recognition.label if ex.recognition else None for ex in view.examples]


# -- labels, banners, Markdown --------------------------------------------------------------------
@pytest.mark.parametrize("slug", ALL)
def test_author_label_is_the_same_on_page_and_cover(rendered, settings, slug):
    r = rendered[slug]
    view = dossier_view(r["d"], settings)
    assert view.author_label == ("Auteur" if len(view.authors) == 1 else "Auteurs")
    assert f"<dt>{view.author_label}</dt>" in r["page"]
    assert f"<dt>{view.author_label}</dt>" in r["print"]


@pytest.mark.parametrize("slug", ALL)
def test_no_recognition_prints_nothing(rendered, settings, slug):
    r = rendered[slug]
    view = dossier_view(r["d"], settings)
    recognised = [ex for ex in view.examples if ex.recognition]
    assert "niet erkend" not in r["pdf"] and "niet erkend" not in r["page"]
    assert r["pdf"].count("Erkenningsniveau:") == len(recognised)
    assert len(class_texts(r["page"], "ww-recognition")) == len(recognised)


def test_the_synthetic_dossier_has_examples_with_and_without_recognition(rendered, settings):
    view = dossier_view(rendered[SYNTHETIC]["d"], settings)
    assert sorted(ex.recognition is None for ex in view.examples) == [False, True]


def test_admonition_renders_as_one_in_print(rendered, settings):
    r = rendered[SYNTHETIC]
    banners = [b.title for b in dossier_view(r["d"], settings, r["day"]).banners]
    in_text = [t for t in class_texts(r["page"], "admonition-title") if t not in banners]
    assert len(in_text) == 1  # the synthetic dossier's `!!! note "..."`
    assert class_texts(r["print"], "admonition-title") == in_text
    assert '<div class="admonition note">' in r["print"] and "!!!" not in r["print"]
    assert "!!!" not in r["pdf"] and in_text[0] in r["pdf"]


def test_overdue_banner_text_is_the_same_on_page_and_in_print(rendered, settings):
    r = rendered[SYNTHETIC]
    view = dossier_view(r["d"], settings, r["day"])
    (banner,) = view.banners
    assert banner.kind == "overdue" and banner.title == "Herziening verlopen"
    (page_box,) = class_texts(r["page"], banner.admonition)
    assert squash(page_box) == squash(f"{banner.title} {banner.text}")
    (print_box,) = class_texts(r["print"], "banner")
    assert squash(print_box) == squash(f"{banner.title}. {banner.text}")
    assert squash(banner.text) in squash(r["pdf"])


def test_no_banner_before_the_review_date(rendered, settings):
    d = rendered[SYNTHETIC]["d"]
    assert dossier_view(d, settings, d.dates.review_due).banners == ()


def test_outline_orders_page_and_print_alike(rendered, settings):
    for r in rendered.values():
        view = dossier_view(r["d"], settings)
        headings = [h for _, h in view.outline]
        page = re.findall(r"<h2 id=\"([^\"]+)\">([^<]+)", r["page"])
        assert [(a, h) for a, h in page if a not in ("in-het-kort", "citeer-dit-dossier")] == list(view.outline)
        toc = re.search(r'<nav class="toc".*?</nav>', r["print"], re.S).group(0)
        assert re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', toc) == headings


def test_the_comparison_allows_layout_only():
    cited = "Anna de Vries. (2026). Titel (versie 1 juni 2026). Wat werkt. https://x.example/a-b/"
    assert same_text("Anna de\nVries. (2026). Titel (versie 1 juni\n2026). Wat werkt. https://x.example/a-\nb/", cited)
    assert same_text(cited.replace("Titel", "Ti\u00adtel"), cited)
    assert not same_text(cited.replace("Wat werkt.", "watwerkt."), cited)  # the old PDF publisher
    assert not same_text(cited.replace("Titel", "Ti-\ntel"), cited)  # a hyphen added by hyphenation
    assert not same_text(cited.replace("Anna de Vries", "Anna Vries"), cited)
