"""The versions of a dossier as readers see them: the "Versies" page (date, changelog text and
"Wat is er veranderd" per version) and the entries the JSON API lists.

The entries are plain values made by the site adapter from the history (history/versions.py);
every text in them comes from git content or the comparison and is escaped here like any value
from dossier.yml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from watwerkt.model.dossier import Dossier

from .escape import attr, esc
from .text import dutch_date

# Old versions and their list are not current content: Material's static search leaves them out.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


@dataclass(frozen=True)
class VersionEntry:
    date: dt.date
    url: str  # permanent public address; "" while the site has no site_url
    href: str | None  # from the versions page to the version's page; None: not shown
    pdf_href: str | None  # from the versions page to its PDF (raw HTML: a file, not a page)
    pdf_url: str  # public address of its PDF; "" without one
    changelog: tuple[str, ...]  # the changelog entries of that date
    changes: tuple[str, ...]  # "Wat is er veranderd" since the previous version, evidence first
    note: str | None = None  # why it breaks today's rules, or why it is not shown
    current: bool = False


def versions_page(d: Dossier, entries: list[VersionEntry], note: str | None = None) -> str:
    """Markdown of dossiers/<slug>/versies/: newest first, the current version on top."""
    out = [NOT_SEARCHED + f"# Versies van {esc(d.title)}", "",
           "Elke versie van dit dossier houdt een eigen, vaste pagina en PDF, zodat een verwijzing "
           "blijft kloppen als het dossier later wordt herzien. Citeer een versie met haar eigen adres.",
           ""]
    return "\n".join(out + _entries(entries, note))


def withdrawn_page(last: Dossier, removed: dt.date, entries: list[VersionEntry], note: str | None = None) -> str:
    """Markdown of dossiers/<slug>/ once the dossier was removed: that it was withdrawn and when,
    and its published versions, each still at its permanent address."""
    out = [NOT_SEARCHED + f"# {esc(last.title)} (ingetrokken)", "",
           '!!! warning "Ingetrokken"',
           f"    Dit dossier is op {dutch_date(removed)} ingetrokken en wordt niet meer bijgehouden. De "
           "versies die eerder zijn gepubliceerd blijven hieronder beschikbaar, elk op een vast adres, "
           "zodat verwijzingen ernaar blijven werken. Gebruik ze niet als actuele kennis.", "",
           f"De laatste versie is van {dutch_date(last.version)}." if last.version else "", ""]
    return "\n".join(out + _entries(entries, note))


def _entries(entries: list[VersionEntry], note: str | None) -> list[str]:
    out: list[str] = []
    for e in entries:
        label = dutch_date(e.date) + (" (actuele versie)" if e.current else "")
        out += [f"## {label} {{#versie-{e.date.isoformat()}}}", ""]
        links = []
        if e.href:
            links.append(f'<a href="{attr(e.href)}">{"Lees de actuele versie" if e.current else "Lees deze versie"}</a>')
        if e.pdf_href:
            links.append(f'<a href="{attr(e.pdf_href)}" download>PDF</a>')
        if e.url:
            links.append(f'Vaste link: <a href="{attr(e.url)}">{attr(e.url)}</a>')
        if links:
            out += [f'<p class="ww-version-links">{" · ".join(links)}</p>', ""]
        if e.note:
            out += ['!!! note "Let op"', f"    {esc(e.note)}", ""]
        if e.changelog:
            out += ["**Wijzigingen volgens de redactie:**", ""]
            out += [f"- {esc(text)}" for text in e.changelog] + [""]
        if e.changes:
            out += ["**Wat is er veranderd:**", ""]
            out += [f"- {esc(text)}" for text in e.changes] + [""]
    if note:
        out += [f'<p class="ww-version-note">{attr(note)}</p>', ""]
    return out
