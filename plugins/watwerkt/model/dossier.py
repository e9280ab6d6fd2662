"""The typed dossier model (format v1). Every value remembers where in which file it came from.

Field declarations carry their kind and a Dutch description: the JSON Schema and the
editors' format reference are generated from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .kinds import (
    Choice,
    Date,
    Doi,
    Id,
    ListOf,
    Nested,
    Scale,
    Text,
    Url,
    Version,
    Year,
    spec,
)

FORMAT_VERSION = 1
STATUSES = ("draft", "published", "archived")
STATUS_LABELS = {"draft": "Concept", "published": "Gepubliceerd", "archived": "Gearchiveerd"}
# The one definition of "public": these statuses reach the site, the search index, the PDFs and
# the exports; drafts only appear in the editors' live preview.
PUBLIC_STATUSES = ("published", "archived")
# Files a dossier folder may hold besides dossier.yml and its sections: images the page can show.
# No .svg: it can carry script.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
LITERATURE_TYPES = ("report", "book", "article", "chapter", "webpage", "other")
# Also-known-as terms ("zoektermen") of a dossier or an element: short, and a handful at most.
MAX_TERM_CHARS = 80
MAX_TERMS = 20
# The words most dossier titles start with ("Wat werkt bij ..."): the shared rule of the scaffold's
# folder name and of the check that a search term does not just repeat the title.
TITLE_PREFIX_RE = re.compile(r"^\s*wat\s+werkt\s+(bij|voor|in|tegen)\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Pos:
    path: str
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Located:
    """Base of every mapping in the model: `at` is where the mapping starts, `pos` per field."""

    at: Pos | None = field(default=None, repr=False, compare=False)
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False)

    def where(self, name: str) -> Pos | None:
        return self.pos.get(name, self.at)

    def where_item(self, name: str, index: int) -> Pos | None:
        """Where item `index` of list field `name` is, else where the list is."""
        return self.pos.get(f"{name}[{index}]") or self.where(name)


@dataclass
class Author(Located):
    name: str | None = spec(Text(200), "Naam van de auteur of redacteur.", required=True)
    organisation: str | None = spec(Text(200), "Organisatie waarvoor de auteur werkt.")


@dataclass
class Dates(Located):
    published: dt.date | None = spec(Date(), "Datum van eerste publicatie (JJJJ-MM-DD).", required=True)
    reviewed: dt.date | None = spec(Date(), "Datum van de laatste inhoudelijke herziening (JJJJ-MM-DD).")
    review_due: dt.date | None = spec(
        Date(), "Datum waarop het dossier uiterlijk opnieuw herzien moet zijn (JJJJ-MM-DD)."
    )


@dataclass
class EffectiveElement(Located):
    id: str | None = spec(
        Id(), "Vaste id van het werkzame element: kleine letters, cijfers en streepjes.", required=True
    )
    title: str | None = spec(Text(200), "Korte naam van het werkzame element.", required=True)
    description: str | None = spec(
        Text(5000, markdown=True),
        "Beschrijving in Markdown; bronnen aanhalen met [@bron-id].",
        required=True,
    )
    evidence: str | None = spec(
        Scale("evidence"),
        "Bewijsniveau: hoe zeker is het dat dit element werkt? Een niveau van de zekerheidsschaal.",
        required=True,
    )
    effect: str | None = spec(
        Text(500),
        "Optioneel: grootte of richting van het effect. Staat los van het bewijsniveau.",
    )
    sources: list[str] = spec(
        ListOf(Id(), min_items=1),
        "Id's van de bronnen in de literatuurlijst waarop dit element steunt (minstens één).",
        required=True,
    )
    zoektermen: list[str] = spec(
        ListOf(Text(MAX_TERM_CHARS), max_items=MAX_TERMS),
        "Ook bekend als: andere woorden die lezers voor hetzelfde element gebruiken "
        "(synoniemen, omschrijvingen, oudere namen). Zoeken vindt het dossier ook op deze woorden; "
        f"de pagina toont ze als 'Ook bekend als'. Hoogstens {MAX_TERMS}, elk hoogstens {MAX_TERM_CHARS} tekens.",
    )


@dataclass
class Recognition(Located):
    level: str | None = spec(
        Scale("recognition"), "Erkenningsniveau van de interventie.", required=True
    )
    databank: str | None = spec(Url(), "Webadres van de interventie in de databank.")
    date: dt.date | None = spec(Date(), "Datum van de erkenning (JJJJ-MM-DD).")


@dataclass
class Example(Located):
    name: str | None = spec(Text(200), "Naam van het voorbeeld of de aanpak.", required=True)
    description: str | None = spec(
        Text(5000, markdown=True), "Beschrijving in Markdown.", required=True
    )
    organisation: str | None = spec(Text(200), "Organisatie achter het voorbeeld.")
    url: str | None = spec(Url(), "Webadres met meer informatie.")
    recognition: Recognition | None = spec(
        Nested(Recognition), "Alleen voor erkende interventies: niveau, databank en datum."
    )


@dataclass
class LiteratureEntry(Located):
    id: str | None = spec(
        Id(), "Vaste id om de bron mee aan te halen, bijvoorbeeld rmo-2014.", required=True
    )
    type: str | None = spec(
        Choice(LITERATURE_TYPES),
        "Soort publicatie: report, book, article, chapter, webpage of other.",
        required=True,
    )
    authors: list[str] = spec(
        ListOf(Text(200)),
        "Auteurs: een persoon als 'Achternaam, V.', een organisatie met haar volledige naam. "
        "Zonder auteur komt de titel vooraan.",
    )
    year: str | None = spec(Year(), "Jaar van verschijnen, of z.d. als het onbekend is.", required=True)
    title: str | None = spec(Text(500), "Titel van de publicatie.", required=True)
    publisher: str | None = spec(Text(200), "Uitgever of uitgevende organisatie.")
    journal: str | None = spec(Text(200), "Tijdschrift (bij een artikel) of boek (bij een hoofdstuk).")
    volume: str | None = spec(Text(50), "Jaargang.")
    issue: str | None = spec(Text(50), "Nummer.")
    pages: str | None = spec(Text(50), "Pagina's, bijvoorbeeld 12-30.")
    edition: str | None = spec(Text(50), "Druk of editie.")
    url: str | None = spec(Url(), "Webadres van de publicatie.")
    doi: str | None = spec(Doi(), "DOI van de publicatie, bijvoorbeeld 10.1234/abcd.")


@dataclass
class ChangelogEntry(Located):
    date: dt.date | None = spec(Date(), "Datum van de wijziging (JJJJ-MM-DD).", required=True)
    summary: str | None = spec(Text(1000), "Wat is er veranderd?", required=True)


@dataclass
class Dossier(Located):
    format_version: int | None = spec(
        Version((FORMAT_VERSION,)), "Versie van het dossierformaat. Altijd 1.", required=True
    )
    title: str | None = spec(Text(200), "Titel, meestal 'Wat werkt bij ...'.", required=True)
    summary: str | None = spec(
        Text(1000), "Twee of drie zinnen die zeggen waar het dossier over gaat.", required=True
    )
    status: str | None = spec(
        Choice(STATUSES),
        "draft (concept, niet op de site), published (gepubliceerd) of archived (gearchiveerd).",
        required=True,
    )
    former_slugs: list[str] = spec(
        ListOf(Id()), "Eerdere mapnamen van dit dossier; oude adressen verwijzen door."
    )
    authors: list[Author] = spec(
        ListOf(Author, min_items=1), "Auteurs of redacteuren van het dossier.", required=True
    )
    dates: Dates | None = spec(Nested(Dates), "Publicatie- en herzieningsdata.", required=True)
    themes: list[str] = spec(ListOf(Text(100)), "Thema's waar het dossier onder valt.")
    target_groups: list[str] = spec(ListOf(Text(100)), "Doelgroepen van het dossier.")
    zoektermen: list[str] = spec(
        ListOf(Text(MAX_TERM_CHARS), max_items=MAX_TERMS),
        "Ook bekend als: andere woorden die lezers voor het onderwerp van het dossier gebruiken "
        "(synoniemen, omschrijvingen, oudere namen). Zoeken vindt het dossier ook op deze woorden; "
        f"de pagina toont ze als 'Ook bekend als'. Hoogstens {MAX_TERMS}, elk hoogstens {MAX_TERM_CHARS} tekens.",
    )
    effective_elements: list[EffectiveElement] = spec(
        ListOf(EffectiveElement), "Werkzame elementen, elk met bewijsniveau en bronnen."
    )
    examples: list[Example] = spec(ListOf(Example), "Goede voorbeelden en veelbelovende aanpakken.")
    literature: list[LiteratureEntry] = spec(ListOf(LiteratureEntry), "Literatuurlijst.")
    changelog: list[ChangelogEntry] = spec(
        ListOf(ChangelogEntry, min_items=1),
        "Wijzigingen, elk met datum en samenvatting. De nieuwste datum is de versie van het dossier.",
        required=True,
    )

    # Filled by the loader, not from dossier.yml:
    slug: str = field(default="", metadata={})
    folder: Path | None = field(default=None, metadata={}, repr=False)
    sections: dict[str, "Section"] = field(default_factory=dict, metadata={}, repr=False)

    @property
    def public(self) -> bool:
        """Shown to readers: on the public site, in search, as PDF and in the exports."""
        return self.status in PUBLIC_STATUSES

    @property
    def version(self) -> dt.date | None:
        dates = [c.date for c in self.changelog if c.date]
        return max(dates) if dates else None


@dataclass
class Section:
    key: str  # file stem, e.g. "definitie"
    path: str
    text: str


# Section files in page order, with their Dutch headings. Only definitie is required.
SECTIONS: dict[str, str] = {
    "definitie": "Definitie",
    "feiten": "Feiten en cijfers",
    "beleid": "Beleid",
    "trends": "Trends",
    "discussies": "Discussies",
}
REQUIRED_SECTIONS = ("definitie",)
