"""The hidden text of a record: our Dutch analysis as words Pagefind can match.

Pagefind only knows the words of a record (with its own stemmer). What the search service adds
at index time is written out as words here, with the service's own code (search/analysis.py,
search/compounds.py): the compound parts of every word of the text, so a part that only occurs
inside longer words ("uitzetting" in "huisuitzetting") is found. The other labels of every
thesaurus group one of whose labels the text contains come from search/labels.py, which the
service's index uses too.
"""

from __future__ import annotations

import re

from watwerkt.search import compounds
from watwerkt.search.analysis import STOPWORDS, fold

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
