#!/usr/bin/env python3
"""How often "Bedoelde u ...?" restores a misspelt word: seeded one-edit misspellings of indexed words.

    .venv/bin/python scripts/bench_spelling.py [--corpus DOSSIERS_DIR] [--count 200] [--seed 1]

The corpus (default: tests/fixtures/relevance/dossiers) is indexed into a temporary folder. Its
indexed words are those of the index's spelling field (every word of a dossier's title, text,
tags and literature, lower case, as documents.py writes it); `count` distinct words of 5 or more
letters (not numbers, not stop words) are drawn with a seeded generator, and each gets one edit:
a letter left out, added, replaced, or two neighbours swapped (equally likely; never the result of
another indexed word, which would not be a misspelling to the engine). Each misspelling is
searched on its own; it counts as restored when the suggestion is exactly the original word.
Prints the share restored and the misses; exit 0 whatever the figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import string
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from watwerkt.check import check  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.search import build_index, open_index  # noqa: E402
from watwerkt.search.analysis import STOPWORDS, fold  # noqa: E402
from watwerkt.search.documents import document  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "relevance" / "dossiers"
TODAY = dt.date(2026, 6, 1)
_WORD = re.compile(r"\w+")
LETTERS = string.ascii_lowercase


def indexed_words(dossiers) -> set[str]:
    """The words of the spelling field of the index of these dossiers."""
    out: set[str] = set()
    for d in dossiers:
        if d.public:
            out.update(w.lower() for w in _WORD.findall(document(d)["words"]))
    return out


def one_edit(word: str, rng: random.Random) -> str:
    kind = rng.choice(("delete", "insert", "replace", "swap"))
    i = rng.randrange(len(word))
    if kind == "delete":
        return word[:i] + word[i + 1:]
    if kind == "insert":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "replace":
        return word[:i] + rng.choice([c for c in LETTERS if c != word[i]]) + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def misspellings(words: set[str], count: int, seed: int) -> list[tuple[str, str]]:
    """(word, misspelling) pairs: `count` distinct indexed words, each with one seeded edit."""
    rng = random.Random(seed)
    pool = sorted(w for w in words if len(w) >= 5 and w.isalpha() and fold(w) not in STOPWORDS)
    rng.shuffle(pool)
    out = []
    for word in pool:
        for _ in range(10):
            wrong = one_edit(word, rng)
            if wrong != word and wrong not in words:
                out.append((word, wrong))
                break
        if len(out) == count:
            break
    return out


def measure(corpus: Path = CORPUS, count: int = 200, seed: int = 1) -> tuple[int, list[tuple[str, str, str | None]]]:
    """(number restored, every (word, misspelling, suggestion))."""
    settings = load_settings(None)
    dossiers = check([corpus], settings, TODAY, base=corpus.parent).valid_dossiers()
    pairs = misspellings(indexed_words(dossiers), count, seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="watwerkt-spelling-") as tmp:
        build_index(dossiers, settings, Path(tmp))
        index = open_index(Path(tmp))
        try:
            for word, wrong in pairs:
                rows.append((word, wrong, index.search(wrong, page_size=1).suggestion))
        finally:
            index.close()
    return sum(1 for word, _, sug in rows if sug == word), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    restored, rows = measure(args.corpus, args.count, args.seed)
    print(f"{restored} of {len(rows)} one-edit misspellings restored by the suggestion "
          f"({restored / max(1, len(rows)):.1%}; seed {args.seed}, corpus {args.corpus})")
    for word, wrong, sug in rows:
        if sug != word:
            print(f"  {wrong!r:<24} suggestion {sug!r:<24} word {word!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
