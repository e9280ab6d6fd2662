"""The rules of a thesaurus beyond the shape of its file: one concept per voorkeursterm, a term in
one concept, broader concepts that exist and never lead back to themselves.

`project_thesaurus` is the one way in for `watwerkt check`, the site build and the search index:
the package default plus the project's thesaurus.yml (when present), with every problem located.
"""

from __future__ import annotations

from pathlib import Path

from watwerkt.load.folder import display_path
from watwerkt.load.thesaurus import DEFAULT_THESAURUS, read_thesaurus
from watwerkt.model import thesaurus as T
from watwerkt.model.problems import Problem, did_you_mean

THESAURUS_FILE = "thesaurus.yml"


def _problem(where: T.Where | None, fallback: T.Where, code: str, message: str, hint: str = "") -> Problem:
    w = where or fallback
    return Problem(w.path, w.line, w.col, code, message, hint)


def check_thesaurus(own: T.Thesaurus, known: list[T.Concept] = ()) -> list[Problem]:
    """Problems of the concepts of one file; `known` are concepts of another file that a
    `breder` may name too (the package default, for a project's thesaurus)."""
    problems: list[Problem] = []
    prefs: dict[str, T.Concept] = {}
    owner: dict[str, tuple[T.Concept, str]] = {}  # label key -> the first concept with it, as written
    for concept in own.concepts:
        here = concept.where
        key = T.label_key(concept.pref)
        first = prefs.setdefault(key, concept)
        if first is not concept:
            problems.append(_problem(concept.pref_where, here, "WW954",
                                     f"voorkeursterm '{concept.pref}' staat al bij een ander begrip",
                                     f"eerste keer op regel {first.pref_where.line}; voeg de twee begrippen "
                                     "samen of kies een andere voorkeursterm"))
            continue
        mine: set[str] = set()
        for label, at in concept.placed_labels():
            k = T.label_key(label)
            if k in mine:
                problems.append(_problem(at, here, "WW955", f"'{label}' staat twee keer bij het begrip '{concept.pref}'",
                                         "verwijder een van beide"))
                continue
            mine.add(k)
            other = owner.setdefault(k, (concept, label))
            if other[0] is not concept:
                problems.append(_problem(
                    at, here, "WW955", f"'{label}' staat ook bij het begrip '{other[0].pref}'",
                    "wie erop zoekt, vindt de termen van beide begrippen; is dat niet de bedoeling, "
                    "laat de term dan bij één begrip staan"))
    names = {T.label_key(c.pref) for c in [*own.concepts, *known]}
    alt_of = {T.label_key(a): c.pref for c in [*own.concepts, *known] for a in c.alt}
    for concept in own.concepts:
        if prefs.get(T.label_key(concept.pref)) is not concept:
            continue
        for name, at in zip(concept.broader, concept.broader_where):
            k = T.label_key(name)
            if k in names:
                continue
            if k in alt_of:
                hint = f"'{name}' is een andere term van het begrip '{alt_of[k]}'; noem de voorkeursterm"
            else:
                hint = did_you_mean(name, sorted(c.pref for c in [*own.concepts, *known])) or \
                    "'breder' noemt de voorkeursterm van een begrip in deze thesaurus of de standaardthesaurus"
            problems.append(_problem(at, concept.where, "WW956", f"breder begrip '{name}' bestaat niet", hint))
    problems += _cycles(own.concepts, known)
    return problems


def _cycles(own: list[T.Concept], known: list[T.Concept]) -> list[Problem]:
    """One problem per `breder` that closes a ring: a concept that is, through its broader
    concepts, broader than itself."""
    broader: dict[str, set[str]] = {}
    written: dict[str, str] = {}
    for c in [*known, *own]:
        broader.setdefault(T.label_key(c.pref), set()).update(T.label_key(b) for b in c.broader)
        written.setdefault(T.label_key(c.pref), c.pref)
    problems = []
    reported: set[frozenset] = set()
    for concept in own:
        start = T.label_key(concept.pref)
        for name, at in zip(concept.broader, concept.broader_where):
            path = _path(broader, T.label_key(name), start)
            if path is None:
                continue
            ring = frozenset(path) | {start}
            if ring in reported:
                continue
            reported.add(ring)
            shown = " → ".join([concept.pref, name, *(written.get(k, k) for k in path[1:])])
            problems.append(Problem(at.path, at.line, at.col, "WW957",
                                    f"'breder' maakt een kring: {shown}",
                                    "een begrip kan niet (via andere begrippen) breder zijn dan zichzelf; "
                                    "haal één 'breder' uit de kring weg"))
    return problems


def _path(broader: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """The keys from `start` up to `goal` along broader links (breadth first), or None."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])
            return path[::-1]
        for up in sorted(broader.get(node, ())):
            if up not in previous:
                previous[up] = node
                queue.append(up)
    return None


def default_thesaurus() -> tuple[T.Thesaurus, list[Problem]]:
    thesaurus, problems = read_thesaurus(DEFAULT_THESAURUS, "watwerkt/data/thesaurus.yml")
    return thesaurus, problems + check_thesaurus(thesaurus)


def project_thesaurus(root: Path | None, base: Path | None = None) -> tuple[list[T.Concept], list[Problem]]:
    """The concepts in effect for a project (the default's first, unless the project replaces
    them) and the problems of the project's thesaurus.yml. Without that file: the default only."""
    default, found = default_thesaurus()
    # The package's own file is tested clean of errors; its one deliberate shared term (WW955,
    # 'armoede') is no news to a project's editors.
    problems = [p for p in found if p.is_error]
    path = Path(root) / THESAURUS_FILE if root is not None else None
    if path is None or not (path.is_file() or path.is_symlink()):
        return default.concepts, problems
    own, found = read_thesaurus(path, display_path(path, base))
    problems += found
    problems += check_thesaurus(own, [] if own.replaces_default else default.concepts)
    return (own.concepts if own.replaces_default else default.concepts + own.concepts), problems
