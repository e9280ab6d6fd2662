"""Loading one dossier folder (dossier.yml and the section files) into the model, collecting
Problems instead of raising.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from watwerkt.model.dossier import IMAGE_SUFFIXES, SECTIONS, Dossier, Section
from watwerkt.model.problems import Problem, did_you_mean
from watwerkt.model.settings import Settings

from .walker import MarkdownText, Walker
from .yamlsafe import compose, read_text

DOSSIER_FILE = "dossier.yml"


def display_path(path: Path, base: Path | None) -> str:
    base = base or Path.cwd()
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_posix()


def _escapes(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return False
    except ValueError:
        return True


@dataclass
class LoadedDossier:
    folder: Path
    slug: str
    shown_yml: str  # where folder-level problems are reported
    dossier: Dossier | None  # None when dossier.yml is missing or unusable
    problems: list[Problem]
    texts: list[MarkdownText]  # all editor Markdown, for the validator's scans


def _unexpected(entry: Path) -> str | None:
    """Why a non-Markdown entry of a dossier folder is not used, or None when it is fine."""
    if entry.name == DOSSIER_FILE:
        return None
    if entry.is_dir():
        return None  # a folder of images (beelden/); what it holds is published like the rest
    if entry.suffix.lower() in IMAGE_SUFFIXES:
        return None
    if entry.suffix.lower() == ".svg":
        return f"'{entry.name}' wordt niet gepubliceerd: een SVG kan script bevatten; gebruik PNG"
    return f"'{entry.name}' wordt niet gebruikt en niet gepubliceerd"


def load_dossier(folder: Path, settings: Settings, base: Path | None = None) -> LoadedDossier:
    """Load one dossier folder; every fault becomes a Problem, none an exception."""
    problems: list[Problem] = []
    limit = settings.limits.max_file_bytes
    yml = folder / DOSSIER_FILE
    shown_yml = display_path(yml, base)
    sections: dict[str, Section] = {}
    texts: list[MarkdownText] = []

    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue  # hidden files (.DS_Store, editor backups) are never read or published
        shown = display_path(entry, base)
        if entry.suffix != ".md":
            unexpected = _unexpected(entry)
            if unexpected:
                problems.append(Problem(shown, 1, 1, "WW203", unexpected,
                                        "een dossiermap bevat dossier.yml, sectiebestanden (.md) en afbeeldingen "
                                        "(" + ", ".join(sorted(IMAGE_SUFFIXES)) + ")"))
            continue
        if entry.is_symlink() and _escapes(entry, folder):
            problems.append(Problem(shown, 1, 1, "WW705", "symbolische link wijst buiten de dossiermap",
                                    "zet het bestand zelf in de dossiermap"))
            continue
        if entry.stem not in SECTIONS:
            problems.append(Problem(shown, 1, 1, "WW203", f"'{entry.name}' is geen sectie van een dossier",
                                    did_you_mean(entry.stem + ".md", [s + ".md" for s in SECTIONS], 0.75)
                                    or "secties: " + ", ".join(s + ".md" for s in SECTIONS)))
            continue
        if not entry.is_file():
            continue
        source, file_problems = read_text(entry, shown, limit)
        problems += file_problems
        if source is None:
            sections[entry.stem] = Section(entry.stem, shown, "")  # present, but unreadable
            continue
        if not source.text.strip():
            problems.append(Problem(shown, 1, 1, "WW202", f"sectie '{entry.name}' is leeg",
                                    "schrijf de tekst of verwijder het bestand"))
            continue
        sections[entry.stem] = Section(entry.stem, shown, source.text)
        texts.append(MarkdownText(source.text, shown, entry.stem))

    dossier = None
    if yml.is_symlink() and _escapes(yml, folder):
        problems.append(Problem(shown_yml, 1, 1, "WW705", "dossier.yml is een link naar buiten de dossiermap"))
    elif not yml.is_file():
        problems.append(Problem(display_path(folder, base), 1, 1, "WW008",
                                "map in dossiers/ zonder dossier.yml",
                                "voeg een dossier.yml toe of verwijder de map"))
        return LoadedDossier(folder, folder.name, display_path(folder, base), None, problems, texts)
    else:
        source, file_problems = read_text(yml, shown_yml, limit)
        problems += file_problems
        if source is not None:
            node, yaml_problems = compose(source)
            problems += yaml_problems
            if node is not None:
                walker = Walker(source, settings)
                dossier = walker.obj(node, Dossier, "dossier")
                problems += walker.problems
                texts = walker.texts + texts

    if "definitie" not in sections and not any(p.path.endswith("/definitie.md") for p in problems):
        problems.append(Problem(shown_yml, 1, 1, "WW201", "de verplichte sectie definitie.md ontbreekt",
                                "maak definitie.md aan met wat het vraagstuk is"))
    if dossier is not None:
        dossier.slug = folder.name
        dossier.folder = folder
        dossier.sections = {k: v for k, v in sections.items() if v.text}
    return LoadedDossier(folder, folder.name, shown_yml, dossier, problems, texts)
