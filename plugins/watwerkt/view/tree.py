"""The one writer of the generated site source: dossier and overview pages (Markdown), exports and
styles, written into a folder that any Material-compatible generator can read next to docs/.

Content-addressed: a file whose bytes are unchanged is not written again and keeps its
modification time, so a dirty rebuild of the live preview (`mkdocs serve --dirty`) renders only
the pages that changed. What a build no longer writes is removed when it ends (prune)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

# Never write outside the tree: generated paths come from slugs, which the checks bound, but the
# writer does not rely on that.
_BAD_PARTS = {"", ".", ".."}


class SourceTree:
    def __init__(self, root: Path, known: dict[str, tuple] | None = None) -> None:
        """known: path -> (digest, the object written) of what this process last wrote there, kept
        by the live preview between rebuilds, so an unchanged file need not be read back to be
        compared, and the very same object handed in again (an unchanged page the preview kept)
        need not even be hashed. None: nothing known (a build compares with the disk)."""
        self.root = Path(root)
        self.known = known if known is not None else {}
        # Objects are kept only for a caller that keeps `known` between rounds: a build would
        # hold every page in memory.
        self.keep = known is not None
        self.written: set[str] = set()
        self.changed: set[str] = set()  # written this round because the bytes differed or were new

    def path(self, rel: str) -> Path:
        parts = rel.split("/")  # as written: "a//b" or "/x" is refused, not normalised
        if any(p in _BAD_PARTS or "\\" in p for p in parts):
            raise ValueError(f"geen geldig pad in de bron: {rel!r}")
        return self.root.joinpath(*parts)

    def write(self, rel: str, content: str | bytes) -> Path:
        """Write one file (UTF-8 for text) when its bytes differ; return where it is."""
        target = self.path(rel)
        self.written.add(rel)
        entry = self.known.get(rel)
        if self.keep and entry is not None and entry[1] is content and target.is_file():
            return target
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).digest()
        try:
            if entry is not None and entry[0] == digest and target.is_file():
                self.known[rel] = (digest, content if self.keep else None)
                return target
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                self.known[rel] = (digest, content if self.keep else None)
                return target
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)  # a reader (the watcher, a generator) never sees half a file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.changed.add(rel)
        self.known[rel] = (digest, content if self.keep else None)
        return target

    def prune(self, walk: bool = True) -> int:
        """Remove every file this round did not write (a removed dossier, a renamed theme), and
        folders left empty. Returns how many files went. walk=False: only what `known` says was
        written before and not now, without walking the tree (the live preview's later rounds,
        when no one else writes into it)."""
        removed = 0
        if not walk:
            for rel in sorted(set(self.known) - self.written):
                path = self.path(rel)
                path.unlink(missing_ok=True)
                del self.known[rel]
                removed += 1
                for folder in path.parents:
                    if folder == self.root or not folder.is_relative_to(self.root):
                        break
                    try:
                        folder.rmdir()  # only when empty
                    except OSError:
                        break
            return removed
        if not self.root.is_dir():
            return 0
        for current, dirs, names in os.walk(self.root, topdown=False):
            for name in names:
                path = Path(current, name)
                rel = path.relative_to(self.root).as_posix()
                if rel not in self.written:
                    path.unlink()
                    self.known.pop(rel, None)
                    removed += 1
            if Path(current) != self.root and not os.listdir(current):
                os.rmdir(current)
        return removed
