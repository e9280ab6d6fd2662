#!/usr/bin/env python3
"""Benchmark (not a test): site build with the watwerkt plugin against a plain MkDocs + Material
build of the same content as plain Markdown pages, in one run, at several corpus sizes.

    .venv/bin/python scripts/bench_site.py [--counts 250 1000] [--repeat 2]

For each size N it generates N synthetic dossiers (scripts/gen_corpus.py), then builds
  plugin: mkdocs.yml with the watwerkt plugin (validation, pages, exports, a cold Whoosh search
          index built in a second process; PDFs off), reading dossiers/;
  plain:  the same Markdown pages the plugin generates (dossier and overview pages), written as
          ordinary files in docs/, with the same theme and features but without the plugin.
Both are `mkdocs build` in a fresh subprocess (best of --repeat). Prints a table with the ratio;
the target is plugin/plain <= 1.3. Exits 0 whatever the verdict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate  # noqa: E402

from watwerkt.view.overviews import overview_pages  # noqa: E402
from watwerkt.view.page import PageOptions, dossier_page  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
THEME = """theme:
  name: material
  language: nl
  font: false
  features: [navigation.prune, navigation.indexes]
markdown_extensions: [attr_list, md_in_html, admonition, tables, {toc: {permalink: true}}]
"""


def _write_plugin_project(root: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\nsite_url: https://kennisbank.example.org/\n" + THEME
        + f"plugins:\n  - search:\n      lang: nl\n  - watwerkt:\n      today: '{TODAY}'\n      pdf: false\n",
        encoding="utf-8",
    )


def _write_plain_project(src: Path, root: Path) -> int:
    settings = load_settings(None)
    dossiers = [d for d in check([src / "dossiers"], settings, TODAY).valid_dossiers() if d.status != "draft"]
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Wat werkt\n", encoding="utf-8")
    on_site = {d.slug for d in dossiers}
    for d in dossiers:
        opts = PageOptions(on_site=on_site, today=TODAY)
        page = docs / "dossiers" / d.slug / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(dossier_page(d, settings, opts), encoding="utf-8")
    for p in overview_pages(dossiers, settings):
        path = docs / p.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(p.markdown, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\nsite_url: https://kennisbank.example.org/\n" + THEME + "plugins:\n  - search:\n      lang: nl\n",
        encoding="utf-8",
    )
    return len(dossiers)


def _build_seconds(root: Path, repeat: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    best = float("inf")
    for _ in range(repeat):
        shutil.rmtree(root / ".cache", ignore_errors=True)  # a cold search index every time
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(root / "site")],
                       cwd=root, env=env, check=True, stdin=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    rows = []
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            print(f"[{n}] corpus genereren ...", file=sys.stderr)
            generate(tmp / "plugin", n, seed=1)
            _write_plugin_project(tmp / "plugin")
            pages = _write_plain_project(tmp / "plugin", tmp / "plain")
            print(f"[{n}] plain build ...", file=sys.stderr)
            plain = _build_seconds(tmp / "plain", args.repeat)
            print(f"[{n}] plugin build ...", file=sys.stderr)
            plugin = _build_seconds(tmp / "plugin", args.repeat)
            rows.append((n, pages, plain, plugin))

    print(f"\n{'dossiers':>8} {'published':>9} {'plain s':>8} {'plugin s':>9} {'ratio':>6}  target <= 1.3")
    for n, pages, plain, plugin in rows:
        ratio = plugin / plain
        print(f"{n:>8} {pages:>9} {plain:>8.2f} {plugin:>9.2f} {ratio:>6.2f}  {'PASS' if ratio <= 1.3 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
