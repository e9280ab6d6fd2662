"""Building the index of a project: validate its dossiers like the site build does, then index.

Used by `watwerkt index`, `watwerkt serve` and (once wired) the MkDocs plugin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from watwerkt.check import check
from watwerkt.model.problems import Problem
from watwerkt.model.settings import Settings

from .store import IndexBuild, build_index

DEFAULT_INDEX_DIR = Path(".cache") / "search"


class DossierErrors(Exception):
    """The dossiers have errors; like the site, the index is then not built."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} fout(en) in de dossiers of de thesaurus; de zoekindex is niet gebouwd")
        self.problems = problems


def default_index_root(settings: Settings) -> Path:
    """.cache/search/ in the project root (next to watwerkt.yml, else the working directory)."""
    return Path(settings.root) / DEFAULT_INDEX_DIR


def index_project(settings: Settings, today: dt.date | None = None,
                  index_root: Path | None = None, base: Path | None = None,
                  force: bool = False) -> IndexBuild:
    """Validate the project's dossiers and index the published and archived ones.

    Returns build_index's IndexBuild (version directory, number of indexed dossiers, whether it
    was rebuilt). Raises DossierErrors when a dossier has errors, so the index never runs ahead
    of what the site can show.
    """
    root = Path(settings.root)
    result = check([root / settings.dossiers_dir], settings, today or dt.date.today(), base=base or root)
    if result.errors:
        raise DossierErrors(result.problems)
    return build_index(result.valid_dossiers(), settings, index_root or default_index_root(settings), force=force)
