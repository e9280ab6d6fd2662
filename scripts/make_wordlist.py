#!/usr/bin/env python3
"""Make the Dutch compound parts that search ships as package data, from OpenTaal's word lists.

    apt-get install wdutch hunspell-nl    # once, on a developer's machine (Debian: OpenTaal's lists)
    python scripts/make_wordlist.py

Writes plugins/watwerkt/search/data/opentaal-delen.txt.xz: one word a line, sorted, as
`word<TAB>flags`, where flag `b` means the form can begin a compound and `e` that it can end one.
Both come from OpenTaal's Hunspell dictionary (/usr/share/hunspell/nl.dic and nl.aff), which marks
every word that may take part in a compound (COMPOUNDBEGIN `Ca`, COMPOUNDEND `Cc`; the linking -s-
of "uitzettings-" is its suffix `Ch`/`Cd`): a form can begin a compound when it carries `Ca`, end
one when it is a form of a word that carries `Cc` (the word with its suffixes: plurals,
diminutives). The suffixes are expanded from nl.aff (one level; prefixes are not needed for
this). Only forms that are also in OpenTaal's plain word list (/usr/share/dict/nederlands, Debian's
`wdutch`) are kept, and those the dictionary marks as only occurring inside compounds ("kinder",
or "uitzettings" when its word "uitzetting" is in the plain list), lower case and purely alphabetic (the dictionary's "ĳ" ligature written "ij");
names, abbreviations and numbers are left out.

The licence (Debian's copyright file of both packages, the same text, which carries OpenTaal's
BSD / CC BY 3.0 licence) is copied to data/opentaal-LICENSE.txt. Development time only: search
never reads a system file at run time. The same sources give byte-identical output. Standard
library only.
"""

from __future__ import annotations

import argparse
import lzma
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "plugins" / "watwerkt" / "search" / "data"
OUT = DATA / "opentaal-delen.txt.xz"
LICENCE_OUT = DATA / "opentaal-LICENSE.txt"
_WORD = re.compile(r"[a-zà-öø-ÿ]+")
BEGIN, END, ONLY_IN_COMPOUND = "Ca", "Cc", "Cx"


def _flags(text: str) -> list[str]:
    """Flags of a `FLAG long` dictionary: two characters each."""
    return [text[i:i + 2] for i in range(0, len(text), 2)]


def read_suffixes(aff: Path) -> dict[str, list[tuple[str, str, list[str], re.Pattern]]]:
    """flag -> [(strip, add, continuation flags, condition on the word's end)]."""
    rules: dict[str, list] = defaultdict(list)
    for line in aff.read_text(encoding="utf-8").split("\n"):
        parts = line.split("#")[0].split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        add, _, cont = add.partition("/")
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        rules[flag].append((strip, add, _flags(cont), re.compile(f"(?:{cond})$")))
    return rules


def forms(dic: Path, suffixes) -> tuple[set[str], set[str], dict[str, str]]:
    """(forms that can begin a compound, forms that can end one, {form that only occurs inside
    compounds, like "uitzettings": its dictionary word}), before filtering."""
    begin: set[str] = set()
    end: set[str] = set()
    inside: dict[str, str] = {}
    for line in dic.read_text(encoding="utf-8").split("\n")[1:]:
        word, _, rest = line.partition("/")
        flags = _flags(rest.split()[0]) if rest.strip() else []
        word = word.split()[0] if word.strip() else ""
        if not word:
            continue
        ends = END in flags
        if BEGIN in flags:
            begin.add(word)
            if ONLY_IN_COMPOUND in flags:
                inside.setdefault(word, word)
        if ends:
            end.add(word)
        for flag in flags:
            for strip, add, cont, cond in suffixes.get(flag, ()):
                if not cond.search(word) or (strip and not word.endswith(strip)):
                    continue
                form = (word[:-len(strip)] if strip else word) + add
                if BEGIN in cont:
                    begin.add(form)
                    if ONLY_IN_COMPOUND in cont:
                        inside.setdefault(form, word)
                if ends:
                    end.add(form)
    return begin, end, inside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/nederlands"))
    parser.add_argument("--hunspell", type=Path, default=Path("/usr/share/hunspell/nl"),
                        help="path of nl.dic / nl.aff without the extension")
    parser.add_argument("--licence", type=Path, default=Path("/usr/share/doc/wdutch/copyright"))
    args = parser.parse_args(argv)
    plain = {w for w in args.words.read_text(encoding="utf-8").split("\n") if _WORD.fullmatch(w)}
    begin, end, inside = forms(args.hunspell.with_suffix(".dic"), read_suffixes(args.hunspell.with_suffix(".aff")))
    flags: dict[str, str] = defaultdict(str)
    for mark, found in (("b", begin), ("e", end)):
        for form in found:
            fixed = form.replace("ĳ", "ij")
            if not _WORD.fullmatch(fixed):
                continue
            root = inside.get(form)  # only inside compounds: kept when its word is a plain word
            if fixed in plain or (root is not None and (root == form or root.replace("ĳ", "ij") in plain)):
                if mark not in flags[fixed]:
                    flags[fixed] += mark
    lines = [f"{w}\t{flags[w]}" for w in sorted(flags)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # Fixed preset, nothing variable in the .xz container: the output is reproducible.
    OUT.write_bytes(lzma.compress(data, format=lzma.FORMAT_XZ, preset=9 | lzma.PRESET_EXTREME))
    shutil.copyfile(args.licence, LICENCE_OUT)
    nb = sum("b" in f for f in flags.values())
    ne = sum("e" in f for f in flags.values())
    print(f"{len(flags)} forms ({nb} can begin, {ne} can end a compound), {len(data)} bytes -> "
          f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
