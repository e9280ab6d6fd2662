#!/usr/bin/env python3
"""Screenshots of every page kind at 1280 and 390 px, for judging the layout as a reader.

    .venv/bin/python scripts/screenshots.py [--out docs/development/screenshots] [--corpus 120]

Builds one site (PDFs and the search index off) from the sample dossiers in dossiers/ plus
--corpus synthetic dossiers from scripts/gen_corpus.py (so the listings paginate; 0: samples
only), serves it on 127.0.0.1 and drives Debian's Chromium through Playwright. Writes
<kind>-<width>.png (the first screen, as a reader sees it on arrival), <kind>-<width>-donker.png
(the same in the dark scheme) and, at 390 px, the menu
opened (<kind>-390-menu.png), the dossier's table of contents opened from the menu
(dossier-390-toc.png) and the evidence table scrolled sideways (bewijsoverzicht-390-tabel.png).
Shared with the readers' issue: any page kind added to the site belongs in KINDS.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {1280: 900, 390: 844}
SCHEMES = {"light": "", "dark": "-donker"}  # file name suffix: the dark scheme's first screens
TODAY = "2026-12-02"  # after the samples' and the corpus' dates
# kind -> address; "{dossier}", "{theme}" and "{group}" are filled in from the built site.
KINDS = {
    "home": "",
    "dossier": "dossiers/{dossier}/",
    "dossierlijst": "dossiers/",
    "dossierlijst-pagina-2": "dossiers/pagina-2/",
    "themas": "themas/",
    "thema": "themas/{theme}/",
    "doelgroep": "doelgroepen/{group}/",
    "werkzame-elementen": "werkzame-elementen/",
    "bewijsoverzicht": "bewijs/",
    "literatuur": "literatuur/",
    "recent": "recent/",
    "zoeken": "zoeken/",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def build(project: Path, corpus: int) -> Path:
    if corpus:
        generate(project, corpus, seed=1, overdue=1)
    (project / "dossiers").mkdir(parents=True, exist_ok=True)
    for folder in sorted((ROOT / "dossiers").iterdir()):
        if (folder / "dossier.yml").is_file():
            shutil.copytree(folder, project / "dossiers" / folder.name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("development"))
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      dossiers_dir: dossiers\n",
                        f"      dossiers_dir: dossiers\n      today: '{TODAY}'\n      pdf: false\n"
                        "      search_index: false\n      cache_dir: .cache\n")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(project / "site")],
                   cwd=project, check=True, env={"NO_MKDOCS_2_WARNING": "1", **dict(__import__("os").environ)})
    return project / "site"


def fill(site: Path) -> dict[str, str]:
    samples = sorted(p.name for p in (ROOT / "dossiers").iterdir() if (p / "dossier.yml").is_file())
    themes = sorted(p.name for p in (site / "themas").iterdir() if p.is_dir())
    groups = sorted(p.name for p in (site / "doelgroepen").iterdir() if p.is_dir())
    return {"dossier": samples[0], "theme": themes[0], "group": groups[0]}


def shoot(url: str, site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    names = fill(site)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for (width, height), scheme in [(w, s) for w in WIDTHS.items() for s in SCHEMES]:
            ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                      device_scale_factor=1, reduced_motion="reduce", color_scheme=scheme)
            page = ctx.new_page()
            for kind, path in KINDS.items():
                address = path.format(**names)
                if not (site / address / "index.html").is_file():
                    print(f"screenshots: {kind}: /{address} bestaat niet, overgeslagen", file=sys.stderr)
                    continue
                page.goto(url + address)
                page.wait_for_load_state("networkidle")
                written.append(out / f"{kind}-{width}{SCHEMES[scheme]}.png")
                page.screenshot(path=str(written[-1]))
                if width > 600 or scheme != "light":
                    continue
                if kind == "bewijsoverzicht":
                    # The table scrolled sideways: the dossier column stays, the total comes into view.
                    page.locator(".ww-scroll-hint").first.evaluate("el => el.scrollIntoView({block: 'center'})")
                    page.locator(".md-typeset__scrollwrap").filter(has=page.locator(".ww-cell")).first.evaluate(
                        "el => el.scrollTo({left: el.scrollWidth})")
                    written.append(out / f"{kind}-{width}-tabel.png")
                    page.screenshot(path=str(written[-1]))
                page.get_by_role("button", name="Menu").click()
                expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
                page.wait_for_timeout(400)  # the drawer's slide has no end event to wait for
                written.append(out / f"{kind}-{width}-menu.png")
                page.screenshot(path=str(written[-1]))
                if kind == "dossier":
                    page.locator('.md-nav--primary label.md-nav__link[for="__toc"]').click()
                    expect(page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link").first).to_be_in_viewport()
                    page.wait_for_timeout(400)
                    written.append(out / f"{kind}-{width}-toc.png")
                    page.screenshot(path=str(written[-1]))
            ctx.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "development" / "screenshots")
    parser.add_argument("--corpus", type=int, default=120, help="synthetic dossiers besides the samples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp) / "project", args.corpus)
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            written = shoot(f"http://127.0.0.1:{server.server_address[1]}/", site, args.out)
        finally:
            server.shutdown()
    print(f"screenshots: {len(written)} bestanden in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
