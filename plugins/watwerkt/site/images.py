"""The images of a dossier folder that the site publishes beside its page."""

from __future__ import annotations

from pathlib import Path

from watwerkt.model.dossier import IMAGE_SUFFIXES as ASSET_SUFFIXES  # the images a dossier folder may hold


def dossier_images(folder: Path, depth: int = 3) -> list[Path]:
    """The images of a dossier folder and its sub-folders (beelden/), never through a symlink."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir() and depth > 0:
            found += dossier_images(entry, depth - 1)
        elif entry.is_file() and entry.suffix.lower() in ASSET_SUFFIXES:
            found.append(entry)
    return found
