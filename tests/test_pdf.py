"""Offline PDFs: built for real from the sample dossiers (once per module), then opened and read.

Rendering is slow on a small machine, so the sample PDFs and the collection are made once in a
module fixture and every test reads them; the cache and failure tests render as little as they can.
Expected texts come from the loaded dossiers, never retyped from a sample's dossier.yml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT
from conftest import FIXTURES, PUBLISHED_AT, linked_slugs, sample_with
from watwerkt.view.text import dutch_date
from watwerkt.cli import main
from watwerkt.load.folder import load_dossier
from watwerkt.model.dossier import SECTIONS
from watwerkt.pdf import COLLECTION_NAME, build_pdfs
from watwerkt.pdf.build import cache_key
from watwerkt.pdf import document
from watwerkt.pdf.document import dossier_document
from watwerkt.model.settings import make_settings

TODAY = dt.date(2026, 11, 26)
SAMPLES = sorted(p.name for p in (ROOT / "dossiers").iterdir() if (p / "dossier.yml").is_file())
DRAFT = "concept-dossier"
TAIL_HEADINGS = ["Werkzame elementen", "Goede voorbeelden", "Literatuur", "Wijzigingen"]


# -- helpers ------------------------------------------------------------------------------------
def norm(text: str) -> str:
    """Letters and digits only, lower case: hyphenation, line breaks and spacing drop out."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\W_]+", "", text.lower())


def plain(markdown_text: str) -> list[str]:
    """Editor Markdown as plain text fragments: split at citations (they become "(Name, year)"),
    at list items and paragraphs; links reduced to their text."""
    text = re.sub(r"\[[^\[\]]*@[^\[\]]*\]", "\n\n", markdown_text)
    text = re.sub(r"!?\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]", "", text)
    fragments = []
    for block in re.split(r"\n\s*\n", text):
        for line in re.split(r"\n\s*[-+] |\n\s*\d+\. ", "\n" + block.strip()):
            line = line.strip().lstrip("-+ ").strip()
            if len(norm(line)) > 20:
                fragments.append(line)
    return fragments


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def body_text(path: Path) -> str:
    """All pages without the running header and footer (extracted after the body of each page)."""
    reader = PdfReader(path)
    title = reader.metadata["/Title"]
    out = []
    for page in reader.pages:
        lines = (page.extract_text() or "").splitlines()
        while lines and (re.fullmatch(r"pagina \d+ van \d+", lines[-1].strip())
                         or norm(lines[-1]) in (norm(title), "")):
            lines.pop()
        out.append("\n".join(lines))
    return "\n".join(out)


def toc_entries(page_text: str) -> list[tuple[str, int]]:
    """Lines 'Heading . . . . 3' of a table of contents."""
    out = []
    for line in page_text.splitlines():
        m = re.match(r"^(?P<title>.*?\S)\s*(?:\.\s*)+(?P<page>\d+)\s*$", line.strip())
        if m:
            out.append((m.group("title").strip(" ."), int(m.group("page"))))
    return out


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += outline(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return out


_SNAPSHOT: list[Path] = []  # the samples as copied once, so later copies match the module build


def make_project(base: Path, slugs: list[str]) -> Path:
    source = _SNAPSHOT[0] if _SNAPSHOT else ROOT / "dossiers"
    (base / "dossiers").mkdir(parents=True)
    for slug in slugs:
        shutil.copytree(source / slug, base / "dossiers" / slug)
    return base


def load_all(project: Path, settings):
    return [load_dossier(p, settings).dossier for p in sorted((project / "dossiers").iterdir()) if p.is_dir()]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the module build ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("pdfproject")
    _SNAPSHOT[:] = [make_project(base / "snapshot", SAMPLES) / "dossiers"]
    project = make_project(base / "project", SAMPLES)
    shutil.copytree(project / "dossiers" / SAMPLES[0], project / "dossiers" / DRAFT)
    edit(project / "dossiers" / DRAFT / "dossier.yml", "status: published", "status: draft")
    settings = make_settings(site_url=PUBLISHED_AT)
    dossiers = load_all(project, settings)
    assert all(d is not None for d in dossiers)
    out, cache = base / "out", base / "cache"
    report = build_pdfs(dossiers, settings, out, today=TODAY, jobs=2, cache_dir=cache, progress=False)
    return {"project": project, "settings": settings, "dossiers": dossiers, "out": out,
            "cache": cache, "report": report, "base": base}


def test_one_pdf_per_published_dossier_and_the_collection(built):
    report = built["report"]
    assert report.failed == []
    assert sorted(report.rendered) == sorted(SAMPLES + [COLLECTION_NAME])
    assert report.cached == []
    names = sorted(p.name for p in built["out"].iterdir())
    assert names == sorted([f"{s}.pdf" for s in SAMPLES] + [f"{COLLECTION_NAME}.pdf"])
    for name in names:
        assert (built["out"] / name).read_bytes().startswith(b"%PDF-")


def test_drafts_get_no_pdf(built):
    assert built["report"].skipped == [DRAFT]
    assert not (built["out"] / f"{DRAFT}.pdf").exists()
    assert not any(DRAFT in p.name for p in built["cache"].iterdir())


@pytest.mark.parametrize("slug", SAMPLES)
def test_every_section_text_is_in_the_pdf(built, slug):
    d = next(x for x in built["dossiers"] if x.slug == slug)
    pages = page_texts(built["out"] / f"{slug}.pdf")
    text = norm(body_text(built["out"] / f"{slug}.pdf"))
    for key, section in d.sections.items():
        assert norm(SECTIONS[key]) in text
        for paragraph in plain(section.text):
            assert norm(paragraph) in text, (key, paragraph[:80])
    for el in d.effective_elements:
        assert norm(el.title) in text
        level = built["settings"].evidence(el.evidence)
        assert norm(f"Bewijsniveau: {level.label}") in text
        for paragraph in plain(el.description):
            assert norm(paragraph) in text
    for ex in d.examples:
        assert norm(ex.name) in text
    for entry in d.literature:
        assert norm(entry.title) in text
    for change in d.changelog:
        assert norm(change.summary) in text
    assert "*" not in body_text(built["out"] / f"{slug}.pdf")  # Markdown emphasis was rendered
    cover = norm(pages[0])
    assert norm(d.title) in cover and norm(d.summary) in cover
    # The APA citation: authors, year, title and version date, the address.
    assert norm(" ".join(a.name for a in d.authors) + f" ({d.version.year}).") in cover
    assert norm(f"{d.title} (versie {dutch_date(d.version)}).") in cover
    assert norm(f"{PUBLISHED_AT}dossiers/{slug}/") in cover


@pytest.mark.parametrize("slug", SAMPLES)
def test_sections_in_web_page_order_and_toc_page_numbers_match(built, slug):
    d = next(x for x in built["dossiers"] if x.slug == slug)
    path = built["out"] / f"{slug}.pdf"
    pages = page_texts(path)
    tail = zip(TAIL_HEADINGS, [d.effective_elements, d.examples, d.literature, d.changelog])
    expected = [SECTIONS[k] for k in SECTIONS if k in d.sections] + [h for h, items in tail if items]
    entries = toc_entries(pages[1])
    assert [title for title, _ in entries] == expected
    for title, number in entries:
        lines = [line.strip() for line in pages[number - 1].splitlines()]
        assert title in lines, (title, number)
        assert all(title not in p.splitlines() for p in pages[2:number - 1]), title
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] >= 3
    # The bookmarks agree with the table of contents.
    marks = {title: page for depth, title, page in outline(PdfReader(path)) if depth == 1}
    for title, number in entries:
        assert marks[title] == number


@pytest.mark.parametrize("slug", SAMPLES)
def test_header_and_footer_on_content_pages(built, slug):
    d = next(x for x in built["dossiers"] if x.slug == slug)
    pages = page_texts(built["out"] / f"{slug}.pdf")
    total = len(pages)
    assert "pagina" not in pages[0]  # the cover has neither
    for n, text in enumerate(pages[1:], start=2):
        assert f"pagina {n} van {total}" in text
        assert norm(d.title) in norm(text)


def test_metadata_language_and_tagging(built):
    for slug in SAMPLES:
        d = next(x for x in built["dossiers"] if x.slug == slug)
        reader = PdfReader(built["out"] / f"{slug}.pdf")
        info = reader.metadata
        assert info["/Title"] == d.title
        assert info["/Author"] == ", ".join(a.name for a in d.authors)
        assert " ".join(info["/Subject"].split()) == " ".join(d.summary.split())
        assert info["/Keywords"] == ", ".join([*d.themes, *d.zoektermen])  # themes, then also-known-as terms
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "nl"
        tree = root["/StructTreeRoot"].get_object()
        assert tree.get("/K") is not None
        assert bool(root["/MarkInfo"]["/Marked"])
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)
        assert reader.pdf_header.endswith("1.7")
        # Opens with the bookmarks panel; language and dates in the metadata (dates of the
        # dossier, not of the build).
        assert root["/PageMode"] == "/UseOutlines"
        assert reader.xmp_metadata.dc_language == ["nl"]
        assert info["/CreationDate"].startswith("D:" + d.dates.published.strftime("%Y%m%d"))
        assert info["/ModDate"].startswith("D:" + d.version.strftime("%Y%m%d"))
    collection = PdfReader(built["out"] / f"{COLLECTION_NAME}.pdf")
    assert collection.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    newest = max(x.version for x in built["dossiers"] if x.public)
    assert collection.metadata["/ModDate"].startswith("D:" + newest.strftime("%Y%m%d"))


def test_structure_tree_has_headings_and_links(built):
    reader = PdfReader(built["out"] / f"{SAMPLES[0]}.pdf")
    seen = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                seen.add(node["/S"])
            kids = node.get("/K")
            if kids is not None and depth < 60:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/Link"} <= seen, seen


@pytest.mark.parametrize("name", SAMPLES + [COLLECTION_NAME])
def test_links_external_and_internal(built, name):
    reader = PdfReader(built["out"] / f"{name}.pdf")
    uris, internal = set(), 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot["/Subtype"] == "/Link"
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(action["/URI"])
            elif annot.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal > 0
    assert any(u.startswith(PUBLISHED_AT + "dossiers/") for u in uris)
    assert "https://creativecommons.org/licenses/by/4.0/deed.nl" in uris


def test_literature_and_example_links_are_clickable(built, tmp_path):
    """A DOI and a web address become links (the fixture has both; the samples need not)."""
    shutil.copytree(FIXTURES / "valid" / "dossiers" / "voorbeeld", tmp_path / "dossiers" / "voorbeeld")
    settings = built["settings"]
    [d] = load_all(tmp_path, settings)
    report = build_pdfs([d], settings, tmp_path / "out", today=TODAY, jobs=1, collection=False,
                        cache_dir=tmp_path / "cache", progress=False)
    assert report.failed == [] and report.rendered == ["voorbeeld"]
    uris = {annot.get_object()["/A"]["/URI"]
            for page in PdfReader(tmp_path / "out" / "voorbeeld.pdf").pages
            for annot in page.get("/Annots") or []
            if annot.get_object().get("/A") is not None and annot.get_object()["/A"].get("/S") == "/URI"}
    assert {"https://doi.org/10.1234/test.2021.1", "https://example.org/project"} <= uris


def test_fonts_are_embedded_dejavu(built):
    reader = PdfReader(built["out"] / f"{SAMPLES[0]}.pdf")
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            fonts[str(target["/BaseFont"])] = target["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert "DejaVu" in name, name
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_collection_cover_toc_and_each_dossier_on_a_new_page(built):
    path = built["out"] / f"{COLLECTION_NAME}.pdf"
    reader = PdfReader(path)
    pages = page_texts(path)
    assert "alle dossiers" in pages[0]
    titles = sorted((d.title for d in built["dossiers"] if d.slug != DRAFT), key=str.lower)
    entries = toc_entries(pages[1])
    assert [t for t, _ in entries] == titles
    total = len(pages)
    for title, number in entries:
        page_norm = norm(pages[number - 1])
        body = page_norm.split("pagina", 1)[0]  # the running header holds the title too
        assert norm(title) in body
        # A new page: the previous page belongs to another dossier (or is the table of contents).
        assert f"pagina {number} van {total}" in pages[number - 1]
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    marks = outline(reader)
    top = [(title, page) for depth, title, page in marks if depth == 0 and title in titles]
    assert top == entries
    # A paragraph may run over a page break: read the pages without their running footer.
    running = " ".join(re.sub(r"\n[^\n]*\npagina \d+ van \d+\s*$", "", p) for p in pages)
    for d in built["dossiers"]:
        if d.slug != DRAFT:
            for paragraph in plain(d.sections["definitie"].text):
                assert norm(paragraph) in norm(running)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.trailer["/Root"].get("/StructTreeRoot") is not None
    assert reader.metadata["/Title"] == "Wat werkt: alle dossiers"
    themes = sorted({t for d in built["dossiers"] if d.slug != DRAFT for t in d.themes})
    assert themes and reader.metadata["/Keywords"] == ", ".join(themes)


def test_collection_links_between_dossiers_stay_inside(built):
    path = built["out"] / f"{COLLECTION_NAME}.pdf"
    reader = PdfReader(path)
    entries = dict(toc_entries(page_texts(path)[1]))
    d = sample_with(built["dossiers"], "that links to another sample", lambda d: linked_slugs(d) & set(SAMPLES))
    first = entries[d.title]
    last = min([n for n in entries.values() if n > first] or [len(reader.pages) + 1]) - 1
    dests = set()
    for page in reader.pages[first - 1:last]:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                dests.add(str(dest))
    # Links to the other samples stay inside the collection and go to their first page.
    assert {f"{slug}--dossier" for slug in linked_slugs(d) & set(SAMPLES)} <= dests


def test_page_one_renders_not_blank(built, tmp_path):
    pdf = built["out"] / f"{SAMPLES[0]}.pdf"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    with Image.open(tmp_path / "page.png") as im:
        gray = im.convert("L")
        width, height = gray.size
        assert width < height  # portrait A4
        dark = sum(gray.point(lambda v: 255 if v < 200 else 0).histogram()[255:])
    assert dark > 0.01 * width * height


# -- cache ---------------------------------------------------------------------------------------
def test_second_run_renders_nothing(built, tmp_path):
    out = tmp_path / "out"
    report = build_pdfs(built["dossiers"], built["settings"], out, today=TODAY, jobs=2,
                        cache_dir=built["cache"], progress=False)
    assert report.rendered == []
    assert sorted(report.cached) == sorted(SAMPLES + [COLLECTION_NAME])
    assert report.collection_cached
    for name in SAMPLES + [COLLECTION_NAME]:
        assert (out / f"{name}.pdf").read_bytes() == (built["out"] / f"{name}.pdf").read_bytes()


def test_changed_dossier_re_renders_only_itself_and_the_collection(built, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(built["cache"], cache)
    project = make_project(tmp_path / "project", SAMPLES)
    changed = SAMPLES[-1]
    definitie = project / "dossiers" / changed / "definitie.md"
    definitie.write_text(definitie.read_text(encoding="utf-8") + "\nEen nieuwe slotzin voor de cachetest.\n",
                         encoding="utf-8")
    settings = built["settings"]
    report = build_pdfs(load_all(project, settings), settings, tmp_path / "out", today=TODAY, jobs=2,
                        cache_dir=cache, progress=False)
    assert sorted(report.rendered) == sorted([changed, COLLECTION_NAME])
    assert sorted(report.cached) == sorted(s for s in SAMPLES if s != changed)
    assert norm("Een nieuwe slotzin voor de cachetest.") in norm(
        " ".join(page_texts(tmp_path / "out" / f"{changed}.pdf")))
    # The replaced cache entries are pruned; the untouched ones stay.
    entries = [p.name for p in cache.iterdir()]
    assert sum(name.startswith(changed + ".") for name in entries) == 1
    assert sum(name.startswith(COLLECTION_NAME + ".") for name in entries) == 1


def test_cache_key_follows_the_banner_state_not_the_date(built):
    d = sample_with(built["dossiers"], "with a review_due date that links to another sample",
                    lambda d: d.dates.review_due and linked_slugs(d) & set(SAMPLES))
    settings, on_site = built["settings"], set(SAMPLES)
    due, day = d.dates.review_due, dt.timedelta(days=1)
    calm, late = [due - 150 * day, due - day, due], [due + day, due + 400 * day]

    def key(today):
        return cache_key(d, settings, today, on_site)

    assert key(calm[0]) == key(calm[1]) == key(calm[2])
    overdue = dossier_document(d, settings, late[0], on_site)
    assert "Herziening verlopen" in overdue.html and dutch_date(due) in overdue.html
    assert key(late[0]) == key(late[1]) != key(calm[0])
    assert "Herziening verlopen" not in dossier_document(d, settings, calm[1], on_site).html
    # Whether a linked dossier is on the site changes the PDF (link or plain text), so the key.
    linked = sorted(linked_slugs(d) & on_site)[0]
    assert key(calm[0]) != cache_key(d, settings, calm[0], on_site - {linked})
    # An unrelated dossier appearing does not.
    assert key(calm[0]) == cache_key(d, settings, calm[0], on_site | {"nog-een-dossier"})


def test_cache_key_covers_images_settings_and_templates(built, tmp_path, monkeypatch):
    slug = SAMPLES[1]
    project = make_project(tmp_path / "project", [slug])
    image = project / "dossiers" / slug / "grafiek.png"
    Image.new("RGB", (8, 8), (0, 0, 0)).save(image)
    settings = built["settings"]
    d = load_all(project, settings)[0]
    first = cache_key(d, settings, TODAY, {slug})
    Image.new("RGB", (8, 8), (255, 0, 0)).save(image)
    second = cache_key(d, settings, TODAY, {slug})
    assert first != second
    other = dataclasses.replace(settings, base_url="https://wat-werkt.example/")
    assert cache_key(d, other, TODAY, {slug}) != second
    monkeypatch.setattr(document, "template_digest", lambda: "een andere sjabloonversie")
    assert cache_key(d, settings, TODAY, {slug}) != second


def test_archived_banner_and_status(built, tmp_path):
    project = make_project(tmp_path / "p", [SAMPLES[0]])
    edit(project / "dossiers" / SAMPLES[0] / "dossier.yml", "status: published", "status: archived")
    d = load_all(project, built["settings"])[0]
    html = dossier_document(d, built["settings"], TODAY, {d.slug}).html
    assert "Gearchiveerd" in html and "niet meer bijgewerkt" in html


def test_values_are_escaped_in_the_print_html(built, tmp_path):
    project = make_project(tmp_path / "p", [SAMPLES[0]])
    edit(project / "dossiers" / SAMPLES[0] / "dossier.yml", "\ntitle: ", "\ntitle: <script>x</script> ")
    d = load_all(project, built["settings"])[0]
    html = dossier_document(d, built["settings"], TODAY, {d.slug}).html
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


# -- faults --------------------------------------------------------------------------------------
def _with_image(project: Path, slug: str, name: str, data: bytes) -> None:
    folder = project / "dossiers" / slug
    (folder / name).write_bytes(data)
    definitie = folder / "definitie.md"
    definitie.write_text(definitie.read_text(encoding="utf-8") + f"\n![Een foto]({name})\n", encoding="utf-8")


def test_broken_image_fails_that_dossier_only(built, tmp_path):
    bad, good = SAMPLES[0], SAMPLES[1]
    project = make_project(tmp_path / "project", [bad, good])
    _with_image(project, bad, "foto.png", b"\x89PNG\r\n\x1a\n" + b"kapot" * 50)
    out = tmp_path / "out"
    settings = built["settings"]
    report = build_pdfs(load_all(project, settings), settings, out, today=TODAY, jobs=1,
                        collection=False, cache_dir=tmp_path / "cache", progress=False)
    assert [f.slug for f in report.failed] == [bad]
    message = str(report.failed[0])
    assert bad in message and "foto.png" in message and "beschadigd" in message
    assert report.rendered == [good]
    assert sorted(p.name for p in out.iterdir()) == [f"{good}.pdf"]
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*"))
    assert not list((tmp_path / "cache").glob(".*"))


def test_good_image_is_embedded(built, tmp_path):
    slug = SAMPLES[1]
    project = make_project(tmp_path / "project", [slug])
    Image.new("RGB", (40, 20), (200, 30, 30)).save(project / "dossiers" / slug / "grafiek.png")
    _with_image(project, slug, "grafiek.png", (project / "dossiers" / slug / "grafiek.png").read_bytes())
    settings = built["settings"]
    report = build_pdfs(load_all(project, settings), settings, tmp_path / "out", today=TODAY, jobs=1,
                        collection=False, cache_dir=tmp_path / "cache", progress=False)
    assert report.failed == [] and report.rendered == [slug]
    reader = PdfReader(tmp_path / "out" / f"{slug}.pdf")
    images = {img.data: img.image.size for page in reader.pages for img in page.images}
    assert list(images.values()) == [(40, 20)]
    assert "grafiek.png" not in str(reader.trailer["/Root"])  # no file path leaks into the PDF


@pytest.mark.parametrize("case", ["missing", "huge", "outside", "svg"])
def test_image_faults_name_the_cause(built, tmp_path, case):
    slug = SAMPLES[0]
    project = make_project(tmp_path / "project", [slug])
    folder = project / "dossiers" / slug
    name = {"missing": "weg.png", "huge": "groot.png", "outside": "../buiten.png", "svg": "tekening.svg"}[case]
    if case == "huge":
        Image.new("RGB", (400, 400), (1, 2, 3)).save(folder / name)
    elif case == "outside":
        Image.new("RGB", (4, 4)).save(project / "dossiers" / "buiten.png")
    elif case == "svg":
        (folder / name).write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    with open(folder / "definitie.md", "a", encoding="utf-8") as fh:
        fh.write(f"\n![Afbeelding]({name})\n")
    settings = built["settings"]
    report = build_pdfs(load_all(project, settings), settings, tmp_path / "out", today=TODAY, jobs=1,
                        cache_dir=tmp_path / "cache", progress=False, max_image_bytes=200)
    assert report.rendered == [] and [f.slug for f in report.failed] == [slug]
    cause = {"missing": "ontbreekt", "huge": "te groot", "outside": "buiten de dossiermap",
             "svg": "alleen PNG"}[case]
    assert cause in str(report.failed[0]) and slug in str(report.failed[0])
    assert list((tmp_path / "out").iterdir()) == []


def test_cli_exit_1_and_dutch_message_on_a_failed_dossier(tmp_path, monkeypatch, capsys):
    slug = SAMPLES[0]
    project = make_project(tmp_path, SAMPLES)
    _with_image(project, slug, "foto.jpg", b"\xff\xd8\xff\xe0 geen jpeg")
    monkeypatch.chdir(project)
    monkeypatch.delenv("WATWERKT_TODAY", raising=False)
    code = main(["pdf", slug, "--today", "2026-11-26", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"PDF van dossier '{slug}' is niet gemaakt" in err and "foto.jpg" in err
    assert "PDF/UA-1" in err and "niet met een validator gecontroleerd" in err
    assert not (project / "site" / "pdf" / f"{slug}.pdf").exists()
    assert not [p for p in (project / "site" / "pdf").iterdir() if p.name.endswith(".tmp")]


def test_cli_usage_errors(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, [SAMPLES[0]])
    monkeypatch.chdir(project)
    assert main(["pdf", "bestaat-niet"]) == 2
    assert "onbekend dossier" in capsys.readouterr().err
    assert main(["pdf", "--jobs", "0"]) == 2


def test_progress_lines_when_not_a_tty(built, tmp_path, capsys):
    report = build_pdfs(built["dossiers"], built["settings"], tmp_path / "out", today=TODAY, jobs=1,
                        cache_dir=built["cache"], progress=True)
    err = capsys.readouterr().err
    total = len(SAMPLES) + 1
    assert report.rendered == []
    for n in range(1, total + 1):
        assert f"PDF's maken: {n}/{total}" in err
    assert "\r" not in err


@pytest.mark.parametrize("slug", SAMPLES)
def test_in_het_kort_is_the_first_page_after_the_cover(built, slug):
    """What works and how sure we are: page 2, before the contents, the elements strongest first
    as the one view orders them, each with its level and linked to its place in the document."""
    from watwerkt.view.dossier_view import dossier_view

    d = next(x for x in built["dossiers"] if x.slug == slug)
    view = dossier_view(d, built["settings"], TODAY)
    assert view.elements, "the samples have effective elements"
    page = " ".join(page_texts(built["out"] / f"{slug}.pdf")[1].split())
    assert page.startswith("In het kort")
    assert page.index("In het kort") < page.index("Inhoud")  # one compact page: in short, then contents
    positions = [page.index(" ".join(el.title.split())) for el in view.elements_by_strength]
    assert positions == sorted(positions)
    for el in view.elements_by_strength:
        assert el.evidence_label in page
    reader = PdfReader(built["out"] / f"{slug}.pdf")
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert len([a for a in links if a.get("/Subtype") == "/Link"]) >= len(view.elements)
