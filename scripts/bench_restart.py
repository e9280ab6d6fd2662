#!/usr/bin/env python3
"""Benchmark (not a test): how long `watwerkt serve` takes to answer, first on a new project (it
builds) and then restarted on the unchanged project (it should not build again; issue 12).

    .venv/bin/python scripts/bench_restart.py [--count 1000] [--restarts 3] [--pdf]

Makes a temporary project of --count synthetic dossiers (scripts/gen_corpus.py, seed 1) as a git
repository with one commit, so earlier versions are on and the fingerprint reads git HEAD, as in
a real checkout; the plugin as published (search index on, versions on), PDFs off unless --pdf.
Then runs `watwerkt serve` (the console script next to this Python, this tree's package first on
PYTHONPATH) on a free port: once to build, then --restarts times on the unchanged project. Each
run is measured from process start to the first HTTP 200 of the home page and of /api/health
(polled every 50 ms), then the server is stopped (SIGTERM). The machine may be shared: the load
average is printed before and after. Exits 0, or 1 when a server did not come up.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_corpus  # noqa: E402

TODAY = "2026-11-26"
SKIPPED = "Niets veranderd sinds de vorige bouw"
CLI = Path(sys.executable).with_name("watwerkt")
GIT_ENV = {"GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
POLL = 0.05
BOUND = 1800.0  # seconds a run may take before it counts as failed (a cold build at 1,000 is ~1 min)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def make_project(root: Path, count: int, pdf: bool) -> None:
    gen_corpus.generate(root, count, seed=1)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        gen_corpus.benchmark_config(TODAY, f"      pdf: {'true' if pdf else 'false'}\n"), encoding="utf-8")
    (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main", "."], ["add", "-A"], ["commit", "-q", "-m", "benchmark"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def serve_once(root: Path, log: Path) -> dict:
    """Start `watwerkt serve`, wait for both addresses to answer 200, stop it; seconds since start."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    package = str(ROOT / "plugins")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": package + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")}
    env.pop("WATWERKT_TODAY", None)  # mkdocs.yml fixes 'today'
    with open(log, "w", encoding="utf-8") as err:
        start = time.monotonic()
        proc = subprocess.Popen([str(CLI), "serve", "--port", str(port)], cwd=root, env=env,
                                stdin=subprocess.DEVNULL, stdout=err, stderr=subprocess.STDOUT)
    seen: dict[str, float] = {}
    try:
        while len(seen) < 2 and proc.poll() is None and time.monotonic() - start < BOUND:
            for name, path in (("home", "/"), ("health", "/api/health")):
                if name not in seen and ok(base + path):
                    seen[name] = time.monotonic() - start
            time.sleep(POLL)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text(encoding="utf-8", errors="replace")
    return {**seen, "skipped": SKIPPED in text, "log": text}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="PDFs on (the first build takes much longer)")
    args = parser.parse_args()
    print(f"load average: {loadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-restart-") as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        make_project(root, args.count, args.pdf)
        print(f"{args.count} dossiers in a git repository; PDFs {'on' if args.pdf else 'off'}", flush=True)
        runs = [("first (builds)", 0)] + [(f"restart {n}", n) for n in range(1, args.restarts + 1)]
        failed = False
        for label, n in runs:
            result = serve_once(root, Path(tmp) / f"serve-{n}.log")
            if "home" not in result or "health" not in result:
                print(f"  {label}: the server did not answer 200 on both addresses; its log:\n{result['log'][-3000:]}")
                failed = True
                break
            built = "skipped the build" if result["skipped"] else "built"
            print(f"  {label:15s} home page 200 after {result['home']:6.2f} s, /api/health 200 after "
                  f"{result['health']:6.2f} s ({built}); load average {loadavg()}", flush=True)
            if n > 0 and not result["skipped"]:
                print(f"  note: restart {n} built again although nothing changed; its log:\n{result['log'][-2000:]}")
    print(f"load average: {loadavg()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
