"""Running every rule over a set of dossier folders: discovery, loading, the rules, one sorted result."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from watwerkt.load.folder import LoadedDossier, load_dossier
from watwerkt.model.dossier import Dossier
from watwerkt.model.problems import Problem, sort_problems
from watwerkt.model.settings import Settings

from .across import check_across
from .cache import CheckCache
from .dossier import check_dossier, dossier_names
from .thesaurus import project_thesaurus


class InputError(Exception):
    """The input cannot be checked at all (a path that does not exist, too many dossiers).
    Not a dossier problem: the command line reports it as a usage error."""


@dataclass
class CheckResult:
    dossiers: list[LoadedDossier] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def valid_dossiers(self) -> list[Dossier]:
        bad = {p.path for p in self.errors}
        return [
            d.dossier for d in self.dossiers
            if d.dossier is not None and not any(_inside(path, d) for path in bad)
        ]


def _inside(shown_path: str, loaded: LoadedDossier) -> bool:
    folder = os.path.dirname(loaded.shown_yml)
    return shown_path == folder or shown_path.startswith(folder + "/")


def dossier_folders(paths: list[Path]) -> list[Path]:
    """Expand CLI paths into dossier folders: a dossiers root, a dossier folder, or a file in one."""
    folders: list[Path] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError(f"pad bestaat niet: {path}")
        if path.is_file():
            path = path.parent
        if (path / "dossier.yml").exists() or path.parent.name == "dossiers" and path.name != "dossiers":
            folders.append(path)
        else:
            folders += sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    seen, unique = set(), []
    for f in folders:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def check(paths: list[Path], settings: Settings, today: dt.date, base: Path | None = None,
          cache: CheckCache | None = None) -> CheckResult:
    """Every rule over these folders, and over the project's thesaurus.yml (next to mkdocs.yml,
    when present). With a cache (the live preview), a dossier whose files and
    context are unchanged keeps its model and per-dossier problems; cross-dossier rules always run."""
    folders = dossier_folders(paths)
    result = CheckResult()
    if len(folders) > settings.limits.max_dossiers:
        raise InputError(f"{len(folders)} dossiers; het maximum is {settings.limits.max_dossiers}")
    listings: dict[Path, set[str]] = {}  # dossiers root -> its dossier folders, listed once
    contexts: dict[Path, str] = {}  # dossiers root -> the shared part of its dossiers' cache keys
    for folder in folders:
        parent = folder.parent
        if parent not in listings:
            listings[parent] = dossier_names(parent)
            if cache is not None:
                contexts[parent] = cache.context(settings, today, listings[parent], base)
        key = cache.key(folder, contexts[parent]) if cache is not None else ""
        hit = cache.get(folder, key) if cache is not None else None
        if hit is None:
            loaded = load_dossier(folder, settings, base)
            own = loaded.problems + check_dossier(loaded, settings, today, listings[parent])
            if cache is not None:
                cache.put(folder, key, loaded, own)
        else:
            loaded, own = hit
        result.dossiers.append(loaded)
        result.problems += own
    if cache is not None:
        cache.keep_only(folders)
    result.problems += check_across(result.dossiers, folders)
    result.problems += project_thesaurus(settings.root, base)[1]
    result.problems = sort_problems(result.problems)
    return result
