""""Bedoelde u ...?": a corrected whole query for words that match nothing; and which words did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh.support.charset import accent_map

from .analysis import STOPWORDS, first_stem
from .expansion import Unit, unit_docs

if TYPE_CHECKING:
    from .version import SearchContext


def _known(ctx: SearchContext, unit: Unit) -> bool:
    """Whether the unit matches through the typed word itself, its synonyms, prefix or compound parts."""
    if unit.core is None:
        return bool(unit_docs(ctx, unit))
    if unit.core_docs is None:
        unit.core_docs = ctx.docset(unit.core)
    return bool(unit.core_docs)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a letter left out, added or replaced, or two
    neighbours swapped, each counts 1 ("ebter" is 1 from "beter")."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def correction(ctx: SearchContext, word: str) -> str | None:
    """The indexed word a misspelling most likely stands for: Whoosh's candidates within one edit
    (any letter) or two (first letter kept), ranked by our edit distance (a swap is one edit),
    then by how many dossiers have the word; never a stop word."""
    words = ctx.version.words
    found = set(ctx.correct(word, 30, 1, 0)) | set(ctx.correct(word, 30, 2, 1))
    ranked = sorted((edit_distance(word, c), -words.doc_frequency(c), c) for c in found
                    if c != word and c.translate(accent_map) not in STOPWORDS)
    return ranked[0][2] if ranked and ranked[0][0] <= 2 else None


def suggest(ctx: SearchContext, q: str, units: list[Unit]) -> str | None:
    """A corrected query for words that are not in the index, or None.

    A word that occurs in some dossier is never replaced. A word that matches nothing through its
    own forms gets its likeliest correction; one that does match (through its stem, prefix or
    compound parts) only a correction within one edit that keeps those results: with the same
    stem, or one the word is the start of ("vriende" -> "vrienden", "welzijnswer" ->
    "welzijnswerk"). So "Bedoelde u" never leads away from results the typed word has."""
    words = ctx.version.words
    replacements: list[tuple[int, int, str]] = []
    for unit in units:
        known = _known(ctx, unit)
        for tok in unit.tokens:
            word = tok.surface.lower()
            if len(word) < 3 or word.isdigit() or words.doc_frequency(word):
                continue
            fix = correction(ctx, word)
            if fix is None:
                continue
            if known and not (edit_distance(word, fix) == 1
                              and (first_stem(fix) == tok.stem or fix.startswith(word))):
                continue
            replacements.append((tok.start, tok.end, fix))
    if not replacements:
        return None
    out, last = [], 0
    for start, end, word in sorted(replacements):
        if start < last:
            continue
        out += [q[last:start], word]
        last = end
    out.append(q[last:])
    suggestion = " ".join("".join(out).split())
    return suggestion if suggestion.casefold() != " ".join(q.split()).casefold() else None


def not_found(ctx: SearchContext, units: list[Unit]) -> list[str]:
    """The query words (a phrase as a whole) that match no dossier at all, not even through a
    corrected spelling or a compound's parts: shown as "niet gevonden", never dropped silently."""
    out: list[str] = []
    for unit in units:
        if not unit_docs(ctx, unit):
            words = " ".join(t.surface for t in unit.tokens)
            if words and words not in out:
                out.append(words)
    return out
