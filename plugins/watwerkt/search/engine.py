"""The only module that talks to Whoosh: schema, Dutch analysis, index building and querying.

Index layout under index_root (default .cache/search/):
  v<ns>-<hex>/            one complete build: Whoosh files, thesaurus.json, watwerkt-index.json
  CURRENT                 the name of the version in use, replaced atomically (os.replace)
A version directory is only opened when its marker watwerkt-index.json carries our format
and version: Whoosh keeps its schema as a pickle, so a directory we did not write is refused.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import json
import os
import re
import secrets
import shutil
import threading
import time
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.analysis import (
    CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token, Tokenizer,
)
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.query import And, Or, Phrase, Prefix, Term
from whoosh.spelling import ReaderCorrector
from whoosh.support.charset import accent_map

from watwerkt.view.citations import CITATION_GROUP
from watwerkt.model.dossier import SECTIONS, Dossier
from watwerkt.model.dossier import STATUS_LABELS
from watwerkt.model.settings import Settings
from .query import (
    FACETS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    InvalidParameter,
    check_filters,
    check_page,
    check_query,
    split_query,
)
from .thesaurus import load_thesaurus

INDEX_FORMAT = "watwerkt-search-index"
INDEX_VERSION = 1
MARKER = "watwerkt-index.json"
POINTER = "CURRENT"
THESAURUS_JSON = "thesaurus.json"
KEEP_VERSIONS = 2
_VERSION_RE = re.compile(r"^v\d{20}-[0-9a-f]{8}$")
_MAX_MARKER_BYTES = 1_000_000

ON_SITE = ("published", "archived")
STATUS_ORDER = ("published", "archived")

# Field name -> query boost. The title weighs most.
FIELD_BOOSTS = {
    "title": 3.0, "summary": 1.5, "tags": 1.5, "elements": 1.0,
    "sections": 1.0, "examples": 0.8, "literature": 0.5,
}
SYNONYM_BOOST = 0.7
PREFIX_BOOST = 0.3
FUZZY_BOOST = 0.5  # corrected spellings of a word that matches nothing
COMPOUND_BOOST = 0.6  # all known parts of an unknown compound ("armoede" + "beleid")
COMPOUND_PART_BOOST = 0.3
PREFIX_MIN_CHARS = 6  # "schuldhulp" also finds "schuldhulpverlening"; short words would find too much
SNIPPET_CHARS = 240
SNIPPET_SOURCE_CHARS = 20_000  # snippets come from the first part of the text; only that is stored
FEW_RESULTS = 3


class IndexUnavailable(Exception):
    """No usable index (none built yet, or a directory watwerkt did not make). Message in Dutch."""


# -- analysis --------------------------------------------------------------------------------------
_STOPWORDS = frozenset(w.translate(accent_map) for w in stopwords_for_language("nl"))


def _analyzer(stops: bool, stem: bool = True, fold: bool = True):
    chain = RegexTokenizer(r"\w+") | LowercaseFilter()
    if fold:
        chain = chain | CharsetFilter(accent_map)
    if stops:
        chain = chain | StopFilter(stoplist=_STOPWORDS, minsize=1)
    if stem:
        chain = chain | StemFilter(lang="nl", cachesize=100_000)
    return chain


_WORD_RE = re.compile(r"\w+")
_FUSED_CACHE: dict[str, tuple[str, bool]] = {}  # raw word -> (final text, is a stop word)
_FUSED_CACHE_MAX = 500_000


class _FusedTokenizer(Tokenizer):
    """Base of the one-pass tokenizers: stateless (pickled into the index schema as nothing), and
    calls with tokenize=False go to the equivalent Whoosh chain `_fallback()`."""

    def __init__(self):
        pass

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        pass

    def _fallback(self):
        raise NotImplementedError

    def _untokenized(self, value, **kwargs):
        yield from self._fallback()(value, **kwargs)


class _Dutch(_FusedTokenizer):
    """`_analyzer(stops=True)` in one pass, for speed: the same tokens (text, pos, chars, stopped)
    as RegexTokenizer(\\w+) | LowercaseFilter | CharsetFilter(accent_map) | StopFilter | StemFilter,
    with a cache from the raw word to its result. Unusual calls go to that chain itself."""

    def _fallback(self):
        return _CHAIN

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:
            yield from self._untokenized(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                         removestops=removestops, start_pos=start_pos,
                                         start_char=start_char, tokenize=tokenize, mode=mode, **kwargs)
            return
        cache = _FUSED_CACHE
        stem = _STEM
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = None
        for i, match in enumerate(_WORD_RE.finditer(value)):
            raw = match.group(0)
            found = cache.get(raw)
            if found is None:
                folded = raw.lower().translate(accent_map)
                found = (folded, True) if folded in _STOPWORDS else (stem(folded), False)
                if len(cache) >= _FUSED_CACHE_MAX:
                    cache.clear()
                cache[raw] = found
            text, stop = found
            if stop:
                if removestops:
                    continue
                t.stopped = True
                if positions:
                    t.pos = start_pos + i
            else:
                t.stopped = False
                if positions:
                    pos = start_pos + i if pos is None else pos + 1
                    t.pos = pos
            t.text = text
            t.boost = 1.0
            if keeporiginal:
                t.original = raw
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


_CHAIN = _analyzer(stops=True)
DUTCH = _Dutch()  # indexing and querying
_MATCH = _analyzer(stops=False)  # thesaurus matching: keeps stop words ("alleen zijn")
class _Words(_FusedTokenizer):
    """RegexTokenizer(\\w+) | LowercaseFilter in one pass (same tokens), for speed."""

    def _fallback(self):
        return _WORDS_CHAIN

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:
            yield from self._untokenized(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                         removestops=removestops, start_pos=start_pos,
                                         start_char=start_char, tokenize=tokenize, mode=mode, **kwargs)
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, match in enumerate(_WORD_RE.finditer(value)):
            raw = match.group(0)
            t.text = raw.lower()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = raw
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


_WORDS_CHAIN = RegexTokenizer(r"\w+") | LowercaseFilter()
_WORDS = _Words()  # spelling suggestions: real words, accents kept
_SNIP = DUTCH  # snippets


def _thread_safe_stems(*analyzers) -> None:
    """Searches run in several threads: give the stemmers of our query-time analysers one shared
    functools.lru_cache (thread-safe) instead of Whoosh's LFU cache (same stems; the cache is not
    pickled into the schema)."""
    for analyzer in analyzers:
        for item in getattr(analyzer, "items", ()):
            if isinstance(item, StemFilter):
                item._stem = _STEM


_STEM = functools.lru_cache(maxsize=200_000)(stemmer_for_language("nl"))
_thread_safe_stems(_CHAIN, _MATCH)


def _schema() -> Schema:
    text = dict(analyzer=DUTCH, phrase=True)
    return Schema(
        slug=ID(stored=True, unique=True),
        title=TEXT(stored=True, **text),
        summary=TEXT(stored=True, **text),
        tags=TEXT(**text),
        sections=TEXT(**text),
        elements=TEXT(**text),
        examples=TEXT(**text),
        literature=TEXT(**text),
        words=TEXT(analyzer=_WORDS, phrase=False),
        url=STORED(),
        version=STORED(),
        facets=STORED(),
        text=STORED(),
    )


# -- documents from the model ---------------------------------------------------------------------
_CITATION = re.compile(r"[ \t]*(?:" + CITATION_GROUP.pattern + ")")
_MD_STRIP = [
    (re.compile(r"^\s*(```|~~~).*$", re.M), " "),             # fence lines (their content stays)
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"\[([^\]\n]*)\]\[[^\]\n]*\]"), r"\1"),   # reference links
    (re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$", re.M), " "),  # reference definitions
    (re.compile(r"\{:?\s*[#.][^}\n]*\}"), " "),                # attribute lists
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"<[^>\n]*>"), " "),                              # inline HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, lists
    (re.compile(r"^\s*([-*_=]\s*){3,}$", re.M), " "),            # rules, setext underlines
    (re.compile(r"[*_`|~]+"), " "),                                # emphasis, code, tables
]


def plain(markdown_text: str | None) -> str:
    """Editor Markdown as plain text for indexing and snippets (a fast approximation, no rendering)."""
    if not markdown_text:
        return ""
    text = _CITATION.sub("", markdown_text)
    for pattern, replacement in _MD_STRIP:
        text = pattern.sub(replacement, text)
    return " ".join(html.unescape(text).split())


def _document(d: Dossier) -> dict:
    sections = [plain(d.sections[k].text) for k in SECTIONS if k in d.sections]
    elements = [" ".join(filter(None, [e.title, plain(e.description), e.effect])) for e in d.effective_elements]
    examples = [" ".join(filter(None, [x.name, x.organisation, plain(x.description)])) for x in d.examples]
    literature = [" ".join([*e.authors, e.title or ""]) for e in d.literature]
    tags = [*d.themes, *d.target_groups]
    reviewed = (d.dates.reviewed or d.dates.published) if d.dates else None
    facets = {
        "theme": sorted(set(d.themes)),
        "target_group": sorted(set(d.target_groups)),
        "evidence": sorted({e.evidence for e in d.effective_elements if e.evidence}),
        "status": [d.status or ""],
        "year": [str(reviewed.year)] if reviewed else [],
    }
    summary = d.summary or ""
    body = "\n".join([summary, *sections, *elements, *examples])
    return dict(
        slug=d.slug, title=d.title or d.slug, summary=summary, tags="\n".join(tags),
        sections="\n".join(sections), elements="\n".join(elements), examples="\n".join(examples),
        literature="\n".join(literature),
        words="\n".join([d.title or "", body, "\n".join(tags), "\n".join(literature)]),
        url=f"dossiers/{d.slug}/", version=d.version.isoformat() if d.version else "",
        facets=facets, text=body[:SNIPPET_SOURCE_CHARS],  # the full text is indexed, not stored
    )


# -- building ---------------------------------------------------------------------------------------
def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _current_name(index_root: Path) -> str | None:
    try:
        name = (index_root / POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if _VERSION_RE.match(name) else None


def build_index(dossiers, settings: Settings, index_root: Path, force: bool = False) -> Path:
    """Index published and archived dossiers into a new version; switch CURRENT when complete.

    When the current version was built from exactly the same input (documents, thesaurus,
    labels), nothing is rebuilt and its folder is returned, unless `force`.
    """
    index_root = Path(index_root)
    index_root.mkdir(parents=True, exist_ok=True)
    thesaurus = load_thesaurus(settings.root)
    labels = {
        "evidence": {lvl.id: lvl.label for lvl in settings.evidence_scale},
        "status": {k: v for k, v in STATUS_LABELS.items() if k in ON_SITE},
    }
    documents = [_document(d) for d in sorted(dossiers, key=lambda d: d.slug) if d.status in ON_SITE]
    digest = hashlib.sha256(json.dumps(
        [INDEX_VERSION, documents, thesaurus, labels, settings.evidence_ids],
        ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    current = _current_name(index_root)
    if current and not force:
        try:
            if _read_marker(index_root / current).get("input") == digest:
                return index_root / current
        except IndexUnavailable:
            pass
    name = f"v{time.time_ns():020d}-{secrets.token_hex(4)}"
    folder = index_root / name
    folder.mkdir()
    try:
        ix = FileStorage(str(folder)).create_index(_schema())
        writer = ix.writer(limitmb=128)
        try:
            for doc in documents:
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        (folder / THESAURUS_JSON).write_text(json.dumps(thesaurus, ensure_ascii=False), encoding="utf-8")
        marker = {"format": INDEX_FORMAT, "version": INDEX_VERSION, "dossiers": len(documents),
                  "input": digest, "evidence_order": settings.evidence_ids, "labels": labels}
        _write_atomic(folder / MARKER, json.dumps(marker, ensure_ascii=False, indent=1))
        _write_atomic(index_root / POINTER, name + "\n")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _prune(index_root, keep=KEEP_VERSIONS)
    return folder


def _prune(index_root: Path, keep: int) -> None:
    current = _current_name(index_root)
    versions = sorted((p for p in index_root.iterdir()
                       if _VERSION_RE.match(p.name) and p.is_dir() and not p.is_symlink()),
                      key=lambda p: p.name, reverse=True)
    kept = {current} if current else set()
    for p in versions:
        if len(kept) < keep and (p / MARKER).is_file():
            kept.add(p.name)
    for p in versions:
        if p.name not in kept:
            shutil.rmtree(p, ignore_errors=True)


def _read_marker(folder: Path) -> dict:
    path = folder / MARKER
    try:
        if folder.is_symlink() or not folder.is_dir() or path.stat().st_size > _MAX_MARKER_BYTES:
            raise ValueError
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        marker = None
    if not isinstance(marker, dict) or marker.get("format") != INDEX_FORMAT or marker.get("version") != INDEX_VERSION:
        raise IndexUnavailable(
            f"{folder} is geen zoekindex van deze versie van watwerkt en wordt niet geopend; "
            "maak een nieuwe met 'watwerkt index'")
    return marker


# -- results --------------------------------------------------------------------------------------
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


@dataclass
class _QTok:
    stem: str
    surface: str
    start: int
    end: int
    stop: bool


@dataclass
class _Unit:
    query: object
    tokens: list[_QTok]  # the query words it stands for (for suggestions)
    core: object = None  # the query without spelling and compound fallbacks
    docs: frozenset | None = None  # docnums matching `query`, computed once per search
    core_docs: frozenset | None = None  # docnums matching `core`

    @property
    def exact(self):
        return self.core if self.core is not None else self.query


# -- the open index -------------------------------------------------------------------------------
RESULT_CACHE_SIZE = 512  # recent (query, filters, page) results per handle, keyed by index version
SNIPPET_CACHE_DOCS = 1024  # analysed snippet texts kept per index version
IDLE_SEARCHERS = 8  # searchers kept per version for reuse; one is never used by two threads at once


def _result_cache_enabled() -> bool:
    # WATWERKT_SEARCH_CACHE=0 switches the result cache off (benchmarks of the uncached engine).
    return os.environ.get("WATWERKT_SEARCH_CACHE", "1") != "0"


class _Version:
    """Everything that belongs to one opened index version; replaced as a whole on reload."""

    def __init__(self, index_root: Path, name: str):
        folder = index_root / name
        marker = _read_marker(folder)
        storage = FileStorage(str(folder), readonly=True)
        self.ix = storage.open_index()
        self.name, self.folder = name, folder
        groups = json.loads((folder / THESAURUS_JSON).read_text(encoding="utf-8"))
        self.labels = marker.get("labels", {})
        self.evidence_order = marker.get("evidence_order", [])
        self.thesaurus, self.max_entry = _compile_thesaurus(groups)
        self._pool: list = []
        self._pool_lock = threading.Lock()
        self.retired = False
        first = self._new_ctx()
        try:
            self.docs = {n: stored for n, stored in first.reader.iter_docs()}
        except BaseException:
            first.searcher.close()
            raise
        self._pool.append(first)
        self.title_order = sorted(self.docs, key=lambda n: (self.docs[n]["title"].casefold(), self.docs[n]["slug"]))
        self.all_docs = frozenset(self.docs)
        self.known_cache: dict[str, bool] = {}
        self.correct_cache: dict[tuple, list[str]] = {}
        self._snippets: OrderedDict = OrderedDict()
        self._snippet_lock = threading.Lock()
        # Facets: value -> docnums, and casefolded value -> docnums, once per version.
        self.facet_docs: dict[str, dict[str, set[int]]] = {}
        self.facet_folded: dict[str, dict[str, set[int]]] = {}
        self.facet_values: dict[str, list[str]] = {}
        for name in FACETS:
            by_value: dict[str, set[int]] = {}
            for n, stored in self.docs.items():
                for v in set(stored["facets"].get(name, ())):
                    by_value.setdefault(v, set()).add(n)
            folded: dict[str, set[int]] = {}
            for v, ns in by_value.items():
                folded.setdefault(v.casefold(), set()).update(ns)
            every = by_value.keys()
            if name == "evidence":
                order = {v: i for i, v in enumerate(self.evidence_order)}
                values = sorted(every, key=lambda v: (order.get(v, len(order)), v))
            elif name == "status":
                values = sorted(every, key=lambda v: (STATUS_ORDER.index(v) if v in STATUS_ORDER else 9, v))
            elif name == "year":
                values = sorted(every, reverse=True)
            else:
                values = sorted(every, key=lambda v: (v.casefold(), v))  # stable places for checkboxes
            self.facet_docs[name], self.facet_folded[name], self.facet_values[name] = by_value, folded, values

    # searchers: Whoosh searchers and readers are not safe to share between threads
    def _new_ctx(self) -> "_Ctx":
        searcher = self.ix.searcher()
        reader = searcher.reader()
        return _Ctx(self, searcher, reader, ReaderCorrector(reader, "words", reader.schema["words"]))

    def borrow(self) -> "_Ctx":
        with self._pool_lock:
            if self._pool:
                return self._pool.pop()
        return self._new_ctx()

    def give_back(self, ctx: "_Ctx") -> None:
        with self._pool_lock:
            if not self.retired and len(self._pool) < IDLE_SEARCHERS:
                self._pool.append(ctx)
                return
        ctx.searcher.close()

    def retire(self) -> None:
        """No new searches; idle searchers are closed now, busy ones when they come back."""
        with self._pool_lock:
            self.retired = True
            idle, self._pool = self._pool, []
        for ctx in idle:
            ctx.searcher.close()

    def snippet_index(self, n: int) -> dict:
        with self._snippet_lock:
            found = self._snippets.get(n)
            if found is not None:
                self._snippets.move_to_end(n)
                return found
        found = _snippet_index(self.docs[n]["text"])
        with self._snippet_lock:
            self._snippets[n] = found
            while len(self._snippets) > SNIPPET_CACHE_DOCS:
                self._snippets.popitem(last=False)
        return found


@dataclass
class _Ctx:
    version: _Version
    searcher: object
    reader: object
    corrector: object


def _compile_thesaurus(groups: list[list[str]]) -> tuple[dict[tuple[str, ...], list[str]], int]:
    """Token tuple of an entry -> the other entries of every group it is in; and the longest entry."""
    out: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        keys = [tuple(t.text for t in _MATCH(entry)) for entry in group]
        for key in keys:
            if key:
                alts = out.setdefault(key, [])
                alts += [e for e, k in zip(group, keys) if k != key and k and e not in alts]
    return out, max((len(k) for k in out), default=1)


class SearchIndex:
    """An opened index; follows CURRENT when a new build lands. Safe to use from many threads:
    each search borrows its own Whoosh searcher from a small pool of the current version."""

    def __init__(self, index_root: Path):
        self.index_root = Path(index_root)
        self._lock = threading.RLock()  # loading and closing only; searches run in parallel
        self._tls = threading.local()
        self._version: _Version | None = None
        self._closed = False
        self._results: OrderedDict = OrderedDict()
        self._results_lock = threading.Lock()
        self._load()

    # loading
    def _load(self) -> None:
        name = _current_name(self.index_root)
        if name is None:
            if (self.index_root / POINTER).exists():
                raise IndexUnavailable(f"{self.index_root / POINTER} wijst niet naar een zoekindex van watwerkt")
            raise IndexUnavailable(f"er is nog geen zoekindex in {self.index_root}; maak er een met 'watwerkt index'")
        version = _Version(self.index_root, name)
        old, self._version = self._version, version
        self._closed = False
        with self._results_lock:
            self._results.clear()
        if old is not None:
            old.retire()

    def _refresh(self) -> _Version:
        version = self._version
        name = _current_name(self.index_root)
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

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._version is not None:
                self._version.retire()
                self._version = None

    @property
    def closed(self) -> bool:
        return self._closed or self._version is None

    # The state of the search running in this thread (or of the current version outside one).
    @property
    def _ctx(self) -> _Ctx:
        return self._tls.ctx

    @property
    def _v(self) -> _Version:
        ctx = getattr(self._tls, "ctx", None)
        return ctx.version if ctx is not None else self._version

    @property
    def _searcher(self):
        return self._ctx.searcher

    @property
    def _reader(self):
        return self._ctx.reader

    @property
    def _docs(self) -> dict:
        return self._v.docs

    @property
    def _thesaurus(self) -> dict:
        return self._v.thesaurus

    @property
    def _max_entry(self) -> int:
        return self._v.max_entry

    @property
    def folder(self) -> Path:
        return self._v.folder

    @property
    def doc_count(self) -> int:
        return len(self._v.docs)

    # query building
    def _terms(self, stem: str, boost: float = 1.0):
        return [Term(f, stem, boost=b * boost) for f, b in FIELD_BOOSTS.items()]

    def _phrase_query(self, text: str, boost: float, alternative: bool = False):
        stems = [t.text for t in DUTCH(text)]
        if not stems:
            return []
        if alternative and len(stems) == 1 and len(list(_MATCH(text))) > 1:
            return []  # "alleen zijn" leads to its group, but does not expand to plain "alleen"
        if len(stems) == 1:
            return self._terms(stems[0], boost)
        return [Phrase(f, stems, boost=b * boost) for f, b in FIELD_BOOSTS.items()]

    def _word_unit(self, tok: _QTok) -> _Unit:
        parts = self._terms(tok.stem)
        for alt in self._thesaurus.get((tok.stem,), []):
            parts += self._phrase_query(alt, SYNONYM_BOOST, alternative=True)
        folded = tok.surface.lower().translate(accent_map)
        if len(folded) >= PREFIX_MIN_CHARS and folded.isalpha():
            parts += [Prefix(f, folded, boost=b * PREFIX_BOOST) for f, b in FIELD_BOOSTS.items()]
        core = Or(parts)
        core_docs = self._docset(core)
        if not core_docs:
            fallbacks = self._fallbacks(tok.surface.lower(), folded)
            if fallbacks:
                return _Unit(Or(parts + fallbacks), [tok], core, core_docs=core_docs)
        return _Unit(core, [tok], core, docs=core_docs, core_docs=core_docs)

    def _docset(self, query) -> frozenset:
        # The docs of an Or are the union of its parts' docs; asking the parts one by one skips
        # the scoring that Whoosh's union matcher does while merging.
        if type(query) is Or and not query.minmatch:
            return frozenset().union(*(self._docset(q) for q in query.subqueries))
        return frozenset(self._searcher.docs_for_query(query))

    def _unit_docs(self, unit: _Unit) -> frozenset:
        if unit.docs is None:
            unit.docs = self._docset(unit.query)
        return unit.docs

    def _correct(self, word: str, limit: int, maxdist: int, prefix: int) -> list[str]:
        key = (word, limit, maxdist, prefix)
        cache = self._v.correct_cache
        found = cache.get(key)
        if found is None:
            found = self._ctx.corrector.suggest(word, limit=limit, maxdist=maxdist, prefix=prefix)
            if len(cache) < 20_000:
                cache[key] = found
        return found

    def _known_stem(self, stem: str) -> bool:
        cache = self._v.known_cache
        known = cache.get(stem)
        if known is None:
            known = any(self._reader.doc_frequency(f, stem) for f in FIELD_BOOSTS)
            if len(cache) < 100_000:
                cache[stem] = known
        return known

    def _fallbacks(self, word: str, folded: str) -> list:
        """For a word that matches nothing: its likely spellings, and the known parts of a compound."""
        parts: list = []
        stems: list[str] = []
        if len(word) >= 5 and word.isalpha():
            for fix in self._correct(word, 3, 1 if len(word) < 8 else 2, 1):
                stem = next((t.text for t in DUTCH(fix)), "")
                if stem and stem not in stems:
                    stems.append(stem)
            for stem in stems:
                parts += self._terms(stem, FUZZY_BOOST)
        pieces = [p for p in self._decompound(folded) if p not in stems]
        if len(pieces) > 1:
            parts.append(And([Or(self._terms(p)) for p in pieces], boost=COMPOUND_BOOST))
        for piece in pieces:
            parts += self._terms(piece, COMPOUND_PART_BOOST)
        return parts

    def _decompound(self, word: str) -> list[str]:
        """Stems of the known parts of a Dutch compound (two parts, optional linking -s-/-e-/-en-)."""
        if len(word) < 8 or not word.isalpha():
            return []
        best: tuple = ()
        for i in range(4, len(word) - 3):
            right = word[i:]
            right_stem = next((t.text for t in DUTCH(right)), "")
            right_ok = len(right) >= 4 and bool(right_stem) and self._known_stem(right_stem)
            for left in {word[:i], word[:i - 1] if word[i - 1] in "se" else word[:i],
                         word[:i - 2] if word[i - 2:i] == "en" else word[:i]}:
                if len(left) < 4:
                    continue
                left_stem = next((t.text for t in DUTCH(left)), "")
                left_ok = bool(left_stem) and self._known_stem(left_stem)
                found = [s for s, ok in ((left_stem, left_ok), (right_stem, right_ok)) if ok]
                if not found:
                    continue
                score = (len(found), min(len(left), len(right)) if len(found) == 2 else max(map(len, found)))
                if not best or score > best[:2]:
                    best = (*score, found)
        return list(best[2]) if best else []

    def _tokens(self, text: str, offset: int) -> list[_QTok]:
        out = []
        for t in _MATCH(text, chars=True):
            surface = text[t.startchar:t.endchar]
            folded = surface.lower().translate(accent_map)
            out.append(_QTok(t.text, surface, offset + t.startchar, offset + t.endchar, folded in _STOPWORDS))
        return out

    def _units(self, q: str) -> list[_Unit]:
        units: list[_Unit] = []
        for seg in split_query(q):
            toks = self._tokens(seg.text, seg.start)
            if seg.phrase:
                content = [t for t in toks if not t.stop]
                if not content:
                    continue
                parts = self._phrase_query(seg.text, 1.0)
                for alt in self._thesaurus.get(tuple(t.stem for t in toks), []):
                    parts += self._phrase_query(alt, SYNONYM_BOOST, alternative=True)
                units.append(_Unit(Or(parts), content))
                continue
            i = 0
            while i < len(toks):
                span = None
                for n in range(min(self._max_entry, len(toks) - i), 1, -1):
                    key = tuple(t.stem for t in toks[i:i + n])
                    if key in self._thesaurus:
                        span = (n, key)
                        break
                if span:
                    n, key = span
                    words = [self._word_unit(t) for t in toks[i:i + n] if not t.stop]
                    parts = [And([w.query for w in words])] if words else []
                    for alt in self._thesaurus[key]:
                        parts += self._phrase_query(alt, SYNONYM_BOOST, alternative=True)
                    units.append(_Unit(Or(parts), [t for t in toks[i:i + n] if not t.stop]))
                    i += n
                    continue
                if not toks[i].stop:
                    units.append(self._word_unit(toks[i]))
                i += 1
        # The same word twice adds nothing but weight.
        seen, unique = set(), []
        for u in units:
            key = repr(u.query)
            if key not in seen:
                seen.add(key)
                unique.append(u)
        return unique

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
        ctx = version.borrow()
        self._tls.ctx = ctx
        try:
            result = self._search(q, filters, page, page_size)
        finally:
            self._tls.ctx = None
            version.give_back(ctx)
        if key is not None:
            with self._results_lock:
                self._results[key] = copy.deepcopy(result)
                while len(self._results) > RESULT_CACHE_SIZE:
                    self._results.popitem(last=False)
        return result

    def _search(self, q, filters, page, page_size) -> SearchResult:
        searcher = self._searcher
        version = self._v
        docs = version.docs
        units = self._units(q) if q.strip() else []
        if not q.strip():
            ranked = [(n, 0.0, True) for n in version.title_order]
        elif not units:
            ranked = []
        else:
            scores = {n: s for n, s in searcher.search(Or([u.query for u in units]), limit=None).items()}
            matched = Counter()
            for u in units:
                matched.update(self._unit_docs(u))
            ranked = sorted(((n, s, matched[n] == len(units)) for n, s in scores.items()),
                            key=lambda r: (-matched[r[0]], -r[1], docs[r[0]]["slug"]))
        # Per filtered facet: the docnums with one of its wanted values (OR within a facet).
        allowed: dict[str, set[int]] = {}
        for k, vs in filters.items():
            folded = version.facet_folded.get(k, {})
            allowed[k] = set().union(*(folded.get(w, ()) for w in {v.casefold() for v in vs}))
        if allowed:
            ok = set.intersection(*allowed.values())
            kept = [r for r in ranked if r[0] in ok]
        else:
            kept = ranked
        facet_counts = self._facet_counts(version, {r[0] for r in ranked}, allowed)
        start = (page - 1) * page_size
        terms, prefixes = self._highlight_terms(units)
        hits = []
        for n, score, all_words in kept[start:start + page_size]:
            doc = docs[n]
            index = version.snippet_index(n) if terms or prefixes else None
            hits.append(Hit(
                slug=doc["slug"], title=doc["title"], summary=doc["summary"], url=doc["url"],
                score=round(float(score), 4),
                snippet=_snippet(doc["text"], doc["summary"], terms, prefixes, index),
                version=doc.get("version", ""), matched_all=all_words))
        suggestion = self._suggest(q, units, len(kept)) if units or (q.strip() and not ranked) else None
        labels = {k: dict(version.labels.get(k, {})) for k in FACETS}
        return SearchResult(hits, len(kept), facet_counts, labels, suggestion, page, page_size, q, filters)

    @staticmethod
    def _facet_counts(version: _Version, ranked_docs: set[int],
                      allowed: dict[str, set[int]]) -> dict[str, list[tuple[str, int]]]:
        """Each value's count among the matching documents that pass the *other* facets' filters."""
        out = {}
        for name in FACETS:
            base = ranked_docs
            for k, ns in allowed.items():
                if k != name:
                    base = base & ns
            by_value = version.facet_docs[name]
            out[name] = [(v, len(by_value[v] & base) if base else 0) for v in version.facet_values[name]]
        return out

    def _highlight_terms(self, units: list[_Unit]) -> tuple[set[str], tuple[str, ...]]:
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

    def _known(self, unit: _Unit) -> bool:
        """Whether the unit matches through the typed word itself, its synonyms or prefix."""
        if unit.core is None:
            return bool(self._unit_docs(unit))
        if unit.core_docs is None:
            unit.core_docs = self._docset(unit.core)
        return bool(unit.core_docs)

    def _suggest(self, q: str, units: list[_Unit], total: int) -> str | None:
        """A corrected query for unknown words, or, when results are few, for rarer spellings."""
        replacements: list[tuple[int, int, str]] = []
        for unit in units:
            unknown = not self._known(unit)
            if not unknown and total >= FEW_RESULTS:
                continue
            for tok in unit.tokens:
                word = tok.surface.lower()
                if len(word) < 3 or word.isdigit():
                    continue
                own = self._reader.doc_frequency("words", word)
                if own and not unknown:
                    # A rare known word next to a much more common one is likely a typo in the texts.
                    if own > 1 or len(word) < 6:
                        continue
                    better = self._correct(word, 1, 1, 0)
                    if better and better[0] != word and self._reader.doc_frequency("words", better[0]) >= 3 * own:
                        replacements.append((tok.start, tok.end, better[0]))
                elif not own:
                    for dist in (1, 2):
                        found = self._correct(word, 1, dist, 1)
                        if found and found[0] != word and found[0].translate(accent_map) not in _STOPWORDS:
                            replacements.append((tok.start, tok.end, found[0]))
                            break
        if not replacements:
            return None
        out, last = [], 0
        for start, end, word in sorted(replacements):
            if start < last:
                continue
            out += [q[last:start], word]
            last = end
        out.append(q[last:])
        suggestion = " ".join("".join(out).split())
        return suggestion if suggestion.casefold() != " ".join(q.split()).casefold() else None


def _snippet_index(text: str) -> dict[str, array]:
    """Analysed token -> flat array of (start, end) offsets, over the first part of the text."""
    out: dict[str, array] = {}
    for t in _SNIP(text[:SNIPPET_SOURCE_CHARS], chars=True, removestops=False, mode="query"):
        found = out.get(t.text)
        if found is None:
            out[t.text] = found = array("I")
        found.append(t.startchar)
        found.append(t.endchar)
    return out


def _snippet(text: str, summary: str, terms: set[str], prefixes: tuple[str, ...],
             index: dict[str, array] | None = None) -> str:
    """HTML: an escaped window of the text around the densest matches, matches in <mark>."""
    text = text[:SNIPPET_SOURCE_CHARS]
    matches = []
    if terms or prefixes:
        if index is None:
            index = _snippet_index(text)
        chosen = {t for t in terms if t in index}
        if prefixes:
            chosen.update(k for k in index if k.startswith(prefixes))
        for stem in chosen:
            offsets = index[stem]
            matches += [(offsets[i], offsets[i + 1], stem) for i in range(0, len(offsets), 2)]
        matches.sort()
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


# -- module-level API -----------------------------------------------------------------------------
_OPEN: dict[str, SearchIndex] = {}
_OPEN_LOCK = threading.Lock()


def open_index(index_root: Path) -> SearchIndex:
    """A cached handle per index_root; raises IndexUnavailable if there is no index of ours."""
    key = os.path.abspath(index_root)
    with _OPEN_LOCK:
        handle = _OPEN.get(key)
        if handle is None or handle.closed:
            handle = SearchIndex(Path(index_root))
            _OPEN[key] = handle
        return handle


def search(index_root, q: str, filters: dict[str, list[str]] | None = None,
           page: int = 1, page_size: int = 10) -> SearchResult:
    handle = index_root if isinstance(index_root, SearchIndex) else open_index(index_root)
    return handle.search(q, filters, page, page_size)


__all__ = [
    "FACETS", "MAX_PAGE", "MAX_PAGE_SIZE", "MAX_QUERY_CHARS", "Hit", "IndexUnavailable",
    "InvalidParameter", "SearchIndex", "SearchResult", "build_index", "open_index", "search",
]
