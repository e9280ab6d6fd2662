#!/usr/bin/env python3
"""Benchmark (not a test): what the earlier versions of the dossiers cost a build.

    .venv/bin/python scripts/bench_versions.py [--count 100] [--versions 3] [--repeat 2] [--pdf]

Builds a temporary git repository of --count synthetic dossiers (scripts/gen_corpus.py, seed 1)
with --versions commits, each adding a changelog entry (and a sentence) to every dossier, so each
dossier has versions-1 earlier versions. Then `mkdocs build` (CPU seconds of the build and its
children, getrusage) in these variants:

  without   versions: false, the baseline (the same build a site without history does);
  cold      versions on, empty cache (.cache/ removed): every old version exported from git;
  warm      versions on, the cache of the previous versions build kept (a second build).

Order: without, cold, warm, then (without, warm) repeated; best of each. Search index and PDFs
off unless --pdf (then PDFs on in every variant; their cache is kept for warm and without too).
The machine may be shared: print the load average and compare ratios. Exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_corpus  # noqa: E402

TODAY = "2026-12-31"
GIT_ENV = {"GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def make_repo(root: Path, count: int, versions: int, pdf: bool) -> None:
    gen_corpus.generate(root, count, seed=1)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main", ".")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "version 1")
    for n in range(2, versions + 1):
        day = f"2026-12-{n:02d}"  # after every generated date, before TODAY
        for yml in sorted((root / "dossiers").glob("*/dossier.yml")):
            text = yml.read_text(encoding="utf-8")
            text = text.replace("changelog:\n", f"changelog:\n  - date: {day}\n    summary: Herzien (benchmark).\n", 1)
            text = re.sub(r"(?m)^  reviewed: .*$", f"  reviewed: {day}", text, count=1)
            yml.write_text(text, encoding="utf-8")
            definitie = yml.parent / "definitie.md"
            definitie.write_text(definitie.read_text(encoding="utf-8") + f"\nHerziening {n} (benchmark).\n",
                                 encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"version {n}")
    config(root, versions=True, pdf=pdf)


def config(root: Path, versions: bool, pdf: bool) -> None:
    (root / "mkdocs.yml").write_text(
        gen_corpus.benchmark_config(TODAY, f"      pdf: {'true' if pdf else 'false'}\n      search_index: false\n"
        f"      versions: {'true' if versions else 'false'}\n"),
        encoding="utf-8")


def build_cpu(root: Path, cold: bool) -> float:
    if cold:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=root, env=env, check=True,
                   stdin=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--versions", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-versions-") as tmp:
        root = Path(tmp)
        make_repo(root, args.count, args.versions, args.pdf)
        times: dict[str, list[float]] = {"without": [], "cold": [], "warm": []}

        def run(variant: str) -> None:
            config(root, versions=variant != "without", pdf=args.pdf)
            seconds = build_cpu(root, cold=variant == "cold")
            times[variant].append(seconds)
            print(f"  {variant:8s} {seconds:7.2f} s CPU", flush=True)

        for variant in ("without", "cold", "warm"):
            run(variant)
        for _ in range(args.repeat - 1):
            run("without")
            run("warm")
        pages = len(list((root / "site" / "dossiers").glob("*/versies/*/index.html")))
        best = {k: min(v) for k, v in times.items()}
        print(f"\n{args.count} dossiers, {args.versions} versions each: {pages} version pages "
              f"(earlier versions plus the current version's redirect)")
        for k in ("without", "cold", "warm"):
            print(f"  {k:8s} best {best[k]:7.2f} s CPU")
        print(f"  second build with versions / without: {best['warm'] / best['without']:.2f}x (target <= 1.2x)")
        print(f"  cold build with versions / without:   {best['cold'] / best['without']:.2f}x")
        print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
