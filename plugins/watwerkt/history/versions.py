"""The published versions of each dossier, rebuilt from the repository's history.

Version D of a dossier is the dossier as it stood at the last commit before the commit that adds
the next changelog entry: walking the commits that touch the dossier's folder (under its slug or a
former slug) from old to new, the last commit whose newest changelog date is D. A version whose
status then was draft was never published and is left out; the current version is the working
tree, which the site shows at the dossier's own address.

Git content is dossier content: every file passes the same size bounds before it is read, is
written to a cache folder keyed by its git tree and loaded and checked by the same loader and rules
as today's dossiers. A version that breaks a safety rule is listed with a note and not rendered;
one that only breaks a content rule of today's validator is published as it was, with a note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from watwerkt import __version__
from watwerkt.check.dossier import check_dossier
from watwerkt.load.folder import DOSSIER_FILE, load_dossier
from watwerkt.load.walker import Walker
from watwerkt.load.yamlsafe import TextFile, compose
from watwerkt.model.dossier import IMAGE_SUFFIXES, SECTIONS, Dossier
from watwerkt.model.settings import Settings

from . import cachefile
from .compare import reader_summary
from .git import GitError, git, is_shallow, names, read_blobs, repo_root, verify_revision

MAX_COMMITS = 2000  # commits read per dossier, newest first: a bound on the work, not on versions
MAX_IMAGE_BYTES = 8 * 1024 * 1024  # as the PDFs allow
MAX_DEPTH = 3  # image sub-folders, as the site publishes them
# Rules that protect the renderers and the reader (markup, size, nesting, control characters,
# paths, unreadable YAML): a version breaking one is listed, never rendered.
SAFETY_CODES = {"WW001", "WW002", "WW003", "WW004", "WW005", "WW006", "WW007", "WW008", "WW009",
                "WW107", "WW109", "WW705", "WW801", "WW802", "WW803"}
_SAFE_NAME = re.compile(r"^[^./\x00-\x1f\x7f][^/\x00-\x1f\x7f]{0,200}$")


@dataclass
class Version:
    date: dt.date
    commit: str
    dossier: Dossier | None  # None: listed, not rendered (the note says why)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)  # section file -> bytes
    note: str | None = None  # Dutch, for readers
    changelog: list[str] = field(default_factory=list)  # the entries of that date
    changes: list[str] = field(default_factory=list)  # reader's sentences since the previous version

    @property
    def rendered(self) -> bool:
        return self.dossier is not None


@dataclass
class History:
    available: bool
    reason: str = ""  # Dutch: why there is no history (not a repository, a shallow clone)
    shallow: bool = False
    versions: dict[str, list[Version]] = field(default_factory=dict)  # slug -> earlier, newest first
    current_changes: dict[str, list[str]] = field(default_factory=dict)  # since the newest earlier one
    left_out: dict[str, int] = field(default_factory=dict)  # slug -> earlier versions beyond the bound
    withdrawn: dict[str, Withdrawn] = field(default_factory=dict)  # slug -> a dossier removed from dossiers/


@dataclass
class Withdrawn:
    """A dossier whose folder was removed from dossiers/ after it had been published: its versions
    stay at their permanent addresses, behind an "ingetrokken" page at the dossier's address."""

    last: Dossier  # as it stood in the commit before its removal
    removed: dt.date  # the date of the commit that removed it
    versions: list[Version]  # its published versions, newest first, the last one included
    left_out: int = 0


def _head(data: bytes, settings: Settings) -> tuple[dt.date | None, str | None]:
    """(version, status) of a dossier.yml as git holds it; (None, None) when it does not load."""
    try:
        source = TextFile(DOSSIER_FILE, data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, None
    node, problems = compose(source)
    if node is None:
        return None, None
    d = Walker(source, settings).obj(node, Dossier, "dossier")
    return (d.version, d.status) if d is not None else (None, None)


def _section_files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())
            if f.suffix == ".md" and f.stem in SECTIONS and f.is_file() and not f.is_symlink()}


def _export(root: Path, tree: str, slug: str, cache: Path, settings: Settings) -> tuple[Path | None, str | None]:
    """The dossier folder of git tree `tree` as cache/<tree>/<slug>/ (written once, atomically);
    (None, Dutch reason) when a file breaks a bound."""
    target = cache / tree / slug
    if target.is_dir():
        return target, None
    entries = []
    for entry in names(git(["ls-tree", "-r", "-z", "-l", tree], root)):
        meta, name = entry.split("\t", 1)
        mode, kind, obj, size = meta.split()
        suffix = os.path.splitext(name)[1].lower()
        parts = name.split("/")
        if kind != "blob" or mode == "120000" or len(parts) > MAX_DEPTH + 1 or \
                not all(_SAFE_NAME.match(p) for p in parts):
            continue
        if len(parts) == 1 and (name == DOSSIER_FILE or suffix == ".md"):
            limit = settings.limits.max_file_bytes
        elif suffix in IMAGE_SUFFIXES:
            limit = MAX_IMAGE_BYTES
        else:
            continue
        if int(size) > limit:
            return None, f"het bestand {name} is groter dan toegestaan ({size} bytes)"
        entries.append((obj, name))
    if len(entries) > settings.limits.max_list_items:
        return None, f"de map telt {len(entries)} bestanden; het maximum is {settings.limits.max_list_items}"
    blobs = read_blobs(root, [obj for obj, _ in entries], MAX_IMAGE_BYTES)
    tmp = cache / tree / f".{slug}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for obj, name in entries:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_bytes(blobs.get(obj) or b"")
    try:
        os.replace(tmp, target)
    except OSError:  # another build wrote it first
        shutil.rmtree(tmp, ignore_errors=True)
    return target, None


def _codes(problems) -> str:
    return ", ".join(sorted({p.code for p in problems}))


def _load(folder: Path, date: dt.date, commit: str, settings: Settings, today: dt.date,
          siblings: set[str]) -> Version:
    loaded = load_dossier(folder, settings, base=folder.parent)
    problems = loaded.problems + check_dossier(loaded, settings, today, siblings)
    errors = [p for p in problems if p.is_error]
    unsafe = [p for p in errors if p.code in SAFETY_CODES]
    d = loaded.dossier
    if unsafe or d is None:
        return Version(date, commit, None, note="Deze versie wordt niet getoond: ze bevat inhoud die de "
                       f"huidige veiligheidsregels niet toelaten ({_codes(unsafe) or 'niet te lezen'}).",
                       changelog=_entries(d, date))
    note = None
    if errors:
        note = ("Deze versie voldoet niet aan alle huidige regels voor dossiers "
                f"({_codes(errors)}); ze staat hier zoals ze destijds is gepubliceerd.")
    return Version(date, commit, d, _section_files(folder), note, _entries(d, date))


def _entries(d: Dossier | None, date: dt.date) -> list[str]:
    return [c.summary or "" for c in (d.changelog if d else []) if c.date == date]


def dossier_versions(root: Path, subdir: str, d: Dossier, settings: Settings, today: dt.date,
                     cache: Path, max_versions: int, siblings: set[str],
                     including_last: bool = False) -> tuple[list[Version], int]:
    """(earlier published versions of `d`, newest first, at most max_versions; how many more there
    were). `including_last`: also d's own version (a withdrawn dossier has no current one)."""
    paths = _paths(subdir, d)
    listing = _listing(root, paths)
    key = _result_key(listing, paths, d, settings, today, max_versions, siblings, including_last)
    stored = _stored(cache, key)
    if stored is not None:
        return stored
    result = _versions(root, listing, paths, d, settings, today, cache, max_versions, siblings, including_last)
    _store(cache, key, result)
    return result


def _paths(subdir: str, d: Dossier) -> list[str]:
    prefix = subdir.rstrip("/") + "/" if subdir else ""
    return [prefix + slug for slug in dict.fromkeys([d.slug, *d.former_slugs])]


def _listing(root: Path, paths: list[str]) -> bytes:
    return git(["rev-list", f"--max-count={MAX_COMMITS}", "HEAD", "--", *paths], root)


# -- the versions of one dossier, kept between builds --------------------------------------------
# Finding them reads, loads and checks every earlier state of the dossier: the same work on every
# build while its history is unchanged. The result is kept in the build's own cache folder (next
# to the exported folders it points at), under a key of everything it was derived from: the
# commits touching the dossier, the settings, today's date, the other dossiers' slugs, the bound
# and watwerkt's version (history/cachefile.py).
def _result_key(listing: bytes, paths: list[str], d: Dossier, settings: Settings, today: dt.date,
                max_versions: int, siblings: set[str], including_last: bool) -> str:
    h = hashlib.sha256()
    for part in (__version__, repr(paths), repr(settings), today.isoformat(), repr(d.version),
                 repr(sorted(siblings)), str(max_versions), str(including_last)):
        h.update(part.encode("utf-8") + b"\0")
    h.update(listing)
    return h.hexdigest()


def _stored(cache: Path, key: str):
    stored = cachefile.read(cache / "resultaten", key)
    if not (isinstance(stored, tuple) and len(stored) == 2):
        return None
    found, more = stored
    if any(v.dossier is not None and not (v.dossier.folder and Path(v.dossier.folder).is_dir()) for v in found):
        return None  # its exported folders were removed: find them again
    return found, more


def _store(cache: Path, key: str, result) -> None:
    cachefile.write(cache / "resultaten", key, result)


def _versions(root: Path, listing: bytes, paths: list[str], d: Dossier, settings: Settings, today: dt.date,
              cache: Path, max_versions: int, siblings: set[str], including_last: bool) -> tuple[list[Version], int]:
    commits = listing.decode().split()[::-1]  # oldest first
    specs = [f"{c}:{p}/{DOSSIER_FILE}" for c in commits for p in paths]
    blobs = read_blobs(root, specs, settings.limits.max_file_bytes)
    heads: dict[str, tuple[dt.date | None, str | None]] = {}  # by content: many commits share a file
    best: dict[dt.date, tuple[str, str, str | None]] = {}  # version -> (commit, path, status)
    newest: dt.date | None = None
    for c in commits:
        path = next((p for p in paths if blobs.get(f"{c}:{p}/{DOSSIER_FILE}")), None)
        if path is None:
            continue
        data = blobs[f"{c}:{path}/{DOSSIER_FILE}"]
        key = hashlib.sha256(data).hexdigest()
        if key not in heads:
            heads[key] = _head(data, settings)
        version, status = heads[key]
        if version is None or (newest is not None and version < newest):
            continue  # a changelog edited backwards does not reopen an older version
        best[version] = (c, path, status)
        newest = version
    current = d.version
    dates = sorted((v for v, (_, _, status) in best.items()
                    if current and (v <= current if including_last else v < current)
                    and status in ("published", "archived")), reverse=True)
    out = []
    for date in dates[:max_versions]:
        commit, path, _ = best[date]
        tree = git(["rev-parse", f"{commit}:{path}"], root).decode().strip()
        folder, reason = _export(root, tree, d.slug, cache, settings)
        if folder is None:
            out.append(Version(date, commit, None, note=f"Deze versie wordt niet getoond: {reason}."))
            continue
        out.append(_load(folder, date, commit, settings, today, siblings))
    for newer, older in zip(out, out[1:]):
        if newer.rendered and older.rendered:
            newer.changes = reader_summary(older.dossier, newer.dossier, older.files, newer.files, settings)
    return out, max(0, len(dates) - max_versions)


def dossier_history(dossiers: list[Dossier], dossiers_dir: Path, settings: Settings, today: dt.date,
                    cache: Path, max_versions: int) -> History:
    """The earlier versions of every given (public) dossier. Never raises for a missing history:
    outside a repository, without git or in a shallow clone the History says why, in Dutch."""
    try:
        root = repo_root(dossiers_dir)
        if is_shallow(root):
            return History(False, "de repository is een ondiepe kopie (shallow clone) zonder de volledige "
                                  "geschiedenis", shallow=True)
        verify_revision(root, "HEAD")
    except GitError as exc:
        return History(False, str(exc))
    subdir = Path(os.path.relpath(dossiers_dir.resolve(), root.resolve())).as_posix()
    subdir = "" if subdir == "." else subdir
    siblings = {d.slug for d in dossiers}
    history = History(True)
    present = {p.name for p in dossiers_dir.iterdir()} if dossiers_dir.is_dir() else set()
    present |= {old for d in dossiers for old in d.former_slugs}  # renamed, not withdrawn
    history.withdrawn = withdrawn_dossiers(root, subdir, present, settings, today, cache, max_versions, siblings)
    for d in dossiers:
        found, more = dossier_versions(root, subdir, d, settings, today, cache, max_versions, siblings)
        history.versions[d.slug] = found
        if more:
            history.left_out[d.slug] = more
        if found and found[0].rendered and d.folder is not None:
            history.current_changes[d.slug] = reader_summary(found[0].dossier, d, found[0].files,
                                                             _section_files(d.folder), settings)
    return history


def _removals(root: Path, subdir: str) -> dict[str, tuple[str, dt.date]]:
    """slug -> (commit, date) of the newest commit that deleted <subdir>/<slug>/dossier.yml."""
    prefix = subdir.rstrip("/") + "/" if subdir else ""
    out = git(["log", f"--max-count={MAX_COMMITS}", "--diff-filter=D", "--no-renames", "--format=%x00%H %cs",
               "--name-only", "HEAD", "--", f"{prefix}*/{DOSSIER_FILE}"], root).decode("utf-8", "replace")
    found: dict[str, tuple[str, dt.date]] = {}
    for block in out.split("\x00")[1:]:
        head, *paths = block.strip().splitlines()
        commit, day = head.split()
        for path in paths:
            rest = path[len(prefix):] if path.startswith(prefix) else None
            if rest and rest.count("/") == 1 and rest.endswith("/" + DOSSIER_FILE):
                found.setdefault(rest.split("/", 1)[0], (commit, dt.date.fromisoformat(day)))
    return found


def withdrawn_dossiers(root: Path, subdir: str, present: set[str], settings: Settings, today: dt.date,
                       cache: Path, max_versions: int, siblings: set[str]) -> dict[str, Withdrawn]:
    """The dossiers removed from dossiers/ (not renamed: `present` holds today's folders and former
    slugs) that had at least one published version, each as it stood before its removal."""
    prefix = subdir.rstrip("/") + "/" if subdir else ""
    out: dict[str, Withdrawn] = {}
    for slug, (commit, removed) in sorted(_removals(root, subdir).items()):
        if slug in present or not _SAFE_NAME.match(slug):
            continue
        try:
            tree = git(["rev-parse", f"{commit}^:{prefix}{slug}"], root).decode().strip()
        except GitError:
            continue
        folder, _ = _export(root, tree, slug, cache, settings)
        if folder is None:
            continue
        last = load_dossier(folder, settings, base=folder.parent).dossier
        if last is None or not last.version:
            continue
        found, more = dossier_versions(root, subdir, last, settings, today, cache, max_versions, siblings,
                                       including_last=True)
        if found:
            out[slug] = Withdrawn(last, removed, found, more)
    # A withdrawn dossier's former slug is its own old address (its versions redirect from there),
    # not another withdrawn dossier.
    formers = {old for w in out.values() for old in w.last.former_slugs}
    return {slug: w for slug, w in out.items() if slug not in formers}
