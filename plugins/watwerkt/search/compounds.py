"""Dutch compounds and protected stems, from data shipped with the package (never a system file).

`data/opentaal-delen.txt.xz` lists the forms that may begin (`b`) or end (`e`) a compound, made by
scripts/make_wordlist.py from OpenTaal's word lists (its Hunspell dictionary marks every word that
takes part in compounds, with the linking -s- forms such as "uitzettings"; only forms that are
also in OpenTaal's plain word list are kept). Licence: data/opentaal-LICENSE.txt (BSD or CC BY 3.0).
`data/analyse.yml` holds our own rules: stems the stemmer must not produce (protected words) and
words never split. Both are part of the index version (`ANALYSIS_DIGEST`): a changed list rebuilds
the index, and an index made with other lists is not opened.

A word is split only when it is at least 8 letters, both parts are forms of at least 4 letters
that OpenTaal allows at that place of a compound, neither is a stop word or on the `not_last`
list, and the word is not listed in `never_split`. Every such split counts ("jeugdwerkloosheid":
jeugd + werkloosheid and jeugdwerk + loosheid), and the parts are split again, so the index has
every part; a query uses the split with the longest last part (the head of a Dutch compound).
"""

from __future__ import annotations

import functools
import hashlib
import lzma
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
PARTS_FILE = DATA / "opentaal-delen.txt.xz"
RULES_FILE = DATA / "analyse.yml"
MIN_WORD = 8
MIN_PART = 4
MAX_DEPTH = 3  # parts of parts of parts


@dataclass(frozen=True)
class Rules:
    protected: dict[str, str]  # folded word -> its stem
    never_split: frozenset[str]
    not_last: frozenset[str]


def _raw(path: Path) -> bytes:
    return path.read_bytes()


ANALYSIS_DIGEST = hashlib.sha256(
    b"watwerkt-analysis-1\0" + _raw(PARTS_FILE) + b"\0" + _raw(RULES_FILE)).hexdigest()


@functools.cache
def rules() -> Rules:
    from .analysis import fold

    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")) or {}
    protected = {fold(str(k)): fold(str(v)) for k, v in (data.get("protected") or {}).items()}
    return Rules(protected, frozenset(fold(w) for w in data.get("never_split") or ()),
                 frozenset(fold(w) for w in data.get("not_last") or ()))


@functools.cache
def _parts_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(forms that can begin a compound, forms that can end one), accents folded."""
    from .analysis import fold

    begin, end = set(), set()
    for line in lzma.decompress(PARTS_FILE.read_bytes()).decode("utf-8").split("\n"):
        word, _, flags = line.partition("\t")
        if not word:
            continue
        word = fold(word)
        if "b" in flags:
            begin.add(word)
        if "e" in flags:
            end.add(word)
    return frozenset(begin), frozenset(end)


def known_form(word: str) -> bool:
    """Whether a folded word is a form OpenTaal allows in a compound."""
    begin, end = _parts_lists()
    return word in begin or word in end


def _ok(part: str, allowed: frozenset[str], stops: frozenset[str]) -> bool:
    return len(part) >= MIN_PART and part in allowed and part not in stops


@functools.lru_cache(maxsize=200_000)
def splits(word: str) -> tuple[tuple[str, str], ...]:
    """Every (first, last) split of a folded word into two known parts, longest last part first."""
    from .analysis import STOPWORDS

    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    rule = rules()
    if word in rule.never_split:
        return ()
    begin, end = _parts_lists()
    found = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        first, last = word[:i], word[i:]
        if last in rule.not_last or not _ok(last, end, STOPWORDS) or not _ok(first, begin, STOPWORDS):
            continue
        found.append((first, last))
    return tuple(found)


def link_free(first: str) -> str:
    """A first part without its linking -s- ("uitzettings" -> "uitzetting") when that is a form."""
    if first.endswith("s") and known_form(first[:-1]):
        return first[:-1]
    return first


@functools.lru_cache(maxsize=200_000)
def all_parts(word: str, depth: int = MAX_DEPTH) -> tuple[str, ...]:
    """Every part of every split of a folded word, the parts split again (in order found); first
    parts without their linking -s-."""
    out: dict[str, None] = {}
    for first, last in splits(word):
        for part in (link_free(first), last):
            out[part] = None
            if depth > 1:
                out.update(dict.fromkeys(all_parts(part, depth - 1)))
    out.pop(word, None)
    return tuple(out)


def query_parts(word: str) -> tuple[str, ...]:
    """The parts a query word is searched as: its split with the longest last part (the first
    part without its linking -s-), or ()."""
    found = splits(word)
    return (link_free(found[0][0]), found[0][1]) if found else ()
