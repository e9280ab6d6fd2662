"""The search thesaurus: SKOS concepts whose terms find each other, and narrower concepts that
a broader one finds.

Kept as data (package default data/thesaurus.yml, extended or replaced by a project's
thesaurus.yml next to mkdocs.yml) in the format of model/thesaurus.py, read and checked by
check/thesaurus.py exactly as `watwerkt check` does. What an index version stores (and what
its digest covers) is the plain form returned by `load_thesaurus`:

  {"groups": [[prefLabel, altLabel, ...], ...],   one group per concept, in file order
   "narrower": [[broader, narrower], ...]}        indexes into groups, from skos:broader
"""

from __future__ import annotations

from pathlib import Path

from watwerkt.check.thesaurus import THESAURUS_FILE, project_thesaurus
from watwerkt.model import thesaurus as T
from watwerkt.model.problems import format_text
from watwerkt.model.settings import SettingsError

__all__ = ["THESAURUS_FILE", "load_thesaurus", "stored_form"]


def stored_form(concepts: list[T.Concept]) -> dict:
    """Groups of terms and (broader, narrower) pairs; a `breder` names every concept with that
    voorkeursterm (at most one per file)."""
    by_pref: dict[str, list[int]] = {}
    for i, c in enumerate(concepts):
        by_pref.setdefault(T.label_key(c.pref), []).append(i)
    narrower = sorted({(b, i) for i, c in enumerate(concepts) for name in c.broader
                       for b in by_pref.get(T.label_key(name), ()) if b != i})
    return {"groups": [c.labels for c in concepts], "narrower": [list(p) for p in narrower]}


def load_thesaurus(project_root: Path | None = None, base: Path | None = None) -> dict:
    """The thesaurus in effect for the project at `project_root`, in its stored form. A thesaurus
    with errors is refused with every error located (file:line:column, code, message, hint);
    warnings do not stop it."""
    concepts, problems = project_thesaurus(project_root, base)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SettingsError("de thesaurus heeft fouten; de zoekindex is niet gebouwd:\n" + format_text(errors))
    return stored_form(concepts)
