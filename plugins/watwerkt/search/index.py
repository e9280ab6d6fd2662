"""The SearchIndex handle (loading, following CURRENT, result cache, running a search) and the
cache of open handles behind `open_index` and `search`."""

from __future__ import annotations

import copy
import os
import threading
from collections import Counter, OrderedDict
from pathlib import Path

from whoosh.query import Or

from .expansion import unit_docs
from .expansion import units as query_units
from .facets import allowed_docs, facet_counts
from .query import FACETS, check_filters, check_page, check_query
from .results import Hit, SearchResult
from .snippets import highlight_terms, snippet
from watwerkt.model.publication import read_record

from .store import _VERSION_RE, POINTER, IndexUnavailable, current_name
from .suggestions import not_found, suggest
from .version import IndexVersion, SearchContext

COVERAGE_POWER = 2  # ranking: score x (units matched / units)^2; measured against 1 and 3 (decisions.md)
RESULT_CACHE_SIZE = 512  # recent (query, filters, page) results per handle, keyed by index version


def _result_cache_enabled() -> bool:
    # WATWERKT_SEARCH_CACHE=0 switches the result cache off (benchmarks of the uncached engine).
    return os.environ.get("WATWERKT_SEARCH_CACHE", "1") != "0"


class SearchIndex:
    """An opened index; follows CURRENT when a new build lands. Safe to use from many threads:
    each search gets its own SearchContext, on a Whoosh searcher borrowed from a small pool of
    the current version."""

    def __init__(self, index_root: Path, site: Path | None = None):
        self.index_root = Path(index_root)
        self.site = Path(site) if site is not None else None  # follow this publication's record
        self._lock = threading.RLock()  # loading and closing only; searches run in parallel
        self._version: IndexVersion | None = None
        self._closed = False
        self._results: OrderedDict = OrderedDict()
        self._results_lock = threading.Lock()
        self._load()

    # loading
    def _pointed(self) -> str | None:
        """The version to serve: the one the published site names (so pages and hits always
        belong together), else CURRENT (an index without a site, `watwerkt search`)."""
        if self.site is not None:
            record = read_record(self.site)
            name = record.get("search_index") if record else None
            if isinstance(name, str) and _VERSION_RE.match(name):
                return name
        return current_name(self.index_root)

    def _load(self) -> None:
        name = self._pointed()
        if name is None:
            if (self.index_root / POINTER).exists():
                raise IndexUnavailable(f"{self.index_root / POINTER} wijst niet naar een zoekindex van watwerkt")
            raise IndexUnavailable(f"er is nog geen zoekindex in {self.index_root}; maak er een met 'watwerkt index'")
        version = IndexVersion(self.index_root, name)
        old, self._version = self._version, version
        self._closed = False
        with self._results_lock:
            self._results.clear()
        if old is not None:
            old.retire()

    def _refresh(self) -> IndexVersion:
        version = self._version
        name = self._pointed()
        if name and (version is None or name != version.name) and (self.index_root / name).is_dir():
            with self._lock:
                version = self._version
                if version is None or name != version.name:
                    try:
                        self._load()
                    except (IndexUnavailable, OSError):
                        pass  # keep serving the index we have
                version = self._version
        if version is None:
            raise IndexUnavailable(f"de zoekindex in {self.index_root} is gesloten")
        return version

    def slugs(self) -> list[str]:
        """The dossiers the served version holds."""
        return sorted(doc["slug"] for doc in self._refresh().docs.values())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._version is not None:
                self._version.retire()
                self._version = None

    def current_version(self) -> tuple[str, int]:
        """(name, number of dossiers) of the version new searches use, after following CURRENT."""
        version = self._refresh()
        return version.name, len(version.docs)

    @property
    def closed(self) -> bool:
        return self._closed or self._version is None

    @property
    def folder(self) -> Path:
        return self._version.folder

    @property
    def doc_count(self) -> int:
        return len(self._version.docs)

    # search
    def search(self, q: str = "", filters: dict[str, list[str]] | None = None,
               page: int = 1, page_size: int = 10) -> SearchResult:
        q = check_query(q)
        page, page_size = check_page(page, page_size)
        filters = check_filters(filters)
        version = self._refresh()
        key = None
        if _result_cache_enabled():
            key = (version.name, q, tuple((k, tuple(v)) for k, v in sorted(filters.items())), page, page_size)
            with self._results_lock:
                cached = self._results.get(key)
                if cached is not None:
                    self._results.move_to_end(key)
            if cached is not None:
                return copy.deepcopy(cached)
        with version.context() as ctx:
            result = _run(ctx, q, filters, page, page_size)
        if key is not None:
            with self._results_lock:
                self._results[key] = copy.deepcopy(result)
                while len(self._results) > RESULT_CACHE_SIZE:
                    self._results.popitem(last=False)
        return result


def _run(ctx: SearchContext, q: str, filters: dict[str, list[str]], page: int, page_size: int) -> SearchResult:
    """One search on ctx: rank, filter, count facets, make the page's hits and a suggestion."""
    version = ctx.version
    docs = version.docs
    units = query_units(ctx, q) if q.strip() else []
    if not q.strip():
        ranked = [(n, 0.0, True) for n in version.title_order]
    elif not units:
        ranked = []
    else:
        scores = ctx.scores(Or([u.query for u in units]))
        matched = Counter()
        for u in units:
            matched.update(unit_docs(ctx, u))
        # The score times the squared share of the query's units the dossier matches: a dossier
        # with every word comes first unless one with half of them scores four times as high
        # (a long everyday question rarely has all its words in the dossier that answers it).
        n_units = len(units)
        ranked = sorted(((n, s, matched[n] == n_units) for n, s in scores.items()),
                        key=lambda r: (-r[1] * (matched[r[0]] / n_units) ** COVERAGE_POWER, docs[r[0]]["slug"]))
    allowed = allowed_docs(version.facets, filters)
    if allowed:
        ok = set.intersection(*allowed.values())
        kept = [r for r in ranked if r[0] in ok]
    else:
        kept = ranked
    counts = facet_counts(version.facets, {r[0] for r in ranked}, allowed)
    start = (page - 1) * page_size
    terms, prefixes, rank = highlight_terms(units)
    wanted = version.snippet_words.wanted(terms, prefixes) if terms or prefixes else {}
    hits = []
    for n, score, all_words in kept[start:start + page_size]:
        doc = docs[n]
        hits.append(Hit(
            slug=doc["slug"], title=doc["title"], summary=doc["summary"], url=doc["url"],
            score=round(float(score), 4),
            snippet=snippet(doc["text"], doc["summary"], wanted, rank),
            version=doc.get("version", ""), matched_all=all_words))
    suggestion = suggest(ctx, q, units) if units else None
    labels = {k: dict(version.labels.get(k, {})) for k in FACETS}
    return SearchResult(hits, len(kept), counts, labels, suggestion, page, page_size, q, filters,
                        not_found(ctx, units))


# -- open handles -----------------------------------------------------------------------------------
_OPEN: dict[str, SearchIndex] = {}
_OPEN_LOCK = threading.Lock()


def open_index(index_root: Path, site: Path | None = None) -> SearchIndex:
    """A cached handle per index_root (and site); raises IndexUnavailable if there is no index of ours."""
    key = os.path.abspath(index_root) + "|" + (os.path.abspath(site) if site is not None else "")
    with _OPEN_LOCK:
        handle = _OPEN.get(key)
        if handle is None or handle.closed:
            handle = SearchIndex(Path(index_root), site)
            _OPEN[key] = handle
        return handle


def close_index(index_root: Path, site: Path | None = None) -> None:
    """Close and forget the cached handle of index_root (and site), if one is open (searches
    running on it finish first: their searchers are closed when they come back)."""
    key = os.path.abspath(index_root) + "|" + (os.path.abspath(site) if site is not None else "")
    with _OPEN_LOCK:
        handle = _OPEN.pop(key, None)
    if handle is not None:
        handle.close()


def search(index_root, q: str, filters: dict[str, list[str]] | None = None,
           page: int = 1, page_size: int = 10) -> SearchResult:
    handle = index_root if isinstance(index_root, SearchIndex) else open_index(index_root)
    return handle.search(q, filters, page, page_size)
