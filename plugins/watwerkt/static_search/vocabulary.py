"""The words of the bundle, for the frontend's spelling and compound fallbacks.

Pagefind cannot tell whether a query word occurs anywhere (it answers a misspelling with loose
prefix matches), and it cannot split a compound that no text contains. The service does both from
its index; the static site gets the same facts as small files: every word of 4+ letters of the
records' readable text and of their hidden analysis (folded, with the number of dossiers holding
it), one gzip file per first letter (`pagefind/woorden/<letter>.txt.gz`), so a query fetches only
the letters of its own words.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

from watwerkt.search.analysis import fold

FOLDER = "woorden"
MIN_CHARS = 4
_WORD = re.compile(r"[^\W\d_]+")


def shard_of(word: str) -> str:
    first = word[:1]
    return first if "a" <= first <= "z" else "_"


def counts(records) -> Counter[str]:
    """Folded word -> number of records that hold it (readable text, parts, thesaurus labels)."""
    found: Counter[str] = Counter()
    for r in records:
        words = set(map(fold, set(_WORD.findall(r.readable))))  # each distinct word folded once
        words.update(r.parts)
        words.update(fold(w) for label in r.labels for w in _WORD.findall(label))
        found.update(w for w in words if len(w) >= MIN_CHARS and w.isalpha())
    return found


def write(records, out: Path) -> int:
    """Write the shards into out/woorden/; returns the number of words."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shards: dict[str, list[str]] = {}
    found = counts(records)
    for word in sorted(found):
        shards.setdefault(shard_of(word), []).append(f"{word} {found[word]}")
    for key, lines in shards.items():
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (folder / f"{key}.txt.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return len(found)
