"""Running git: one wrapper with Dutch errors, the repository root, revisions and tree listings."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown; the command
    line reports it as a usage error (exit 2), the site build as a note."""


class GitMissing(GitError):
    pass


def git(args: list[str], cwd: Path, *, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitMissing("git is niet beschikbaar; installeer git (apt-get install git)") from None
    except NotADirectoryError:
        raise GitError(f"map bestaat niet: {cwd}") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} mislukt: {message[-1] if message else 'onbekende fout'}")
    return proc.stdout


def repo_root(folder: Path) -> Path:
    if not folder.is_dir():
        raise GitError(f"map bestaat niet: {folder}")
    try:
        out = git(["rev-parse", "--show-toplevel"], folder)
    except GitMissing:
        raise
    except GitError:
        raise GitError(f"de map {folder} ligt niet in een git-repository") from None
    return Path(out.decode("utf-8").strip())


def verify_revision(root: Path, rev: str) -> str:
    """The commit id of `rev`, or GitError with a Dutch message."""
    if rev.startswith("-"):
        raise GitError(f"onbekende git-revisie '{rev}'")
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).decode().strip()
    except GitError:
        raise GitError(f"onbekende git-revisie '{rev}'; controleer de naam, of haal hem op met git fetch") from None


def is_shallow(root: Path) -> bool:
    return git(["rev-parse", "--is-shallow-repository"], root).decode().strip() == "true"


def names(raw: bytes) -> list[str]:
    """NUL-separated git output as paths (undecodable bytes kept, never a crash)."""
    return [n for n in raw.decode("utf-8", "surrogateescape").split("\0") if n]


def read_blobs(root: Path, specs: list[str], max_bytes: int) -> dict[str, bytes | None]:
    """The contents of objects named like `<commit>:<path>`, in one `git cat-file` pair of runs.
    Missing objects are left out; an object larger than max_bytes, or not a file, maps to None
    and is never read (git content is untrusted dossier content: the same size bound holds)."""
    if not specs:
        return {}
    check = git(["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], root,
                data="".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape"))
    found: dict[str, str] = {}
    out: dict[str, bytes | None] = {}
    for spec, line in zip(specs, check.decode("utf-8", "replace").splitlines()):
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob":
            if int(parts[2]) <= max_bytes:
                found[spec] = parts[0]
            else:
                out[spec] = None
        elif len(parts) == 3:
            out[spec] = None
    wanted = sorted(set(found.values()))
    if wanted:
        raw = git(["cat-file", "--batch"], root, data="".join(f"{o}\n" for o in wanted).encode())
        bodies: dict[str, bytes] = {}
        at = 0
        for obj in wanted:
            header_end = raw.index(b"\n", at)
            size = int(raw[at:header_end].split()[2])
            bodies[obj] = raw[header_end + 1:header_end + 1 + size]
            at = header_end + 1 + size + 1
        for spec, obj in found.items():
            out[spec] = bodies[obj]
    return out
