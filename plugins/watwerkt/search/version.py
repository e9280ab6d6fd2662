"""One opened index version (stored docs, thesaurus, facet tables, caches, searcher pool) and
the SearchContext that a single search works with."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from whoosh.query import Or

from .expansion import compile_partial, compile_thesaurus, thesaurus_phrases
from .facets import facet_tables
from .schema import FIELD_BOOSTS, weighting
from .scoring import FieldStats, Scorer, supported
from .snippets import SnippetWords
from .spelling import WordCorrector, WordTable
from .store import open_version_files

IDLE_SEARCHERS = 8  # searchers kept per version for reuse; one is never used by two threads at once


@dataclass
class _Searchers:
    """A Whoosh searcher with its reader and spelling corrector: not safe to share between threads."""
    searcher: object
    reader: object
    corrector: object


class IndexVersion:
    """Everything that belongs to one opened index version; replaced as a whole on reload."""

    def __init__(self, index_root: Path, name: str):
        folder = index_root / name
        marker, self.ix, stored_thesaurus = open_version_files(folder)
        self.name, self.folder = name, folder
        self.labels = marker.get("labels", {})
        self.evidence_order = marker.get("evidence_order", [])
        self.thesaurus, self.max_entry = compile_thesaurus(stored_thesaurus)
        self.partial = compile_partial(self.thesaurus)
        self.words = WordTable(folder)
        self._pool: list[_Searchers] = []
        self._pool_lock = threading.Lock()
        self.retired = False
        first = self._new_searchers()
        try:
            self.docs = {n: stored for n, stored in first.reader.iter_docs()}
        except BaseException:
            first.searcher.close()
            raise
        self._pool.append(first)
        self.title_order = sorted(self.docs, key=lambda n: (self.docs[n]["title"].casefold(), self.docs[n]["slug"]))
        self.known_cache: dict[str, bool] = {}
        self.correct_cache: dict[tuple, list[str]] = {}
        self.facets = facet_tables(self.docs, self.evidence_order)
        # The term scores, the thesaurus phrases and the snippet words (about 3 s at 1,000 dossiers) are made in the
        # background, so a restarted server answers at once; the first search waits for them.
        self._memory: tuple[FieldStats | None, SnippetWords] | None = None
        self._memory_lock = threading.Lock()
        threading.Thread(target=self._warm, name=f"watwerkt-index-{name}", daemon=True).start()

    def _warm(self) -> None:
        try:
            self.in_memory()
        except Exception:  # noqa: BLE001 - the first search makes them again and reports the error
            pass

    def in_memory(self) -> tuple[FieldStats | None, SnippetWords]:
        """(term scores, snippet words) of this version, made once whatever is searched."""
        found = self._memory
        if found is None:
            with self._memory_lock:
                if self._memory is None:
                    searcher = self.ix.searcher(weighting=weighting())
                    try:
                        stats = FieldStats(searcher, FIELD_BOOSTS) if supported(searcher) else None
                        if stats is not None:
                            stats.add_phrases(searcher, thesaurus_phrases(self.thesaurus))
                    finally:
                        searcher.close()
                    self._memory = (stats, SnippetWords(d["text"] for d in self.docs.values()))
                found = self._memory
        return found

    @property
    def field_stats(self) -> FieldStats | None:
        return self.in_memory()[0]

    @property
    def snippet_words(self) -> SnippetWords:
        return self.in_memory()[1]

    # searchers: Whoosh searchers and readers are not safe to share between threads
    def _new_searchers(self) -> _Searchers:
        searcher = self.ix.searcher(weighting=weighting())
        reader = searcher.reader()
        return _Searchers(searcher, reader, WordCorrector(self.words))

    @contextlib.contextmanager
    def context(self) -> Iterator[SearchContext]:
        """A new SearchContext for one search, on a searcher borrowed from the pool for its duration."""
        with self._pool_lock:
            borrowed = self._pool.pop() if self._pool else None
        if borrowed is None:
            borrowed = self._new_searchers()
        try:
            scorer = Scorer(borrowed.searcher, self.field_stats) if self.field_stats else None
            yield SearchContext(self, borrowed.searcher, borrowed.reader, borrowed.corrector, scorer)
        finally:
            self._give_back(borrowed)

    def _give_back(self, borrowed: _Searchers) -> None:
        with self._pool_lock:
            if not self.retired and len(self._pool) < IDLE_SEARCHERS:
                self._pool.append(borrowed)
                return
        borrowed.searcher.close()

    def retire(self) -> None:
        """No new searches; idle searchers are closed now, busy ones when they come back."""
        with self._pool_lock:
            self.retired = True
            idle, self._pool = self._pool, []
        for borrowed in idle:
            borrowed.searcher.close()


@dataclass(frozen=True)
class SearchContext:
    """The state of one search, passed explicitly to the functions that build and judge its
    query: the index version it runs on and the searcher, reader and corrector it borrowed."""
    version: IndexVersion
    searcher: object
    reader: object
    corrector: object
    scorer: Scorer | None = None  # exact scores of every match in one pass (None: Whoosh's own)

    def scores(self, query) -> dict[int, float]:
        """{docnum: score} of every document matching query, as Whoosh scores them (read only)."""
        if self.scorer is not None:
            return self.scorer.scores(query)
        return {n: s for n, s in self.searcher.search(query, limit=None).items()}

    def docset(self, query) -> frozenset:
        """The docnums matching query."""
        if self.scorer is not None:
            # The scores are needed for the ranking anyway, and are memoised for this search.
            return frozenset(self.scorer.scores(query))
        # The docs of an Or are the union of its parts' docs; asking the parts one by one skips
        # the scoring that Whoosh's union matcher does while merging.
        if type(query) is Or and not query.minmatch:
            return frozenset().union(*(self.docset(q) for q in query.subqueries))
        return frozenset(self.searcher.docs_for_query(query))

    def correct(self, word: str, limit: int, maxdist: int, prefix: int) -> list[str]:
        """Spelling corrections of word from the version's word table (search/spelling.py; cached per version)."""
        key = (word, limit, maxdist, prefix)
        cache = self.version.correct_cache
        found = cache.get(key)
        if found is None:
            found = self.corrector.suggest(word, limit=limit, maxdist=maxdist, prefix=prefix)
            if len(cache) < 20_000:
                cache[key] = found
        return found

    def known_stem(self, stem: str) -> bool:
        """Whether any text field has the stem (cached per version)."""
        cache = self.version.known_cache
        known = cache.get(stem)
        if known is None:
            known = any(self.reader.doc_frequency(f, stem) for f in FIELD_BOOSTS)
            if len(cache) < 100_000:
                cache[stem] = known
        return known
