"""The one-pass scorer (search/scoring.py) gives exactly Whoosh's scores and match sets.

The ranking depends on every match's score, so the scorer must reproduce Whoosh 2.7.4 to the last
bit; these tests compare both on every unit and every whole query of many searches over the
relevance corpus (28 dossiers) and the search test corpus: every indexed word on its own, pairs
and triples of words, phrases, thesaurus entries, typos and unknown compounds (the fallbacks).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_search_support import corpus, project
from watwerkt.check import check
from watwerkt.model.settings import load_settings
from watwerkt.search import build_index, open_index
from watwerkt.search.analysis import DUTCH
from watwerkt.search.expansion import units

import datetime as dt

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "fixtures" / "relevance" / "dossiers"

HANDWRITTEN = [
    "eenzaamheid ouderen", '"alleenstaande ouderen"', "alleen zijn", "schuldhulp", "schuldhulpverlening",
    "armoedebeleid", "eenzaamhied", "organiseern", "thuislozen", "mantelzorgers ondersteuning wijk",
    "jongeren werk", "vrijwilligers", "Budgetcafé", "title:x AND (*)", "de het een", "xylofoon",
]


def _index(tmp_path_factory, which: str):
    root = tmp_path_factory.mktemp(f"scoring-{which}")
    if which == "search":
        dossiers, settings = corpus(project(root))
    else:
        settings = load_settings(None)  # the relevance corpus (28 dossiers)
        dossiers = check([RELEVANCE], settings, dt.date(2026, 6, 1), base=RELEVANCE.parent).valid_dossiers()
    if which == "zoektermen":  # the field with a B of its own (schema.FIELD_B): terms on every other dossier
        for d in dossiers[::2]:
            d.zoektermen = list(d.themes[:2])
            d.effective_elements[0].zoektermen = list(d.target_groups)
    build_index(dossiers, settings, root / "index")
    return open_index(root / "index")


@pytest.fixture(scope="module", params=["search", "relevance", "zoektermen"])
def handle(request, tmp_path_factory):
    index = _index(tmp_path_factory, request.param)
    yield index
    index.close()


def _queries(handle) -> list[str]:
    docs = handle._version.docs.values()
    words = sorted({w for d in docs for w in re.findall(r"\w+", (d["title"] + " " + d["text"]).lower())
                    if len(w) >= 3 and not w.isdigit()})
    pairs = [" ".join(words[i:i + 2]) for i in range(0, len(words), 13)]
    triples = [" ".join(words[i:i + 3]) for i in range(0, len(words), 17)]
    return HANDWRITTEN + words + pairs + triples


def test_scores_and_matches_equal_whooshs(handle):
    from watwerkt.search.expansion import Or  # the engine's own Or (Whoosh's), as the ranking builds it

    compared = 0
    for q in _queries(handle):
        with handle._version.context() as ctx:
            assert ctx.scorer is not None  # the fast path is in use on this index
            found = units(ctx, q)
            queries = [u.query for u in found] + ([Or([u.query for u in found])] if found else [])
            for query in queries:
                whoosh = {n: s for n, s in ctx.searcher.search(query, limit=None).items()}
                assert ctx.scores(query) == whoosh, (q, repr(query)[:300])
                assert ctx.docset(query) == frozenset(ctx.searcher.docs_for_query(query)), q
                compared += 1
    assert compared > 250


@pytest.fixture(scope="module")
def relevance(tmp_path_factory):
    index = _index(tmp_path_factory, "relevance-only")
    yield index
    index.close()


def test_prefix_expansions_of_every_size_are_covered(relevance):
    """The constant-score rules differ for 1, 2 and 3+ expansions; the relevance corpus's words
    reach all three, so the equality test above covers each rule."""
    handle = relevance
    sizes = set()
    for q in _queries(handle):
        with handle._version.context() as ctx:
            for u in units(ctx, q):
                stack = [u.query]
                while stack:
                    node = stack.pop()
                    stack += list(getattr(node, "subqueries", ()) or ())
                    if type(node).__name__ == "Prefix":
                        sizes.add(min(3, sum(1 for _ in node._btexts(ctx.reader))))
    assert {1, 2, 3} <= sizes, sizes


def test_compound_parts_are_covered(relevance):
    """Compound query words become an And of their parts (scored in one pass too); the corpus's
    words include such compounds, so the equality test above compares them with Whoosh."""
    handle = relevance
    ands = 0
    for q in _queries(handle):
        with handle._version.context() as ctx:
            for u in units(ctx, q):
                stack = [u.query]
                while stack:
                    node = stack.pop()
                    stack += list(getattr(node, "subqueries", ()) or ())
                    ands += type(node).__name__ == "And" and len(node.subqueries) == 2
    assert ands > 20, ands


def test_term_scores_held_in_memory_are_whooshs(relevance):
    """Every term's scores are computed once when a version opens (FieldStats.postings); for every
    field and every term (boosted or not) they must equal Whoosh's own, with the same documents."""
    from whoosh.query import Term

    from watwerkt.search.schema import FIELD_BOOSTS

    stats = relevance._version.field_stats
    assert stats is not None and stats.postings is not None
    checked = 0
    with relevance._version.context() as ctx:
        for field in FIELD_BOOSTS:
            words = [w.decode("utf-8") for w in stats.words.get(field, [])]
            for w in words[:: max(1, len(words) // 40)]:
                for boost in (1.0, 2.5):
                    query = Term(field, w, boost=boost)
                    whoosh = {n: s for n, s in ctx.searcher.search(query, limit=None).items()}
                    assert whoosh and ctx.scores(query) == whoosh, (field, w)
                    checked += 1
    assert checked > 200
    assert len(stats.postings) == sum(len(w) for w in stats.words.values())


def test_searches_are_the_same_when_the_index_is_too_large_for_memory(tmp_path_factory, monkeypatch):
    """Above MEMORY_POSTINGS_MAX a version reads each term's postings per search instead; the
    results must be the same."""
    from watwerkt.search import scoring

    monkeypatch.setenv("WATWERKT_SEARCH_CACHE", "0")
    held = _index(tmp_path_factory, "relevance-held")
    held._version.in_memory()  # made before the bound changes (it is made in the background)
    monkeypatch.setattr(scoring, "MEMORY_POSTINGS_MAX", 0)
    read = _index(tmp_path_factory, "relevance-read")
    assert held._version.field_stats.postings is not None
    assert read._version.field_stats.postings is None
    try:
        queries = _queries(held)[::7]
        assert len(queries) > 20
        for q in queries:
            assert held.search(q, page_size=20) == read.search(q, page_size=20), q
    finally:
        held.close()
        read.close()


def test_the_term_dictionary_in_memory_answers_as_whoosh_does(relevance):
    """Term lookups and prefix expansions come from the version's in-memory term dictionary
    (FieldStats.words); for every field, every term, its prefixes and words that are not there,
    they must equal Whoosh's own `in reader` and `expand_prefix`."""
    from whoosh.query import Prefix

    handle = relevance
    stats = handle._version.field_stats
    assert stats is not None and stats.words
    with handle._version.context() as ctx:
        reader = ctx.reader
        checked = 0
        for field, words in stats.words.items():
            texts = [w.decode("utf-8") for w in words]
            probes = set(texts[::7]) | {t[:n] for t in texts[::11] for n in (1, 2, 4)} | {"zzzz", "aaa", "ë", ""}
            for text in sorted(probes):
                b = text.encode("utf-8")
                assert stats.has_term(field, b, reader) == ((field, b) in reader), (field, text)
                if text:
                    mine = stats.prefix_words(Prefix(field, text), reader)
                    assert mine == [w for w in reader.expand_prefix(field, text) if w], (field, text)
                    checked += 1
        assert checked > 500, checked


def test_thesaurus_phrases_held_in_memory_are_whooshs(relevance):
    """The phrases of the thesaurus's terms are scored once when a version opens
    (FieldStats.phrases) and any other phrase with no document holding all its words is answered
    without Whoosh; both, boosted or not, must equal Whoosh's own Phrase search, and a phrase
    outside the table (a reader's quoted words) must too."""
    from whoosh.query import Phrase

    stats = relevance._version.field_stats
    assert stats is not None and stats.phrases
    held = [key for key, found in stats.phrases.items() if found]
    assert len(held) >= 5, len(held)  # the corpus holds thesaurus phrases, so the check below compares real matches
    words = {f: [w.decode("utf-8") for w in ws] for f, ws in stats.words.items()}
    others = [(f, (ws[i], ws[i + 1])) for f, ws in words.items() for i in range(0, len(ws) - 1, 97)]
    checked = 0
    with relevance._version.context() as ctx:
        for field, stems in held + list(stats.phrases)[::50] + others:
            for boost in (1.0, 0.7):
                query = Phrase(field, list(stems), boost=boost)
                whoosh = {n: s for n, s in ctx.searcher.search(query, limit=None).items()}
                assert ctx.scores(query) == whoosh, (field, stems, boost)
                checked += 1
        # a quoted phrase of words that stand together in a text, which no thesaurus term is
        titles = [[t.text for t in DUTCH(d["title"])][:2] for d in relevance._version.docs.values()]
        title = next(t for t in titles if len(t) == 2 and ("title", tuple(t)) not in stats.phrases)
        query = Phrase("title", title)
        whoosh = {n: s for n, s in ctx.searcher.search(query, limit=None).items()}
        assert whoosh and ctx.scores(query) == whoosh
    assert checked > 100, checked
