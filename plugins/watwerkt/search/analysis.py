"""Dutch text analysis: stop words, the shared stemmer (with protected words), compound parts at
index time, the Whoosh chains and the fused tokenizers."""

from __future__ import annotations

import functools
import re
from collections import Counter

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

STOPWORDS = frozenset(w.translate(accent_map) for w in stopwords_for_language("nl"))


def fold(word: str) -> str:
    """Lower case without accents, as the Dutch analysers see a word before stemming."""
    return word.lower().translate(accent_map)


from . import compounds  # noqa: E402 - uses fold and STOPWORDS (lazily)

_SNOWBALL = stemmer_for_language("nl")


def _stem(word: str) -> str:
    """Snowball's Dutch stem, unless the word is protected (data/analyse.yml: over-stemming)."""
    return compounds.rules().protected.get(word) or _SNOWBALL(word)


# Searches run in several threads at once, and Whoosh's StemFilter wraps its stemmer in an LFU
# cache that is not thread-safe. Every analyser here therefore stems with this one shared
# functools.lru_cache (thread-safe) around the same stemmer, and nothing of it is pickled into the
# index schema (these chains never go into the schema).
STEM = functools.lru_cache(maxsize=200_000)(_stem)

# Calls in these modes also yield the stems of a word's compound parts, at the word's position and
# offsets: "index" (Whoosh indexing a field) and "snippet" (highlighting). Queries never do.
PARTS_MODES = frozenset({"index", "snippet"})


@functools.lru_cache(maxsize=200_000)
def part_stems(folded: str) -> tuple[str, ...]:
    """Stems of every compound part of a folded word (see compounds.py), without its own stem."""
    own = STEM(folded)
    out: dict[str, None] = {}
    for part in compounds.all_parts(folded):
        stem = STEM(part)
        if stem != own and part not in STOPWORDS:
            out[stem] = None
    return tuple(out)


class _StemAndParts(Filter):
    """StemFilter with the shared STEM; in PARTS_MODES also the compound parts' stems, each a token
    at the same position and offsets as the word."""

    def __call__(self, tokens):
        for t in tokens:
            if t.stopped:
                yield t
                continue
            folded = t.text
            t.text = STEM(folded)
            yield t
            if t.mode in PARTS_MODES:
                for stem in part_stems(folded):
                    t.text = stem
                    yield t


def _dutch_chain(stops: bool):
    """RegexTokenizer(\\w+) | LowercaseFilter | CharsetFilter(accent_map) [| StopFilter] | stemming
    with the shared STEM and compound parts (in PARTS_MODES)."""
    chain = RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
    if stops:
        chain = chain | StopFilter(stoplist=STOPWORDS, minsize=1)
    return chain | _StemAndParts()


_WORD_RE = re.compile(r"\w+")
_FUSED_CACHE: dict[str, tuple[str, bool, tuple[str, ...]]] = {}  # raw word -> (final text, is a stop word, part stems)
_FUSED_CACHE_MAX = 500_000


def _analyse(raw: str) -> tuple[str, bool, tuple[str, ...]]:
    """A raw word's (final text, is a stop word, part stems), put in the shared cache: called by
    the one-pass tokenizers only on a cache miss, so their loops stay inline."""
    folded = fold(raw)
    found = (folded, True, ()) if folded in STOPWORDS else (STEM(folded), False, part_stems(folded))
    if len(_FUSED_CACHE) >= _FUSED_CACHE_MAX:
        _FUSED_CACHE.clear()
    _FUSED_CACHE[raw] = found
    return found


class _FusedTokenizer(Tokenizer):
    """Base of the one-pass tokenizers: stateless (pickled into the index schema as nothing), and
    calls with tokenize=False go to the equivalent Whoosh chain `_fallback()`."""

    def __init__(self):
        pass

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        pass

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        # Returns the generator of `_tokens` (no generator of its own in between, for speed).
        if not tokenize:
            return self._fallback()(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                    removestops=removestops, start_pos=start_pos, start_char=start_char,
                                    tokenize=tokenize, mode=mode, **kwargs)
        return self._tokens(value, positions, chars, keeporiginal, removestops, start_pos, start_char,
                            mode, **kwargs)

    def _fallback(self):
        raise NotImplementedError

    def _tokens(self, value, positions, chars, keeporiginal, removestops, start_pos, start_char, mode,
                **kwargs):
        raise NotImplementedError


class _Dutch(_FusedTokenizer):
    """`_dutch_chain(stops=True)` in one pass, for speed: the same tokens (text, pos, chars,
    stopped) as RegexTokenizer(\\w+) | LowercaseFilter | CharsetFilter(accent_map) | StopFilter |
    stemming and compound parts, with a cache from the raw word to its result. Unusual calls go to
    that chain itself."""

    def _fallback(self):
        return _CHAIN

    def _tokens(self, value, positions, chars, keeporiginal, removestops, start_pos, start_char, mode,
                **kwargs):
        cache = _FUSED_CACHE
        with_parts = mode in PARTS_MODES
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = None
        for i, match in enumerate(_WORD_RE.finditer(value)):
            raw = match.group(0)
            found = cache.get(raw) or _analyse(raw)
            text, stop, parts = found
            if stop:
                if removestops:
                    continue
                t.stopped = True
                if positions:
                    t.pos = start_pos + i
            else:
                t.stopped = False
                if positions:
                    pos = start_pos + i if pos is None else pos + 1
                    t.pos = pos
            t.text = text
            t.boost = 1.0
            if keeporiginal:
                t.original = raw
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t
            if parts and with_parts and not stop:
                for part in parts:
                    t.text = part
                    yield t


_MATCH_CACHE: dict[str, str] = {}  # raw word -> its MATCH stem


def match_stems(value: str) -> list[str]:
    """The token texts MATCH gives for `value` (stop words kept and stemmed, no compound parts),
    without Token objects: the static index matches the thesaurus against every dossier's whole
    text. tests/test_search_dutch.py compares it with MATCH."""
    cache = _MATCH_CACHE
    words = _WORD_RE.findall(value)
    missing = set(words).difference(cache)
    if len(cache) + len(missing) > _FUSED_CACHE_MAX:
        cache.clear()
        missing = set(words)
    for raw in missing:
        cache[raw] = STEM(fold(raw))
    return list(map(cache.__getitem__, words))


def distinct_words(value: str) -> set[str]:
    """The distinct raw words (the tokenizer's \\w+ runs) of value."""
    return set(_WORD_RE.findall(value))


def word_texts(raw: str) -> tuple[str, ...]:
    """The token texts SNIP gives for one raw word in "snippet" mode with stop words kept: its
    text, then its compound parts' stems. Snippets look each distinct word of a text up once.
    tests/test_search_dutch.py compares it with SNIP."""
    found = _FUSED_CACHE.get(raw) or _analyse(raw)
    return (found[0], *found[2])


def word_counts(value: str) -> Counter[str]:
    """How often each token WORDS gives occurs in value (the words of the spelling table, which
    is not an index field, so no tokenizer runs for it)."""
    return Counter(map(str.lower, _WORD_RE.findall(value)))


_CHAIN = _dutch_chain(stops=True)

DUTCH = _Dutch()  # indexing and querying
MATCH = _dutch_chain(stops=False)  # thesaurus matching: keeps stop words ("alleen zijn")
WORDS = RegexTokenizer(r"\w+") | LowercaseFilter()  # spelling words: real words, accents kept
SNIP = DUTCH  # snippets


def first_stem(text: str) -> str:
    """The DUTCH stem of the first word of text that is not a stop word ("" when there is none)."""
    return next((t.text for t in DUTCH(text)), "")
