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

  Phrase          a thesaurus term's phrase: Whoosh's own scores, computed once per version
                  (FieldStats.add_phrases), times the boost when it is not 1 (WrappingMatcher);
                  any phrase with a word the field lacks, or no document holding all its words:
                  no match (Whoosh's NullMatcher)

Anything else (other phrases, And of 3+ parts, and any query on an index this does not cover: more than one
segment, deletions, another weighting, more than 5000 documents) is scored by Whoosh itself
(`searcher.search(q, limit=None)`), which gives the same numbers a parent matcher would see.
Results are memoised per search, so a unit's match set, its score and the final ranking read each
posting list once. tests/test_search_engine.py checks the scores against Whoosh's, exactly.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from whoosh.query import And, Or, Phrase, Prefix, Term
from whoosh.scoring import BM25F

from .schema import TEXT_BOOSTS

_PRELOAD_MAX_DOCS = 5000  # Whoosh's Or uses its preloaded (sequential-sum) matcher up to this size
_TOO_MANY_CLAUSES = Or.TOO_MANY_CLAUSES


# Above this many postings in all, an index version's term scores are read from disk per search
# instead of held in memory (12 bytes each: about 240 MB, far beyond a few thousand dossiers).
MEMORY_POSTINGS_MAX = 20_000_000


class FieldStats:
    """Per index version: every document's decoded length per text field, the averages, the term
    dictionary, and every term's BM25 scores (read by the searches of every thread, never changed).

    The scores are the index itself held in memory, as an engine keeps it, not a cache: they are
    computed from the posting lists once per version (about 0.8 s at 1,000 dossiers, in the
    background when it opens: version.py),
    whatever is searched, so a search never decodes posting blocks and no query mix runs faster
    than another. A version is never changed, so neither are they."""

    def __init__(self, searcher, fields):
        reader = searcher.reader()
        count = reader.doc_count_all()
        self.lengths = {f: [searcher.doc_field_length(n, f, 1) for n in range(count)] for f in fields}
        self.avg = {f: searcher.avg_field_length(f) or 1 for f in fields}
        # The term dictionary of each text field: a set and a sorted list answer a lookup and a
        # prefix expansion for about a tenth of Whoosh's on-disk hash table and key walk.
        self.words = {f: list(reader.lexicon(f)) for f in fields if f in reader.schema}
        self.word_sets = {f: set(words) for f, words in self.words.items()}
        self.phrases: dict[tuple[str, tuple[str, ...]], dict[int, float]] = {}
        total = sum(reader.doc_frequency(f, w) for f, words in self.words.items() for w in words)
        self.postings: dict | None = None
        if total <= MEMORY_POSTINGS_MAX:
            w = searcher.weighting
            self.postings = {(f, btext): _term_scores(searcher, self, f, btext, w._field_B.get(f, w.B), w.K1)
                             for f, words in self.words.items() for btext in words}

    def add_phrases(self, searcher, phrases) -> None:
        """Whoosh's scores (boost 1) of the phrases of a version's thesaurus terms (stem tuples)
        in every text field: every search that expands a word asks for them, and Whoosh's span
        matchers made them a third of a search's time. A phrase whose words no document holds
        together is left out without asking Whoosh (most are: about 200 of 15,000 at 1,000
        dossiers need it, about 1.3 s in all)."""
        if self.postings is None:
            return
        fields = [f for f in self.words if f in TEXT_BOOSTS]  # a thesaurus term is never asked in `thesaurus`
        for words in dict.fromkeys(phrases):
            for field in fields:
                found = self._together(field, words)
                if found:
                    found = searcher.search(Phrase(field, list(words)), limit=None)
                    found = {n: s for n, s in found.items()}
                self.phrases[(field, words)] = found or {}

    def _together(self, field: str, words) -> set[int]:
        """Documents whose field holds every word (from the in-memory postings)."""
        docs: set[int] | None = None
        for word in words:
            found = self.postings.get((field, word.encode("utf-8")))
            if found is None:
                return set()
            docs = set(found[0]) if docs is None else docs.intersection(found[0])
            if not docs:
                return set()
        return docs or set()

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


def _term_scores(searcher, stats: FieldStats, field: str, btext: bytes, B: float, K1: float):
    """(docnums, BM25 scores) of one term, each score computed as `whoosh.scoring.bm25` does: the
    same operations in the same order, the same decoded field lengths and idf."""
    idf = searcher.idf(field, btext)  # as Whoosh's scorer asks it: with the term's bytes
    avgfl = stats.avg[field]
    lengths = stats.lengths[field]
    k1_1, one_b = K1 + 1, 1 - B
    ids, scores = array("I"), array("d")
    for block_ids, weights in _blocks(searcher.reader(), field, btext):
        ids.extend(block_ids)
        scores.extend(idf * ((tf * k1_1) / (tf + K1 * (one_b + B * lengths[n] / avgfl)))
                      for n, tf in zip(block_ids, weights))
    return ids, scores


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
        self.by_id: dict[int, tuple[object, dict[int, float]]] = {}
        w = searcher.weighting
        self.B, self.K1, self.field_B = w.B, w.K1, dict(w._field_B)  # B per field, as BM25F.scorer picks it

    def scores(self, query) -> dict[int, float]:
        """{docnum: score} of every document matching query (do not modify the dict)."""
        # By identity first: hashing a compound query hashes its whole tree, and a search asks
        # for the same query objects many times (a tenth of a search's time went to hashing).
        found = self.by_id.get(id(query))
        if found is not None:
            return found[1]
        found = self.memo.get(query)
        if found is None:
            found = self._evaluate(query)
            self.memo[query] = found
        self.by_id[id(query)] = (query, found)  # the query is kept, so its id is not reused
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
        if kind is Phrase and self.stats.postings is not None and query.slop == 1:
            found = self.stats.phrases.get((query.fieldname, tuple(query.words)))
            if found is None:
                if not self.stats._together(query.fieldname, query.words):
                    return {}
                found = {n: s for n, s in self.searcher.search(Phrase(query.fieldname, query.words), limit=None).items()}
            if query.boost != 1.0:
                return {n: s * query.boost for n, s in found.items()}
            return found
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
        stats = self.stats
        if stats.postings is not None:
            found = stats.postings.get((field, btext))
            if found is None:
                return {}
            ids, scores = found
        else:
            if not stats.has_term(field, btext, self.reader):
                return {}
            ids, scores = _term_scores(self.searcher, stats, field, btext, self.field_B.get(field, self.B), self.K1)
        if boost != 1.0:  # (idf * bm25) * boost: the same operations, in the same order, as Whoosh
            return {n: s * boost for n, s in zip(ids, scores)}
        return dict(zip(ids, scores))

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
        # Whoosh's preloaded union: in part order, total += score * boost (from 0). With boost 1
        # (nearly always) 0 + s * 1.0 is s itself, so the first part is copied as it is.
        if boost == 1.0:
            out = dict(parts[0])
            get = out.get
            for part in parts[1:]:
                for n, s in part.items():
                    out[n] = get(n, 0) + s
            return out
        out = {}
        get = out.get
        for part in parts:
            for n, s in part.items():
                out[n] = get(n, 0) + s * boost
        return out
