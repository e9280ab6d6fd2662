"""The search thesaurus as SKOS concepts: the keys of thesaurus.yml and what each maps onto.

A thesaurus file holds one concept scheme (skos:ConceptScheme); each entry under ``begrippen``
is one skos:Concept. The YAML keys map one-to-one onto SKOS properties (docs/redactie/zoeken.md):

  voorkeursterm  skos:prefLabel    exactly one per concept, unique in the file
  ook            skos:altLabel     a list of other words or phrases for the same concept
  breder         skos:broader      the voorkeursterm of a broader concept (one, or a list)
  notitie        skos:scopeNote    free text for editors; not used by the search

Labels are plain literals in Dutch (language tag ``nl``). Nothing here imports watwerkt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .slug import fold

CONCEPTS_KEY = "begrippen"
DEFAULT_KEY = "standaardthesaurus"  # "aanvullen" (the default) or "vervangen"
DEFAULT_CHOICES = ("aanvullen", "vervangen")
TOP_KEYS = (CONCEPTS_KEY, DEFAULT_KEY)
PREF, ALT, BROADER, NOTE = "voorkeursterm", "ook", "breder", "notitie"
CONCEPT_KEYS = (PREF, ALT, BROADER, NOTE)
SKOS_PROPERTY = {PREF: "skos:prefLabel", ALT: "skos:altLabel", BROADER: "skos:broader", NOTE: "skos:scopeNote"}
LANGUAGE = "nl"
OLD_KEY = "synonyms"  # the format before SKOS concepts; refused with a conversion hint

MAX_LABEL_CHARS = 100
MAX_NOTE_CHARS = 2000
MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Where:
    path: str
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Concept:
    pref: str
    alt: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)  # voorkeurstermen of broader concepts
    note: str = ""
    where: Where | None = None  # of the concept (its first key)
    pref_where: Where | None = None
    alt_where: list[Where] = field(default_factory=list)  # parallel to alt
    broader_where: list[Where] = field(default_factory=list)  # parallel to broader

    @property
    def labels(self) -> list[str]:
        """prefLabel first, then the altLabels in file order."""
        return [self.pref, *self.alt]

    def placed_labels(self) -> list[tuple[str, Where | None]]:
        return [(self.pref, self.pref_where), *zip(self.alt, self.alt_where)]


@dataclass
class Thesaurus:
    concepts: list[Concept] = field(default_factory=list)
    replaces_default: bool = False


def label_key(label: str) -> str:
    """When two labels count as the same: case, accents and runs of spaces do not matter."""
    return " ".join(fold(label).split())


def clean_label(text: str) -> str:
    return " ".join(text.split())
