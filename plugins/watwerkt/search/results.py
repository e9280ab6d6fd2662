"""What a search returns: SearchResult and its Hits (plain dataclasses, no Whoosh), and the one
JSON form of it that the API and `watwerkt search --format json` print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from watwerkt.view.text import dutch_date

from .query import FACETS


def version_text(iso: str) -> str:
    """A hit's version as the site writes dates ("20 november 2026"); "" without one."""
    try:
        return dutch_date(dt.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return iso

FACET_LABELS = {
    "theme": "Thema",
    "target_group": "Doelgroep",
    "evidence": "Bewijsniveau",
    "status": "Status",
    "year": "Laatst herzien",
}


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


def result_json(result: SearchResult) -> dict:
    pages = max(1, -(-result.total // result.page_size))
    facets = {}
    for name in FACETS:
        chosen = {v.casefold() for v in result.filters.get(name, [])}
        labels = result.labels.get(name, {})
        facets[name] = {
            "label": FACET_LABELS[name],
            "values": [{"value": v, "label": labels.get(v, v), "count": n, "selected": v.casefold() in chosen}
                       for v, n in result.facets.get(name, [])],
        }
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "pages": pages,
        "suggestion": result.suggestion,
        "not_found": result.not_found,
        "filters": result.filters,
        "hits": [
            {"slug": h.slug, "title": h.title, "summary": h.summary, "url": h.url, "score": h.score,
             "snippet": h.snippet, "version": h.version, "version_text": version_text(h.version),
             "matched_all": h.matched_all}
            for h in result.hits
        ],
        "facets": facets,
    }
