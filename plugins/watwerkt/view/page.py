"""Model -> the Markdown of a dossier page. No MkDocs here: the site adapter only hands pages to MkDocs.

Every plain value from dossier.yml is escaped before it enters the page; Markdown fields are
passed as Markdown, and the rendered HTML is sanitised afterwards (view/sanitize.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from watwerkt.model.dossier import SECTIONS, STATUS_LABELS, Dossier
from watwerkt.model.settings import Settings

from .citations import anchor, in_text, reference, render_citations
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
    citation_md: str | None = None  # APA citation of the dossier itself
    ris_href: str | None = None
    bib_href: str | None = None


def review_overdue(d: Dossier, today: dt.date | None) -> bool:
    return bool(today and d.dates and d.dates.review_due and d.dates.review_due < today)


def banners(d: Dossier, today: dt.date | None) -> list[str]:
    out = []
    if d.status == "draft":
        out += ['!!! warning "Concept"', "    Dit is een concept. Het staat niet op de gepubliceerde site.", ""]
    if d.status == "archived":
        out += ['!!! note "Gearchiveerd"',
                "    Dit dossier is gearchiveerd en wordt niet meer bijgewerkt. De inhoud kan verouderd zijn.", ""]
    elif review_overdue(d, today):
        out += ['!!! warning "Herziening verlopen"',
                f"    Dit dossier had uiterlijk {dutch_date(d.dates.review_due)} herzien moeten worden. "
                "Een deel van de inhoud kan verouderd zijn.", ""]
    return out


def _meta_block(d: Dossier, settings: Settings, opts: PageOptions) -> list[str]:
    def row(label: str, value: str) -> str:
        return f"<div><dt>{label}</dt><dd>{value}</dd></div>"

    authors = ", ".join(
        attr(a.name) + (f" ({attr(a.organisation)})" if a.organisation else "") for a in d.authors
    )
    dates = d.dates
    rows = [
        row("Auteurs", authors or "onbekend"),
        row("Thema's", ", ".join(map(attr, d.themes)) or "geen"),
        row("Doelgroepen", ", ".join(map(attr, d.target_groups)) or "geen"),
        row("Versie", _time(d.version)),
        row("Gepubliceerd", _time(dates.published if dates else None)),
        row("Laatst herzien", _time(dates.reviewed if dates else None)),
        row("Volgende herziening", _time(dates.review_due if dates else None)),
        row("Status", STATUS_LABELS.get(d.status or "", attr(d.status))),
    ]
    actions = []
    if opts.pdf_href:
        actions.append(f'<a class="md-button md-button--primary" href="{attr(opts.pdf_href)}" download>Download als PDF</a>')
    actions.append('<a class="md-button" href="#citeer-dit-dossier">Citeer dit dossier</a>')
    if opts.edit_url:
        actions.append(f'<a class="md-button" href="{attr(opts.edit_url)}">Bewerk deze pagina</a>')
    if opts.feedback_url:
        actions.append(f'<a class="md-button" href="{attr(opts.feedback_url)}">Reageer op dit dossier</a>')
    return ['<dl class="ww-meta">', *rows, "</dl>", "", f'<p class="ww-actions">{" ".join(actions)}</p>', ""]


def _time(value: dt.date | None) -> str:
    return f'<time datetime="{value.isoformat()}">{dutch_date(value)}</time>' if value else "onbekend"


def _dossier_link(match: re.Match, on_site: set[str] | None) -> str:
    text, slug, fragment = match.group(1), match.group(2), match.group(3) or ""
    if on_site is not None and slug not in on_site:
        return text
    return f"[{text}](../{slug}/index.md{fragment})"


def dossier_page(d: Dossier, settings: Settings, opts: PageOptions | None = None) -> str:
    """The Markdown page of one dossier, sections in the fixed order with Dutch headings."""
    opts = opts or PageOptions()
    literature = {e.id: e for e in d.literature if e.id}

    def md(text: str) -> str:
        text = _DOSSIER_LINK.sub(lambda m: _dossier_link(m, opts.on_site), text)
        return render_citations(text, literature).strip()

    out = [f"# {esc(d.title)}", "", f'<p class="ww-lead">{attr(d.summary)}</p>', ""]
    out += banners(d, opts.today)
    out += _meta_block(d, settings, opts)

    for key, heading in SECTIONS.items():
        section = d.sections.get(key)
        if section:
            out += [f"## {heading} {{#{key}}}", "", md(section.text), ""]

    if d.effective_elements:
        out += ["## Werkzame elementen {#werkzame-elementen}", ""]
        for el in d.effective_elements:
            level = settings.evidence(el.evidence or "")
            label = level.label if level else el.evidence
            out += [f"### {esc(el.title)} {{#element-{el.id}}}", "",
                    f'<p class="ww-evidence"><span class="ww-badge ww-badge--{attr(el.evidence)}">'
                    f"Bewijsniveau: {attr(label)}</span></p>", ""]
            if el.effect:
                out += [f'<p class="ww-effect"><strong>Effect:</strong> {attr(el.effect)}</p>', ""]
            out += [md(el.description or ""), ""]
            if el.sources:
                links = "; ".join(
                    f"[{in_text(literature[s]) if s in literature else esc(s)}](#{anchor(s)})" for s in el.sources
                )
                out += [f"Bronnen: {links}", "{: .ww-sources }", ""]

    if d.examples:
        out += ["## Goede voorbeelden {#goede-voorbeelden}", ""]
        for ex in d.examples:
            out += [f"### {esc(ex.name)}", ""]
            if ex.organisation:
                out += [f'<p class="ww-org">{attr(ex.organisation)}</p>', ""]
            if ex.recognition:
                lvl = settings.recognition(ex.recognition.level or "")
                when = f", {dutch_date(ex.recognition.date)}" if ex.recognition.date else ""
                link = (f' (<a href="{attr(ex.recognition.databank)}">databank</a>)'
                        if ex.recognition.databank else "")
                out += [f'<p class="ww-recognition"><span class="ww-badge ww-badge--erkend">Erkend: '
                        f"{attr(lvl.label if lvl else ex.recognition.level)}{when}</span>{link}</p>", ""]
            out += [md(ex.description or ""), ""]
            if ex.url:
                out += [f'<p><a href="{attr(ex.url)}">Meer over {attr(ex.name)}</a></p>', ""]

    if d.literature:
        out += ["## Literatuur {#literatuur}", ""]
        for entry in sorted(d.literature, key=lambda e: reference(e).lower()):
            out += [f'<p class="ww-ref" id="{anchor(entry.id)}" markdown="1">{reference(entry)}</p>', ""]

    if d.changelog:
        out += ["## Wijzigingen {#wijzigingen}", ""]
        for change in sorted(d.changelog, key=lambda c: c.date or dt.date.min, reverse=True):
            out += [f"- **{dutch_date(change.date)}:** {esc(change.summary)}"]
        out.append("")

    out += ["## Citeer dit dossier {#citeer-dit-dossier}", ""]
    if opts.citation_md:
        out += [f'<p class="ww-citation" markdown="1">{opts.citation_md}</p>', ""]
    downloads = []
    if opts.ris_href:
        downloads.append(f'<a href="{attr(opts.ris_href)}" download>RIS (Zotero, EndNote, Mendeley)</a>')
    if opts.bib_href:
        downloads.append(f'<a href="{attr(opts.bib_href)}" download>BibTeX</a>')
    if downloads:
        out += [f'<p class="ww-downloads">Download de verwijzing: {" · ".join(downloads)}</p>', ""]
    return "\n".join(out)


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
