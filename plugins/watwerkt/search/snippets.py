"""Snippets: the analysed offsets of a stored text, and an escaped window of it with <mark>s."""

from __future__ import annotations

import html
from bisect import bisect_left

from whoosh.query import And, Phrase, Prefix, Term

from .analysis import distinct_words, word_texts
from .documents import SNIPPET_SOURCE_CHARS

SNIPPET_CHARS = 240


def highlight_terms(units) -> tuple[set[str], tuple[str, ...], dict[str, int]]:
    """The stems (of terms and phrases) and the prefixes in the queries of expansion units, and
    the rank of each stem for choosing a snippet's window: 2 for the query's own words, 1 for a
    one-word alternative, 0 for a word of a longer alternative (a phrase or an And), which is
    marked wherever it occurs, also without the rest of its term."""
    terms: set[str] = set()
    prefixes: set[str] = set()
    rank: dict[str, int] = {}

    def walk(query, inside_term):
        if isinstance(query, Term):
            terms.add(query.text)
            rank[query.text] = max(rank.get(query.text, 0), 0 if inside_term else 1)
        elif isinstance(query, Phrase):
            terms.update(query.words)
            for w in query.words:
                rank.setdefault(w, 0)
        elif isinstance(query, Prefix):
            prefixes.add(query.text)
        inside_term = inside_term or isinstance(query, And)
        for child in getattr(query, "subqueries", ()) or ():
            walk(child, inside_term)

    for u in units:
        walk(u.query, False)
        for tok in u.tokens:
            if tok.stem in terms:
                rank[tok.stem] = 2
    return terms, tuple(sorted(prefixes)), rank


class SnippetWords:
    """Per index version: each token text (a stem, or a compound part's stem) of the stored texts,
    and the raw words that give it. Made once when a version opens, from the texts snippets are cut
    from, so a search finds its matches without analysing any text: it looks the query's stems
    and prefixes up here, then finds those words in each hit's text."""

    def __init__(self, texts):
        vocabulary: set[str] = set()
        for text in texts:
            vocabulary |= distinct_words(text[:SNIPPET_SOURCE_CHARS])
        by_text: dict[str, list[str]] = {}
        for raw in sorted(vocabulary):
            for token in dict.fromkeys(word_texts(raw)):
                by_text.setdefault(token, []).append(raw)
        self.by_text = by_text
        self.tokens = sorted(by_text)

    def wanted(self, terms: set[str], prefixes: tuple[str, ...]) -> dict[str, list[str]]:
        """Raw word -> the token texts of it that a term or a prefix matches."""
        found: dict[str, dict[str, None]] = {}
        chosen = [t for t in terms if t in self.by_text]
        for prefix in prefixes:
            i = bisect_left(self.tokens, prefix)
            while i < len(self.tokens) and self.tokens[i].startswith(prefix):
                chosen.append(self.tokens[i])
                i += 1
        for token in chosen:
            for raw in self.by_text[token]:
                found.setdefault(raw, {})[token] = None
        return {raw: list(tokens) for raw, tokens in found.items()}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches in a str pattern


def snippet_matches(text: str, wanted: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, token text) of every token of text that is a wanted word, in text order; a
    compound's part marks the whole word ("uitzetting" marks "huisuitzetting"). Tokens are maximal
    word-character runs (\\w+), so an occurrence between two non-word characters is a token."""
    out = []
    size = len(text)
    for raw, tokens in wanted.items():
        n = len(raw)
        i = text.find(raw)
        while i >= 0:
            j = i + n
            if (i == 0 or not _is_word(text[i - 1])) and (j == size or not _is_word(text[j])):
                out += [(i, j, t) for t in tokens]
                i = text.find(raw, j)
            else:
                i = text.find(raw, i + 1)
    out.sort()
    return out


def snippet(text: str, summary: str, wanted: dict[str, list[str]], rank: dict[str, int] | None = None) -> str:
    """HTML: an escaped window of the text around the densest matches (of `SnippetWords.wanted`),
    matches in <mark>. The window with the most distinct query words wins, then the most
    distinct one-word alternatives, then the most distinct matches (`rank` of
    `highlight_terms`; a token without a rank counts as a one-word alternative): a large
    thesaurus must not pull the window away from the words the reader typed."""
    rank = rank or {}
    text = text[:SNIPPET_SOURCE_CHARS]
    matches = snippet_matches(text, wanted) if wanted else []
    if not matches:
        short = summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        return html.escape(short, quote=False)
    best, best_score = 0, (-1, -1, -1)
    count = len(matches)
    for i, (start, _, _) in enumerate(matches):
        limit = start + SNIPPET_CHARS
        window = set()
        j = i
        while j < count and matches[j][1] <= limit:  # tokens do not overlap: ends grow with starts
            window.add(matches[j][2])
            j += 1
        levels = [rank.get(t, 1) for t in window]
        score = (levels.count(2), levels.count(2) + levels.count(1), len(window))
        if score > best_score:
            best, best_score = i, score
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
