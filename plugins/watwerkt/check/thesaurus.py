"""The rules of a thesaurus beyond the shape of its file: one concept per voorkeursterm, a term in
one concept, broader concepts that exist and never lead back to themselves.

`project_thesaurus` is the one way in for `watwerkt check`, the site build and the search index:
the package default plus the project's thesaurus.yml (when present), with every problem located.
"""

from __future__ import annotations

from collections import deque
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
    suggestions = 20  # close-match hints cost a scan of every voorkeursterm; enough for a typo or two
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
                suggestions -= 1
                close = did_you_mean(name, [c.pref for c in [*own.concepts, *known]]) if suggestions >= 0 else ""
                hint = close or "'breder' noemt de voorkeursterm van een begrip in deze thesaurus of de standaardthesaurus"
            problems.append(_problem(at, concept.where, "WW956", f"breder begrip '{name}' bestaat niet", hint))
    problems += _cycles(own.concepts, known)
    return problems


def _cycles(own: list[T.Concept], known: list[T.Concept]) -> list[Problem]:
    """One problem per ring of `breder` links (a concept that is, through its broader concepts,
    broader than itself), at the first `breder` of this file that lies on it. Linear in the
    number of concepts and links: strongly connected components, then one path per ring."""
    broader: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for c in [*known, *own]:
        key = T.label_key(c.pref)
        broader.setdefault(key, []).extend(T.label_key(b) for b in c.broader)
        written.setdefault(key, c.pref)
    component = _components(broader)
    problems = []
    reported: set[int] = set()
    for concept in own:
        start = T.label_key(concept.pref)
        for name, at in zip(concept.broader, concept.broader_where):
            up = T.label_key(name)
            ring = component.get(start)
            if ring is None or ring in reported or component.get(up) != ring:
                continue
            reported.add(ring)
            path = _path(broader, up, start, lambda k: component.get(k) == ring)
            names = [concept.pref, *(written.get(k, k) for k in path)]
            shown = " → ".join(names if len(names) <= 10 else [*names[:8], f"… ({len(names) - 1} begrippen)",
                                                               names[-1]])
            problems.append(Problem(at.path, at.line, at.col, "WW957",
                                    f"'breder' maakt een kring: {shown}",
                                    "een begrip kan niet (via andere begrippen) breder zijn dan zichzelf; "
                                    "haal één 'breder' uit de kring weg"))
    return problems


def _components(graph: dict[str, list[str]]) -> dict[str, int]:
    """Key -> number of its ring, for every key on a ring (Tarjan's algorithm, without recursion);
    a key that is its own broader concept is a ring of one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: dict[str, int] = {}
    rings = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i]
                if nxt not in graph:
                    continue
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1 or node in graph.get(node, []):
                    rings += 1
                    for member in members:
                        out[member] = rings
    return out


def _path(broader: dict[str, list[str]], start: str, goal: str, inside) -> list[str]:
    """The keys from `start` up to `goal` along broader links within one ring (breadth first)."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])
            return path[::-1]
        for up in broader.get(node, ()):
            if up not in previous and inside(up):
                previous[up] = node
                queue.append(up)
    return [start, goal]


def default_thesaurus() -> tuple[T.Thesaurus, list[Problem]]:
    thesaurus, problems = read_thesaurus(DEFAULT_THESAURUS, "watwerkt/data/thesaurus.yml")
    return thesaurus, problems + check_thesaurus(thesaurus)


def project_thesaurus(root: Path | None, base: Path | None = None) -> tuple[list[T.Concept], list[Problem]]:
    """The concepts in effect for a project (the project's own first, then the default's, unless
    the project replaces them) and the problems of the project's thesaurus.yml. Without that file:
    the default only. Own first because a term's alternatives are capped in concept order
    (search/expansion.py): where the project and the default share a term, the institute's own
    concept comes before the default's."""
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
    return (own.concepts if own.replaces_default else own.concepts + default.concepts), problems
