"""Review support: which dossiers a change touches (`check --changed`) and a Dutch summary of what
changed between two git revisions (`watwerkt diff`). No MkDocs here.

Old revisions are read with git (ls-tree + cat-file) into a temporary folder and loaded with the
same loader as `watwerkt check`, so the summary sees exactly what the validator sees.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from watwerkt.check import CheckResult
from watwerkt.check.thesaurus import THESAURUS_FILE
from watwerkt.history.compare import status_text, compare_dossier
from watwerkt.history.git import GitError, git, repo_root, verify_revision
from watwerkt.history.git import names as _names
from watwerkt.load.folder import DOSSIER_FILE, LoadedDossier, load_dossier
from watwerkt.model.dossier import SECTIONS, Dossier
from watwerkt.model.problems import Problem
from watwerkt.model.settings import Settings

WORKTREE = None  # "the working tree" as a revision
DEFAULT_BASES = ("origin/main", "main")
# Problems of one dossier that can be caused by a change in another one.
CROSS_CODES = {"WW603", "WW604", "WW606", "WW703"}


def default_base(root: Path) -> str:
    for rev in DEFAULT_BASES:
        try:
            verify_revision(root, rev)
            return rev
        except GitError:
            continue
    raise GitError("geen basis gevonden om mee te vergelijken: origin/main en main bestaan niet; "
                   "geef er een op, bijvoorbeeld --changed HEAD~1")


def changed_slugs(dossiers_dir: Path, base: str | None) -> tuple[str, set[str]]:
    """(base used, slugs of dossiers touched since `base`): committed since the merge base, staged,
    unstaged and untracked. Paths come relative to the dossiers folder, so the slug is the first part;
    without rename detection, a renamed dossier counts under its old and its new name."""
    root = repo_root(dossiers_dir)
    base = base or default_base(root)
    verify_revision(root, base)
    names = _names(git(["diff", "--name-only", "--no-renames", "--relative", "-z", f"{base}...HEAD", "--"], dossiers_dir))
    try:
        verify_revision(root, "HEAD")
        names += _names(git(["diff", "--name-only", "--no-renames", "--relative", "-z", "HEAD", "--"], dossiers_dir))
    except GitError:
        pass
    names += _names(git(["ls-files", "--others", "--exclude-standard", "-z", "--", "."], dossiers_dir))
    return base, {n.split("/", 1)[0] for n in names if "/" in n}


def _mentions(message: str, slug: str) -> bool:
    return re.search(rf"(?<![a-z0-9-]){re.escape(slug)}(?![a-z0-9-])", message) is not None


def _folder_of(loaded: LoadedDossier) -> str:
    """The shown folder of a dossier (shown_yml is the folder itself when dossier.yml is missing)."""
    shown = loaded.shown_yml
    return os.path.dirname(shown) if shown.endswith("/" + DOSSIER_FILE) or shown == DOSSIER_FILE else shown


def _within(path: str, folder: str) -> bool:
    if not folder:  # the working directory is the dossier folder itself
        return not path.startswith("../") and not os.path.isabs(path)
    return path == folder or path.startswith(folder + "/")


def only_changed(result: CheckResult, slugs: set[str]) -> list[Problem]:
    """Problems located in a changed dossier, plus cross-dossier problems elsewhere that name one,
    plus every problem of the project's thesaurus (it belongs to no dossier and applies to all)."""
    folders = [_folder_of(d) for d in result.dossiers if d.slug in slugs]
    out = []
    for p in result.problems:
        if any(_within(p.path, f) for f in folders):
            out.append(p)
        elif p.code in CROSS_CODES and any(_mentions(p.message, s) for s in slugs):
            out.append(p)
        elif Path(p.path).name == THESAURUS_FILE:
            out.append(p)
    return out


# -- reading a revision -------------------------------------------------------------------------
def export_revision(root: Path, rev: str, subdir: str, dest: Path) -> None:
    """Write dossier.yml and the section files of every dossier at `rev` into dest/<slug>/."""
    listing = git(["ls-tree", "-r", "-z", rev, "--", subdir or "."], root)
    wanted: list[tuple[str, str]] = []  # (object id, path relative to the dossiers folder)
    prefix = subdir.rstrip("/") + "/" if subdir else ""
    for entry in _names(listing):
        meta, path = entry.split("\t", 1)
        mode, kind, obj = meta.split()
        rel = path[len(prefix):] if path.startswith(prefix) else path
        parts = rel.split("/")
        if kind != "blob" or mode == "120000" or len(parts) != 2:
            continue
        if parts[1] == DOSSIER_FILE or parts[1].endswith(".md"):
            wanted.append((obj, rel))
    if not wanted:
        return
    out = git(["cat-file", "--batch"], root, data="".join(f"{obj}\n" for obj, _ in wanted).encode())
    at = 0
    for _, rel in wanted:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        body = out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


@dataclass
class Snapshot:
    label: str
    dossiers: dict[str, Dossier | None] = field(default_factory=dict)  # None: dossier.yml unusable
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # slug -> section file -> bytes


def _snapshot(label: str, folder: Path, settings: Settings) -> Snapshot:
    snap = Snapshot(label)
    if not folder.is_dir():
        return snap
    for entry in sorted(folder.iterdir()):
        if not entry.is_dir() or entry.name.startswith(".") or not (entry / DOSSIER_FILE).is_file():
            continue
        snap.dossiers[entry.name] = load_dossier(entry, settings, base=folder).dossier
        snap.files[entry.name] = {
            f.name: f.read_bytes() for f in sorted(entry.iterdir())
            if f.suffix == ".md" and f.stem in SECTIONS and f.is_file()
        }
    return snap


def snapshots(dossiers_dir: Path, base: str, head: str | None, settings: Settings) -> tuple[Snapshot, Snapshot]:
    root = repo_root(dossiers_dir)
    subdir = Path(os.path.relpath(dossiers_dir.resolve(), root.resolve())).as_posix()
    subdir = "" if subdir == "." else subdir
    for rev in (base, head):
        if rev is not None:
            verify_revision(root, rev)
    with tempfile.TemporaryDirectory(prefix="watwerkt-diff-") as tmp:
        pair = []
        for i, rev in enumerate((base, head)):
            if rev is None:
                pair.append(_snapshot("de werkmap", dossiers_dir, settings))
                continue
            dest = Path(tmp) / str(i)
            dest.mkdir()
            export_revision(root, rev, subdir, dest)
            pair.append(_snapshot(rev, dest, settings))
    return pair[0], pair[1]


# -- comparing: history/compare.py ---------------------------------------------------------------
def summary(old: Snapshot, new: Snapshot, settings: Settings) -> str:
    out = [f"Wijzigingen in de dossiers van {old.label} naar {new.label}", ""]
    added = [s for s in new.dossiers if s not in old.dossiers]
    removed = [s for s in old.dossiers if s not in new.dossiers]
    renamed = {}
    for slug in added:
        d = new.dossiers[slug]
        for former in (d.former_slugs if d else []):
            if former in removed:
                renamed[former] = slug
    body: list[str] = []
    for old_slug, new_slug in sorted(renamed.items()):
        d = new.dossiers[new_slug]
        body.append(f"Dossier hernoemd: {old_slug} -> {new_slug} ({d.title})")
    for slug in added:
        if slug in renamed.values():
            continue
        d = new.dossiers[slug]
        title = d.title if d else "dossier.yml niet leesbaar"
        status = f", status {status_text(d.status)}" if d else ""
        body.append(f"Nieuw dossier: {slug} ({title}{status})")
    for slug in removed:
        if slug in renamed:
            continue
        d = old.dossiers[slug]
        body.append(f"Dossier verwijderd: {slug} ({d.title if d else 'dossier.yml niet leesbaar'})")
    if body:
        out += body + [""]

    pairs = [(s, s) for s in old.dossiers if s in new.dossiers] + sorted(renamed.items())
    for old_slug, new_slug in pairs:
        a, b = old.dossiers[old_slug], new.dossiers[new_slug]
        heading = new_slug if old_slug == new_slug else f"{new_slug} (was {old_slug})"
        if a is None or b is None:
            if old.files[old_slug] != new.files[new_slug] or (a is None) != (b is None):
                which = "nieuwe" if b is None else "oude"
                out += [f"## {heading}", f"- dossier.yml van de {which} versie is niet leesbaar; "
                        "voer `watwerkt check` uit", ""]
            continue
        lines, content, logged = compare_dossier(a, b, old.files[old_slug], new.files[new_slug], settings)
        if not lines:
            continue
        out.append(f"## {heading}: {b.title}")
        out += [f"- {line}" for line in lines]
        if content and not logged:
            out.append("- Let op: de inhoud is gewijzigd, maar er is geen regel aan changelog toegevoegd.")
        out.append("")
    if len(out) == 2:
        out.append("Geen wijzigingen in de dossiers.")
    return "\n".join(out).rstrip() + "\n"


def diff(dossiers_dir: Path, base: str, head: str | None, settings: Settings) -> str:
    old, new = snapshots(dossiers_dir, base, head, settings)
    return summary(old, new, settings)
