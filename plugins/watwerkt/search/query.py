"""Our own small query grammar and the parameter bounds. No Whoosh here.

A query is words and "quoted phrases". Nothing else has a meaning: `title:x`, `*`, `AND`,
parentheses and the like are plain text (the analyser later keeps only the word characters).
Straight and typographic quotes both open and close a phrase; an unclosed quote runs to the end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
MAX_PAGE = 1000
MAX_PAGE_SIZE = 50
FACETS = ("theme", "target_group", "evidence", "status", "year")
MAX_FILTER_VALUES = 50
MAX_FILTER_CHARS = 200
_QUOTES = '"“”„«»'


class InvalidParameter(ValueError):
    """A search parameter outside its bounds; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Segment:
    text: str
    start: int  # offset of text in the original query
    phrase: bool


def split_query(q: str) -> list[Segment]:
    """Split into plain-text runs and quoted phrases, keeping offsets into q."""
    out: list[Segment] = []
    i, n, start, in_phrase = 0, len(q), 0, False
    while i < n:
        if q[i] in _QUOTES:
            if i > start:
                out.append(Segment(q[start:i], start, in_phrase))
            in_phrase = not in_phrase
            start = i + 1
        i += 1
    if start < n:
        out.append(Segment(q[start:], start, in_phrase))
    return [s for s in out if s.text.strip()]


def has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def check_query(q: object) -> str:
    if not isinstance(q, str):
        raise InvalidParameter("de zoekvraag moet tekst zijn")
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidParameter(f"de zoekvraag is {len(q)} tekens; het maximum is {MAX_QUERY_CHARS}")
    if has_control_chars(q):
        raise InvalidParameter("de zoekvraag bevat stuurtekens (zoals een tab of regeleinde); laat die weg")
    return q


def check_page(page: object, page_size: object) -> tuple[int, int]:
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise InvalidParameter(f"paginanummer moet een geheel getal van 1 tot en met {MAX_PAGE} zijn")
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidParameter(f"aantal resultaten per pagina moet een geheel getal van 1 tot en met {MAX_PAGE_SIZE} zijn")
    return page, page_size


def check_filters(filters: object) -> dict[str, list[str]]:
    if filters is None:
        return {}
    if not isinstance(filters, dict):
        raise InvalidParameter("filters moeten een mapping van facet naar waarden zijn")
    out: dict[str, list[str]] = {}
    for name, values in filters.items():
        if name not in FACETS:
            raise InvalidParameter(f"onbekend filter '{name}'; mogelijk: {', '.join(FACETS)}")
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, (list, tuple)) or len(values) > MAX_FILTER_VALUES:
            raise InvalidParameter(f"filter '{name}' heeft een lijst van hoogstens {MAX_FILTER_VALUES} waarden")
        clean = []
        for v in values:
            if not isinstance(v, str) or len(v) > MAX_FILTER_CHARS or has_control_chars(v):
                raise InvalidParameter(f"ongeldige waarde voor filter '{name}'")
            if v.strip():
                clean.append(v.strip())
        if clean:
            out[name] = clean
    return out


def parse_int(value: str, what: str, low: int, high: int) -> int:
    """For string parameters (HTTP, CLI): a plain decimal number within [low, high]."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise InvalidParameter(f"{what} moet een geheel getal van {low} tot en met {high} zijn, niet '{value[:20]}'")
    number = int(text)
    if not low <= number <= high:
        raise InvalidParameter(f"{what} moet een geheel getal van {low} tot en met {high} zijn")
    return number
