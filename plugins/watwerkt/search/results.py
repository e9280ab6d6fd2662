"""What a search returns: SearchResult and its Hits (plain dataclasses, no Whoosh)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    slug: str
    title: str
    summary: str
    url: str
    score: float
    snippet: str
    version: str = ""
    matched_all: bool = True


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    labels: dict[str, dict[str, str]]
    suggestion: str | None
    page: int
    page_size: int
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    # Query words (a quoted phrase as a whole, as typed) that match no dossier at all.
    not_found: list[str] = field(default_factory=list)
