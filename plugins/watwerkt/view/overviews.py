"""Generated overview pages (Markdown), from the published dossiers. No MkDocs here.

Every page is a path -> Markdown pair; links between them are relative `.md` links, so
MkDocs resolves them and the site works under any sub-path. Every listing of dossiers is cut
into pages of at most PAGE_SIZE (view/listing.py), so no page grows with the collection.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from watwerkt.model.dossier import STATUS_LABELS, Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.slug import slugify

from .citations import reference
from .dossier_view import evidence_label
from .escape import attr, esc
from .listing import PAGE_SIZE, chunks, heading, href, html_table, page_path, pager, range_line, rel
from .text import dutch_date
from .versions import NOT_SEARCHED

REFS_PER_PAGE = 100  # literature references per page
USED_IN_SHOWN = 10  # dossiers named under one reference; the rest are counted


@dataclass
class Page:
    path: str  # docs-relative source path, e.g. "themas/armoede/index.md"
    markdown: str


_rel = rel


def by_title(dossiers: list[Dossier]) -> list[Dossier]:
    return sorted(dossiers, key=lambda d: ((d.title or "").lower(), d.slug))


def _dossier_link(from_path: str, d: Dossier, fragment: str = "") -> str:
    return f"[{esc(d.title)}]({_rel(from_path, f'dossiers/{d.slug}/index.md')}{fragment})"


@dataclass(frozen=True)
class PdfLink:
    """A collection PDF, as the site offers it (the plugin knows which there are)."""
    title: str  # "Alle dossiers", "Thema wonen, deel 1 van 2"
    path: str  # docs-relative, e.g. "pdf/wat-werkt-collectie.pdf"
    count: int  # dossiers in it
    theme: str | None  # None: the whole collection


def _dates_line(d: Dossier) -> str:
    parts = [f"versie {dutch_date(d.version)}"]
    if not d.public:  # a draft, listed only where the live preview shows drafts
        parts.insert(0, STATUS_LABELS.get(d.status, d.status or "").lower())
    if d.dates and d.dates.reviewed:
        parts.append(f"laatst herzien {dutch_date(d.dates.reviewed)}")
    return "*" + ", ".join(parts).capitalize() + "*"


def dossier_list(from_path: str, dossiers: list[Dossier], level: int = 3) -> str:
    """The listing used on the home page and the overview pages. `level`: the headings' level, one
    below the heading the list stands under (h3 under the home page's "De dossiers", h2 directly
    under an overview's h1), so the outline never skips a level (axe-core heading-order)."""
    out = []
    marks = "#" * level
    for d in by_title(dossiers):
        out += [f"{marks} {_dossier_link(from_path, d)}", "", esc(d.summary), "", _dates_line(d), ""]
    return "\n".join(out) if out else "*Er zijn nog geen dossiers.*\n"


def home_level(markdown: str, marker: str) -> int:
    """The home list's heading level: under an h2 of the home page written before the list (the
    samples' "De dossiers"), else directly under its h1 (axe-core heading-order)."""
    before = markdown.split(marker, 1)[0]
    return 3 if re.search(r"^##(?!#)\s", before, re.M) else 2


def home_list(dossiers: list[Dossier], limit: int = PAGE_SIZE, pdfs: list[PdfLink] = (), level: int = 3) -> str:
    """The list on the home page: every dossier up to `limit`, else the most recent ones and a link
    to the full list (the home page stays the same size however large the collection grows); above
    it a button for the collection PDF, or for the themes page that lists the PDF per theme."""
    button = ""
    if len(pdfs) == 1:  # raw HTML: the PDF is written after the pages, MkDocs must not check the link
        button = (f'<p><a class="md-button md-button--primary" href="{attr(pdfs[0].path)}" download>'
                  "Download alle dossiers als PDF</a></p>\n\n")
    elif pdfs:
        button = "[Download de dossiers als PDF, per thema](themas/index.md#als-pdf){ .md-button .md-button--primary }\n\n"
    if len(dossiers) <= limit:
        return button + dossier_list("index.md", dossiers, level=level)
    newest = sorted(dossiers, key=lambda d: (d.version or dt.date.min, d.slug), reverse=True)[:limit]
    lead = (f"De {limit} laatst bijgewerkte van {len(dossiers)} dossiers. Alle dossiers van A tot Z staan in "
            f"de [dossierlijst](dossiers/index.md); ze staan ook per [thema](themas/index.md) en per "
            f"[doelgroep](doelgroepen/index.md).\n\n")
    out = []
    for d in newest:
        out += [f"{'#' * level} {_dossier_link('index.md', d)}", "", esc(d.summary), "", _dates_line(d), ""]
    return button + lead + "\n".join(out)


def listing_pages(folder: str, title: str, dossiers: list[Dossier], intro: str = "",
                  what: str = "de dossierlijst") -> list[Page]:
    """A dossier list in pages of PAGE_SIZE, A to Z; page 1 at folder/index.md."""
    parts = chunks(by_title(dossiers))
    pages = []
    for number, part in enumerate(parts, 1):
        path = page_path(folder, number)
        nav = pager(folder, number, len(parts), what)
        body = [heading(title, number, len(parts)), "", intro, range_line(number, len(dossiers)), nav,
                dossier_list(path, part, level=2), pager(folder, number, len(parts), what, end=True)]
        pages.append(Page(path, "\n".join(line for line in body if line) + "\n"))
    return pages


def group_folder(folder: str, value: str) -> str:
    """The folder of the overview page of one theme or target group, e.g. 'themas/armoede'."""
    return f"{folder}/{slugify(value) or 'x'}"


def pdf_list(from_path: str, links: list[PdfLink]) -> list[str]:
    """Raw HTML links (a PDF is written after the pages, so MkDocs must not check the link)."""
    return [f'- <a href="{attr(rel(from_path, link.path))}" download>{attr(link.title)}</a> '
            f"({link.count} dossiers)" for link in links]


def group_title(value: str) -> str:
    """The title of a theme's or target group's page: the value as the editor wrote it, with a
    capital first letter (the rest untouched: "lokaal beleid" -> "Lokaal beleid", "GGZ" stays)."""
    return value[:1].upper() + value[1:]


def group_intro(value: str, dossiers: list[Dossier], what: str, settings: Settings | None) -> str:
    """'2 dossiers over het thema lokaal beleid. Hun werkzame elementen hebben de bewijsniveaus
    ... .' The levels in the scale's order, weakest first; the sentence is left out without any."""
    count = f"{len(dossiers)} {'dossier' if len(dossiers) == 1 else 'dossiers'}"
    out = f"{count} {what} {esc(value)}."
    if settings is not None:
        used = {el.evidence for d in dossiers for el in d.effective_elements if el.evidence}
        labels = [esc(lvl.label) for lvl in settings.evidence_scale if lvl.id in used]
        if labels:
            which = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]
            noun = "bewijsniveau" if len(labels) == 1 else "bewijsniveaus"
            out += f" De werkzame elementen in {'dit dossier' if len(dossiers) == 1 else 'deze dossiers'} hebben {noun}: {which}."
    return out


def _group_pages(dossiers, field: str, folder: str, title: str, intro: str,
                 pdfs: list[PdfLink] = (), what: str = "bij", settings: Settings | None = None) -> list[Page]:
    groups: dict[str, list[Dossier]] = defaultdict(list)
    for d in dossiers:
        for value in getattr(d, field):
            groups[value].append(d)
    index = f"{folder}/index.md"
    lines = [f"# {title}", "", intro, ""]
    pages = []
    for value in sorted(groups, key=str.lower):
        path = f"{group_folder(folder, value)}/index.md"
        lines.append(f"- [{esc(value)}]({_rel(index, path)}) ({len(groups[value])})")
        own = [link for link in pdfs if link.theme == value]
        extra = "\n".join(["Download de dossiers van dit thema als PDF:", "", *pdf_list(path, own), ""]) if own else ""
        extra = group_intro(value, groups[value], what, settings) + "\n\n" + extra
        pages += listing_pages(group_folder(folder, value), esc(group_title(value)), groups[value], extra,
                               what=f"de dossiers bij {attr(value)}")
    if pdfs:
        lines += ["", "## Als PDF {#als-pdf}", "",
                  "De dossiers als PDF om offline te lezen of af te drukken, per thema (een dossier met "
                  "meer thema's staat in elk ervan; een groot thema is verdeeld in delen van A tot Z).", "",
                  *pdf_list(index, pdfs)]
    return [Page(index, "\n".join(lines) + "\n"), *pages]


def elements_pages(dossiers: list[Dossier], settings: Settings, directory_urls: bool = True) -> list[Page]:
    folder = "werkzame-elementen"
    with_elements = [d for d in by_title(dossiers) if d.effective_elements]
    parts = chunks(with_elements)
    pages = []
    for number, part in enumerate(parts, 1):
        path = page_path(folder, number)
        nav = pager(folder, number, len(parts), "de werkzame elementen")
        out = [heading("Werkzame elementen", number, len(parts)), "",
               "Alle werkzame elementen uit de dossiers, met hun bewijsniveau. Het bewijsniveau zegt hoe "
               "zeker het is dat een element werkt; het staat los van de grootte van het effect.", "",
               range_line(number, len(with_elements)), nav]
        for d in part:
            target = href(path, f"dossiers/{d.slug}/index.md", directory_urls)
            rows = [[f'<a href="{attr(target)}#element-{attr(el.id)}">{attr(el.title)}</a>',
                     evidence_badge(el.evidence, evidence_label(settings, el.evidence), raw=True)]
                    for el in d.effective_elements]
            out += [f"## {esc(d.title)}", "", html_table([("Werkzaam element", ""), ("Bewijsniveau", "")], rows)]
        out.append(pager(folder, number, len(parts), "de werkzame elementen", end=True))
        pages.append(Page(path, "\n".join(out)))
    return pages


def evidence_badge(level_id: str | None, label: str | None, raw: bool = False) -> str:
    """The level as a badge; raw: inside raw HTML, where a Markdown escape would show."""
    quote = attr if raw else esc
    return f'<span class="ww-badge ww-badge--{quote(level_id or "onbekend")}">{quote(label or "onbekend")}</span>'


def evidence_map_pages(dossiers: list[Dossier], settings: Settings, directory_urls: bool = True) -> list[Page]:
    """Dossiers by evidence level, in the manner of an evidence-and-gap map. The totals row counts
    the whole collection and stands on page 1 only; later pages link to it. On every page it
    would make one changed evidence level re-render every page of the map (issue 12: 20 pages at
    1,000 dossiers, for the live preview)."""
    folder = "bewijs"
    levels = list(settings.evidence_scale)

    def counts(d: Dossier) -> list[int]:
        return [sum(1 for el in d.effective_elements if el.evidence == lvl.id) for lvl in levels]

    ordered = by_title(dossiers)
    totals = [sum(col) for col in zip(*(counts(d) for d in ordered))] if ordered else [0] * len(levels)
    header = [("Dossier", ""), *((attr(lvl.label), "right") for lvl in levels), ("Totaal", "right")]
    parts = chunks(ordered)
    pages = []
    for number, part in enumerate(parts, 1):
        path = page_path(folder, number)
        nav = pager(folder, number, len(parts), "het bewijsoverzicht")
        out = [heading("Bewijsoverzicht", number, len(parts)), "",
               "Per dossier het aantal werkzame elementen op elk bewijsniveau, van zwak (links) naar sterk "
               "(rechts). Een leeg vak betekent: geen elementen op dat niveau. Zo ziet u waar het bewijs "
               "sterk is, waar het zwak is en waar het ontbreekt.", "",
               range_line(number, len(ordered)), nav,
               # Shown on narrow screens only (CSS): the strongest levels and the total are to the right.
               '<p class="ww-scroll-hint" aria-hidden="true">Veeg de tabel opzij voor alle niveaus en het '
               "totaal &rarr;</p>", ""]
        rows = []
        for d in part:
            row = counts(d)
            cells = [(f'<span class="ww-cell ww-cell--{attr(lvl.id)}">{n}</span>' if n else
                      '<span class="ww-cell ww-cell--leeg">0</span>') for lvl, n in zip(levels, row)]
            link = f'<a href="{attr(href(path, f"dossiers/{d.slug}/index.md", directory_urls))}">{attr(d.title)}</a>'
            rows.append([link, *cells, str(sum(row))])
        if number == 1:
            rows.append(["<strong>Alle dossiers</strong>", *(f"<strong>{n}</strong>" for n in totals),
                         f"<strong>{sum(totals)}</strong>"])
        out.append(html_table(header, rows))
        if number > 1:
            out += [f"De totalen van alle dossiers staan op [pagina 1]({_rel(path, page_path(folder, 1))}).", ""]
        out += [pager(folder, number, len(parts), "het bewijsoverzicht", end=True), "## De niveaus", ""]
        for lvl in levels:
            out += [f"- {evidence_badge(lvl.id, lvl.label)} {esc(lvl.description)}"]
        out.append("")
        pages.append(Page(path, "\n".join(out)))
    return pages


def literature_pages(dossiers: list[Dossier]) -> list[Page]:
    """Every reference once, A to Z, REFS_PER_PAGE a page, with (at most USED_IN_SHOWN of) the
    dossiers that use it."""
    folder = "literatuur"
    refs: dict[str, list[Dossier]] = defaultdict(list)
    for d in by_title(dossiers):
        for entry in d.literature:
            ref = reference(entry)
            if d not in refs[ref]:
                refs[ref].append(d)
    ordered = sorted(refs, key=str.lower)
    parts = chunks(ordered, REFS_PER_PAGE)
    pages = []
    for number, part in enumerate(parts, 1):
        path = page_path(folder, number)
        nav = pager(folder, number, len(parts), "de literatuurlijst")
        out = [heading("Literatuur", number, len(parts)), "",
               "Alle bronnen uit de dossiers, in APA-stijl, met de dossiers waarin ze worden gebruikt.", "",
               range_line(number, len(ordered), REFS_PER_PAGE, "bronnen"), nav]
        for ref in part:
            used = ", ".join(_dossier_link(path, d) for d in refs[ref][:USED_IN_SHOWN])
            if len(refs[ref]) > USED_IN_SHOWN:
                used += f" en nog {len(refs[ref]) - USED_IN_SHOWN} dossiers"
            out += [f"- {ref}  ", f"  Gebruikt in: {used}"]
        out += ["", pager(folder, number, len(parts), "de literatuurlijst", end=True)]
        pages.append(Page(path, "\n".join(out)))
    return pages


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


@dataclass(frozen=True)
class Part:
    """One group of overview pages and everything its pages are made from: `extra`, and `each`
    of every dossier in `members`. The live preview keeps a part's pages while its key is
    unchanged (site/preview.py, which keeps each model's projection while the model is the same
    object), so the key must hold every value `make` reads; tests/test_preview_cache.py changes
    each model field in turn to hold it."""
    name: str
    extra: tuple
    each: Callable[[Dossier], tuple]
    members: list
    make: Callable[[], list[Page]]

    def key(self) -> tuple:
        return (self.extra, tuple(map(self.each, self.members)))


def _listed(d: Dossier) -> tuple:
    """What a dossier list shows of a dossier (dossier_list, _dates_line, by_title)."""
    return (d.slug, d.title, d.summary, d.status, d.public, d.version, d.dates.reviewed if d.dates else None)


def _levels(d: Dossier) -> frozenset:
    return frozenset(el.evidence for el in d.effective_elements if el.evidence)


def overview_parts(dossiers: list[Dossier], settings: Settings, drafts: list[Dossier] = (),
                   pdfs: list[PdfLink] = (), directory_urls: bool = True) -> list[Part]:
    """The overview pages of the published `dossiers` in parts; `drafts` (the live preview's) are
    only in the dossier list, marked as drafts, so an editor finds them there. `pdfs`: the
    collection PDFs per theme, listed on the themes page and each theme's page."""
    listed = [*dossiers, *drafts]
    per_theme = [link for link in pdfs if link.theme is not None]
    scale = (repr(settings), directory_urls)

    def dossier_list_pages() -> list[Page]:
        intro = f"Alle {len(listed)} dossiers van A tot Z." if len(listed) > PAGE_SIZE else ""
        return listing_pages("dossiers", "Dossiers", listed, intro)

    return [
        Part("dossiers", (), _listed, listed, dossier_list_pages),
        Part("themas", (scale, tuple(per_theme)), lambda d: (_listed(d), tuple(d.themes), _levels(d)), dossiers,
             lambda: _group_pages(dossiers, "themes", "themas", "Thema's", "De dossiers per thema.", per_theme,
                                  "over het thema", settings)),
        Part("doelgroepen", (scale,), lambda d: (_listed(d), tuple(d.target_groups), _levels(d)), dossiers,
             lambda: _group_pages(dossiers, "target_groups", "doelgroepen", "Doelgroepen",
                                  "De dossiers per doelgroep.", what="voor de doelgroep", settings=settings)),
        Part("werkzame-elementen", (scale,),
             lambda d: (d.slug, d.title, tuple((el.id, el.title, el.evidence) for el in d.effective_elements)),
             dossiers, lambda: elements_pages(dossiers, settings, directory_urls)),
        Part("bewijs", (scale,), lambda d: (d.slug, d.title, tuple(el.evidence for el in d.effective_elements)),
             dossiers, lambda: evidence_map_pages(dossiers, settings, directory_urls)),
        Part("literatuur", (), lambda d: (d.slug, d.title, repr(d.literature)), dossiers,
             lambda: literature_pages(dossiers)),
        Part("recent", (), lambda d: (d.slug, d.title, tuple((c.date, c.summary) for c in d.changelog)), dossiers,
             lambda: [recent_page(dossiers)]),
    ]


def part_pages(part: Part) -> list[Page]:
    # Not in Material's quick-search index: they repeat the dossiers' titles and summaries, so
    # they crowded the dossiers out of its results and were a quarter of its index at 1,000.
    return [Page(p.path, NOT_SEARCHED + p.markdown) for p in part.make()]


def overview_pages(dossiers: list[Dossier], settings: Settings, drafts: list[Dossier] = (),
                   pdfs: list[PdfLink] = (), directory_urls: bool = True) -> list[Page]:
    """Every overview page (see overview_parts)."""
    return [page for part in overview_parts(dossiers, settings, drafts, pdfs, directory_urls)
            for page in part_pages(part)]


def newest_change(dossiers: list[Dossier]) -> dt.date | None:
    dates = [d.version for d in dossiers if d.version]
    return max(dates) if dates else None
