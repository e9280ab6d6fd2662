"""One view of a dossier: every fact a reader sees of it, derived once from the model.

The page (view/page.py), the PDF (pdf/document.py), the JSON API and RIS/BibTeX (export/) take
the citation, the authors and their label, the banners, the scale labels, the Dutch dates, the
public address, the Markdown extension set and the heading outline from here, so they cannot
disagree. Values are plain text unless the name says Markdown; each consumer escapes them by the
rules of its own format (view/escape.py for pages, Jinja2 autoescape for print, JSON, RIS, BibTeX).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from watwerkt.model.dossier import SECTIONS, STATUS_LABELS, Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.urls import dossier_path, public_url, version_path

from .citations import author_list, end_sentence
from .escape import esc
from .text import dutch_date, one_line

# The Python-Markdown extensions every rendering of dossier Markdown uses: the site adds them to
# mkdocs.yml's list, the PDF builds its converters with them. One set, so `!!! note` is an
# admonition on the page and in print alike.
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("attr_list", "md_in_html", "admonition", "tables", "toc")

# Stands where the address goes while the site has no site_url (a preview or a local build).
UNPUBLISHED = "Nog niet online gepubliceerd."
# The label of the also-known-as terms (`zoektermen`) under the lead and under each element.
ALSO_KNOWN_AS = "Ook bekend als"


@dataclass(frozen=True)
class Banner:
    kind: str  # "draft", "archived", "overdue", "earlier" (an earlier version), "withdrawn" or "note"
    title: str
    text: str
    link: str = ""  # "earlier", "withdrawn": the dossier's public address ("" without site_url)

    @property
    def link_text(self) -> str:
        """Dutch text of the page's link to the dossier's own page ("" for no link)."""
        return {"earlier": "Lees de actuele versie", "withdrawn": "Alle versies"}.get(self.kind, "")

    @property
    def admonition(self) -> str:
        """The admonition type the page uses for it."""
        return "note" if self.kind == "archived" else "warning"


@dataclass(frozen=True)
class Earlier:
    """A dossier shown as one of its earlier versions (history/versions.py finds them)."""

    current: dt.date  # the version date of the current dossier (of a withdrawn one: its last)
    note: str | None = None  # Dutch: why this version breaks a rule of today's validator
    withdrawn: dt.date | None = None  # the dossier was removed from dossiers/ on that date


@dataclass(frozen=True)
class AuthorView:
    name: str
    organisation: str | None

    @property
    def line(self) -> str:
        """'Naam (Organisatie)', as the page's and the cover's author list show it."""
        return self.name + (f" ({self.organisation})" if self.organisation else "")


def also_known_as(terms: tuple[str, ...]) -> str | None:
    """'Ook bekend als: a, b' as plain text; None without terms (nothing is shown)."""
    return f"{ALSO_KNOWN_AS}: {', '.join(terms)}" if terms else None


@dataclass(frozen=True)
class ElementView:
    id: str | None
    title: str | None
    evidence: str | None  # level id
    evidence_label: str | None  # its label on the scale (the id when the scale lacks it)
    evidence_rank: int | None = None  # position on the scale, 0 the weakest; None off the scale
    sources: int = 0  # how many sources it cites
    zoektermen: tuple[str, ...] = ()  # plain, one line each, in the order of dossier.yml
    effect: str | None = None  # the measured effect, plain; shown apart from the evidence level

    @property
    def also_known_as(self) -> str | None:
        return also_known_as(self.zoektermen)


@dataclass(frozen=True)
class RecognitionView:
    level: str | None
    label: str | None
    date: str | None  # Dutch, None without a date
    databank: str | None


@dataclass(frozen=True)
class ExampleView:
    name: str | None
    recognition: RecognitionView | None  # None: nothing is shown (not "niet erkend")


IN_SHORT_INTRO = "Wat werkt, en hoe zeker: het sterkste bewijs eerst."


@dataclass(frozen=True)
class DossierView:
    slug: str
    title: str
    url: str  # the permanent public address; "" while the site has no site_url
    authors: tuple[AuthorView, ...]
    author_label: str  # "Auteur" for one, "Auteurs" otherwise
    publisher: str
    year: str  # of the version, "z.d." without one
    version: dt.date | None
    version_text: str  # Dutch
    published_text: str | None
    reviewed_text: str | None
    review_due_text: str | None
    status_label: str
    citation_md: str  # APA 7, Markdown with every plain value escaped
    citation_text: str  # the same citation as plain text
    banners: tuple[Banner, ...]
    elements: tuple[ElementView, ...]  # in the order of d.effective_elements
    examples: tuple[ExampleView, ...]  # in the order of d.examples
    outline: tuple[tuple[str, str], ...]  # (anchor, Dutch heading) of the content sections in order
    zoektermen: tuple[str, ...] = ()  # the dossier's also-known-as terms, plain, one line each
    markdown_extensions: tuple[str, ...] = MARKDOWN_EXTENSIONS
    # Versions: `url` above is the version's own address for an earlier version, else the dossier's.
    earlier: bool = False
    current_url: str = ""  # the dossier's address (always its newest version)
    current_version_text: str = ""  # Dutch date of the current version
    version_url: str = ""  # the permanent address of this version
    version_citation_md: str = ""  # APA 7 naming this version and its permanent address
    version_citation_text: str = ""

    @property
    def status_line(self) -> str:
        """Version and review status in one line ("In het kort" on the page and in the PDF)."""
        parts = [f"Versie {self.version_text}" if self.version_text else "", self.status_label,
                 f"laatst herzien {self.reviewed_text}" if self.reviewed_text else ""]
        return " · ".join(p for p in parts if p)

    @property
    def elements_by_strength(self) -> tuple[ElementView, ...]:
        """The effective elements, strongest evidence first ("In het kort"); equal levels keep the
        dossier's order, elements off the scale come last."""
        return tuple(sorted(self.elements, key=lambda el: -1 if el.evidence_rank is None else el.evidence_rank,
                            reverse=True))

    @property
    def also_known_as(self) -> str | None:
        return also_known_as(self.zoektermen)

    @property
    def author_names(self) -> list[str]:
        return [a.name for a in self.authors]

    @property
    def author_lines(self) -> list[str]:
        return [a.line for a in self.authors]


def dossier_url(d: Dossier, settings: Settings) -> str:
    """The dossier's permanent public address; "" while the site has no site_url."""
    return public_url(settings.base_url, dossier_path(d.slug))


def author_label(count: int) -> str:
    return "Auteur" if count == 1 else "Auteurs"


def review_overdue(d: Dossier, today: dt.date | None) -> bool:
    return bool(today and d.dates and d.dates.review_due and d.dates.review_due < today)


def dossier_banners(d: Dossier, today: dt.date | None) -> tuple[Banner, ...]:
    """What a reader is warned of above the content. `today` only matters for an overdue review."""
    out = []
    if d.status == "draft":
        out.append(Banner("draft", "Concept", "Dit is een concept. Het staat niet op de gepubliceerde site."))
    if d.status == "archived":
        out.append(Banner("archived", "Gearchiveerd",
                          "Dit dossier is gearchiveerd en wordt niet meer bijgewerkt. De inhoud kan verouderd zijn."))
    elif review_overdue(d, today):
        out.append(Banner("overdue", "Herziening verlopen",
                          f"Dit dossier had uiterlijk {dutch_date(d.dates.review_due)} herzien moeten worden. "
                          "Een deel van de inhoud kan verouderd zijn."))
    return tuple(out)


def evidence_label(settings: Settings, level_id: str | None) -> str | None:
    if not level_id:
        return None
    level = settings.evidence(level_id)
    return level.label if level else level_id


def recognition_label(settings: Settings, level_id: str | None) -> str | None:
    if not level_id:
        return None
    level = settings.recognition(level_id)
    return level.label if level else level_id


def outline(d: Dossier) -> tuple[tuple[str, str], ...]:
    """Anchors and headings of the dossier's content sections, in page order."""
    out = [(key, heading) for key, heading in SECTIONS.items() if d.sections.get(key)]
    for anchor, heading, items in (("werkzame-elementen", "Werkzame elementen", d.effective_elements),
                                   ("goede-voorbeelden", "Goede voorbeelden", d.examples),
                                   ("literatuur", "Literatuur", d.literature),
                                   ("wijzigingen", "Wijzigingen", d.changelog)):
        if items:
            out.append((anchor, heading))
    return tuple(out)


def _citation(names: list[str], year: str, title: str, version_text: str, publisher: str,
              url: str) -> tuple[str, str]:
    """APA 7 reference to the dossier as (Markdown, plain text), built in one pass so the two
    cannot differ in anything but markup. Author names as written in dossier.yml (persons are not
    inverted: Dutch names with prefixes cannot be split reliably); publisher left out when it
    is also an author, as APA asks."""
    md: list[str] = []
    text: list[str] = []

    def add(plain: str, markdown: str | None = None) -> None:
        text.append(plain)
        md.append(plain if markdown is None else markdown)

    def add_title() -> None:
        add(f"{title} (versie {version_text}).", f"*{esc(title)}* (versie {version_text}).")

    if names:
        add(end_sentence(author_list(names)), end_sentence(author_list([esc(n) for n in names])))
        add(f"({year}).")
        add_title()
    else:
        add_title()
        add(f"({year}).")
    if publisher and publisher not in names:
        add(end_sentence(publisher), end_sentence(esc(publisher)))
    if url:
        # An explicit anchor, not a Markdown autolink: Markdown before 3.8 drops `<url>` inside
        # the md_in_html paragraph the page puts the citation in.
        add(url, f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
    else:
        add(UNPUBLISHED)
    return " ".join(md), " ".join(text)


def version_url(d: Dossier, settings: Settings) -> str:
    """The permanent address of the dossier's version; "" without a version or a site_url."""
    return public_url(settings.base_url, version_path(d.slug, d.version)) if d.version else ""


def earlier_banners(d: Dossier, earlier: Earlier, url: str) -> tuple[Banner, ...]:
    title = one_line(d.title)
    if earlier.withdrawn:
        out = [Banner("withdrawn", "Ingetrokken dossier",
                      f"U leest de versie van {dutch_date(d.version)} van {title}. Dit dossier is op "
                      f"{dutch_date(earlier.withdrawn)} ingetrokken en wordt niet meer bijgehouden.", url)]
    else:
        out = [Banner("earlier", "Eerdere versie",
                      f"U leest een eerdere versie van {title} van {dutch_date(d.version)}; de actuele versie "
                      f"is van {dutch_date(earlier.current)}.", url)]
    if d.status == "archived":
        out.append(dossier_banners(d, None)[0])
    if earlier.note:
        out.append(Banner("note", "Let op", earlier.note))
    return tuple(out)


def dossier_view(d: Dossier, settings: Settings, today: dt.date | None = None,
                 earlier: Earlier | None = None) -> DossierView:
    """Everything a reader sees of `d` besides its Markdown texts. `today` decides the overdue banner;
    `earlier` shows `d` as an earlier version: its own address and citation, and a banner that
    names and links the current one (an old review date is no warning there)."""
    authors = tuple(AuthorView(one_line(a.name), one_line(a.organisation) or None) for a in d.authors if a.name)
    version = d.version
    year = str(version.year) if version else "z.d."
    title = one_line(d.title)
    current_url = dossier_url(d, settings)
    permanent = version_url(d, settings)
    url = permanent if earlier else current_url
    publisher = one_line(settings.site_name)
    names = [a.name for a in authors]
    citation_md, citation_text = _citation(names, year, title, dutch_date(version), publisher, url)
    version_md, version_text = ((citation_md, citation_text) if earlier or not permanent else
                                _citation(names, year, title, dutch_date(version), publisher, permanent))
    dates = d.dates

    def day(value: dt.date | None) -> str | None:
        return dutch_date(value) if value else None

    ranks = {lvl.id: i for i, lvl in enumerate(settings.evidence_scale)}
    elements = tuple(ElementView(el.id, el.title, el.evidence, evidence_label(settings, el.evidence),
                                 ranks.get(el.evidence), len(el.sources or ()), terms(el.zoektermen),
                                 el.effect or None)
                     for el in d.effective_elements)
    examples = []
    for ex in d.examples:
        rec = ex.recognition
        examples.append(ExampleView(ex.name, RecognitionView(
            rec.level, recognition_label(settings, rec.level), day(rec.date), rec.databank) if rec else None))
    return DossierView(
        slug=d.slug,
        title=title,
        url=url,
        authors=authors,
        author_label=author_label(len(authors)),
        publisher=publisher,
        year=year,
        version=version,
        version_text=dutch_date(version),
        published_text=day(dates.published if dates else None),
        reviewed_text=day(dates.reviewed if dates else None),
        review_due_text=day(dates.review_due if dates else None),
        status_label=STATUS_LABELS.get(d.status or "", d.status or ""),
        citation_md=citation_md,
        citation_text=citation_text,
        banners=earlier_banners(d, earlier, current_url) if earlier else dossier_banners(d, today),
        elements=elements,
        examples=tuple(examples),
        outline=outline(d),
        earlier=earlier is not None,
        current_url=current_url,
        current_version_text=dutch_date(earlier.current) if earlier else dutch_date(version),
        version_url=permanent,
        version_citation_md=version_md,
        version_citation_text=version_text,
        zoektermen=terms(d.zoektermen),
    )


def terms(values: list[str]) -> tuple[str, ...]:
    """Also-known-as terms as a reader sees them: one line each, empty ones left out."""
    return tuple(t for t in (one_line(v) for v in values) if t)
