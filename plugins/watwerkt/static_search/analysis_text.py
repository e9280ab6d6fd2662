"""The hidden text of a record: our Dutch analysis as words Pagefind can match.

Pagefind only knows the words of a record (with its own stemmer). What the search service adds
at index time is written out as words here, with the service's own code (search/analysis.py,
search/compounds.py, search/expansion.py): the compound parts of every word of the text, so a part
that only occurs inside longer words ("uitzetting" in "huisuitzetting") is found; and the other
labels of every thesaurus group one of whose labels the text contains, so a synonym finds the
dossier (the service expands the query instead; a static bundle can only expand the document).
"""

from __future__ import annotations

import re

from watwerkt.search import compounds
from watwerkt.search.analysis import MATCH, STOPWORDS, fold, match_stems
from watwerkt.search.expansion import SYNONYM_BOOST, compile_thesaurus

_WORD = re.compile(r"\w+")
MAX_PARTS = 2_000  # a long dossier's distinct parts; bounds the record, not the analysis


def compound_parts(text: str) -> list[str]:
    """Distinct compound parts (folded) of the words of `text`, in order of first occurrence,
    without the words the text itself contains and without stop words."""
    distinct = dict.fromkeys(map(fold, dict.fromkeys(_WORD.findall(text))))  # each word folded once
    words = distinct.keys()
    out: dict[str, None] = {}
    for word in distinct:
        for part in compounds.all_parts(word):
            if part not in words and part not in STOPWORDS:
                out[part] = None
        if len(out) >= MAX_PARTS:
            break
    return list(out)[:MAX_PARTS]


class Thesaurus:
    """The loaded thesaurus (search/thesaurus.py's stored form), compiled as the service compiles
    it, then turned round for the document side: the service expands a query for a concept to
    its other terms and to its narrower concepts' terms; here a text with a term gets the other
    terms of its concept and the terms of the broader concepts (so a query for the broader one
    finds it, as in the service, and a query for a narrower one does not find the broader's)."""

    def __init__(self, stored):
        compiled, longest = compile_thesaurus(stored)
        entries: dict[tuple[str, ...], list[str]] = {
            key: [term for term, boost in alts if boost == SYNONYM_BOOST] for key, alts in compiled.items()}
        groups = stored.get("groups", [])
        for broader, narrower in stored.get("narrower", []):
            for term in groups[narrower]:
                key = tuple(t.text for t in MATCH(term))
                if key:
                    entries.setdefault(key, []).extend(groups[broader])
        self.entries = {k: list(dict.fromkeys(v)) for k, v in entries.items() if v}
        self.longest = max([longest, *(len(k) for k in self.entries)])
        self.firsts = {k[0] for k in self.entries}  # most words start no entry: skipped at once

    def labels_for(self, text: str) -> list[str]:
        """The other labels of every group one of whose labels occurs in `text` (matched on the
        service's MATCH stems, stop words kept, longest entry first)."""
        stems = match_stems(text)
        found: dict[str, None] = {}
        firsts, size = self.firsts, len(stems)
        # Entries may overlap, so every position that starts one is tried (most start none).
        for i in [i for i, stem in enumerate(stems) if stem in firsts]:
            for n in range(min(self.longest, size - i), 0, -1):
                alts = self.entries.get(tuple(stems[i:i + n]))
                if alts and not (n == 1 and stems[i] in STOPWORDS):
                    found.update(dict.fromkeys(alts))
                    break
        return list(found)
