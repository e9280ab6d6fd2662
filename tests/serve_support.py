"""Helpers shared by the server tests (no tests here): `watwerkt serve` as a real child process on
a free port of 127.0.0.1, publications as a CI job would unpack them, and switching `current`."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

CLI = Path(sys.executable).with_name("watwerkt")
START_ATTEMPTS = 3
# Bounds for waiting on a process on a shared 2-core machine; never a timing assertion.
START_POLLS = 600  # x 0.1 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Running:
    process: subprocess.Popen
    base: str  # http://127.0.0.1:<port>, without the root path
    port: int
    log: Path  # the server's stderr

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def children(self) -> list[int]:
        """Worker processes uvicorn's supervisor started (multiprocessing's spawn_main)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and b"spawn_main" in cmdline:
                found.append(int(stat.parent.name))
        return sorted(found)


def env() -> dict:
    # The package under test is on PYTHONPATH (or installed); worker processes inherit it.
    package = str(Path(__file__).resolve().parents[1] / "plugins")
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1",
            "PYTHONPATH": package + (os.pathsep + path if path else "")}


@contextlib.contextmanager
def serving(args: list[str], log: Path, ready: str = "/api/health"):
    """Run `watwerkt serve ARGS --port <free>` until the block ends; waits until `ready` answers
    (any status). A port taken between choosing and binding is retried with another."""
    for attempt in range(START_ATTEMPTS):
        port = free_port()
        with open(log, "w", encoding="utf-8") as err:
            proc = subprocess.Popen([str(CLI), "serve", *args, "--port", str(port)], stdout=err,
                                    stderr=subprocess.STDOUT, env=env())
        base = f"http://127.0.0.1:{port}"
        up = False
        for _ in range(START_POLLS):
            if proc.poll() is not None:
                break
            try:
                httpx.get(base + ready, timeout=5)
                up = True
                break
            except httpx.TransportError:
                time.sleep(0.1)
        if up:
            break
        stop(proc)
        text = log.read_text(encoding="utf-8", errors="replace")
        if "address already in use" not in text.lower() or attempt == START_ATTEMPTS - 1:
            raise AssertionError(f"watwerkt serve kwam niet op:\n{text}")
    try:
        yield Running(proc, base, port, log)
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process, killing it if it does not end within 30 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def switch(current: Path, target: Path) -> None:
    """Point the symlink `current` at `target` atomically (a new link renamed over the old), as
    docs/deploy.md tells hosts to do: a reader never finds `current` missing."""
    tmp = current.with_name(f".{current.name}.nieuw")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(os.path.relpath(target, current.parent), tmp)
    os.replace(tmp, current)


def snapshot(folder: Path) -> dict:
    """Every file and folder under `folder` with size, mtime and mode: equal snapshots mean that
    nothing was written, touched or added."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        out[path.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return out


def copy_publication(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target
