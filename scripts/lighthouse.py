#!/usr/bin/env python3
"""Lighthouse accessibility scores of the home page, a dossier and the search page: a script that
prints scores (and every audit that is not passed), not a test gate.

    .venv/bin/python scripts/lighthouse.py [--site DIR] [--prefix /kennisbank/]

Without --site it builds the sample site (PDFs and the search index off) into a temporary folder.
Lighthouse is pinned below and installed with npm into the git-ignored .cache/lighthouse on first
use; it drives Debian's Chromium (/usr/bin/chromium) headless. The site is served by Python's own
http.server under the sub-path of site_url, as a static host would serve it.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def install() -> None:
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    try:
        if json.loads(package.read_text(encoding="utf-8"))["version"] == LIGHTHOUSE_VERSION:
            return
    except (OSError, ValueError, KeyError):
        pass
    if not shutil.which("npm"):
        sys.exit("lighthouse: npm ontbreekt (scripts/setup.sh installeert Node.js met npm)")
    print(f"lighthouse: Lighthouse {LIGHTHOUSE_VERSION} installeren in {PREFIX} ...", file=sys.stderr)
    subprocess.run(["npm", "install", "--prefix", str(PREFIX), f"lighthouse@{LIGHTHOUSE_VERSION}", "--save-exact",
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True, stdout=subprocess.DEVNULL)


def build(out: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = out / "mkdocs.yml"
    config.write_text(text.replace("      dossiers_dir: dossiers\n",
                                   f"      dossiers_dir: {ROOT / 'dossiers'}\n      pdf: false\n      search_index: false\n"
                                   f"      cache_dir: {out / 'cache'}\n").replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}"),
                      encoding="utf-8")
    site = out / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site)],
                   check=True, cwd=out, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse-toegankelijkheidsscores van drie paginasoorten")
    parser.add_argument("--site", type=Path, help="een gebouwde site (standaard: de voorbeeldsite bouwen)")
    parser.add_argument("--prefix", default="/kennisbank/", help="het pad waaronder de site staat")
    args = parser.parse_args()
    install()
    with tempfile.TemporaryDirectory(prefix="ww-lighthouse-") as tmp:
        tmp = Path(tmp)
        site = args.site or build(tmp)
        served = tmp / "served"
        (served / args.prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (served / args.prefix.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}{args.prefix}"
        dossier = sorted(p.parent.name for p in (site / "dossiers").glob("*/index.html")
                         if not p.parent.name.startswith("pagina-"))[0]
        worst = 100
        for name, path in (("startpagina", ""), ("dossier", f"dossiers/{dossier}/"), ("zoekpagina", "zoeken/")):
            report = tmp / f"{name}.json"
            subprocess.run(["node", str(CLI), base + path, "--only-categories=accessibility", "--output=json",
                            f"--output-path={report}", f"--chrome-path={CHROMIUM}", "--quiet",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--locale=nl",
                            "--form-factor=mobile"], check=True)
            data = json.loads(report.read_text(encoding="utf-8"))
            score = round(100 * (data["categories"]["accessibility"]["score"] or 0))
            worst = min(worst, score)
            print(f"{name:12} /{path:40} toegankelijkheid {score}")
            for ref in data["categories"]["accessibility"]["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    print(f"    niet gehaald: {ref['id']}: {audit['title']}")
        server.shutdown()
        print(f"Lighthouse {data['lighthouseVersion']}; laagste score {worst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
