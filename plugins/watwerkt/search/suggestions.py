""""Bedoelde u ...?": a corrected whole query for unknown words, or for rare spellings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh.support.charset import accent_map

from .analysis import STOPWORDS
from .expansion import Unit, unit_docs

if TYPE_CHECKING:
    from .version import SearchContext

FEW_RESULTS = 3


def _known(ctx: SearchContext, unit: Unit) -> bool:
    """Whether the unit matches through the typed word itself, its synonyms or prefix."""
    if unit.core is None:
        return bool(unit_docs(ctx, unit))
    if unit.core_docs is None:
        unit.core_docs = ctx.docset(unit.core)
    return bool(unit.core_docs)


def suggest(ctx: SearchContext, q: str, units: list[Unit], total: int) -> str | None:
    """A corrected query for unknown words, or, when results are few, for rarer spellings."""
    reader = ctx.reader
    replacements: list[tuple[int, int, str]] = []
    for unit in units:
        unknown = not _known(ctx, unit)
        if not unknown and total >= FEW_RESULTS:
            continue
        for tok in unit.tokens:
            word = tok.surface.lower()
            if len(word) < 3 or word.isdigit():
                continue
            own = reader.doc_frequency("words", word)
            if own and not unknown:
                # A rare known word next to a much more common one is likely a typo in the texts.
                if own > 1 or len(word) < 6:
                    continue
                better = ctx.correct(word, 1, 1, 0)
                if better and better[0] != word and reader.doc_frequency("words", better[0]) >= 3 * own:
                    replacements.append((tok.start, tok.end, better[0]))
            elif not own:
                for dist in (1, 2):
                    found = ctx.correct(word, 1, dist, 1)
                    if found and found[0] != word and found[0].translate(accent_map) not in STOPWORDS:
                        replacements.append((tok.start, tok.end, found[0]))
                        break
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
