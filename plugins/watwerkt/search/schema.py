"""The Whoosh schema of an index version, and the query weight of each text field."""

from __future__ import annotations

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.scoring import BM25F

from .analysis import DUTCH

# Field name -> query boost. The title weighs most; the editors' also-known-as terms (zoektermen)
# come next: an editor wrote them for exactly this, but a term names a dossier or one of its elements.
# `thesaurus` holds the other labels of the thesaurus concepts the text names (labels.py): it finds
# a dossier where the query word is an everyday label the query's own expansion does not reach (a
# concept's terms beyond ALTERNATIVES_MAX, a word of a longer label). Its weight stays below
# 1 - SYNONYM_BOOST (0.3), so a dossier with the query word itself stays above one with a synonym
# (whose field then holds the query word); 0.15-0.7 measured alike on the seen sets (decisions.md).
FIELD_BOOSTS = {
    "title": 3.0, "zoektermen": 2.0, "summary": 1.5, "tags": 1.5, "elements": 1.0,
    "sections": 1.0, "examples": 0.8, "literature": 0.5, "thesaurus": 0.25,
}
# The fields of the dossier's own text: all but `thesaurus`. The thesaurus alternatives of a query
# word are looked up only there: in `thesaurus` each of up to 16 alternatives would match the same
# concept again and their scores would add up (a passing mention of two words then outranked a
# dossier about one of them); and "found only through the thesaurus" means: in none of these.
TEXT_BOOSTS = {f: b for f, b in FIELD_BOOSTS.items() if f != "thesaurus"}
# BM25's length normalisation per field where it must differ from Whoosh's B = 0.75. Most dossiers have
# no zoektermen, so that field's average length is near 0 and one term would count as a field many times
# longer than average: its score would sink below a single mention in the text. Terms are aliases, each
# on its own: a dossier with more of them is not "longer".
FIELD_B = {"zoektermen": 0.0}


def weighting() -> BM25F:
    """The scoring of every searcher on an index version (search/scoring.py computes the same)."""
    return BM25F(**{f"{name}_B": b for name, b in FIELD_B.items()})


def schema() -> Schema:
    """The fields of one index document (see documents.py). Whoosh pickles this schema, with
    the tokenizer classes by module path, into the index: moving them needs a new INDEX_VERSION."""
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
        zoektermen=TEXT(**text),
        thesaurus=TEXT(**text),
        url=STORED(),
        version=STORED(),
        facets=STORED(),
        text=STORED(),
    )
