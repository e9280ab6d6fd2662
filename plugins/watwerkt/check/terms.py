"""The rule for also-known-as terms (`zoektermen`): a term must add something to what search already has.

Empty, too long and too many are the loader's (WW108, WW107); here a term that repeats another term of
the same list, or the title it belongs to, is WW608. Case, accents and spacing do not count, as in search.
"""

from __future__ import annotations

from watwerkt.model.dossier import TITLE_PREFIX_RE, Dossier, Located
from watwerkt.model.problems import Problem
from watwerkt.model.slug import fold


def term_key(text: str) -> str:
    """What search sees of a term: 'Co-creatie ' and 'co-creatie' are the same term."""
    return " ".join(fold(text).split())


def _title_keys(title: str | None) -> set[str]:
    if not title:
        return set()
    return {term_key(title), term_key(TITLE_PREFIX_RE.sub("", title))} - {""}


def _check_list(owner: Located, terms: list[str], title: str | None, label: str) -> list[Problem]:
    out: list[Problem] = []
    titles = _title_keys(title)
    seen: dict[str, int] = {}
    for i, term in enumerate(terms):
        pos = owner.where_item("zoektermen", i)
        key = term_key(term)
        if key in titles:
            out.append(Problem(pos.path, pos.line, pos.col, "WW608",
                               f"zoekterm '{term}' van {label} herhaalt de titel",
                               "de titel vindt het zoeken al; noem hier andere woorden die lezers gebruiken, "
                               "of haal de zoekterm weg"))
        elif key in seen:
            first = owner.where_item("zoektermen", seen[key])
            out.append(Problem(pos.path, pos.line, pos.col, "WW608",
                               f"zoekterm '{term}' staat twee keer bij {label}",
                               f"eerste keer op regel {first.line}; hoofdletters en accenten tellen bij het "
                               "zoeken niet mee, dus haal er een weg"))
        else:
            seen[key] = i
    return out


def check_terms(d: Dossier) -> list[Problem]:
    out = _check_list(d, d.zoektermen, d.title, "het dossier")
    for element in d.effective_elements:
        out += _check_list(element, element.zoektermen, element.title,
                           f"werkzaam element '{element.id or element.title}'")
    return out
