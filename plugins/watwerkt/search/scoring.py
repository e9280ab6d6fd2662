"""Scores of a query for every matching document, equal to Whoosh's own, computed in one pass.

Ranking needs every match's score (dossiers are ordered by the number of query units they match
first, and facet counts need the whole match set), and Whoosh computes those through a matcher
tree with several Python calls per posting (about three quarters of a search's time). This module
evaluates the query kinds our expansion builds (Term, Prefix, Or) straight from the posting blocks,
with BM25F written out exactly as `whoosh.scoring.bm25` computes it (same operations in the same
order, the same decoded field lengths and idf), and the same choices Whoosh 2.7.4 makes when it
combines scores:

  Term            bm25(idf, weight, length, avgfl, B, K1), times the boost when it is not 1; B is the
                  field's own when the BM25F names one (schema.FIELD_B), as BM25F.scorer picks it
  Or, 1 part      the part itself (the Or's boost is not applied, as in Whoosh)
  Or, 2 parts     a + b (or the one that matches), times the boost when it is not 1 (DefaultOr)
  Or, 3+ parts    for each part in order: total += score * boost (PreloadedOr, <= 5000 documents)
  Prefix          its expansions as Terms without boost: 1 expansion -> that Term's score;
                  2 -> their union as above with the prefix's boost; 3 or more -> 1.0 (Whoosh
                  scores a constant-score Or of 3+ parts as 1)

Anything else (phrases, And, and any query on an index this does not cover: more than one
segment, deletions, another weighting, more than 5000 documents) is scored by Whoosh itself
(`searcher.search(q, limit=None)`), which gives the same numbers a parent matcher would see.
Results are memoised per search, so a unit's match set, its score and the final ranking read each
posting list once. tests/test_search_engine.py checks the scores against Whoosh's, exactly.
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left
from collections import OrderedDict

from whoosh.query import And, Or, Prefix, Term
from whoosh.scoring import BM25F

_PRELOAD_MAX_DOCS = 5000  # Whoosh's Or uses its preloaded (sequential-sum) matcher up to this size
_TOO_MANY_CLAUSES = Or.TOO_MANY_CLAUSES


# Decoded term scores kept per index version, at most this many (docnum, score) pairs in all:
# about 50 MB. Not a result cache: every search is still evaluated, ranked, faceted and
# snippeted; what is kept is what reading and unpickling a term's posting blocks gives, which a
# version never changes. WATWERKT_SEARCH_TERM_CACHE=0 turns it off (scripts/bench_search.py
# reports both).
TERM_CACHE_POSTINGS = 500_000


def _term_cache_enabled() -> bool:
    return os.environ.get("WATWERKT_SEARCH_TERM_CACHE", "1") != "0"


class FieldStats:
    """Per index version: every document's decoded length per text field, the averages, and the
    term scores read so far (shared by the searches of every thread; the memo is changed under a
    lock)."""

    def __init__(self, searcher, fields):
        reader = searcher.reader()
        count = reader.doc_count_all()
        self.lengths = {f: [searcher.doc_field_length(n, f, 1) for n in range(count)] for f in fields}
        self.avg = {f: searcher.avg_field_length(f) or 1 for f in fields}
        self.terms: OrderedDict | None = OrderedDict() if _term_cache_enabled() else None
        self.term_postings = 0
        self._lock = threading.Lock()
        # The term dictionary of each text field in memory, as an engine keeps it (not a cache: it
        # is read once per version, whatever is searched). Whoosh looks a term up on disk through
        # a hash table and expands a prefix by walking its sorted keys, several Python calls per
        # key; a set and a sorted list answer both for about a tenth (a few MB at 1,000 dossiers).
        self.words = {f: list(reader.lexicon(f)) for f in fields if f in reader.schema}
        self.word_sets = {f: set(words) for f, words in self.words.items()}

    def has_term(self, field: str, btext: bytes, reader) -> bool:
        known = self.word_sets.get(field)
        return btext in known if known is not None else (field, btext) in reader

    def prefix_words(self, query, reader) -> list[bytes]:
        """The expansions of a Prefix query: the field's terms that start with its text, in
        order, as Whoosh's `Prefix._btexts` gives them."""
        words = self.words.get(query.fieldname)
        if words is None:
            return [w for w in query._btexts(reader) if w]
        start = reader.schema[query.fieldname].to_bytes(query.text)
        out = []
        for i in range(bisect_left(words, start), len(words)):
            if not words[i].startswith(start):
                break
            out.append(words[i])
        return [w for w in out if w]

    def known_term(self, key) -> dict[int, float] | None:
        if self.terms is None:
            return None
        with self._lock:
            found = self.terms.get(key)
            if found is not None:
                self.terms.move_to_end(key)
            return found

    def keep_term(self, key, scores: dict[int, float]) -> None:
        if self.terms is None or len(scores) > TERM_CACHE_POSTINGS // 10:
            return
        with self._lock:
            if key not in self.terms:
                self.terms[key] = scores
                self.term_postings += len(scores)
            while self.term_postings > TERM_CACHE_POSTINGS:
                _, dropped = self.terms.popitem(last=False)
                self.term_postings -= len(dropped)


def supported(searcher) -> bool:
    """Whether this module can score on `searcher` exactly as Whoosh would."""
    w = searcher.weighting
    reader = searcher.reader()
    return (type(w) is BM25F and searcher.is_atomic()
            and not reader.has_deletions() and reader.doc_count_all() <= _PRELOAD_MAX_DOCS)


def _blocks(reader, field: str, btext: bytes):
    """(ids, weights) per posting block of a term."""
    m = reader.postings(field, btext)
    if type(m).__name__ == "W3LeafMatcher" and hasattr(m, "_read_weights"):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights
            m._next_block()
        return
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


class Scorer:
    """Scores of queries on one searcher, memoised (one per search; not shared between threads)."""

    def __init__(self, searcher, stats: FieldStats):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.stats = stats
        self.memo: dict = {}
        w = searcher.weighting
        self.B, self.K1, self.field_B = w.B, w.K1, dict(w._field_B)  # B per field, as BM25F.scorer picks it

    def scores(self, query) -> dict[int, float]:
        """{docnum: score} of every document matching query (do not modify the dict)."""
        found = self.memo.get(query)
        if found is None:
            found = self._evaluate(query)
            self.memo[query] = found
        return found

    def _evaluate(self, query) -> dict[int, float]:
        kind = type(query)
        if kind is Term:
            return self._term(query.fieldname, query.text, query.boost)
        if kind is Or and not query.minmatch and not query.scale:
            return self._or([self.scores(q) for q in query.subqueries], query.boost)
        if kind is And and len(query.subqueries) == 2:
            # Whoosh's IntersectionMatcher adds the two scores (in either order: a + b == b + a),
            # then a WrappingMatcher multiplies by the boost.
            a, b = (self.scores(q) for q in query.subqueries)
            if len(a) > len(b):
                a, b = b, a
            out = {n: s + b[n] for n, s in a.items() if n in b}
            if query.boost != 1.0:
                out = {n: s * query.boost for n, s in out.items()}
            return out
        if kind is Prefix and query.text:
            words = self.stats.prefix_words(query, self.reader)
            parts = [self.scores(Term(query.fieldname, w)) for w in words]
            if len(parts) <= 2:
                return self._or(parts, query.boost)
            return dict.fromkeys(set().union(*parts), 1.0)
        return {n: s for n, s in self.searcher.search(query, limit=None).items()}

    def _term(self, field: str, text, boost: float) -> dict[int, float]:
        schema = self.reader.schema
        if field not in schema:
            return {}
        try:
            btext = schema[field].to_bytes(text)
        except ValueError:
            return {}
        key = (field, btext)
        out = self.stats.known_term(key)
        if out is None:
            if not self.stats.has_term(field, btext, self.reader):
                return {}
            out = self._read_term(field, btext)
            self.stats.keep_term(key, out)
        if boost != 1.0:  # (idf * bm25) * boost: the same operations, in the same order, as Whoosh
            return {n: s * boost for n, s in out.items()}
        return out

    def _read_term(self, field: str, btext: bytes) -> dict[int, float]:
        idf = self.searcher.idf(field, btext)  # as Whoosh's scorer asks it: with the term's bytes
        avgfl = self.stats.avg[field]
        lengths = self.stats.lengths[field]
        B, K1 = self.field_B.get(field, self.B), self.K1
        k1_1, one_b = K1 + 1, 1 - B
        out: dict[int, float] = {}
        for ids, weights in _blocks(self.reader, field, btext):
            for n, tf in zip(ids, weights):
                out[n] = idf * ((tf * k1_1) / (tf + K1 * (one_b + B * lengths[n] / avgfl)))
        return out

    @staticmethod
    def _or(parts: list[dict[int, float]], boost: float) -> dict[int, float]:
        if not parts:
            return {}
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            a, b = parts
            out = dict(a)
            for n, s in b.items():
                out[n] = out[n] + s if n in out else s
            if boost != 1.0:
                out = {n: s * boost for n, s in out.items()}
            return out
        # Whoosh's preloaded union: in part order, total += score * boost (from 0).
        out = {}
        get = out.get
        for part in parts:
            for n, s in part.items():
                out[n] = get(n, 0) + s * boost
        return out
