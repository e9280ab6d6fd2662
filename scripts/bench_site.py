#!/usr/bin/env python3
"""Benchmark (not a test): the site build with the watwerkt plugin against a fair plain MkDocs +
Material baseline, interleaved in one run, at several corpus sizes.

    .venv/bin/python scripts/bench_site.py [--counts 250 1000 2000] [--repeat 1]

For each size N:
  plugin:  N synthetic dossiers (scripts/gen_corpus.py, seed 1) built by `mkdocs build` with the
           watwerkt plugin as our mkdocs.yml publishes it (validation, dossier and overview
           pages, exports, a cold Whoosh index in its child process, the static Pagefind index;
           no Material `search` plugin, as in our mkdocs.yml), PDFs off;
  noindex: the same with search_index and static_search off, to report the indexes separately;
  plain:   N ordinary Markdown pages of about 1,500 words (headings, paragraphs, lists from the
           corpus' word list), in sections of at most 50 pages, each with an index page, and
           the same theme features (navigation.prune, navigation.indexes, navigation.top) and
           Markdown extensions (mkdocs.yml's plus the plugin's); its search is Material's
           `search` plugin (lang: nl), which is how a plain Material site searches.
Time is CPU seconds of the `mkdocs build` process and its children (getrusage), best of
--repeat; the variants alternate (plain, plugin, noindex, plain, ...) so load hits them alike.
Size is site/ without pdf/ (there is none with PDFs off). Also printed: the largest page that is
not a listing, and the largest listing page. The machine may be shared: print the load average
next to the figures and compare ratios, not seconds. Exits 0 whatever the verdict.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_corpus  # noqa: E402

from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS  # noqa: E402
from watwerkt.view.listing import PAGE_SIZE  # noqa: E402

TODAY = "2026-11-26"
WORDS = 1500
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", *[e for e in MARKDOWN_EXTENSIONS if e not in
              ("attr_list", "md_in_html", "admonition", "tables", "toc")]]
THEME = (
    "theme:\n  name: material\n  language: nl\n  font: false\n"
    "  features: [navigation.prune, navigation.indexes, navigation.top]\n"
    "markdown_extensions: [" + ", ".join(EXTENSIONS) + ", {toc: {permalink: true}}]\n"
)
SITE = "site_name: Benchmark\nsite_url: https://kennisbank.example.org/\n"
LISTING = ("dossiers/", "themas/", "doelgroepen/", "werkzame-elementen/", "bewijs/", "literatuur/", "recent/")
TARGETS = {"1000 vs plain, time": 1.5, "2000/1000, time": 2.2, "2000/1000, bytes": 2.2, "1000 vs plain, bytes": 2.0}


def write_plugin_project(root: Path, count: int, index: bool) -> None:
    gen_corpus.generate(root, count, seed=1)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        SITE + THEME + f"plugins:\n  - watwerkt:\n      today: '{TODAY}'\n"
        f"      pdf: false\n      search_index: {str(index).lower()}\n      static_search: {str(index).lower()}\n",
        encoding="utf-8")


def _plain_page(rng: random.Random, title: str) -> str:
    out, written = [f"# {title}", ""], 0
    while written < WORDS:
        if rng.random() < 0.25:
            out += ["## " + rng.choice(gen_corpus.HEADINGS), ""]
        if rng.random() < 0.2:
            for _ in range(rng.randint(2, 4)):
                words = gen_corpus._sentence(rng)
                out.append("- " + " ".join(words))
                written += len(words)
            out.append("")
        else:
            words = [w for _ in range(rng.randint(3, 6)) for w in gen_corpus._sentence(rng)]
            out += [" ".join(words), ""]
            written += len(words)
    return "\n".join(out)


def write_plain_project(root: Path, count: int) -> None:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Wat werkt\n\nDe pagina's per sectie.\n", encoding="utf-8")
    rng = random.Random(f"plain:{count}")
    for start in range(0, count, PAGE_SIZE):
        section = docs / f"sectie-{start // PAGE_SIZE + 1:03d}"
        section.mkdir()
        names = [f"pagina-{i + 1:05d}" for i in range(start, min(start + PAGE_SIZE, count))]
        (section / "index.md").write_text(
            f"# Sectie {start // PAGE_SIZE + 1}\n\n" + "".join(f"- [{n}]({n}.md)\n" for n in names), encoding="utf-8")
        for n in names:
            (section / f"{n}.md").write_text(_plain_page(rng, f"Pagina {n}"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE + THEME + "plugins:\n  - search:\n      lang: nl\n", encoding="utf-8")


def build_cpu(root: Path) -> float:
    """CPU seconds (user + system) of one cold `mkdocs build` and every process it waited for."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(root / "site")],
                   cwd=root, env=env, check=True, stdin=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.relative_to(site).parts[0] == "pdf")


def largest_pages(site: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """(bytes, address) of the largest page that is not a listing, and of the largest listing page."""
    pages, listings = [(0, "")], [(0, "")]
    for p in site.rglob("*.html"):
        address = p.relative_to(site).parent.as_posix() + "/"
        is_listing = address == "./" or any(address.startswith(f) for f in LISTING) and not (
            address.startswith("dossiers/") and address.count("/") == 2 and not address.startswith("dossiers/pagina-"))
        (listings if is_listing else pages).append((p.stat().st_size, address))
    return max(pages), max(listings)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    rows = {}
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            print(f"[{n}] projecten schrijven ... (load {loadavg()})", file=sys.stderr)
            write_plugin_project(tmp / "plugin", n, index=True)
            write_plugin_project(tmp / "noindex", n, index=False)
            write_plain_project(tmp / "plain", n)
            best = {"plain": float("inf"), "plugin": float("inf"), "noindex": float("inf")}
            loads = []
            for r in range(args.repeat):
                for variant in best:
                    loads.append(loadavg())
                    print(f"[{n}] {variant} build {r + 1}/{args.repeat} (load {loads[-1]}) ...", file=sys.stderr)
                    best[variant] = min(best[variant], build_cpu(tmp / variant))
            size = {v: site_bytes(tmp / v / "site") for v in best}
            page, listing = largest_pages(tmp / "plugin" / "site")
            plain_page = max((p.stat().st_size for p in (tmp / "plain" / "site").rglob("*.html")), default=0)
            rows[n] = dict(cpu=best, size=size, page=page, listing=listing, plain_page=plain_page,
                           load=f"{loads[0]} .. {loadavg()}")

    print(f"\n{'N':>5} {'plain s':>8} {'plugin s':>9} {'index s':>8} {'ratio':>6} {'plain MB':>9} {'plugin MB':>10}"
          f" {'ratio':>6} {'page KB':>8} {'listing KB':>11}  load average")
    for n, r in rows.items():
        cpu, size = r["cpu"], r["size"]
        print(f"{n:>5} {cpu['plain']:>8.1f} {cpu['plugin']:>9.1f} {cpu['plugin'] - cpu['noindex']:>8.1f}"
              f" {cpu['plugin'] / cpu['plain']:>6.2f} {size['plain'] / 1e6:>9.1f} {size['plugin'] / 1e6:>10.1f}"
              f" {size['plugin'] / size['plain']:>6.2f} {r['page'][0] / 1e3:>8.1f} {r['listing'][0] / 1e3:>11.1f}  {r['load']}")
    for n, r in rows.items():
        print(f"{n}: largest page {r['page'][1]} ({r['page'][0] / 1e3:.1f} KB; plain {r['plain_page'] / 1e3:.1f} KB), "
              f"largest listing {r['listing'][1]} ({r['listing'][0] / 1e3:.1f} KB); plugin without index "
              f"{r['cpu']['noindex']:.1f} s ({r['cpu']['noindex'] / r['cpu']['plain']:.2f}x plain)")
    if 1000 in rows:
        verdicts = {"1000 vs plain, time": rows[1000]["cpu"]["plugin"] / rows[1000]["cpu"]["plain"],
                    "1000 vs plain, bytes": rows[1000]["size"]["plugin"] / rows[1000]["size"]["plain"]}
        if 2000 in rows:
            verdicts["2000/1000, time"] = rows[2000]["cpu"]["plugin"] / rows[1000]["cpu"]["plugin"]
            verdicts["2000/1000, bytes"] = rows[2000]["size"]["plugin"] / rows[1000]["size"]["plugin"]
        for name, value in verdicts.items():
            print(f"{name}: {value:.2f} (target <= {TARGETS[name]}: {'PASS' if value <= TARGETS[name] else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
