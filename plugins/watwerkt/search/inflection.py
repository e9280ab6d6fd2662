"""Past participles as their verb: "gepest" finds "pesten", "ingeburgerd" "inburgeren",
"verslaafden" "verslaven" (and so "verslaving", which has the same stem).

Snowball's Dutch stemmer (the original, kept for the reasons in docs/benchmarks.md) leaves the
participle's ge- and its final -d/-t in place, so "gepest" and "pesten" never meet. This module
turns a participle into the infinitives it can come from, by the spelling rules of regular
verbs; the caller keeps only the stems the index has. It is used for query words that match
nothing through their own forms (expansion.word_unit), so a word that occurs in the texts keeps
exactly its own results."""

from __future__ import annotations

# Separable prefixes put ge- after themselves: in-ge-burgerd, op-ge-lost, uit-ge-sloten.
SEPARABLE = ("aan", "achter", "af", "bij", "binnen", "buiten", "door", "in", "mee", "na", "om", "onder",
             "op", "over", "samen", "tegen", "terug", "thuis", "toe", "uit", "vast", "voor", "weg")
INSEPARABLE = ("be", "er", "ge", "her", "ont", "ver")
VOWELS = "aeiouy"
VOICED = {"f": "v", "s": "z"}  # f/s before a vowel: "verslaaf" -> "verslaven", "reis" -> "reizen"
MIN_ROOT = 4  # "wel" (from "gewelt", a misspelt "geweld") would find every text


def _infinitives(root: str) -> list[str]:
    """The infinitives whose stem (infinitive minus -en) is spelled `root` before -en:
    "discrimineer" -> "discrimineren" (a long vowel is written single in an open syllable),
    "verslaaf" -> "verslaven" (f/s before a vowel become v/z), "los" -> "lossen" (a short vowel
    doubles the consonant), "pest" -> "pesten"."""
    out = [root + "en"]
    if len(root) >= 3 and root[-1] not in VOWELS:
        vowel, last = root[-3:-1], root[-1]
        if vowel[0] == vowel[1] and vowel[0] in "aeou":  # long vowel + consonant: undouble
            open_root = root[:-2] + last
            out.append(open_root + "en")
            if last in VOICED:
                out.append(open_root[:-1] + VOICED[last] + "en")
        elif last in VOICED and root[-2] in VOWELS and root[-3] in VOWELS:  # "ie", "eu", "ui", "ou" + f/s
            out.append(root[:-1] + VOICED[last] + "en")
        elif root[-2] in VOWELS and root[-3] not in VOWELS:  # short vowel + consonant: doubled
            out.append(root + last + "en")
    return out


def participle_infinitives(word: str) -> list[str]:
    """Candidate infinitives of a (folded, lower-case) past participle, also as an adjective or a
    plural noun ("gepeste", "verslaafden"); [] for a word that cannot be one. Over-generates on
    purpose: only the infinitives whose stems the index knows are searched."""
    if not word.isalpha():
        return []
    bases = [word]
    for ending in ("en", "e"):
        if word.endswith(ending) and word[:-len(ending)].endswith(("d", "t")):
            bases.append(word[:-len(ending)])
    out: list[str] = []
    for base in bases:
        if not base.endswith(("d", "t")):
            continue
        # The participle adds -d/-t to the root, except to a root that ends in one ("gepest").
        for body in (base[:-1], base):
            # be-, ver-, ont-, her-, er-, ge- verbs add no ge- ("betaald", "verslaafd"); other
            # words do, so "vaakt" (a misspelt "raakt") is no participle of "vaken"
            roots = [body] if body.startswith(INSEPARABLE) else []
            if body.startswith("ge"):
                roots.append(body[2:])
            roots += [p + body[len(p) + 2:] for p in SEPARABLE if body.startswith(p + "ge")]
            for root in roots:
                if len(root) >= MIN_ROOT and any(c in VOWELS for c in root):
                    out += _infinitives(root)
    return list(dict.fromkeys(w for w in out if w != word))
