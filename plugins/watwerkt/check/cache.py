"""Per-dossier check results kept between the checks of one running live preview.

A dossier is loaded and put through the per-dossier rules again only when its key changes: the
bytes of every file in its folder, the settings, the date (overdue reviews), the names of its
sibling folders (links between dossiers) and the package version. The cross-dossier rules (slug,
title and theme collisions, former slugs) always run, over every model, cached or not."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import watwerkt
from watwerkt.load.folder import LoadedDossier
from watwerkt.model.problems import Problem
from watwerkt.model.settings import Settings


def folder_digest(folder: Path) -> str:
    """Every entry under the folder (hidden ones too: the loader reports some of them), by
    relative name, kind and bytes; a symlink by its target, never followed."""
    h = hashlib.sha256()
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names + [d for d in dirs if Path(current, d).is_symlink()]):
            path = Path(current, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                h.update(f"L\0{rel}\0{os.readlink(path)}\0".encode())
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:  # unreadable: the loader reports it; the key just changes
                data = f"<{exc.errno}>".encode()
            h.update(f"F\0{rel}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


def folder_stat(folder: Path) -> tuple:
    """Names, sizes, inodes and modification times under the folder: when these are all unchanged
    the bytes are taken to be too (as git's index does), so an unchanged dossier is not read.
    os.scandir, not os.walk: this runs for every dossier on every save of the live preview."""
    out: list = []

    def scan(path: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            rel = prefix + entry.name
            out.append((rel, st.st_size, st.st_ino, st.st_mtime_ns))
            if entry.is_dir(follow_symlinks=False):
                scan(entry.path, rel + "/")

    scan(str(folder), "")
    return tuple(out)


class CheckCache:
    """In memory, for one process (the plugin object of one `mkdocs serve`)."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[str, LoadedDossier, list[Problem]]] = {}
        self._digests: dict[Path, tuple[tuple, str]] = {}  # folder -> (folder_stat, folder_digest)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def context(settings: Settings, today: dt.date, siblings: set[str], base: Path | None) -> str:
        """What every dossier of one dossiers root shares in its key (computed once per check);
        base is where the problems' paths are shown from."""
        h = hashlib.sha256()
        for part in (watwerkt.__version__, repr(settings), today.isoformat(), "\0".join(sorted(siblings)), str(base)):
            h.update(part.encode())
            h.update(b"\1")
        return h.hexdigest()

    def key(self, folder: Path, context: str) -> str:
        stat = folder_stat(folder)
        known = self._digests.get(folder)
        if known is None or known[0] != stat:
            known = self._digests[folder] = (stat, folder_digest(folder))
        return context + known[1]

    def get(self, folder: Path, key: str) -> tuple[LoadedDossier, list[Problem]] | None:
        entry = self._entries.get(folder)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1], entry[2]
        self.misses += 1
        return None

    def put(self, folder: Path, key: str, loaded: LoadedDossier, problems: list[Problem]) -> None:
        self._entries[folder] = (key, loaded, problems)

    def keep_only(self, folders: list[Path]) -> None:
        """Forget dossiers that are gone (a deleted or renamed folder)."""
        wanted = set(folders)
        for folder in [f for f in self._entries if f not in wanted]:
            del self._entries[folder]
            self._digests.pop(folder, None)
