"""Generated overview pages (Markdown), from the published dossiers. No MkDocs here.

Every page is a path -> Markdown pair; links between them are relative `.md` links, so
MkDocs resolves them and the site works under any sub-path.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.slug import slugify

from .citations import reference
from .dossier_view import evidence_label
from .escape import esc
from .text import dutch_date


@dataclass
class Page:
    path: str  # docs-relative source path, e.g. "themas/armoede/index.md"
    markdown: str


def _rel(from_path: str, to_path: str) -> str:
    """Relative link from one generated page to another docs path."""
    depth = from_path.count("/")
    return "../" * depth + to_path


def _dossier_link(from_path: str, d: Dossier, fragment: str = "") -> str:
    return f"[{esc(d.title)}]({_rel(from_path, f'dossiers/{d.slug}/index.md')}{fragment})"


def _dates_line(d: Dossier) -> str:
    parts = [f"versie {dutch_date(d.version)}"]
    if d.dates and d.dates.reviewed:
        parts.append(f"laatst herzien {dutch_date(d.dates.reviewed)}")
    return "*" + ", ".join(parts).capitalize() + "*"


def dossier_list(from_path: str, dossiers: list[Dossier]) -> str:
    """The listing used on the home page and the overview pages."""
    out = []
    for d in sorted(dossiers, key=lambda d: (d.title or "").lower()):
        out += [f"### {_dossier_link(from_path, d)}", "", esc(d.summary), "", _dates_line(d), ""]
    return "\n".join(out) if out else "*Er zijn nog geen dossiers.*\n"


def group_folder(folder: str, value: str) -> str:
    """The folder of the overview page of one theme or target group, e.g. 'themas/armoede'."""
    return f"{folder}/{slugify(value) or 'x'}"


def _group_pages(dossiers, attr: str, folder: str, title: str, intro: str) -> list[Page]:
    groups: dict[str, list[Dossier]] = defaultdict(list)
    for d in dossiers:
        for value in getattr(d, attr):
            groups[value].append(d)
    index = f"{folder}/index.md"
    lines = [f"# {title}", "", intro, ""]
    pages = []
    for value in sorted(groups, key=str.lower):
        path = f"{group_folder(folder, value)}/index.md"
        lines.append(f"- [{esc(value)}]({_rel(index, path)}) ({len(groups[value])})")
        pages.append(Page(path, f"# {esc(value)}\n\n" + dossier_list(path, groups[value])))
    return [Page(index, "\n".join(lines) + "\n"), *pages]


def elements_page(dossiers: list[Dossier], settings: Settings) -> Page:
    path = "werkzame-elementen/index.md"
    out = ["# Werkzame elementen", "",
           "Alle werkzame elementen uit de dossiers, met hun bewijsniveau. Het bewijsniveau zegt hoe "
           "zeker het is dat een element werkt; het staat los van de grootte van het effect.", ""]
    for d in sorted(dossiers, key=lambda d: (d.title or "").lower()):
        if not d.effective_elements:
            continue
        out += [f"## {esc(d.title)}", "", "| Werkzaam element | Bewijsniveau |", "|---|---|"]
        for el in d.effective_elements:
            link = f"[{esc(el.title)}]({_rel(path, f'dossiers/{d.slug}/index.md')}#element-{el.id})"
            out.append(f"| {link} | {evidence_badge(el.evidence, evidence_label(settings, el.evidence))} |")
        out.append("")
    return Page(path, "\n".join(out))


def evidence_badge(level_id: str | None, label: str | None) -> str:
    return f'<span class="ww-badge ww-badge--{esc(level_id or "onbekend")}">{esc(label or "onbekend")}</span>'


def evidence_map_page(dossiers: list[Dossier], settings: Settings) -> Page:
    """Dossiers by evidence level, in the manner of an evidence-and-gap map."""
    path = "bewijs/index.md"
    levels = list(settings.evidence_scale)
    out = ["# Bewijsoverzicht", "",
           "Per dossier het aantal werkzame elementen op elk bewijsniveau, van zwak (links) naar sterk "
           "(rechts). Een leeg vak betekent: geen elementen op dat niveau. Zo ziet u waar het bewijs "
           "sterk is, waar het zwak is en waar het ontbreekt.", ""]
    header = "| Dossier | " + " | ".join(esc(lvl.label) for lvl in levels) + " | Totaal |"
    out += [header, "|---|" + "---:|" * (len(levels) + 1)]
    totals = [0] * len(levels)
    for d in sorted(dossiers, key=lambda d: (d.title or "").lower()):
        counts = [sum(1 for el in d.effective_elements if el.evidence == lvl.id) for lvl in levels]
        totals = [a + b for a, b in zip(totals, counts)]
        cells = [(f'<span class="ww-cell ww-cell--{lvl.id}">{n}</span>' if n else
                  '<span class="ww-cell ww-cell--leeg">0</span>') for lvl, n in zip(levels, counts)]
        out.append(f"| {_dossier_link(path, d)} | " + " | ".join(cells) + f" | {sum(counts)} |")
    out.append("| **Alle dossiers** | " + " | ".join(f"**{n}**" for n in totals) + f" | **{sum(totals)}** |")
    out += ["", "## De niveaus", ""]
    for lvl in levels:
        out += [f"- {evidence_badge(lvl.id, lvl.label)} {esc(lvl.description)}"]
    out.append("")
    return Page(path, "\n".join(out))


def literature_page(dossiers: list[Dossier]) -> Page:
    path = "literatuur/index.md"
    refs: dict[str, list[Dossier]] = defaultdict(list)
    for d in dossiers:
        for entry in d.literature:
            ref = reference(entry)
            if d not in refs[ref]:
                refs[ref].append(d)
    out = ["# Literatuur", "", "Alle bronnen uit de dossiers, in APA-stijl, met de dossiers waarin ze worden "
           "gebruikt.", ""]
    for ref in sorted(refs, key=str.lower):
        used = ", ".join(_dossier_link(path, d) for d in refs[ref])
        out += [f"- {ref}  ", f"  Gebruikt in: {used}"]
    out.append("")
    return Page(path, "\n".join(out))


def recent_page(dossiers: list[Dossier], limit: int = 50) -> Page:
    path = "recent/index.md"
    changes = [(c.date, d, c) for d in dossiers for c in d.changelog if c.date]
    changes.sort(key=lambda t: (t[0], t[1].slug), reverse=True)
    out = ["# Recent bijgewerkt", "",
           f"De nieuwste wijzigingen in de dossiers. Volg ze ook met de [Atom-feed]({_rel(path, 'feed.xml')}).", ""]
    for date, d, change in changes[:limit]:
        out += [f"- **{dutch_date(date)}**, {_dossier_link(path, d)}: {esc(change.summary)}"]
    out.append("")
    return Page(path, "\n".join(out))


def overview_pages(dossiers: list[Dossier], settings: Settings) -> list[Page]:
    pages = [Page("dossiers/index.md", "# Dossiers\n\n" + dossier_list("dossiers/index.md", dossiers))]
    pages += _group_pages(dossiers, "themes", "themas", "Thema's", "De dossiers per thema.")
    pages += _group_pages(dossiers, "target_groups", "doelgroepen", "Doelgroepen", "De dossiers per doelgroep.")
    pages += [elements_page(dossiers, settings), evidence_map_page(dossiers, settings),
              literature_page(dossiers), recent_page(dossiers)]
    return pages


def newest_change(dossiers: list[Dossier]) -> dt.date | None:
    dates = [d.version for d in dossiers if d.version]
    return max(dates) if dates else None
