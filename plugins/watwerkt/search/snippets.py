"""Snippets: the analysed offsets of a stored text, and an escaped window of it with <mark>s."""

from __future__ import annotations

import html
import re

from whoosh.query import Phrase, Prefix, Term

from .analysis import distinct_words, word_texts
from .documents import SNIPPET_SOURCE_CHARS

SNIPPET_CHARS = 240


def highlight_terms(units) -> tuple[set[str], tuple[str, ...]]:
    """The stems (of terms and phrases) and the prefixes in the queries of expansion units."""
    terms: set[str] = set()
    prefixes: set[str] = set()

    def walk(query):
        if isinstance(query, Term):
            terms.add(query.text)
        elif isinstance(query, Phrase):
            terms.update(query.words)
        elif isinstance(query, Prefix):
            prefixes.add(query.text)
        for child in getattr(query, "subqueries", ()) or ():
            walk(child)

    for u in units:
        walk(u.query)
    return terms, tuple(sorted(prefixes))


def snippet_matches(text: str, terms: set[str], prefixes: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, token text) of every token of text that a query term or prefix matches, in text
    order; a compound's part marks the whole word ("uitzetting" marks "huisuitzetting"). Each
    distinct word is analysed once and only the matching ones are searched for, so a search needs
    no per-dossier token index (and no cache of those)."""
    wanted: dict[str, list[str]] = {}
    for raw in distinct_words(text):
        hits = [t for t in word_texts(raw) if t in terms or (prefixes and t.startswith(prefixes))]
        if hits:
            wanted[raw] = list(dict.fromkeys(hits))
    if not wanted:
        return []
    # Tokens are maximal \w runs, so a wanted word between two non-word characters is a token.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(wanted, key=len, reverse=True))) + r")(?!\w)")
    out = []
    for match in pattern.finditer(text):
        start, end = match.span()
        out += [(start, end, t) for t in wanted[match.group(0)]]
    return out


def snippet(text: str, summary: str, terms: set[str], prefixes: tuple[str, ...]) -> str:
    """HTML: an escaped window of the text around the densest matches, matches in <mark>."""
    text = text[:SNIPPET_SOURCE_CHARS]
    matches = snippet_matches(text, terms, prefixes) if terms or prefixes else []
    if not matches:
        short = summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        return html.escape(short, quote=False)
    best, best_score = 0, -1
    count = len(matches)
    for i, (start, _, _) in enumerate(matches):
        limit = start + SNIPPET_CHARS
        window = set()
        j = i
        while j < count and matches[j][1] <= limit:  # tokens do not overlap: ends grow with starts
            window.add(matches[j][2])
            j += 1
        if len(window) > best_score:
            best, best_score = i, len(window)
    first = matches[best][0]
    begin = max(0, first - 40) if first > 80 else 0
    if begin > 0:
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else first
    end = min(len(text), begin + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > first else end
    out = ["… " if begin > 0 else ""]
    pos = begin
    for start, stop, _ in matches:
        if start < pos or stop > end:
            continue
        out += [html.escape(text[pos:start], quote=False), "<mark>", html.escape(text[start:stop], quote=False), "</mark>"]
        pos = stop
    out.append(html.escape(text[pos:end], quote=False))
    if end < len(text):
        out.append(" …")
    return " ".join("".join(out).split("\n"))
