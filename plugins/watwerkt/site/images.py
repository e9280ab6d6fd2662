"""The images of a dossier folder that the site publishes beside its page."""

from __future__ import annotations

import os
from pathlib import Path

from watwerkt.model.dossier import IMAGE_SUFFIXES as ASSET_SUFFIXES  # the images a dossier folder may hold


def dossier_images(folder: Path, depth: int = 3) -> list[Path]:
    """The images of a dossier folder and its sub-folders (beelden/), never through a symlink.
    os.scandir: the entry kinds come with the listing, and this runs for every dossier on
    every save of the live preview."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            if depth > 0:
                found += dossier_images(Path(entry.path), depth - 1)
        elif entry.is_file(follow_symlinks=False) and os.path.splitext(entry.name)[1].lower() in ASSET_SUFFIXES:
            found.append(Path(entry.path))
    return found
