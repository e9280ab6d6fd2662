"""Which collection PDFs there are: bounded parts, so no single WeasyPrint document (rendered on
one core, its memory growing with its length) holds the whole of a large collection.

Up to PART_LIMIT public dossiers: one document with all of them, `wat-werkt-collectie.pdf`.
Above that: one document per theme, a theme of more than PART_LIMIT dossiers split A to Z into
equal parts of at most PART_LIMIT; dossiers without a theme get a part of their own. A dossier
with several themes is in each of their parts. Names hold "--", which no slug can (model/slug.py),
so a part never takes the name of a dossier's PDF. Pure planning: nothing is rendered here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from watwerkt.model.dossier import Dossier
from watwerkt.model.slug import slugify

from .document import COLLECTION_NAME

PART_LIMIT = 100  # dossiers per collection PDF: 100 dossiers (about 520 pages) peak near 600 MiB
NO_THEME = "zonder thema"


@dataclass(frozen=True)
class Part:
    name: str  # file name without ".pdf"
    title: str  # what the reader sees (Dutch): "Alle dossiers", "Thema wonen, deel 1 van 2"
    theme: str | None  # None: the whole collection
    dossiers: tuple[Dossier, ...]


def _by_title(dossiers) -> list[Dossier]:
    return sorted(dossiers, key=lambda d: ((d.title or "").lower(), d.slug))


def collection_parts(dossiers: list[Dossier], limit: int = PART_LIMIT) -> list[Part]:
    """The collection PDFs of the public `dossiers`, in reading order (themes A to Z)."""
    shown = _by_title(d for d in dossiers if d.public)
    if not shown:
        return []
    if len(shown) <= limit:
        return [Part(COLLECTION_NAME, "Alle dossiers", None, tuple(shown))]
    groups: dict[str, list[Dossier]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for d in shown:
        for theme in d.themes or [NO_THEME]:
            key = slugify(theme) or "x"  # one theme page per slug (WW607): one part too
            spelling.setdefault(key, theme)
            groups[key].append(d)
    parts = []
    for key in sorted(groups, key=lambda k: (spelling[k] == NO_THEME, spelling[k].lower())):
        members = groups[key]
        count = math.ceil(len(members) / limit)
        size = math.ceil(len(members) / count)
        label = "Zonder thema" if spelling[key] == NO_THEME else f"Thema {spelling[key]}"
        for i in range(count):
            chunk = tuple(members[i * size:(i + 1) * size])
            name = f"{COLLECTION_NAME}--{key}" + (f"-{i + 1}" if count > 1 else "")
            title = label + (f", deel {i + 1} van {count}" if count > 1 else "")
            parts.append(Part(name, title, spelling[key], chunk))
    return parts
