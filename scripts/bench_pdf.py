#!/usr/bin/env python3
"""Benchmark the PDF export on a synthetic corpus (not a test).

    python scripts/bench_pdf.py [--count 100] [--seed 1] [--chunks 4]

Generates the corpus (scripts/gen_corpus.py) into a temporary folder and, in this one process:

  (a) cold per-dossier PDFs, our template (tagged PDF/UA-1, cover, contents, header and footer),
      jobs=1, empty cache: seconds per dossier;
  (b) a plain WeasyPrint render of the same dossiers' text (title, summary, sections, elements,
      examples, literature, changelog as Markdown -> HTML) with a minimal stylesheet, untagged,
      jobs=1: seconds per dossier. (a) and (b) run interleaved in --chunks slices of the corpus,
      so drifting load on a shared machine hits both alike;
  (c) our cold per-dossier PDFs again, in parallel (jobs = cores), wall time;
  (d) a cached rebuild of the unchanged corpus (nothing rendered), wall time;
  (e) the collection PDF (one document, all dossiers) cold, and then cached.

  (b2) plain WeasyPrint on our own document (the same HTML, stylesheet and images as (a)),
      untagged, without our finisher, cache or atomic write: what WeasyPrint itself costs;

Targets: (a) <= 3x (b) per dossier; (a) <= 1.5x (b2) in CPU (issue 11); (d) <= a tenth of the
cold build (c).
Verdicts are printed; the exit code is 0 regardless. Progress to stderr, table to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
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

import markdown  # noqa: E402
import weasyprint  # noqa: E402

from gen_corpus import generate  # noqa: E402
from watwerkt.view.citations import reference  # noqa: E402
from watwerkt.model.dossier import SECTIONS  # noqa: E402
from watwerkt.pdf import COLLECTION_NAME, build_pdfs  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
PLAIN_CSS = '@page { size: A4; margin: 2cm } body { font-family: "DejaVu Serif"; font-size: 10pt }'


def progress(msg: str) -> None:
    print(f"bench_pdf: {msg}", file=sys.stderr, flush=True)


def plain_html(d) -> str:
    """The dossier's text as simple HTML: what a minimal print of the same content holds."""
    parts = [f"# {d.title}", d.summary or ""]
    for key, heading in SECTIONS.items():
        if key in d.sections:
            parts += [f"## {heading}", d.sections[key].text]
    for el in d.effective_elements:
        parts += [f"### {el.title}", f"Bewijsniveau: {el.evidence}", el.description or ""]
    for ex in d.examples:
        parts += [f"### {ex.name}", ex.description or ""]
    parts += ["## Literatuur"] + [reference(e) for e in d.literature]
    parts += ["## Wijzigingen"] + [f"- {c.date}: {c.summary}" for c in d.changelog]
    body = markdown.markdown("\n\n".join(parts), extensions=["attr_list", "tables"])
    return f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{d.slug}</title></head><body>{body}</body></html>'


def plain_render(dossiers, out: Path) -> None:
    css = weasyprint.CSS(string=PLAIN_CSS)
    for d in dossiers:
        weasyprint.HTML(string=plain_html(d)).write_pdf(out / f"{d.slug}.pdf", stylesheets=[css])


def same_html_render(dossiers, settings, out: Path) -> None:
    """Plain WeasyPrint on our own document (the same HTML, stylesheet and images as (a)):
    `HTML().write_pdf()` untagged, without our finisher, cache or atomic write. (a) against this
    is what our pipeline adds to WeasyPrint itself (issue 11: <= 1.5x)."""
    from watwerkt.pdf import document as doc
    from watwerkt.pdf.build import _fetcher_class
    css = doc.stylesheet()
    on_site = {d.slug for d in dossiers}
    for d in dossiers:
        source = doc.dossier_document(d, settings, TODAY, on_site)
        fetcher = _fetcher_class()(source.images, doc.MAX_IMAGE_BYTES)
        weasyprint.HTML(string=source.html, base_url=None, url_fetcher=fetcher).write_pdf(
            out / f"{d.slug}.pdf", stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher)])


def timed(fn) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def timed_both(fn) -> tuple[float, float]:
    """(wall, CPU of this process): with jobs=1 all work is in this process, and CPU time is
    what a noisy shared machine distorts least."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunks", type=int, default=4, help="interleaving slices for (a) and (b)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    load_before = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    settings = load_settings(None)

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        tmp = Path(tmp)
        progress(f"generating {args.count} synthetic dossiers")
        generate(tmp / "corpus", args.count, args.seed)
        result = check([tmp / "corpus" / "dossiers"], settings, TODAY)
        dossiers = result.valid_dossiers()
        assert len(dossiers) == args.count, f"{len(result.errors)} errors in the corpus"
        shown = [d for d in dossiers if d.status in ("published", "archived")]  # drafts get no PDF
        n = len(shown)

        # (a) and (b), interleaved per slice.
        slugs = sorted(d.slug for d in shown)
        by_slug = {d.slug: d for d in dossiers}
        ours_s = plain_s = ours_cpu = plain_cpu = same_s = same_cpu = 0.0
        size = -(-n // args.chunks)
        for i in range(0, n, size):
            chunk = slugs[i:i + size]
            progress(f"(a)/(b) slice {i // size + 1}/{-(-n // size)}: {len(chunk)} dossiers")
            (tmp / "plain").mkdir(exist_ok=True)
            wall, cpu = timed_both(lambda: plain_render([by_slug[s] for s in chunk], tmp / "plain"))
            plain_s, plain_cpu = plain_s + wall, plain_cpu + cpu
            (tmp / "same").mkdir(exist_ok=True)
            wall, cpu = timed_both(lambda: same_html_render([by_slug[s] for s in chunk], settings, tmp / "same"))
            same_s, same_cpu = same_s + wall, same_cpu + cpu
            report = None

            def ours():
                nonlocal report
                report = build_pdfs(dossiers, settings, tmp / "out-a", today=TODAY, jobs=1, collection=False,
                                    progress=False, cache_dir=tmp / "cache-a", slugs=chunk)
            wall, cpu = timed_both(ours)
            ours_s, ours_cpu = ours_s + wall, ours_cpu + cpu
            assert len(report.rendered) == len(chunk) and not report.failed, (report.rendered, report.failed)

        progress(f"(c) cold, parallel, jobs={cores}")
        cold = {}
        cold_s = timed(lambda: cold.setdefault("r", build_pdfs(
            dossiers, settings, tmp / "out", today=TODAY, jobs=cores, collection=False, progress=False,
            cache_dir=tmp / "cache")))
        assert len(cold["r"].rendered) == n
        progress("(d) cached rebuild")
        cached = {}
        cached_s = timed(lambda: cached.setdefault("r", build_pdfs(
            dossiers, settings, tmp / "out", today=TODAY, jobs=cores, collection=False, progress=False,
            cache_dir=tmp / "cache")))
        assert cached["r"].rendered == [] and len(cached["r"].cached) == n
        progress("(e) collection, cold (the dossiers themselves come from the cache)")
        coll = {}
        coll_cold_s = timed(lambda: coll.setdefault("cold", build_pdfs(
            dossiers, settings, tmp / "out", today=TODAY, jobs=cores, progress=False, cache_dir=tmp / "cache")))
        assert coll["cold"].rendered == [COLLECTION_NAME], coll["cold"].rendered
        pages = len(__import__("pypdf").PdfReader(tmp / "out" / f"{COLLECTION_NAME}.pdf").pages)
        progress("(e) collection, cached")
        coll_cached_s = timed(lambda: coll.setdefault("cached", build_pdfs(
            dossiers, settings, tmp / "out", today=TODAY, jobs=cores, progress=False, cache_dir=tmp / "cache")))
        assert coll["cached"].rendered == [] and coll["cached"].collection_cached

    per_ours, per_plain = ours_s / n, plain_s / n
    cpu_ours, cpu_plain = ours_cpu / n, plain_cpu / n
    ratio, cpu_ratio = per_ours / per_plain, cpu_ours / cpu_plain
    cached_ratio = cached_s / cold_s
    print(f"PDF export, {n} published synthetic dossiers of {args.count} (gen_corpus seed {args.seed}); "
          f"{platform.python_implementation()} {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
          f"{cores} cores, load average before the run {load_before}")
    print()
    print("| measurement | seconds | ratio | target | verdict |")
    print("|---|---:|---:|---|---|")
    print(f"| (b) plain WeasyPrint, minimal CSS, per dossier, jobs=1: CPU / wall | {cpu_plain:.3f} / {per_plain:.3f} "
          f"| 1 | | |")
    print(f"| (a) our template, tagged, cold, per dossier, jobs=1: CPU / wall | {cpu_ours:.3f} / {per_ours:.3f} "
          f"| {cpu_ratio:.2f} / {ratio:.2f} | <= 3x (b) | CPU {'met' if cpu_ratio <= 3 else 'NOT met'}, "
          f"wall {'met' if ratio <= 3 else 'NOT met'} |")
    cpu_same, per_same = same_cpu / n, same_s / n
    same_ratio = cpu_ours / cpu_same
    print(f"| (b2) plain WeasyPrint on our own HTML and CSS (untagged, no finisher), per dossier, jobs=1: "
          f"CPU / wall | {cpu_same:.3f} / {per_same:.3f} | | | |")
    print(f"| (a) against (b2), CPU | | {same_ratio:.2f} | <= 1.5x (b2) (issue 11) | "
          f"{'met' if same_ratio <= 1.5 else 'NOT met'} |")
    print(f"| (c) our template, cold, all {n}, wall (jobs={cores}) | {cold_s:.1f} | | | |")
    print(f"| (d) cached rebuild, all {n}, wall | {cached_s:.2f} | {cached_ratio:.3f} of (c) | <= 0.1 of (c) | "
          f"{'met' if cached_ratio <= 0.1 else 'NOT met'} |")
    print(f"| (e) collection PDF ({pages} pages), cold | {coll_cold_s:.1f} | | | |")
    print(f"| (e) collection PDF, cached | {coll_cached_s:.2f} | {coll_cached_s / coll_cold_s:.3f} of cold | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
