"""Query expansion: query words as units of Whoosh queries (terms, phrases, thesaurus spans,
prefixes, spelling and compound fallbacks), decompounding, and compiling the thesaurus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh.query import And, Or, Phrase, Prefix, Term

from . import compounds
from .inflection import participle_infinitives
from .analysis import DUTCH, MATCH, STEM, STOPWORDS, first_stem, fold
from .query import split_query
from .schema import FIELD_BOOSTS, TEXT_BOOSTS

if TYPE_CHECKING:
    from .version import SearchContext

SYNONYM_BOOST = 0.7  # the other terms of a thesaurus concept
NARROWER_BOOST = 0.5  # the terms of a narrower concept (skos:broader), for a query on the broader one
PREFIX_BOOST = 0.3
FUZZY_BOOST = 0.5  # corrected spellings of a word that matches nothing
COMPOUND_BOOST = 0.6  # all parts of a compound ("huur" + "achterstand"), also in other words
COMPOUND_PART_BOOST = 0.3
INFLECTION_BOOST = 0.8  # the verb of a participle that matches nothing itself ("gepest" -> "pesten")
PREFIX_MIN_CHARS = 6  # "schuldhulp" also finds "schuldhulpverlening"; short words would find too much
PARTIAL_BOOST = 0.5  # times the alternative's boost: a word that is only part of a thesaurus term
# Alternatives a key gets, its own concepts' terms first: a broad concept with many narrower
# ones gave a key up to 81, which cost p95 (1.32x bare Whoosh; 1.18x with 16) and found nothing the first 16 do
# not (nDCG@10 on the four seen sets within 0.002 of all, with 16, 24 or 32).
ALTERNATIVES_MAX = 16
PARTIAL_MAX = 12  # alternatives a word gets that way; more cost time and find nothing new (measured)


@dataclass
class QueryToken:
    stem: str
    surface: str
    start: int
    end: int
    stop: bool


@dataclass
class Unit:
    query: object
    tokens: list[QueryToken]  # the query words it stands for (for suggestions)
    core: object = None  # the query without spelling and compound fallbacks
    docs: frozenset | None = None  # docnums matching `query`, computed once per search
    core_docs: frozenset | None = None  # docnums matching `core`


def compile_thesaurus(stored: dict) -> tuple[dict[tuple[str, ...], list[tuple[str, float]]], int]:
    """Token tuple of a term -> (other term, boost): first the other terms of every concept it
    is in (SYNONYM_BOOST), then the terms of the narrower concepts of those (NARROWER_BOOST),
    leaving out terms that contain all of the key's words; and the longest term. `stored` is
    search/thesaurus.py's stored form."""
    groups = stored.get("groups", [])
    out: dict[tuple[str, ...], list[tuple[str, float]]] = {}
    seen: dict[tuple[str, ...], set[str]] = {}
    keyed = [[tuple(t.text for t in MATCH(entry)) for entry in group] for group in groups]

    def add(key, entries, boost):
        alts, had = out.setdefault(key, []), seen.setdefault(key, set())
        for e, k in entries:
            # A term that holds every word of the key ("sociale innovatie" for "innovatie") can
            # only match where the key itself does: it adds no dossier, and as a phrase it costs
            # most of a search's time.
            if k != key and k and e not in had and not set(key) <= set(k):
                had.add(e)
                alts.append((e, boost))

    for group, keys in zip(groups, keyed):
        for key in keys:
            if key:
                add(key, zip(group, keys), SYNONYM_BOOST)
    for broader, narrower in stored.get("narrower", []):
        for key in keyed[broader]:
            if key:
                add(key, zip(groups[narrower], keyed[narrower]), NARROWER_BOOST)
    out = {k: v[:ALTERNATIVES_MAX] for k, v in out.items()}
    return out, max((len(k) for k in out), default=1)


def thesaurus_phrases(compiled: dict[tuple[str, ...], list[tuple[str, float]]]) -> list[tuple[str, ...]]:
    """The stems of every alternative of several words, as phrase_query makes its Phrase: the
    phrases a search may ask for, scored once per version (scoring.FieldStats.add_phrases)."""
    out: dict[tuple[str, ...], None] = {}
    for alternatives in compiled.values():
        for text, _ in alternatives:
            stems = tuple(t.text for t in DUTCH(text))
            if len(stems) > 1:
                out[stems] = None
    return list(out)


def compile_partial(compiled: dict[tuple[str, ...], list[tuple[str, float]]]) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    """Stem -> (stems of a term, boost) for a word that is no thesaurus term itself but a word of
    longer terms ("drink" in "overmatig drinken"): the other terms of those concepts, in thesaurus
    order, at most PARTIAL_MAX, with PARTIAL_BOOST applied. Only terms of one or two
    words without stop words (see _partial_alternatives). Analysed once per index version, so a
    search only looks the word up."""
    analysed: dict[str, tuple[str, ...] | None] = {}

    def stems_of(term: str) -> tuple[str, ...] | None:
        if term not in analysed:
            stems = tuple(t.text for t in DUTCH(term))
            analysed[term] = stems if 0 < len(stems) <= 2 and len(stems) == len(list(MATCH(term))) else None
        return analysed[term]

    out: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for key in compiled:
        if len(key) < 2:
            continue
        for stem in dict.fromkeys(key):
            if (stem,) in compiled or len(stem) < 2:  # "a" of "it takes a village" leads nowhere
                continue
            found = out.setdefault(stem, [])
            for term, boost in compiled[key]:
                stems = stems_of(term)
                # no de-duplication: a term reached through two longer terms counts twice
                if len(found) < PARTIAL_MAX and stems and stem not in stems:
                    found.append((stems, boost * PARTIAL_BOOST))
    return {stem: found for stem, found in out.items() if found}


def terms(stem: str, boost: float = 1.0, fields: dict[str, float] = FIELD_BOOSTS) -> list:
    return [Term(f, stem, boost=b * boost) for f, b in fields.items()]


def phrase_query(text: str, boost: float, alternative: bool = False) -> list:
    stems = [t.text for t in DUTCH(text)]
    if not stems:
        return []
    if alternative and len(stems) == 1 and len(list(MATCH(text))) > 1:
        return []  # "alleen zijn" leads to its group, but does not expand to plain "alleen"
    # an alternative in the dossier's own text only: see schema.TEXT_BOOSTS
    fields = TEXT_BOOSTS if alternative else FIELD_BOOSTS
    if len(stems) == 1:
        return terms(stems[0], boost, fields)
    return [Phrase(f, stems, boost=b * boost) for f, b in fields.items()]


def _alternatives(ctx: SearchContext, key: tuple[str, ...]) -> list:
    """Phrase queries for the other terms of the thesaurus concepts of `key` (and their narrower ones)."""
    parts: list = []
    for alt, boost in ctx.version.thesaurus.get(key, []):
        parts += phrase_query(alt, boost, alternative=True)
    return parts


def _partial_alternatives(ctx: SearchContext, stem: str) -> list:
    """For a word that is no thesaurus term itself but a word of longer terms ("drinken" in
    "overmatig drinken"): the other terms of those concepts (compile_partial). A term of two words
    counts when both occur (an And, which the scorer computes itself: a phrase would cost Whoosh's
    position checks for every such term); longer terms are left out."""
    parts: list = []
    for stems, boost in ctx.version.partial.get(stem, ()):
        if len(stems) == 1:
            parts += terms(stems[0], boost, TEXT_BOOSTS)
        else:
            parts.append(And([Or(terms(s, 1.0, TEXT_BOOSTS)) for s in stems], boost=boost))
    return parts


def compound_stems(folded: str) -> list[str]:
    """Stems of the parts of a compound query word, split with OpenTaal's list (compounds.py)."""
    stems = list(dict.fromkeys(STEM(p) for p in compounds.query_parts(folded)))
    return stems if len(stems) > 1 and STEM(folded) not in stems else []


def word_unit(ctx: SearchContext, tok: QueryToken) -> Unit:
    """A query word: its stem, thesaurus alternatives and (6+ letters) prefix; a compound also as
    all its parts (the index has the parts of its compounds too, so "huurachterstand" also finds
    "achterstand in de huur"); a participle that matches nothing as the verb it comes from; a word
    that is only part of longer thesaurus terms also as their concepts' other terms, at low weight;
    a word that still matches nothing also as its likely spellings and, at low weight, as each
    part on its own."""
    folded = fold(tok.surface)
    literal = terms(tok.stem)
    if len(folded) >= PREFIX_MIN_CHARS and folded.isalpha():
        literal += [Prefix(f, folded, boost=b * PREFIX_BOOST) for f, b in FIELD_BOOSTS.items()]
    parts = literal + _alternatives(ctx, (tok.stem,))
    own = Or(parts)
    own_docs = ctx.docset(own)
    if not own_docs:  # a participle: its verb's forms are the word's own ("gepest" is a form of "pesten")
        verbs = verb_stems(ctx, folded, tok.stem)
        if verbs:
            parts = parts + [t for s in verbs for t in terms(s, INFLECTION_BOOST)]  # a new list: `own` above is memoised
            own = Or(parts)
            own_docs = ctx.docset(own)
    partial = _partial_alternatives(ctx, tok.stem) if (tok.stem,) not in ctx.version.thesaurus else []
    if partial:  # after the participle rule: a word's own forms come before what a longer term suggests
        parts = parts + partial
        own = Or(parts)
        own_docs = ctx.docset(own)
    stems = compound_stems(folded)
    split = [And([Or(terms(s)) for s in stems], boost=COMPOUND_BOOST)] if stems else []
    if own_docs:
        if split:
            if not ctx.docset(Or([q for q in literal if q.fieldname in TEXT_BOOSTS])):
                # found only through the thesaurus: the parts on their own still count, as for a
                # word that matches nothing ("armoedebeleid" also finds texts on "armoede")
                split += [t for s in stems for t in terms(s, COMPOUND_PART_BOOST)]
            return Unit(Or(parts + split), [tok], own, core_docs=own_docs)
        return Unit(own, [tok], own, docs=own_docs, core_docs=own_docs)
    extra = split + fallbacks(ctx, tok.surface.lower(), folded, stems)
    if extra:
        return Unit(Or(parts + extra), [tok], own, core_docs=own_docs)
    return Unit(own, [tok], own, docs=own_docs, core_docs=own_docs)


def verb_stems(ctx: SearchContext, folded: str, stem: str) -> list[str]:
    """Stems of the infinitives a participle can come from that the index has (inflection.py)."""
    out: list[str] = []
    for verb in participle_infinitives(folded):
        s = STEM(verb)
        if s and s != stem and s not in out and s not in STOPWORDS and ctx.known_stem(s):
            out.append(s)
    return out


def unit_docs(ctx: SearchContext, unit: Unit) -> frozenset:
    if unit.docs is None:
        unit.docs = ctx.docset(unit.query)
    return unit.docs


def fallbacks(ctx: SearchContext, word: str, folded: str, split: list[str] | None = None) -> list:
    """For a word that matches nothing: its likely spellings, and each part of a compound: the
    `split` of the word list, or else the parts the index knows (even when only one is)."""
    parts: list = []
    stems: list[str] = []
    if len(word) >= 5 and word.isalpha():
        for fix in ctx.correct(word, 3, 1 if len(word) < 8 else 2, 1):
            stem = first_stem(fix)
            if stem and stem not in stems:
                stems.append(stem)
        for stem in stems:
            parts += terms(stem, FUZZY_BOOST)
    bare = without_ending(folded)
    if bare:  # the word's start, as a Dutch reader would search it ("screenen" -> "screen*": screening)
        parts += [Prefix(f, bare, boost=b * PREFIX_BOOST) for f, b in TEXT_BOOSTS.items()]
    pieces = [p for p in (split or decompound(ctx, folded)) if p not in stems]
    if len(pieces) > 1 and not split:
        parts.append(And([Or(terms(p)) for p in pieces], boost=COMPOUND_BOOST))
    for piece in pieces:
        parts += terms(piece, COMPOUND_PART_BOOST)
    return parts


# Inflection and derivation endings, longest first. The stemmer leaves some forms apart (it undoubles
# "screen" to "scren", and protected words such as "screening" keep their ending), so a word that
# matches nothing is also searched as the start it has without its ending.
ENDINGS = ("schappen", "schap", "heden", "heid", "ingen", "ing", "ische", "isch", "ers", "er", "en", "e", "s")
BARE_MIN_CHARS = 5


def without_ending(folded: str) -> str | None:
    """`folded` without its first matching ending, if at least BARE_MIN_CHARS letters remain."""
    if not folded.isalpha():
        return None
    for end in ENDINGS:
        if folded.endswith(end) and len(folded) - len(end) >= BARE_MIN_CHARS:
            return folded[:-len(end)]
    return None


def decompound(ctx: SearchContext, word: str) -> list[str]:
    """Stems of the known parts of a Dutch compound (two parts, optional linking -s-/-e-/-en-)."""
    if len(word) < 8 or not word.isalpha():
        return []
    best: tuple = ()
    for i in range(4, len(word) - 3):
        right = word[i:]
        right_stem = first_stem(right)
        right_ok = len(right) >= 4 and bool(right_stem) and ctx.known_stem(right_stem)
        for left in {word[:i], word[:i - 1] if word[i - 1] in "se" else word[:i],
                     word[:i - 2] if word[i - 2:i] == "en" else word[:i]}:
            if len(left) < 4:
                continue
            left_stem = first_stem(left)
            left_ok = bool(left_stem) and ctx.known_stem(left_stem)
            found = [s for s, ok in ((left_stem, left_ok), (right_stem, right_ok)) if ok]
            if not found:
                continue
            score = (len(found), min(len(left), len(right)) if len(found) == 2 else max(map(len, found)))
            if not best or score > best[:2]:
                best = (*score, found)
    return list(best[2]) if best else []


def tokens(text: str, offset: int) -> list[QueryToken]:
    out = []
    for t in MATCH(text, chars=True):
        surface = text[t.startchar:t.endchar]
        out.append(QueryToken(t.text, surface, offset + t.startchar, offset + t.endchar, fold(surface) in STOPWORDS))
    return out


def units(ctx: SearchContext, q: str) -> list[Unit]:
    """The units of a query: a phrase, a thesaurus entry of several words, or one word."""
    thesaurus = ctx.version.thesaurus
    found: list[Unit] = []
    for seg in split_query(q):
        toks = tokens(seg.text, seg.start)
        if seg.phrase:
            content = [t for t in toks if not t.stop]
            if not content:
                continue
            parts = phrase_query(seg.text, 1.0) + _alternatives(ctx, tuple(t.stem for t in toks))
            found.append(Unit(Or(parts), content))
            continue
        i = 0
        while i < len(toks):
            span = None
            for n in range(min(ctx.version.max_entry, len(toks) - i), 1, -1):
                key = tuple(t.stem for t in toks[i:i + n])
                if key in thesaurus:
                    span = (n, key)
                    break
            if span:
                n, key = span
                words = [word_unit(ctx, t) for t in toks[i:i + n] if not t.stop]
                parts = [And([w.query for w in words])] if words else []
                parts += _alternatives(ctx, key)
                unit = Unit(Or(parts), [t for t in toks[i:i + n] if not t.stop])
                if words and not unit_docs(ctx, unit):
                    # Neither the words together nor the entry's other terms are in any text:
                    # the words count one by one, as if the thesaurus did not know them.
                    found += words
                else:
                    found.append(unit)
                i += n
                continue
            if not toks[i].stop:
                found.append(word_unit(ctx, toks[i]))
            i += 1
    # The same word twice adds nothing but weight.
    seen, unique = set(), []
    for u in found:
        key = repr(u.query)
        if key not in seen:
            seen.add(key)
            unique.append(u)
    return unique
