"""The judged relevance set (tests/fixtures/relevance/) is well-formed, and search keeps a floor on it.

The full comparison (ours against Material's quick search) is scripts/eval_search.py; this test
only guards the data and a regression floor for what the thesaurus and stemming are for.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter

import pytest
import yaml

from conftest import FIXTURES, ROOT, TODAY
from watwerkt.model.settings import load_settings
from watwerkt.check import check
from watwerkt.search import build_index, open_index

RELEVANCE = FIXTURES / "relevance"
CORPUS = RELEVANCE / "dossiers"
CATEGORIES = {"inflection", "compound", "derivation", "synonym", "typo", "sentence"}


def _queries() -> list[dict]:
    with open(RELEVANCE / "queries.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["queries"]


@pytest.fixture(scope="module")
def corpus():
    result = check([CORPUS], load_settings(None), TODAY, base=RELEVANCE)
    return result


def test_corpus_passes_check_and_is_marked_as_test_data(corpus):
    assert corpus.errors == [], "\n".join(f"{p.path}:{p.line} {p.code} {p.message}" for p in corpus.errors)
    assert corpus.warnings == []
    dossiers = corpus.valid_dossiers()
    assert 20 <= len(dossiers) <= 40
    for d in dossiers:
        assert d.title.startswith("[TESTDATA]"), d.slug
        assert (d.folder / "dossier.yml").read_text(encoding="utf-8").startswith("# TESTDATA"), d.slug
    assert "test data" in (RELEVANCE / "README.md").read_text(encoding="utf-8").lower()


def test_query_set_is_well_formed(corpus):
    queries = _queries()
    assert len(queries) >= 40
    ids = [q["id"] for q in queries]
    assert len(ids) == len(set(ids)), "duplicate query ids"
    texts = [q["q"].strip().lower() for q in queries]
    assert len(texts) == len(set(texts)), "duplicate query texts"
    per_category = Counter(q["category"] for q in queries)
    assert set(per_category) == CATEGORIES
    assert all(n >= 6 for n in per_category.values()), per_category
    slugs = {d.slug for d in corpus.valid_dossiers()}
    for q in queries:
        assert set(q) == {"id", "q", "category", "judgments"}, q["id"]
        assert isinstance(q["q"], str) and q["q"].strip(), q["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", q["id"]), q["id"]
        judgments = q["judgments"]
        assert judgments, f"{q['id']}: no judgments"
        assert set(judgments) <= slugs, f"{q['id']}: unknown slugs {set(judgments) - slugs}"
        assert all(isinstance(g, int) and 0 <= g <= 3 for g in judgments.values()), q["id"]
        assert max(judgments.values()) >= 2, f"{q['id']}: no clearly relevant dossier"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_search", ROOT / "scripts" / "eval_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_metrics():
    ev = _eval_module()
    judgments = {"a": 3, "b": 1}
    assert ev.ndcg(["a", "b"], judgments) == pytest.approx(1.0)
    assert ev.ndcg(["x", "a"], judgments) < 1.0
    assert ev.ndcg([], judgments) == 0.0
    assert ev.reciprocal_rank(["b", "x", "a"], judgments) == pytest.approx(1 / 3)  # b is only grade 1
    assert ev.reciprocal_rank(["x"] * 10 + ["a"], judgments) == 0.0  # beyond the cut-off


# Regression floor: MRR@10 of our search, per category, on this set; the Dutch analysis, the
# thesaurus and compound splitting exist for these categories. Measured 2026-11-26 at 00:04 UTC
# (docs/benchmarks.md, "Search"): 1.000 for all three (at 23:40 UTC, before compound splitting and
# the larger thesaurus: compound 0.222, derivation 0.667, synonym 0.636).
FLOORS = {"compound": 0.5, "derivation": 0.5, "synonym": 0.5}


@pytest.fixture(scope="module")
def our_rankings(corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("relevance-index")
    build_index(corpus.valid_dossiers(), load_settings(None), root)
    index = open_index(root)
    try:
        return {q["id"]: [h.slug for h in index.search(q["q"], page_size=10).hits] for q in _queries()}
    finally:
        getattr(index, "close", lambda: None)()


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_mrr_floor(category, our_rankings):
    ev = _eval_module()
    queries = [q for q in _queries() if q["category"] == category]
    mrr = sum(ev.reciprocal_rank(our_rankings[q["id"]], q["judgments"]) for q in queries) / len(queries)
    assert mrr > FLOORS[category], f"MRR@10 for {category} is {mrr:.3f}"
