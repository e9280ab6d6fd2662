"""The word table of an index version: every word of the dossiers' texts as typed (lower case,
accents kept) with the number of dossiers holding it and its number of occurrences, and the
spelling corrector that reads it.

Whoosh's ReaderCorrector needs the words as a field of the index, with a posting for every word of
every dossier: that field held about as many postings as all the searched fields together, and
building it was a large part of the index build. Suggestions only ask which words exist, how
often, and which are within a few edits, so a sorted table in the version directory answers them.
`WordCorrector` gives the same candidates in the same order as ReaderCorrector over such a field:
the same Levenshtein automaton walked over the same sorted words, the same scores
(tests/test_search_dutch.py compares them).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from whoosh.codec.base import Automata
from whoosh.spelling import Corrector

from .analysis import word_counts

WORDS_JSON = "words.json"


def count_words(texts) -> dict[str, list[int]]:
    """Word -> [dossiers holding it, occurrences], over one text per dossier."""
    docs: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        counts = word_counts(text)
        docs.update(counts.keys())
        total.update(counts)
    return {w: [docs[w], total[w]] for w in sorted(docs)}


def write_words(folder: Path, table: dict[str, list[int]]) -> None:
    (folder / WORDS_JSON).write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class WordTable:
    """The word table of one version, read once when it opens (never changed)."""

    def __init__(self, folder: Path):
        table = json.loads((folder / WORDS_JSON).read_text(encoding="utf-8"))
        self.words = sorted(table)
        self.counts = {w: (int(c[0]), int(c[1])) for w, c in table.items()}

    def doc_frequency(self, word: str) -> int:
        found = self.counts.get(word)
        return found[0] if found else 0

    def frequency(self, word: str) -> int:
        found = self.counts.get(word)
        return found[1] if found else 0

    def within(self, text: str, maxdist: int, prefix: int = 0):
        """The words within maxdist edits of text that share its first `prefix` letters, found as
        Whoosh's SegmentReader.terms_within finds them: its automaton, skipping through the sorted
        words."""
        words = self.words
        if not words:
            return
        dfa = Automata.levenshtein_dfa(text, maxdist, prefix)
        i, n = 0, len(words)
        match = dfa.next_valid_string(words[0])
        while match:
            i = bisect_left(words, match, i)
            if i >= n:
                return
            term = words[i]
            if match == term:
                yield match
                term += "\0"
            match = dfa.next_valid_string(term)


class WordCorrector(Corrector):
    """ReaderCorrector's ranking over a WordTable: nearer first, then the more frequent."""

    def __init__(self, table: WordTable):
        self.table = table

    def _suggestions(self, text, maxdist, prefix):
        freq = self.table.frequency
        for sug in self.table.within(text, maxdist, prefix):
            f = freq(sug) or 1
            yield (0 - (maxdist + (1.0 / f * 0.5)), sug)
