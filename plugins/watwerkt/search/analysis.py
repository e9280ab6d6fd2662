"""Dutch text analysis: stop words, the shared stemmer, the Whoosh chains and the fused tokenizers."""

from __future__ import annotations

import functools
import re

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

STOPWORDS = frozenset(w.translate(accent_map) for w in stopwords_for_language("nl"))

# Searches run in several threads at once, and Whoosh's StemFilter wraps its stemmer in an LFU
# cache that is not thread-safe. Every analyser here therefore stems with this one shared
# functools.lru_cache (thread-safe) around the same Snowball stemmer: the stems are identical,
# and nothing of it is pickled into the index schema (these chains never go into the schema).
STEM = functools.lru_cache(maxsize=200_000)(stemmer_for_language("nl"))


def _dutch_chain(stops: bool):
    """RegexTokenizer(\\w+) | LowercaseFilter | CharsetFilter(accent_map) [| StopFilter] | StemFilter,
    the StemFilter using the shared STEM (cachesize=None: no cache of Whoosh's own on top)."""
    chain = RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
    if stops:
        chain = chain | StopFilter(stoplist=STOPWORDS, minsize=1)
    return chain | StemFilter(stemfn=STEM, cachesize=None)


def fold(word: str) -> str:
    """Lower case without accents, as the Dutch analysers see a word before stemming."""
    return word.lower().translate(accent_map)


_WORD_RE = re.compile(r"\w+")
_FUSED_CACHE: dict[str, tuple[str, bool]] = {}  # raw word -> (final text, is a stop word)
_FUSED_CACHE_MAX = 500_000


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
    StemFilter, with a cache from the raw word to its result. Unusual calls go to that chain itself."""

    def _fallback(self):
        return _CHAIN

    def _tokens(self, value, positions, chars, keeporiginal, removestops, start_pos, start_char, mode,
                **kwargs):
        cache = _FUSED_CACHE
        stem = STEM
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = None
        for i, match in enumerate(_WORD_RE.finditer(value)):
            raw = match.group(0)
            found = cache.get(raw)
            if found is None:
                folded = fold(raw)
                found = (folded, True) if folded in STOPWORDS else (stem(folded), False)
                if len(cache) >= _FUSED_CACHE_MAX:
                    cache.clear()
                cache[raw] = found
            text, stop = found
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


class _Words(_FusedTokenizer):
    """RegexTokenizer(\\w+) | LowercaseFilter in one pass (same tokens), for speed."""

    def _fallback(self):
        return _WORDS_CHAIN

    def _tokens(self, value, positions, chars, keeporiginal, removestops, start_pos, start_char, mode,
                **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, match in enumerate(_WORD_RE.finditer(value)):
            raw = match.group(0)
            t.text = raw.lower()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = raw
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


_CHAIN = _dutch_chain(stops=True)
_WORDS_CHAIN = RegexTokenizer(r"\w+") | LowercaseFilter()

DUTCH = _Dutch()  # indexing and querying
MATCH = _dutch_chain(stops=False)  # thesaurus matching: keeps stop words ("alleen zijn")
WORDS = _Words()  # spelling suggestions: real words, accents kept
SNIP = DUTCH  # snippets


def first_stem(text: str) -> str:
    """The DUTCH stem of the first word of text that is not a stop word ("" when there is none)."""
    return next((t.text for t in DUTCH(text)), "")
