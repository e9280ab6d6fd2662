"""The thesaurus turned round for the document side: the labels a dossier's text implies.

The service expands a query for a concept to its other terms; a static bundle cannot, so it adds
the other terms to the document instead. The service's index does the same in a field of its own
(schema.FIELD_BOOSTS["thesaurus"]): a query word that only a thesaurus label of a dossier holds
(an everyday word for what the text names formally) then still finds it, where query expansion
alone only reaches words whose concept the thesaurus links to the text's own words both ways.
"""

from __future__ import annotations

from .analysis import MATCH, STOPWORDS, match_stems
from .expansion import SYNONYM_BOOST, compile_thesaurus


class ThesaurusLabels:
    """The loaded thesaurus (search/thesaurus.py's stored form), compiled as the service compiles
    it, then turned round for the document side: the service expands a query for a concept to
    its other terms and to its narrower concepts' terms; here a text with a term gets the other
    terms of its concept and, with `broader`, the terms of the broader concepts (so a query for
    the broader one finds it, and a query for a narrower one does not find the broader's). The
    static search needs `broader`; the service's index does not, as its query expansion already
    reaches the narrower concepts (a second way there would rank them above the query's synonyms)."""

    def __init__(self, stored, broader: bool = True):
        compiled, longest = compile_thesaurus(stored)
        entries: dict[tuple[str, ...], list[str]] = {
            key: [term for term, boost in alts if boost == SYNONYM_BOOST] for key, alts in compiled.items()}
        groups = stored.get("groups", [])
        for wider, narrower in stored.get("narrower", []) if broader else ():
            for term in groups[narrower]:
                key = tuple(t.text for t in MATCH(term))
                if key:
                    entries.setdefault(key, []).extend(groups[wider])
        # a lone stop word is no entry ("de" starts many terms but names nothing on its own)
        self.entries = {k: list(dict.fromkeys(v)) for k, v in entries.items()
                        if v and not (len(k) == 1 and k[0] in STOPWORDS)}
        # The entry lengths per first stem, longest first: a position tries only those (most
        # words start no entry at all). Tried n by n, this loop was most of an index build.
        lengths: dict[str, set[int]] = {}
        for k in self.entries:
            lengths.setdefault(k[0], set()).add(len(k))
        self.lengths = {first: sorted(ns, reverse=True) for first, ns in lengths.items()}

    def labels_for(self, text: str) -> list[str]:
        """The other labels of every group one of whose labels occurs in `text` (matched on the
        service's MATCH stems, stop words kept, longest entry first)."""
        stems = match_stems(text)
        found: dict[str, None] = {}
        entries, lengths, size = self.entries, self.lengths, len(stems)
        # Entries may overlap, so every position that starts one is tried.
        for i, stem in enumerate(stems):
            for n in lengths.get(stem, ()):
                alts = entries.get(tuple(stems[i:i + n])) if i + n <= size else None
                if alts:
                    found.update(dict.fromkeys(alts))
                    break
        return list(found)
