"""Full-text search over the dossiers: index building, querying and the HTTP API; the only subpackage that imports Whoosh. Imports model, view and check; never mkdocs or weasyprint.

All use of Whoosh (2.7.4, frozen upstream) stays behind the engine modules (analysis, schema, spelling,
store, version, expansion, suggestions, snippets, index); everything else here (query grammar,
thesaurus, server, documents, facets, results) is plain Python and could move to another engine.
The index text comes from the model through view/text.py's plain(), shared with the benchmarks.

Stable API (used by the evaluation and the benchmarks; do not change signatures lightly)
-----------------------------------------------------------------------------------------

``build_index(dossiers, settings, index_root: Path, force: bool = False) -> IndexBuild``
    Index the given model dossiers (``watwerkt.model.dossier.Dossier``; drafts are skipped here, so
    passing all valid dossiers is fine) into a new versioned directory under ``index_root``
    and switch the pointer file ``index_root/CURRENT`` to it (atomically, only when the index
    is complete). Returns ``IndexBuild(folder, dossiers, rebuilt)``: the version directory, the
    number of indexed dossiers, and whether it was built now. Keeps the two newest versions.
    When the current version was built from identical input it is returned as is, with
    ``rebuilt=False`` (unless ``force``).
    The thesaurus is the package default plus ``thesaurus.yml`` in ``settings.root`` if present
    (or only that file, with ``standaardthesaurus: vervangen``); a thesaurus with errors raises
    ``SettingsError`` naming each one (file:line:column, code). It is copied into the version
    directory, so searching needs no settings.

``index_project(settings, today=None, index_root=None) -> IndexBuild``
    Validate the project's dossiers (like the site build) and build its index; the default
    ``index_root`` is ``default_index_root(settings)`` = ``<project root>/.cache/search``.
    Raises ``DossierErrors`` (with ``.problems``) when a dossier has errors.

``open_index(index_root: Path) -> SearchIndex``
    An open, reusable handle (follows the pointer when a new build lands). Thread-safe: each
    search borrows its own pooled Whoosh searcher; recent results are cached per index version
    (``WATWERKT_SEARCH_CACHE=0`` switches that cache off).
    Raises ``IndexUnavailable`` when there is no index, or the directory was not built by
    watwerkt (marker file missing or of another format/version): such a directory is never opened.
    ``SearchIndex.search(q, filters=None, page=1, page_size=10) -> SearchResult``.

``search(index_root, q: str, filters: dict[str, list[str]] | None = None, page: int = 1,
         page_size: int = 10) -> SearchResult``
    ``index_root`` is a path (the handle is cached per path) or a ``SearchIndex``.
    * ``q``: words and "quoted phrases"; everything else (``title:x``, ``*``, ``AND``,
      parentheses) is plain text. Dossiers matching every word rank first; dossiers matching
      only some words follow, so a query never comes back empty because one word is missing.
      An empty ``q`` lists every dossier (alphabetically), so facets can be browsed.
      Dutch stemming, stop words and accent folding apply; the thesaurus expands words and
      multi-word entries (lower weight); a word of 6+ letters also matches words it prefixes.
      Compounds are split with OpenTaal's compound parts (package data, see compounds.py) in
      the texts and in the query: "uitzetting" finds "huisuitzetting", "huurachterstand" also
      finds texts with both parts. A word that matches nothing at all is also searched as its
      likely spellings (search/spelling.py) and its parts one by one, at lower weight. The
      editors' also-known-as terms (``zoektermen`` of a dossier and its elements) are a field of
      their own, weighed below the title and above the text (``schema.FIELD_BOOSTS``).
    * ``filters``: ``{facet: [values]}`` with facet in ``FACETS``
      (``theme``, ``target_group``, ``evidence``, ``status``, ``year``); OR within a facet,
      AND across facets. Values are the raw values (evidence/status ids, year as "2026").
    * Bounds: ``len(q) <= MAX_QUERY_CHARS`` (200), no control characters,
      ``1 <= page <= MAX_PAGE``, ``1 <= page_size <= MAX_PAGE_SIZE`` (50), known facet names;
      otherwise ``InvalidParameter`` (a ``ValueError`` with a Dutch message). Nothing else raises
      for any string ``q``.

``SearchResult`` (dataclass): ``hits: list[Hit]`` (this page only, best first), ``total: int``
(all matching dossiers after filters), ``facets: dict[str, list[tuple[str, int]]]`` (every value
in the index with its count for the current query and the filters of the *other* facets, so a
group's counts show what ticking one more value adds), ``labels: dict[str, dict[str, str]]``
(Dutch display labels per facet value), ``suggestion: str | None`` (a corrected whole query for
"Bedoelde u ...?"; never for a word that occurs in the index), ``page``, ``page_size``, ``query``
(the query as searched), ``not_found: list[str]`` (query words, a quoted phrase as a whole, that
match no dossier at all, not even through a correction or a compound's parts).

``Hit`` (dataclass): ``slug``, ``title``, ``summary``, ``url`` (site-relative,
``dossiers/<slug>/``), ``score: float`` (Whoosh BM25F; the order is: more query words
matched first, then score), ``snippet`` (HTML: escaped text with ``<mark>`` around matches),
``version`` (ISO date or ""), ``matched_all: bool``.
"""

from __future__ import annotations

from .index import SearchIndex, open_index, search
from .project import DEFAULT_INDEX_DIR, DossierErrors, default_index_root, index_project
from .query import FACETS, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS, InvalidParameter
from .results import FACET_LABELS, Hit, SearchResult, result_json, version_text
from .store import IndexBuild, IndexUnavailable, build_index

__all__ = [
    "DEFAULT_INDEX_DIR", "FACETS", "MAX_PAGE", "MAX_PAGE_SIZE", "MAX_QUERY_CHARS", "Hit",
    "IndexBuild", "IndexUnavailable", "InvalidParameter", "SearchIndex", "SearchResult", "build_index",
    "open_index", "search", "DossierErrors", "default_index_root", "index_project", "FACET_LABELS",
    "result_json", "version_text",
]
