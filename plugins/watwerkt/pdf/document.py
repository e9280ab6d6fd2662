"""The print documents: the dossier model -> HTML (Jinja2 templates, autoescaped) for WeasyPrint.

Nothing here renders a PDF; build.py does that. Everything that shapes a PDF goes through
`DocumentSource` (the HTML, the stylesheet and the image files it uses), so its hash is the
cache key. Editor Markdown is rendered with Python-Markdown and cleaned with sanitize(), then
ids are made unique per dossier (the collection holds many dossiers in one document), relative
links become web addresses, and images are checked and mapped to a private URL scheme that
only our URL fetcher resolves (no file or network access beyond the dossier's own images).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.urls import dossier_path, public_url
from watwerkt.view.citations import anchor, in_text, reference, render_citations
from watwerkt.view.dossier_view import IN_SHORT_INTRO, MARKDOWN_EXTENSIONS, Earlier, dossier_banners, dossier_view
from watwerkt.view.sanitize import sanitize
from watwerkt.view.text import dutch_date

TEMPLATES = Path(__file__).parent / "templates"
CSS_FILE = TEMPLATES / "print.css"
IMAGE_SCHEME = "dossier-image"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # as on the site; no SVG
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
COLLECTION_NAME = "wat-werkt-collectie"

_ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_DOSSIER_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/?(#[^)\s]*)?\)")
_ID_ATTR = re.compile(r'(\sid=")([^"]*)(")')
_HREF_ATTR = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_P_WRAP = re.compile(r"^<p>(.*)</p>$", re.S)


class DocumentError(Exception):
    """A dossier cannot be turned into a print document (e.g. a missing or broken image)."""


@dataclass
class DocumentSource:
    """Everything WeasyPrint gets for one PDF."""

    html: str
    images: dict[str, Path] = field(default_factory=dict)  # "slug/name.png" -> file

    def digest(self, *extra: str) -> str:
        h = hashlib.sha256()
        for part in extra:
            h.update(part.encode("utf-8") + b"\0")
        h.update(self.html.encode("utf-8") + b"\0")
        for key in sorted(self.images):
            h.update(key.encode("utf-8") + b"\0")
            h.update(hashlib.sha256(self.images[key].read_bytes()).digest())
        return h.hexdigest()


def template_digest() -> str:
    """Hash of every file the print templates consist of (HTML and CSS)."""
    h = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def stylesheet() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


# -- states that depend on the date ------------------------------------------------------
def banner_state(d: Dossier, today: dt.date) -> str:
    """The kinds of the view's banners ('archived', 'overdue' or '' for a public dossier): the
    only way 'today' reaches a PDF (and its cache key)."""
    return ",".join(banner.kind for banner in dossier_banners(d, today))


def web_url(settings: Settings, slug: str) -> str:
    return public_url(settings.base_url, dossier_path(slug))


# -- cache keys from the inputs ----------------------------------------------------------------
_LINKED_SLUG = re.compile(r"\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)")


def settings_digest(settings: Settings) -> str:
    """The settings a PDF shows: names, addresses, licence and the two scales."""
    used = (settings.site_name, settings.base_url, settings.licence_name, settings.licence_url,
            settings.evidence_scale, settings.recognition_scale)
    return hashlib.sha256(repr(used).encode("utf-8")).hexdigest()


def input_digest(d: Dossier, today: dt.date, on_site: set[str], *context: str) -> str | None:
    """Hash of one dossier's inputs: every file in its folder (dossier.yml, sections, images),
    its slug, the banner state on `today` (not the date) and which dossiers it links to are on
    the site. `context` adds the rest (template, versions, settings). None without a folder."""
    if d.folder is None or not d.folder.is_dir():
        return None
    h = hashlib.sha256()
    for part in (*context, d.slug, banner_state(d, today)):
        h.update(part.encode("utf-8") + b"\0")
    linked: set[str] = set()
    for path in sorted(d.folder.rglob("*")):
        rel = path.relative_to(d.folder)
        if any(p.startswith(".") for p in rel.parts) or not path.is_file():
            continue
        data = path.read_bytes()
        h.update(rel.as_posix().encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        if path.suffix in (".md", ".yml"):
            linked.update(_LINKED_SLUG.findall(data.decode("utf-8", "replace")))
    h.update(("links:" + ",".join(sorted(linked & on_site))).encode("utf-8"))
    return h.hexdigest()


# -- Markdown ------------------------------------------------------------------------------
# One converter of each kind, reset per text: building a Markdown instance costs more than
# converting a short text. Worker processes each have their own (no threads share these).
# The extensions are the site's (the view's one set), so editor Markdown reads the same in print.
_MD_INLINE = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
_MD_BLOCK = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


def _convert(converter: markdown.Markdown, text: str) -> str:
    try:
        return converter.convert(text)
    finally:
        converter.reset()


def _inline(md_text: str) -> Markup:
    """One-paragraph Markdown (APA references, the citation) as inline HTML."""
    html = sanitize(_convert(_MD_INLINE, md_text)).strip()
    m = _P_WRAP.match(html)
    return Markup(m.group(1) if m else html)


class _Renderer:
    """Markdown of one dossier -> safe HTML with ids unique in the whole document."""

    def __init__(self, d: Dossier, settings: Settings, on_site: set[str], in_document: set[str],
                 max_image_bytes: int):
        self.d = d
        self.settings = settings
        self.on_site = on_site
        self.in_document = in_document  # dossiers in this same PDF (the collection): link inside
        self.max_image_bytes = max_image_bytes
        self.prefix = f"{d.slug}--"
        self.literature = {e.id: e for e in d.literature if e.id}
        self.images: dict[str, Path] = {}

    def id(self, local: str) -> str:
        return self.prefix + local

    def _dossier_link(self, m: re.Match) -> str:
        text, slug, fragment = m.group(1), m.group(2), m.group(3) or ""
        if slug in self.in_document:
            return f"[{text}](#{slug}--dossier)"
        if slug not in self.on_site:
            return text
        return f"[{text}]({web_url(self.settings, slug)}{fragment})"

    def markdown(self, text: str) -> Markup:
        text = _DOSSIER_LINK.sub(self._dossier_link, text or "")
        text = render_citations(text, self.literature)
        html = sanitize(_convert(_MD_BLOCK, text))
        html = _ID_ATTR.sub(lambda m: m.group(1) + self.id(m.group(2)) + m.group(3), html)
        html = _HREF_ATTR.sub(lambda m: m.group(1) + self._href(m.group(2)) + m.group(3), html)
        html = _IMG_SRC.sub(lambda m: m.group(1) + self._image(m.group(2)) + m.group(3), html)
        return Markup(html)

    def _href(self, href: str) -> str:
        if href.startswith("#"):
            if href.endswith("--dossier") and href[1:-len("--dossier")] in self.in_document:
                return href
            return "#" + self.id(href[1:])
        if urlsplit(href).scheme:
            return href
        # A file in the dossier folder: its address on the site.
        return urljoin(web_url(self.settings, self.d.slug), href)

    def _image(self, src: str) -> str:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return src  # remote: never fetched (the URL fetcher refuses it; the alt text shows)
        name = unquote(parts.path)
        folder = self.d.folder
        if folder is None:
            raise DocumentError(f"afbeelding '{name}': de dossiermap is onbekend")
        path = (folder / name).resolve()
        try:
            path.relative_to(folder.resolve())
        except ValueError:
            raise DocumentError(f"afbeelding '{name}' ligt buiten de dossiermap") from None
        check_image(path, name, self.max_image_bytes)
        key = f"{self.d.slug}/{path.relative_to(folder.resolve()).as_posix()}"
        self.images[key] = path
        return f"{IMAGE_SCHEME}:{key}"


def check_image(path: Path, name: str, max_bytes: int) -> None:
    """Refuse what WeasyPrint would silently leave out or choke on, with a Dutch reason."""
    from PIL import Image  # imported here: only dossiers with images pay for it

    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise DocumentError(f"afbeelding '{name}': alleen PNG, JPEG, GIF en WebP kunnen in de PDF")
    if not path.is_file():
        raise DocumentError(f"afbeelding '{name}' ontbreekt in de dossiermap")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(
            f"afbeelding '{name}' is te groot voor de PDF: {size / 1048576:.1f} MB; "
            f"het maximum is {max_bytes / 1048576:.1f} MB")
    try:
        with Image.open(path) as im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                raise DocumentError(
                    f"afbeelding '{name}' heeft te veel beeldpunten ({im.width} x {im.height})")
            im.load()
    except DocumentError:
        raise
    except Exception as exc:  # Pillow raises many types for broken files
        raise DocumentError(f"afbeelding '{name}' is beschadigd of geen afbeelding ({type(exc).__name__})") from None


# -- the print view of one dossier ----------------------------------------------------------
def print_view(d: Dossier, settings: Settings, today: dt.date, on_site: set[str],
               in_document: set[str] = frozenset(), max_image_bytes: int = MAX_IMAGE_BYTES,
               earlier: Earlier | None = None):
    """A plain dict for the templates, and the images it uses. Raises DocumentError.
    Every fact besides the rendered Markdown comes from the dossier's view (view/dossier_view.py);
    `earlier` prints `d` as an earlier version (its banner, address and citation)."""
    v = dossier_view(d, settings, today, earlier)
    r = _Renderer(d, settings, on_site, set(in_document), max_image_bytes)
    sections = []
    for key, heading in v.outline:
        section = {"id": r.id(key), "heading": heading}
        if key == "werkzame-elementen":
            section.update(kind="elements", items=[
                {"id": r.id(f"element-{el.id}"), "title": el.title, "evidence": ev.evidence_label,
                 "also_known_as": ev.also_known_as,
                 "effect": el.effect, "html": r.markdown(el.description or ""),
                 "sources": [(_inline(in_text(r.literature[s])), r.id(anchor(s)))
                             for s in el.sources if s in r.literature]}
                for el, ev in zip(d.effective_elements, v.elements)])
        elif key == "goede-voorbeelden":
            section.update(kind="examples", items=[
                {"name": ex.name, "organisation": ex.organisation, "url": ex.url,
                 "recognition": exv.recognition, "html": r.markdown(ex.description or "")}
                for ex, exv in zip(d.examples, v.examples)])
        elif key == "literatuur":
            entries = sorted(d.literature, key=lambda e: reference(e).lower())
            section.update(kind="literature", items=[{"id": r.id(anchor(e.id)), "html": _inline(reference(e))}
                                                     for e in entries])
        elif key == "wijzigingen":
            changes = sorted(d.changelog, key=lambda c: c.date or dt.date.min, reverse=True)
            section.update(kind="changelog", items=[{"date": dutch_date(c.date), "summary": c.summary}
                                                    for c in changes])
        else:
            section.update(id=r.id(f"sectie-{key}"), kind="markdown", html=r.markdown(d.sections[key].text))
        sections.append(section)
    view = {
        "slug": d.slug,
        "anchor": f"{d.slug}--dossier",
        "title": d.title,
        "summary": d.summary,
        "also_known_as": v.also_known_as,
        "zoektermen": list(v.zoektermen),
        "authors": v.author_lines,
        "author_label": v.author_label,
        "author_names": v.author_names,
        "version": v.version_text,
        "status": v.status_label,
        "status_line": v.status_line,
        "in_short_intro": IN_SHORT_INTRO,
        "themes": list(d.themes),
        "target_groups": list(d.target_groups),
        "published": v.published_text or "onbekend",
        "reviewed": v.reviewed_text or "",
        "review_due": v.review_due_text or "",
        # PDF dates from the dossier, not the build: a rebuilt PDF of the same version is the same
        "created": d.dates.published.isoformat() if d.dates and d.dates.published else "",
        "modified": d.version.isoformat() if d.version else "",
        "citation": _inline(v.citation_md),
        "web_url": v.url,
        "banners": v.banners,
        # "In het kort": the page's first content, the PDF's first page after the cover
        "in_short": [{"href": f"#{r.id(f'element-{el.id}')}", "title": el.title,
                      "evidence": el.evidence_label or "onbekend", "sources": el.sources, "effect": el.effect}
                     for el in v.elements_by_strength if el.id],
        "sections": sections,
    }
    return view, r.images


def _common(settings: Settings) -> dict:
    return {"site_name": settings.site_name, "base_url": settings.base_url,
            "licence_name": settings.licence_name, "licence_url": settings.licence_url}


def dossier_document(d: Dossier, settings: Settings, today: dt.date, on_site: set[str],
                     max_image_bytes: int = MAX_IMAGE_BYTES, earlier: Earlier | None = None) -> DocumentSource:
    view, images = print_view(d, settings, today, on_site, max_image_bytes=max_image_bytes, earlier=earlier)
    html = _ENV.get_template("dossier.html.j2").render(d=view, **_common(settings))
    return DocumentSource(html, images)


def collection_document(dossiers: list[Dossier], settings: Settings, today: dt.date,
                        on_site: set[str], max_image_bytes: int = MAX_IMAGE_BYTES, part_title: str = ""
                        ) -> tuple[DocumentSource | None, dict[str, str]]:
    """One document holding every given dossier; dossiers that fail are left out and returned.
    None when no dossier is left. `part_title` names a part of the collection (pdf/parts.py);
    links to dossiers outside the document go to their web pages."""
    slugs = {d.slug for d in dossiers}
    views, images, failed = [], {}, {}
    ordered = sorted(dossiers, key=lambda d: ((d.title or "").lower(), d.slug))
    for d in ordered:
        try:
            view, imgs = print_view(d, settings, today, on_site, slugs, max_image_bytes)
        except DocumentError as exc:
            failed[d.slug] = str(exc)
            continue
        views.append(view)
        images.update(imgs)
    if failed:  # links to left-out dossiers would point nowhere: render again without them
        rest = [d for d in dossiers if d.slug not in failed]
        if not rest:
            return None, failed
        return collection_document(rest, settings, today, on_site, max_image_bytes, part_title)[0], failed
    if not views:
        return None, failed
    versions = [d.version for d in dossiers if d.version]
    keywords = sorted({t for d in dossiers for t in d.themes})
    authors = list(dict.fromkeys(a.name for d in ordered for a in d.authors if a.name))
    html = _ENV.get_template("collection.html.j2").render(
        dossiers=views, keywords=keywords, authors=authors, part_title=part_title, total=len(on_site),
        stand=dutch_date(max(versions)) if versions else "onbekend", **_common(settings))
    return DocumentSource(html, images), failed
