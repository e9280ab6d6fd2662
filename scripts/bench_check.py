#!/usr/bin/env python3
"""Benchmark `watwerkt check` against plain YAML parsing on a synthetic corpus.

    python scripts/bench_check.py [--count 1000] [--repeat 3] [--seed 1]

Generates the corpus (scripts/gen_corpus.py) into a temporary folder, then times, in this one
process and best of --repeat (wall clock, gc collected before each run; the two are
interleaved so that drifting load on a shared machine hits both alike):

  (a) watwerkt.check.check on all N dossiers, with the package default settings and a fixed
      today, exactly what `watwerkt check` does minus interpreter start and printing;
  (b) read + yaml.safe_load of the same N dossier.yml files, nothing else.

It also runs the CLI once in a subprocess for the end-to-end time including interpreter start
(a single run, so noisier than the best-of figures). --profile adds a cProfile listing of one
in-process check: the package's functions by cumulative time.
The target is check <= 3x safe_load. The verdict is printed; the exit code is 0 regardless
(this is a benchmark, not a test). Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
try:
    import watwerkt  # noqa: F401
except ImportError:  # run with an interpreter where the package is not installed
    sys.path.insert(0, str(ROOT / "plugins"))

import yaml  # noqa: E402

from gen_corpus import generate  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
TARGET = 3.0


def progress(msg: str) -> None:
    print(f"bench_check: {msg}", file=sys.stderr, flush=True)


def timed(label: str, fn) -> tuple[float, object]:
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    progress(f"{label}: {elapsed:.2f} s")
    return elapsed, result


def profile(fn, top: int = 12) -> str:
    """Print the package's own functions by cumulative time (stdout), for docs/benchmarks.md."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.runcall(fn)
    stats = pstats.Stats(prof)
    rows = []
    for (filename, line, name), (_, ncalls, _, cumtime, _) in stats.stats.items():
        if f"{os.sep}watwerkt{os.sep}" in filename:
            rows.append((cumtime, ncalls, f"{Path(filename).name}:{line}({name})"))
    rows.sort(reverse=True)
    total = max(row[0] for row in rows) if rows else 0.0
    lines = [f"cProfile of one check, watwerkt functions by cumulative time "
             f"(total {total:.2f} s under the profiler):"]
    for cumtime, ncalls, where in rows[:top]:
        lines.append(f"  {cumtime:8.2f} s  {cumtime / total * 100 if total else 0:5.1f} %  {ncalls:>8} calls  {where}")
    return "\n".join(lines)


def cli_command() -> list[str]:
    exe = Path(sys.executable).parent / "watwerkt"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("watwerkt")
    return [found] if found else [sys.executable, "-m", "watwerkt.cli"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of synthetic dossiers (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one in-process check with cProfile and list the top watwerkt functions")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1:
        parser.error("--count and --repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="watwerkt-bench-") as tmp:
        base = Path(tmp)
        progress(f"generating {args.count} synthetic dossiers in {base} ...")
        t0 = time.perf_counter()
        folders = generate(base, args.count, args.seed)
        progress(f"generated in {time.perf_counter() - t0:.2f} s")
        root = base / "dossiers"
        ymls = [f / "dossier.yml" for f in folders]
        settings = load_settings(None)

        def run_check():
            return check([root], settings, TODAY, base=base)

        def run_safe_load():
            out = []
            for path in ymls:
                with open(path, encoding="utf-8") as fh:
                    out.append(yaml.safe_load(fh.read()))
            return out

        def run_c_safe_load():
            out = []
            for path in ymls:
                with open(path, encoding="utf-8") as fh:
                    out.append(yaml.load(fh.read(), Loader=yaml.CSafeLoader))
            return out

        # Interleaved (check, safe_load, check, ...) so drifting machine load hits both alike.
        checks, loads, c_loads = [], [], []
        for i in range(args.repeat):
            elapsed, result = timed(f"check run {i + 1}/{args.repeat}", run_check)
            checks.append(elapsed)
            n_err, n_warn = len(result.errors), len(result.warnings)
            if i == 0 and result.problems:
                progress(f"WARNING: the synthetic corpus got {len(result.problems)} problem(s), e.g.:")
                for p in result.problems[:5]:
                    progress(f"  {p.path}:{p.line}:{p.col} {p.code} {p.message}")
            del result
            elapsed, _ = timed(f"safe_load run {i + 1}/{args.repeat}", run_safe_load)
            loads.append(elapsed)
            if yaml.__with_libyaml__:
                elapsed, _ = timed(f"C safe_load run {i + 1}/{args.repeat}", run_c_safe_load)
                c_loads.append(elapsed)
        t_check, t_yaml = min(checks), min(loads)

        progress("running the CLI once in a subprocess ...")
        cmd = cli_command() + ["check", "--today", TODAY.isoformat(), str(root)]
        gc.collect()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=base, capture_output=True, text=True)
        t_cli = time.perf_counter() - t0
        cli_tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        progress(f"CLI: {t_cli:.2f} s")
        profiled = ""
        if args.profile:
            progress("profiling one check with cProfile ...")
            profiled = profile(run_check)

    n = args.count
    ratio = t_check / t_yaml if t_yaml > 0 else float("inf")
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    rows = [
        ("watwerkt check (in-process)", t_check),
        ("yaml.safe_load of dossier.yml", t_yaml),
        ("watwerkt check (CLI, end-to-end, 1 run)", t_cli),
    ]
    if c_loads:
        rows.insert(2, ("yaml.load with CSafeLoader (for reference)", min(c_loads)))
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPU(s); PyYAML {yaml.__version__}, "
          f"C loader (CSafeLoader) available: {'yes' if yaml.__with_libyaml__ else 'no'} "
          f"(the checker parses with it; the baseline is plain yaml.safe_load, as specified)")
    print(f"corpus: N = {n} synthetic dossiers (seed {args.seed}); best of {args.repeat}; "
          f"today = {TODAY}; check found {n_err} error(s), {n_warn} warning(s); "
          f"CLI exit {proc.returncode}: {cli_tail}")
    print()
    print(f"| {'what':<40} | {'N':>5} | {'seconds':>8} | {'ms/dossier':>10} |")
    print(f"|{'-' * 42}|{'-' * 6}:|{'-' * 9}:|{'-' * 11}:|")
    for label, secs in rows:
        print(f"| {label:<40} | {n:>5} | {secs:>8.2f} | {secs / n * 1000:>10.2f} |")
    print()
    print(f"ratio check / safe_load = {ratio:.2f} (target <= {TARGET:g}): {verdict}")
    if profiled:
        print()
        print(profiled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
