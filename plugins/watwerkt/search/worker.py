"""Build the search index in a child process while the caller does other work (the site build
renders pages meanwhile; Whoosh indexing is CPU-bound and needs no pages).

The child is a fresh `python` running `main` below, not a multiprocessing spawn: spawn re-imports
the caller's `__main__`, so a build script without `if __name__ == "__main__"` would start
building again in the child and fail. The inputs travel in a pickle file (they are our own
dataclasses, written and read by this module only), the result in a JSON file.

The child never outlives its parent: it watches its stdin, a pipe whose other end only the
parent holds, and exits as soon as that pipe reaches end-of-file (the parent ended, killed or not).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from typing import TYPE_CHECKING

import watwerkt

if TYPE_CHECKING:  # imported when needed: the child starts watching its parent before Whoosh loads
    from .store import IndexBuild

PACKAGE_ROOT = Path(watwerkt.__file__).resolve().parent.parent  # the folder holding watwerkt/
# The child imports this very package, whatever put it on the caller's sys.path (a script's own
# sys.path.insert, PYTHONPATH, an install): its folder goes first unless it is what Python finds.
BOOTSTRAP = (
    "import importlib.util, os, sys\n"
    "root = sys.argv[1]\n"
    "spec = importlib.util.find_spec('watwerkt')\n"
    "if spec is None or os.path.realpath(os.path.dirname(os.path.dirname(spec.origin))) != root:\n"
    "    sys.path.insert(0, root)\n"
    "from watwerkt.search.worker import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


class IndexBuildFailed(Exception):
    """The child could not build the index; the message is Dutch and says why."""


class IndexJob:
    """A running index build: `result()` waits and returns build_index's IndexBuild."""

    def __init__(self, dossiers, settings, index_root: Path, keep: tuple[str, ...] = ()):
        self.folder = Path(tempfile.mkdtemp(prefix="watwerkt-index-"))
        self.inputs, self.output = self.folder / "inputs.pickle", self.folder / "result.json"
        self.log = self.folder / "stderr.txt"
        with open(self.inputs, "wb") as fd:
            pickle.dump((list(dossiers), settings, Path(index_root), tuple(keep)), fd,
                        protocol=pickle.HIGHEST_PROTOCOL)
        with open(self.log, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-c", BOOTSTRAP, str(PACKAGE_ROOT), str(self.inputs), str(self.output)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err, close_fds=True)

    def result(self) -> IndexBuild:
        from .store import IndexBuild

        try:
            code = self.process.wait()
            try:
                answer = json.loads(self.output.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                answer = {"error": f"het zoekproces stopte met code {code}"
                                   + (f": {log[-1]}" if log else "")}
            if "error" in answer:
                raise IndexBuildFailed(answer["error"])
            return IndexBuild(Path(answer["version"]), answer["dossiers"], answer["rebuilt"])
        finally:
            self.stop()

    def stop(self) -> None:
        """End the child (if still running) and remove the exchange files."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()
        for path in (self.inputs, self.output, self.log):
            path.unlink(missing_ok=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass


def start_index_build(dossiers, settings, index_root: Path, keep: tuple[str, ...] = ()) -> IndexJob:
    """Start `build_index(dossiers, settings, index_root, switch=False, keep=keep)` in a child
    process: the site build switches CURRENT itself, together with the site it belongs to."""
    return IndexJob(dossiers, settings, index_root, keep)


def _exit_with_parent() -> None:
    def watch() -> None:
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except (OSError, ValueError):
            pass
        os._exit(3)  # the parent is gone: stop at once, mid-build or not

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> int:
    _exit_with_parent()
    inputs, output = Path(argv[0]), Path(argv[1])
    from .store import build_index

    try:
        with open(inputs, "rb") as fd:
            dossiers, settings, index_root, keep = pickle.load(fd)
        built = build_index(dossiers, settings, index_root, switch=False, keep=keep)
        answer = {"version": str(built.folder), "dossiers": built.dossiers, "rebuilt": built.rebuilt}
    except Exception as exc:  # reported to the parent in Dutch, with the cause
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    tmp = output.with_suffix(".tmp")
    tmp.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
