"""Words that exercise the static search: compound parts that occur only inside longer words.

Used by the byte-budget script and the browser tests, so neither retypes sample text: the word
comes from the records the bundle is built from."""

from __future__ import annotations

import re
from collections import Counter

from watwerkt.search.analysis import fold

_WORD = re.compile(r"\w+")


def inner_parts(records) -> list[tuple[str, int]]:
    """(part, number of records holding it as a hidden part) for every compound part of 5+ letters
    that no record has as a word of its readable text; most widespread first, then alphabetical."""
    words: set[str] = set()
    counts: Counter[str] = Counter()
    for r in records:
        words.update(fold(w) for w in _WORD.findall(r.readable))
        counts.update(set(r.parts))
    found = [(p, n) for p, n in counts.items() if p not in words and p.isalpha() and len(p) >= 5]
    return sorted(found, key=lambda item: (-item[1], item[0]))
