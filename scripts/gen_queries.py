#!/usr/bin/env python3
"""Seeded benchmark queries of 1-4 words, sampled by document frequency from a corpus.

    python scripts/gen_queries.py CORPUS_DIR --count 200 [--seed 1]   # prints one query a line

`sample_queries(texts, count, seed)` is what scripts/bench_search.py and
scripts/compare_revisions.py use. The vocabulary is every word (regex \\w+, lower case) of at least
3 letters that is not a number and not a Dutch stop word; each query word is drawn with a
probability proportional to its document frequency (the number of texts it occurs in), so common
words are typed most, as with real searches, and a rare word still turns up now and then. A query
has 1-4 words (uniformly), no word twice, and every query of the list is distinct: a benchmark over
it never measures a repeated query (no result-cache hits, no warmed per-query state).

Same texts, count and seed give the same list. Standard library only. Run as a script, it reads
the text files of CORPUS_DIR (*.yml and *.md, e.g. a corpus of scripts/gen_corpus.py).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

_WORD = re.compile(r"\w+")
# Whoosh's Dutch stop list (whoosh.lang.stopwords_for_language("nl")), copied so this stays stdlib-only.
DUTCH_STOPWORDS = frozenset("""
aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in
is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat
onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat
werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
""".split())


def document_frequencies(texts: list[str], stopwords: frozenset[str] = DUTCH_STOPWORDS) -> dict[str, int]:
    df: dict[str, int] = {}
    for text in texts:
        for word in set(_WORD.findall(text.lower())):
            if len(word) >= 3 and not any(ch.isdigit() for ch in word) and "_" not in word \
                    and word not in stopwords:
                df[word] = df.get(word, 0) + 1
    return df


def sample_queries(texts: list[str], count: int, seed: int = 1, max_words: int = 4,
                   stopwords: frozenset[str] = DUTCH_STOPWORDS) -> list[str]:
    """`count` distinct queries of 1..max_words words, words drawn by document frequency."""
    df = document_frequencies(texts, stopwords)
    vocabulary = sorted(df)
    weights = [df[w] for w in vocabulary]
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > 100 * count + 1000:
            raise ValueError(f"only {len(out)} distinct queries can be drawn from this corpus")
        n = rng.randint(1, max_words)
        words: list[str] = []
        while len(words) < min(n, len(vocabulary)):
            w = rng.choices(vocabulary, weights)[0]
            if w not in words:
                words.append(w)
        q = " ".join(words)
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for d in sorted(args.corpus.rglob("*")) if d.is_dir()
             for p in sorted(d.iterdir()) if p.suffix in (".yml", ".md")]
    for q in sample_queries(texts, args.count, args.seed):
        print(q)
    return 0


if __name__ == "__main__":
    sys.exit(main())
