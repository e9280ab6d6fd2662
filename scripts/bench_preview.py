#!/usr/bin/env python3
"""Benchmark (not a test): the editor's live preview (`mkdocs serve --dirty`, README's editor
command), from saving one file to the changed pages being served (issue 12).

    .venv/bin/python scripts/bench_preview.py [--counts 250,1000] [--repeat 2]

For each N: a temporary project of N synthetic dossiers (scripts/gen_corpus.py, seed 1) and a
plain MkDocs + Material project of N pages of about 1,500 words in sections of at most 50
(scripts/bench_site.py), each under `mkdocs serve --dirty` on a free port. Three edits to one
dossier in the middle of the list:

  sentence   a new sentence at the end of its definitie.md
  evidence   the evidence level of its first effective element, to another level of the scale
  theme      a theme it did not have (one that other dossiers use)

Each is timed from the moment the file is written until the dossier page and every dependent
overview page show the change. Which overview pages depend on an edit is derived from the
model: the core renders the overview pages before and after the edit, and the pages whose
Markdown differs are the ones waited for (their main content must differ from before the save).
The plain project gets the sentence edit on one page. Each edit is repeated --repeat times
(undone in between, also timed); the best time is reported, with the ratio to plain MkDocs in the
same run. The load average is printed with every figure.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

import bench_site  # noqa: E402
import gen_corpus  # noqa: E402
from bench_restart import free_port, loadavg  # noqa: E402

from watwerkt.check import check  # noqa: E402
from watwerkt.site.config import load_project  # noqa: E402
from watwerkt.view.overviews import overview_pages  # noqa: E402

TODAY = "2026-11-26"
POLL = 0.05
BOUND = 120.0  # seconds an edit may take before it counts as not served
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
TARGET_SECONDS = 1.5
TARGET_RATIO = 2.0


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def article(html: str | None) -> str | None:
    """The main content only: livereload's script changes with every build, the content does not."""
    if html is None:
        return None
    m = ARTICLE.search(html)
    return m.group(1) if m else html


class Serving:
    def __init__(self, root: Path, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": str(ROOT / "plugins") + (os.pathsep + os.environ["PYTHONPATH"]
                                                      if os.environ.get("PYTHONPATH") else "")}
        env.pop("WATWERKT_TODAY", None)
        self.log = log.open("w", encoding="utf-8")
        start = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        while get(self.base) is None:
            if self.proc.poll() is not None or time.monotonic() - start > 1800:
                raise SystemExit(f"mkdocs serve in {root} did not come up; see {log}")
            time.sleep(0.2)
        self.first = time.monotonic() - start
        time.sleep(2)  # let the file watcher settle

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def timed_edit(server: Serving, path: Path, new_text: str, urls: list[str]) -> float:
    """Seconds from writing `new_text` to every url's main content differing from before."""
    before = {u: article(get(server.base + u)) for u in urls}
    start = time.monotonic()
    path.write_text(new_text, encoding="utf-8")
    waiting = set(urls)
    while waiting:
        for u in list(waiting):
            now = article(get(server.base + u))
            if now is not None and now != before[u]:
                waiting.discard(u)
        if time.monotonic() - start > BOUND:
            server.log.flush()
            tail = Path(server.log.name).read_text(encoding="utf-8", errors="replace")[-3000:]
            raise SystemExit(f"not served within {BOUND:.0f} s: {sorted(waiting)}; the server's log:\n{tail}")
        if waiting:
            time.sleep(POLL)
    return time.monotonic() - start


def url_of(src: str) -> str:
    return src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"


def dependent_pages(root: Path, settings, edit) -> list[str]:
    """Overview pages whose Markdown the edit changes, rendered by the core before and after."""
    def pages() -> dict[str, str]:
        loaded = check([root / "dossiers"], settings, gen_corpus_today()).valid_dossiers()
        public = [d for d in loaded if d.public]
        drafts = [d for d in loaded if d.status == "draft"]
        return {p.path: p.markdown for p in overview_pages(public, settings, drafts)}
    old = pages()
    undo = edit()
    new = pages()
    undo()
    return sorted(url_of(p) for p in set(old) | set(new) if old.get(p) != new.get(p))


def gen_corpus_today():
    import datetime as dt
    return dt.date.fromisoformat(TODAY)


def plugin_project(root: Path, count: int) -> None:
    gen_corpus.generate(root, count, seed=1)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Wat werkt\n\n<!-- watwerkt:dossiers -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(gen_corpus.benchmark_config(TODAY), encoding="utf-8")


def edits_for(root: Path, settings) -> tuple[str, list[tuple[str, Path, str, str]]]:
    """(slug, [(name, file, edited text, original text)]) for the dossier in the middle."""
    folders = sorted(p for p in (root / "dossiers").iterdir() if p.is_dir())
    loaded = check([root / "dossiers"], settings, gen_corpus_today()).valid_dossiers()
    by_folder = {d.folder.name: d for d in loaded}
    folder = next(f for f in folders[len(folders) // 2:] if f.name in by_folder and by_folder[f.name].public
                  and by_folder[f.name].effective_elements)
    d = by_folder[folder.name]
    definitie = folder / "definitie.md"
    yml = folder / "dossier.yml"
    text_def, text_yml = definitie.read_text(encoding="utf-8"), yml.read_text(encoding="utf-8")
    sentence = text_def.rstrip("\n") + "\n\nEen nieuwe zin uit de benchmark van de voorvertoning.\n"
    old_level = d.effective_elements[0].evidence
    new_level = next(level.id for level in settings.evidence_scale if level.id != old_level)
    i = text_yml.index(f"evidence: {old_level}")
    evidence = text_yml[:i] + f"evidence: {new_level}" + text_yml[i + len(f"evidence: {old_level}"):]
    other = sorted({t for x in loaded for t in x.themes} - set(d.themes))[0]
    m = re.search(r"^themes: \[(.*)\]$", text_yml, re.M)
    theme = text_yml[:m.end(1)] + f", {other}" + text_yml[m.end(1):]
    return d.slug, [("sentence", definitie, sentence, text_def), ("evidence", yml, evidence, text_yml),
                    ("theme", yml, theme, text_yml)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="250,1000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    print(f"load average: {loadavg()}", flush=True)
    rows = []
    for n in [int(c) for c in args.counts.split(",")]:
        with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
            tmp = Path(tmp)
            plugin_project(tmp / "plugin", n)
            bench_site.write_plain_project(tmp / "plain", n)
            settings = load_project(tmp / "plugin" / "mkdocs.yml")
            slug, edits = edits_for(tmp / "plugin", settings)

            plain = Serving(tmp / "plain", tmp / "plain.log")
            page = sorted((tmp / "plain" / "docs").rglob("*.md"))[n // 2]
            rel = page.relative_to(tmp / "plain" / "docs").as_posix()
            original = page.read_text(encoding="utf-8")
            plain_times = []
            for _ in range(args.repeat):
                plain_times.append(timed_edit(plain, page, original + "\nEen nieuwe zin.\n", [url_of(rel)]))
                timed_edit(plain, page, original, [url_of(rel)])
            plain.stop()
            print(f"{n}: plain mkdocs serve --dirty: first build {plain.first:.1f} s, sentence "
                  f"{min(plain_times):.2f} s; load average {loadavg()}", flush=True)

            # Which pages each edit changes, worked out before the server watches the files.
            planned = []
            for name, path, edited, original_text in edits:
                def do(path=path, edited=edited, original_text=original_text):
                    path.write_text(edited, encoding="utf-8")
                    return lambda: path.write_text(original_text, encoding="utf-8")
                planned.append((name, path, edited, original_text,
                                [f"dossiers/{slug}/"] + dependent_pages(tmp / "plugin", settings, do)))
            ours = Serving(tmp / "plugin", tmp / "plugin.log")
            print(f"{n}: watwerkt preview: first build {ours.first:.1f} s; load average {loadavg()}", flush=True)
            for name, path, edited, original_text, urls in planned:
                times, undo = [], []
                for _ in range(args.repeat):
                    times.append(timed_edit(ours, path, edited, urls))
                    undo.append(timed_edit(ours, path, original_text, urls))
                best = min(times)
                rows.append((n, name, best, min(plain_times), len(urls)))
                print(f"{n}: {name:9s} {best:6.2f} s until {len(urls)} page(s) showed it (undo {min(undo):.2f} s); "
                      f"{best / min(plain_times):.2f}x plain; load average {loadavg()}", flush=True)
            ours.stop()
    print(f"\n{'N':>5} {'edit':>9} {'ours s':>7} {'plain s':>8} {'ratio':>6} {'pages':>6}")
    for n, name, best, plain_best, pages in rows:
        print(f"{n:>5} {name:>9} {best:>7.2f} {plain_best:>8.2f} {best / plain_best:>6.2f} {pages:>6}")
    worst = [r for r in rows if r[0] == max(r[0] for r in rows)]
    ok = all(r[2] <= TARGET_SECONDS and r[2] / r[3] <= TARGET_RATIO for r in worst)
    print(f"targets at {worst[0][0]} (<= {TARGET_SECONDS} s and <= {TARGET_RATIO}x plain): {'met' if ok else 'NOT met'}")
    print(f"load average: {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
