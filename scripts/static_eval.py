"""The static search as readers get it, for scripts/eval_search.py: the built site (with its
Pagefind bundle) served by `python -m http.server` under a sub-path, the real frontend query logic
(assets/watwerkt/zoekmotor.js: the probe finds no service, then Pagefind) run in headless Chromium
via Playwright. Returns the slugs of the first `k` results per query."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "kennisbank"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(site: Path, sub_path: str = SUB_PATH):
    """`python -m http.server` serving `site` at http://127.0.0.1:<port>/<sub_path>/; yields that URL."""
    with tempfile.TemporaryDirectory(prefix="watwerkt-static-") as tmp:
        (Path(tmp) / sub_path).symlink_to(Path(site).resolve())
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                                cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/{sub_path}/"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def slug_of(url: str, base: str) -> str | None:
    rest = url[len(base):] if url.startswith(base) else ""
    parts = rest.split("#")[0].strip("/").split("/")
    return parts[1] if len(parts) == 2 and parts[0] == "dossiers" else None


def run_static(queries: list[str], site: Path, k: int = 10) -> tuple[list[list[str]], list[str]]:
    """(rankings, engines used): every query through window.watwerktZoeken.search on the search page."""
    from playwright.sync_api import sync_playwright

    rankings, engines = [], []
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base + "zoeken/")
            page.wait_for_function("() => window.watwerktZoeken")
            for q in queries:
                data = page.evaluate("q => window.watwerktZoeken.search(q, {pageSize: %d})" % k, q)
                engines.append(data["engine"])
                rankings.append([s for s in (slug_of(h["url"], base) for h in data["hits"]) if s])
        finally:
            browser.close()
    return rankings, engines
