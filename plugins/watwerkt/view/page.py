"""Model -> the Markdown of a dossier page. No MkDocs here: the site adapter only hands pages to MkDocs.

Every plain value from dossier.yml is escaped before it enters the page; Markdown fields are
passed as Markdown, and the rendered HTML is sanitised afterwards (view/sanitize.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from watwerkt.model.dossier import SECTIONS, Dossier
from watwerkt.model.settings import Settings

from .citations import anchor, in_text, reference, render_citations
from .dossier_view import IN_SHORT_INTRO, DossierView, dossier_view
from .escape import attr, esc
from .text import dutch_date

# A link to a dossier that is not on the site (a draft) keeps its text and loses the link.
_DOSSIER_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/?(#[^)\s]*)?\)")


@dataclass
class PageOptions:
    on_site: set[str] | None = None  # slugs that get a page; links to others are dropped
    today: dt.date | None = None
    pdf_href: str | None = None  # relative link to the dossier's PDF, when PDFs are built
    edit_url: str | None = None
    feedback_url: str | None = None
    ris_href: str | None = None
    bib_href: str | None = None
    versions_href: str | None = None  # the list of versions, when versions are built
    current_href: str | None = None  # an earlier version: its link to the current page
    dossier_prefix: str = "../"  # from this page to the dossiers folder (a version page is deeper)


def banners(view: DossierView, current_href: str | None = None) -> list[str]:
    """The view's banners as admonitions; an earlier version's links to the current page."""
    out = []
    for banner in view.banners:
        link = f" [{banner.link_text}]({current_href})." if banner.link_text and current_href else ""
        out += [f'!!! {banner.admonition} "{banner.title}"', f"    {esc(banner.text)}{link}", ""]
    return out


def _meta_block(d: Dossier, view: DossierView, opts: PageOptions, in_short: bool = False) -> list[str]:
    """The dossier's details and actions. With "In het kort" above it, the version, the status
    and the PDF and citation actions are there (first on the page) and not repeated here."""
    def row(label: str, value: str) -> str:
        return f"<div><dt>{label}</dt><dd>{value}</dd></div>"

    authors = ", ".join(attr(line) for line in view.author_lines)
    dates = d.dates
    rows = [
        row(view.author_label, authors or "onbekend"),
        row("Thema's", ", ".join(map(attr, d.themes)) or "geen"),
        row("Doelgroepen", ", ".join(map(attr, d.target_groups)) or "geen"),
        None if in_short else row("Versie", _time(d.version)),
        row("Gepubliceerd", _time(dates.published if dates else None)),
        row("Laatst herzien", _time(dates.reviewed if dates else None)),
        row("Volgende herziening", _time(dates.review_due if dates else None)),
        None if in_short else row("Status", attr(view.status_label)),
    ]
    actions = [] if in_short else _first_actions(view, opts)
    if opts.versions_href:
        actions.append(f'<a class="md-button" href="{attr(opts.versions_href)}">'
                       f'{"Alle versies" if view.earlier else "Versies"}</a>')
    if opts.edit_url:
        actions.append(f'<a class="md-button" href="{attr(opts.edit_url)}">Bewerk deze pagina</a>')
    if opts.feedback_url:
        actions.append(f'<a class="md-button" href="{attr(opts.feedback_url)}">Reageer op dit dossier</a>')
    return ['<dl class="ww-meta">', *[r for r in rows if r], "</dl>", "",
            f'<p class="ww-actions">{" ".join(actions)}</p>', ""]


def _first_actions(view: DossierView, opts: PageOptions) -> list[str]:
    """Download and cite: what a reader most often does, a few Tab stops from the top."""
    actions = []
    if opts.pdf_href:
        actions.append(f'<a class="md-button md-button--primary" href="{attr(opts.pdf_href)}" download>Download als PDF</a>')
    actions.append('<a class="md-button" href="#citeer-dit-dossier">'
                   f'{"Citeer deze versie" if view.earlier else "Citeer dit dossier"}</a>')
    return actions


def _time(value: dt.date | None) -> str:
    return f'<time datetime="{value.isoformat()}">{dutch_date(value)}</time>' if value else "onbekend"


def _dossier_link(match: re.Match, on_site: set[str] | None, prefix: str = "../") -> str:
    text, slug, fragment = match.group(1), match.group(2), match.group(3) or ""
    if on_site is not None and slug not in on_site:
        return text
    return f"[{text}]({prefix}{slug}/index.md{fragment})"


def dossier_page(d: Dossier, settings: Settings, opts: PageOptions | None = None,
                 view: DossierView | None = None) -> str:
    """The Markdown page of one dossier, sections in the outline's order with Dutch headings.
    `view` is the dossier's view on opts.today (built here when not given)."""
    opts = opts or PageOptions()
    view = view or dossier_view(d, settings, opts.today)
    literature = {e.id: e for e in d.literature if e.id}

    def md(text: str) -> str:
        text = _DOSSIER_LINK.sub(lambda m: _dossier_link(m, opts.on_site, opts.dossier_prefix), text)
        return render_citations(text, literature).strip()

    out = [f"# {esc(d.title)}", "", f'<p class="ww-lead">{attr(d.summary)}</p>', ""]
    out += _also_known_as(view.also_known_as)
    out += banners(view, opts.current_href)
    short = in_short(view, opts)
    out += short
    out += _meta_block(d, view, opts, in_short=bool(short))
    for anchor_id, heading in view.outline:
        out += [f"## {heading} {{#{anchor_id}}}", ""]
        if anchor_id in SECTIONS:
            out += [md(d.sections[anchor_id].text), ""]
        elif anchor_id == "werkzame-elementen":
            out += _elements(d, view, md, literature)
        elif anchor_id == "goede-voorbeelden":
            out += _examples(d, view, md)
        elif anchor_id == "literatuur":
            for entry in sorted(d.literature, key=lambda e: reference(e).lower()):
                out += [f'<p class="ww-ref" id="{anchor(entry.id)}" markdown="1">{reference(entry)}</p>', ""]
        elif anchor_id == "wijzigingen":
            for change in sorted(d.changelog, key=lambda c: c.date or dt.date.min, reverse=True):
                out += [f"- **{dutch_date(change.date)}:** {esc(change.summary)}"]
            out.append("")

    heading = "Citeer deze versie" if view.earlier else "Citeer dit dossier"
    out += [f"## {heading} {{#citeer-dit-dossier}}", "",
            f'<p class="ww-citation" markdown="1">{view.citation_md}</p>', ""]
    if opts.versions_href and not view.earlier and view.version_url:
        out += ["Deze versie, met een vaste link die niet meeverandert bij een herziening:", "",
                f'<p class="ww-citation ww-citation--version" markdown="1">{view.version_citation_md}</p>', ""]
    downloads = []
    if opts.ris_href:
        downloads.append(f'<a href="{attr(opts.ris_href)}" download>RIS (Zotero, EndNote, Mendeley)</a>')
    if opts.bib_href:
        downloads.append(f'<a href="{attr(opts.bib_href)}" download>BibTeX</a>')
    if downloads:
        out += [f'<p class="ww-downloads">Download de verwijzing: {" · ".join(downloads)}</p>', ""]
    return "\n".join(out)


def in_short(view: DossierView, opts: PageOptions | None = None) -> list[str]:
    """"In het kort": what works and how sure we are, first on the page, in one screen. The version
    and its status, the PDF and citation actions, then each effective element with its evidence
    level as text, strongest first, linked to its section, its effect apart; from the one view."""
    if not view.elements:
        return []
    items = []
    for el in view.elements_by_strength:
        count = f' <span class="ww-kort__bronnen">({el.sources} {"bron" if el.sources == 1 else "bronnen"})</span>' \
            if el.sources else ""
        effect = f' <span class="ww-kort__effect">Effect: {attr(el.effect)}</span>' if el.effect else ""
        items.append(f'<li><a href="#element-{attr(el.id)}">{attr(el.title)}</a> '
                     f'<span class="ww-badge ww-badge--{attr(el.evidence or "onbekend")}">'
                     f'{attr(el.evidence_label or "onbekend")}</span>{count}{effect}</li>')
    actions = _first_actions(view, opts or PageOptions())
    return ["## In het kort {#in-het-kort}", "",
            f'<p class="ww-kort__status">{attr(view.status_line)}</p>', "",
            f'<p class="ww-actions ww-actions--kort">{" ".join(actions)}</p>', "",
            f'<p class="ww-kort__intro">{attr(IN_SHORT_INTRO)}</p>', "",
            '<ul class="ww-kort">', *items, "</ul>", ""]


def _elements(d: Dossier, view: DossierView, md, literature: dict) -> list[str]:
    out = []
    for el, ev in zip(d.effective_elements, view.elements):
        out += [f"### {esc(el.title)} {{#element-{el.id}}}", ""]
        out += _also_known_as(ev.also_known_as)
        out += [f'<p class="ww-evidence"><span class="ww-badge ww-badge--{attr(el.evidence)}">'
                f"Bewijsniveau: {attr(ev.evidence_label)}</span></p>", ""]
        if el.effect:
            out += [f'<p class="ww-effect"><strong>Effect:</strong> {attr(el.effect)}</p>', ""]
        out += [md(el.description or ""), ""]
        if el.sources:
            links = "; ".join(
                f"[{in_text(literature[s]) if s in literature else esc(s)}](#{anchor(s)})" for s in el.sources
            )
            out += [f"Bronnen: {links}", "{: .ww-sources }", ""]
    return out


def _also_known_as(text: str | None) -> list[str]:
    """The view's 'Ook bekend als: ...' line, escaped as every plain value; nothing without terms."""
    return [f'<p class="ww-aka">{attr(text)}</p>', ""] if text else []


def _examples(d: Dossier, view: DossierView, md) -> list[str]:
    out = []
    for ex, exv in zip(d.examples, view.examples):
        out += [f"### {esc(ex.name)}", ""]
        if ex.organisation:
            out += [f'<p class="ww-org">{attr(ex.organisation)}</p>', ""]
        rec = exv.recognition  # None: nothing shown, as in print
        if rec:
            when = f", {rec.date}" if rec.date else ""
            link = f' (<a href="{attr(rec.databank)}">databank</a>)' if rec.databank else ""
            out += [f'<p class="ww-recognition"><span class="ww-badge ww-badge--erkend">Erkend: '
                    f"{attr(rec.label)}{when}</span>{link}</p>", ""]
        out += [md(ex.description or ""), ""]
        if ex.url:
            out += [f'<p><a href="{attr(ex.url)}">Meer over {attr(ex.name)}</a></p>', ""]
    return out


def edit_url(settings: Settings, d: Dossier) -> str | None:
    if not settings.repository_url or not settings.edit_branch:
        return None
    gitlab = "/-" if "gitlab" in settings.repository_url else ""
    return f"{settings.repository_url.rstrip('/')}{gitlab}/tree/{settings.edit_branch}/{settings.dossiers_dir}/{d.slug}"


def feedback_url(settings: Settings, d: Dossier, page_url: str) -> str | None:
    title = f"Reactie op: {d.title}"
    body = f"Dossier: {d.title}\nAdres: {page_url}\nVersie: {d.version}\n\nMijn reactie:\n"
    if settings.feedback_email:
        return f"mailto:{settings.feedback_email}?subject={quote(title)}&body={quote(body)}"
    if settings.repository_url:
        return f"{settings.repository_url.rstrip('/')}/issues/new?title={quote(title)}&body={quote(body)}"
    return None
