#!/usr/bin/env python3
"""Bytes a reader fetches with the static search, from navigation start to the first result.

    .venv/bin/python scripts/static_search_bytes.py [--count 1000] [--work DIR] [--page dossier|home|zoeken]

Generates a corpus (scripts/gen_corpus.py, seed 1), builds its site with watwerkt's plugin and no
Material search plugin (PDFs, versions and the Whoosh index off: they are not fetched by a reader),
serves it with `python -m http.server` (no gzip) under the sub-path /kennisbank/, opens a page in
headless Chromium, types a compound part that occurs only inside longer words of the text (the most
widespread one, from the bundle's own records) into the header search, waits for the first result
and sums what the network delivered (Chrome DevTools Protocol: encodedDataLength per request, which
counts headers and body as received). Prints the total, the largest items, and the resource-timing
cross-check (transferSize of the document and every resource). Exit 0 when within BUDGET.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from static_eval import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

BUDGET = 1_000_000  # bytes: "at most 1 MB"
TODAY = "2026-11-26"


def corpus_site(work: Path, count: int) -> tuple[Path, Path]:
    """(project, built site) of `count` generated dossiers, built once per work folder."""
    project, site = work / "project", work / "site"
    if (site / "pagefind" / "pagefind-entry.json").is_file():
        return project, site
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.generate(project, count, seed=1, overdue=1)
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Corpus\nsite_url: https://voorbeeld.nl/kennisbank/\ntheme:\n  name: material\n"
        "  language: nl\n  font: false\n  features: [navigation.prune, navigation.indexes, navigation.top]\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, tables, {toc: {permalink: true}}]\n"
        f"plugins:\n  - watwerkt:\n      today: '{TODAY}'\n      pdf: false\n      versions: false\n"
        "      search_index: false\n      cache_dir: ../cache\n",
        encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                    "--site-dir", str(site)], check=True, cwd=project)
    print(f"site of {count} dossiers built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return project, site


def probe_word(project: Path) -> str:
    from watwerkt.check import check
    from watwerkt.model.settings import load_settings
    from watwerkt.static_search.bundle import records_for
    from watwerkt.static_search.probe_words import inner_parts

    settings = load_settings(None)
    dossiers = check([project / "dossiers"], settings, dt.date.fromisoformat(TODAY)).valid_dossiers()
    found = inner_parts(records_for(dossiers, settings))
    if not found:
        raise SystemExit("no compound part occurs only inside longer words of this corpus")
    return found[0][0]


def measure(base: str, path: str, query: str | None, field: str = "#ww-kop-q", first: str = ".ww-kop-treffer a") -> dict:
    """Open base+path, type `query` into `field` (None: the page searches by itself, as the search
    page does with ?zoek=), wait for `first`; bytes per URL."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            urls: dict[str, str] = {}
            sizes: dict[str, int] = {}
            statuses: dict[str, int] = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.responseReceived", lambda e: statuses.__setitem__(e["requestId"], e["response"]["status"]))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
            page.goto(base + path, wait_until="load")
            if query is not None:
                page.locator(field).fill(query)
            expect(page.locator(first).first).to_be_visible(timeout=30_000)
            # Copy what has arrived by the first result; the timing API as a cross-check.
            got = {rid: (urls.get(rid, "?"), n, statuses.get(rid)) for rid, n in dict(sizes).items()}
            timing = page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                return {document: nav ? nav.transferSize : 0,
                        resources: res.reduce((s, r) => s + r.transferSize, 0), count: res.length};
            }""")
            hits = page.locator(first).count()
        finally:
            browser.close()
    return {"items": sorted(got.values(), key=lambda item: -item[1]), "timing": timing, "hits": hits}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--work", type=Path, help="keep the corpus and site here (default: a temp folder)")
    parser.add_argument("--page", choices=("dossier", "home", "zoeken"), default="dossier")
    parser.add_argument("--query", help="the word to type (default: a compound part found only inside longer words)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="watwerkt-bytes-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        project, site = corpus_site(work, args.count)
        query = args.query or probe_word(project)
        slug = sorted(p.name for p in (site / "dossiers").iterdir() if (p / "index.html").is_file())[0]
        path = {"dossier": f"dossiers/{slug}/", "home": "", "zoeken": "zoeken/"}[args.page]
        field, first = ("#ww-q", "#ww-resultaten li a") if args.page == "zoeken" else ("#ww-kop-q", ".ww-kop-treffer a")
        if args.page == "zoeken":
            path += "?zoek=" + query
        with served(site) as base:
            result = measure(base, path, None if args.page == "zoeken" else query, field, first)
        total = sum(n for _, n, _ in result["items"])
        print(f"{args.count} dossiers, page {base}{path}, query {query!r}: first result shown "
              f"({result['hits']} results listed)")
        print(f"total on the wire to the first result: {total:,} bytes in {len(result['items'])} responses "
              f"(budget {BUDGET:,}: {'within' if total <= BUDGET else 'OVER'})")
        print(f"resource timing cross-check: document {result['timing']['document']:,} + "
              f"{result['timing']['count']} resources {result['timing']['resources']:,} = "
              f"{result['timing']['document'] + result['timing']['resources']:,} bytes")
        print("largest items:")
        for url, n, status in result["items"][:12]:
            print(f"  {n:>9,}  {status}  {url.replace(base, '/kennisbank/')}")
        return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
