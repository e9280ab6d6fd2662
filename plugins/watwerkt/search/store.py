"""The index on disk: versioned directories, the CURRENT pointer, the marker, building and pruning.

Index layout under index_root (default .cache/search/):
  v<ns>-<hex>/            one complete build: Whoosh files, thesaurus.json, words.json, watwerkt-index.json
  CURRENT                 the name of the version in use, replaced atomically (os.replace)
  BUILT_FOR               written by `watwerkt serve` when it built the index itself: the version
                          and the inputs of the site it belongs to (note_inputs, noted_inputs)
A version directory is only opened when its marker watwerkt-index.json carries our format
and version: Whoosh keeps its schema as a pickle, so a directory we did not write is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from .compounds import ANALYSIS_DIGEST
from .documents import build_input
from .schema import schema
from .spelling import count_words, write_words

INDEX_FORMAT = "watwerkt-search-index"
# 2: the tokenizers pickled into the schema moved from search.engine to search.analysis; a
# version-1 directory cannot be unpickled any more, so it is refused (and rebuilt by build_index).
# 3: compound parts and protected stems (search/data/) at index time. The marker also names the
# digest of those lists (ANALYSIS_DIGEST): an index analysed with other lists is refused as well.
# 4: a field of its own for the editors' also-known-as terms (zoektermen), with its own weight.
# 5: thesaurus.json holds SKOS concepts as {"groups": [...], "narrower": [[i, j], ...]}
# (search/thesaurus.py) instead of a bare list of groups.
# 6: the spelling words are a table of their own (words.json, search/spelling.py), not a field.
# 7: a `thesaurus` field with the labels the text implies (search/labels.py).
INDEX_VERSION = 7
MARKER = "watwerkt-index.json"
POINTER = "CURRENT"
NOTE = "BUILT_FOR"
THESAURUS_JSON = "thesaurus.json"
KEEP_VERSIONS = 2
_VERSION_RE = re.compile(r"^v\d{20}-[0-9a-f]{8}$")
_MAX_MARKER_BYTES = 1_000_000


class IndexUnavailable(Exception):
    """No usable index (none built yet, or a directory watwerkt did not make). Message in Dutch."""


@dataclass(frozen=True)
class IndexBuild:
    """What build_index did: the version directory in use, its number of dossiers, and whether it
    was built now (False: a kept version had exactly the same input and was reused)."""

    folder: Path
    dossiers: int
    rebuilt: bool


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def current_name(index_root: Path) -> str | None:
    """The version CURRENT points to, if it names a version directory (which may not exist)."""
    try:
        name = (index_root / POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if _VERSION_RE.match(name) else None


def switch_current(index_root: Path, name: str) -> None:
    """Point CURRENT at a version directory (atomically: a rename)."""
    _write_atomic(Path(index_root) / POINTER, name + "\n")


def has_version(index_root: Path, name: object) -> bool:
    """Whether `name` is a complete version directory under index_root (its marker written last)."""
    return isinstance(name, str) and bool(_VERSION_RE.match(name)) and (Path(index_root) / name / MARKER).is_file()


def note_inputs(index_root: Path, inputs: str) -> None:
    """Record that the version CURRENT names was built for `inputs` (a caller's hash of its input)."""
    _write_atomic(Path(index_root) / NOTE, json.dumps({"version": current_name(index_root), "inputs": inputs}))


def noted_inputs(index_root: Path) -> str | None:
    """The inputs note_inputs recorded, while CURRENT still names that complete version; else None."""
    try:
        note = json.loads((Path(index_root) / NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(note, dict) or note.get("version") != current_name(index_root):
        return None
    return note.get("inputs") if has_version(index_root, note.get("version")) else None


def build_index(dossiers, settings, index_root: Path, force: bool = False, switch: bool = True,
                keep: tuple[str, ...] = ()) -> IndexBuild:
    """Index published and archived dossiers into a new version; switch CURRENT when complete.

    `settings` are the project's watwerkt Settings. When a kept version (CURRENT, or one in
    `keep`) was built from exactly the same input (documents, thesaurus, labels), nothing is
    rebuilt and its folder is returned with `rebuilt=False`, unless `force`. `switch=False` leaves CURRENT alone: the
    site build switches it together with the site it belongs to. `keep` names versions that are
    never pruned (the one the published site names).
    """
    index_root = Path(index_root)
    index_root.mkdir(parents=True, exist_ok=True)
    given = build_input(dossiers, settings)
    digest = hashlib.sha256(json.dumps(
        [INDEX_VERSION, ANALYSIS_DIGEST, given.documents, given.thesaurus, given.labels, given.evidence_order],
        ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    current = current_name(index_root)
    for candidate in ([current] if current else []) + [k for k in keep if _VERSION_RE.match(k)]:
        if force:
            break
        try:
            if _read_marker(index_root / candidate).get("input") == digest:
                return IndexBuild(index_root / candidate, len(given.documents), rebuilt=False)
        except IndexUnavailable:
            pass
    name = f"v{time.time_ns():020d}-{secrets.token_hex(4)}"
    folder = index_root / name
    folder.mkdir()
    try:
        ix = FileStorage(str(folder)).create_index(schema())
        writer = ix.writer(limitmb=128)
        spelling_texts = []
        try:
            for doc in given.documents:
                fields = dict(doc)
                spelling_texts.append(fields.pop("words"))
                writer.add_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        (folder / THESAURUS_JSON).write_text(json.dumps(given.thesaurus, ensure_ascii=False), encoding="utf-8")
        write_words(folder, count_words(spelling_texts))
        marker = {"format": INDEX_FORMAT, "version": INDEX_VERSION, "analysis": ANALYSIS_DIGEST,
                  "dossiers": len(given.documents),
                  "input": digest, "evidence_order": given.evidence_order, "labels": given.labels}
        _write_atomic(folder / MARKER, json.dumps(marker, ensure_ascii=False, indent=1))
        if switch:
            switch_current(index_root, name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _prune(index_root, keep=KEEP_VERSIONS, also=(*keep, name))
    return IndexBuild(folder, len(given.documents), rebuilt=True)


def _prune(index_root: Path, keep: int, also: tuple[str, ...] = ()) -> None:
    current = current_name(index_root)
    versions = sorted((p for p in index_root.iterdir()
                       if _VERSION_RE.match(p.name) and p.is_dir() and not p.is_symlink()),
                      key=lambda p: p.name, reverse=True)
    kept = ({current} if current else set()) | set(also)
    for p in versions:
        if len(kept) < keep and (p / MARKER).is_file():
            kept.add(p.name)
    for p in versions:
        if p.name not in kept:
            shutil.rmtree(p, ignore_errors=True)


def _read_marker(folder: Path) -> dict:
    path = folder / MARKER
    try:
        if folder.is_symlink() or not folder.is_dir() or path.stat().st_size > _MAX_MARKER_BYTES:
            raise ValueError
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        marker = None
    if not isinstance(marker, dict) or marker.get("format") != INDEX_FORMAT or marker.get("version") != INDEX_VERSION:
        raise IndexUnavailable(
            f"{folder} is geen zoekindex van deze versie van watwerkt en wordt niet geopend; "
            "maak een nieuwe met 'watwerkt index'")
    if marker.get("analysis") != ANALYSIS_DIGEST:
        raise IndexUnavailable(
            f"{folder} is gemaakt met een andere woordenlijst of andere taalregels dan deze versie van "
            "watwerkt en wordt niet geopend; maak een nieuwe met 'watwerkt index'")
    return marker


def open_version_files(folder: Path):
    """(marker, opened Whoosh index, stored thesaurus) of a version directory; the marker is
    checked first, so Whoosh never unpickles the schema of a directory we did not write."""
    marker = _read_marker(folder)
    ix = FileStorage(str(folder), readonly=True).open_index()
    groups = json.loads((folder / THESAURUS_JSON).read_text(encoding="utf-8"))
    return marker, ix, groups
