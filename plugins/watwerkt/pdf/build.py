"""Rendering, caching and writing the PDFs: one per published or archived dossier, and the
collection in bounded parts (pdf/parts.py).

Per-dossier PDFs and the collection are rendered in worker processes (WeasyPrint is CPU-bound
and single-threaded). Each output is cached under the hash of everything that shapes it; a
cache hit is copied, never re-rendered. Files appear in the output only complete: written to
a temporary file in the same folder, then os.replace()d.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from watwerkt import __version__
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.view.dossier_view import Earlier

from . import document as doc
from .finish import finish_pdf
from .parts import PART_LIMIT, Part, collection_parts

KEY_FORMAT = "watwerkt-pdf-3"  # raise when the rendering changes outside the templates (finish.py: 2; status line, effect: 3)
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}
_CACHED_NAME = re.compile(r"^(?P<name>[a-z0-9-]+)\.(?P<key>[0-9a-f]{24})\.pdf$")


@dataclass
class PdfFailure:
    slug: str  # the part's name for a collection PDF (doc.COLLECTION_NAME...)
    cause: str

    def __str__(self) -> str:
        if self.slug == doc.COLLECTION_NAME:
            return f"de collectie-PDF is niet gemaakt: {self.cause}"
        if self.slug.startswith(doc.COLLECTION_NAME + "--"):
            return f"de collectie-PDF '{self.slug}' is niet gemaakt: {self.cause}"
        return f"PDF van dossier '{self.slug}' is niet gemaakt: {self.cause}"


@dataclass
class PdfReport:
    out_dir: Path
    rendered: list[str] = field(default_factory=list)  # slugs rendered now (collection: its name)
    cached: list[str] = field(default_factory=list)  # slugs copied from the cache
    failed: list[PdfFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # drafts: no PDF
    files: list[Path] = field(default_factory=list)  # every PDF written to out_dir
    collection: Path | None = None  # the one PDF of the whole collection (up to PART_LIMIT dossiers)
    collection_cached: bool = False
    parts: list[Part] = field(default_factory=list)  # every collection PDF planned, in reading order
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.rendered)} gemaakt", f"{len(self.cached)} uit de cache"]
        if self.failed:
            parts.append(f"{len(self.failed)} mislukt")
        return f"PDF's: {', '.join(parts)} in {self.seconds:.1f} s; map {self.out_dir}"


# -- rendering (runs in a worker process) -------------------------------------------------------
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class DossierFetcher(URLFetcher):
        """Only the checked images of the document; no network, no other files."""

        def __init__(self, images: dict[str, str], max_bytes: int):
            super().__init__(allowed_protocols={doc.IMAGE_SCHEME})
            self.images = images
            self.max_bytes = max_bytes

        def fetch(self, url, headers=None):
            prefix = doc.IMAGE_SCHEME + ":"
            if not url.startswith(prefix) or url[len(prefix):] not in self.images:
                raise ValueError(f"niet toegestaan in de PDF: {url}")
            path = Path(self.images[url[len(prefix):]])
            with open(path, "rb") as fh:
                data = fh.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                raise ValueError(f"afbeelding te groot: {path.name}")
            return URLFetcherResponse(url, data, {"Content-Type": _mime(path)})

    return DossierFetcher


def _mime(path: Path) -> str:
    return {".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}.get(
        path.suffix.lower(), "image/jpeg")


def render_pdf(html: str, css: str, images: dict[str, str], target: str, max_image_bytes: int) -> None:
    """Render one document to `target`, atomically. Raises on failure (nothing left behind)."""
    import weasyprint

    fetcher = _fetcher_class()(images, max_image_bytes)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher)])
    tmp = _temp_name(Path(target))
    try:
        document.write_pdf(tmp, finisher=finish_pdf, **PDF_OPTIONS)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _job(name: str, html: str, css: str, images: dict[str, str], target: str,
         max_image_bytes: int) -> tuple[str, str | None]:
    """Worker entry point: (name, None) on success, (name, Dutch cause) on failure."""
    try:
        render_pdf(html, css, images, target, max_image_bytes)
        return name, None
    except MemoryError:
        return name, "te weinig geheugen tijdens het opmaken"
    except Exception as exc:  # the report names the dossier; the cause is WeasyPrint's own
        return name, f"opmaak mislukt ({type(exc).__name__}: {exc})"


# -- files ---------------------------------------------------------------------------------------
def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _copy_atomic(source: Path, target: Path) -> None:
    tmp = _temp_name(target)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _prune_cache(cache_dir: Path, keep: dict[str, str]) -> None:
    """Drop older cache entries of the names just built (other names are left alone)."""
    for path in cache_dir.glob("*.pdf"):
        m = _CACHED_NAME.match(path.name)
        if m and m.group("name") in keep and m.group("key") != keep[m.group("name")]:
            path.unlink(missing_ok=True)


# -- progress --------------------------------------------------------------------------------
class _Progress:
    """Progress on stderr (one updating line on a terminal), or through a callable
    `progress(done, total, name, what)` (the site's log)."""

    def __init__(self, total: int, enabled, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.report = enabled if callable(enabled) else None
        self.enabled = bool(enabled) and total > 0
        self.tty = self.enabled and not self.report and hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, name: str, what: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.report:
            self.report(self.done, self.total, name, what)
            return
        if self.tty:
            self.stream.write(f"\rPDF's maken: {self.done}/{self.total}\x1b[K")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"PDF's maken: {self.done}/{self.total} {name} ({what})\n")
        self.stream.flush()


# -- the build -----------------------------------------------------------------------------------
def version_pdf(slug: str, version: dt.date) -> str:
    """The path of an earlier version's PDF, relative to the PDF folder."""
    return f"versies/{slug}-{version.isoformat()}.pdf"


def key_context(settings: Settings, max_image_bytes: int) -> tuple[str, ...]:
    """What shapes every PDF besides the dossier itself."""
    return (KEY_FORMAT, __version__, _weasyprint_version(), repr(sorted(PDF_OPTIONS.items())),
            doc.template_digest(), doc.settings_digest(settings), str(max_image_bytes))


def cache_key(d: Dossier, settings: Settings, today: dt.date, on_site: set[str],
              max_image_bytes: int = doc.MAX_IMAGE_BYTES, context: tuple[str, ...] | None = None) -> str | None:
    """The cache key of one dossier's PDF, from its inputs only (nothing is rendered)."""
    context = context or key_context(settings, max_image_bytes)
    digest = doc.input_digest(d, today, on_site, *context)
    return digest[:24] if digest else None


def _weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def build_pdfs(dossiers: list[Dossier], settings: Settings, out_dir: Path, *, today: dt.date,
               jobs: int | None = None, collection: bool = True, progress=True,
               cache_dir: Path | None = None, slugs: Iterable[str] | None = None,
               max_image_bytes: int = doc.MAX_IMAGE_BYTES, part_limit: int = PART_LIMIT,
               earlier: Iterable[tuple[Dossier, Earlier]] = ()) -> PdfReport:
    """Write out_dir/<slug>.pdf for each published or archived dossier, and the collection PDFs
    (pdf/parts.py: one while there are at most PART_LIMIT dossiers, else per theme).

    `earlier` are earlier versions of them (history/versions.py), each written to
    out_dir/versies/<slug>-<YYYY-MM-DD>.pdf (version_pdf) with its banner, address and citation;
    they are not in the collection, which holds the current dossiers.

    `dossiers` are loaded, valid dossiers (drafts are skipped). `slugs` limits the per-dossier
    PDFs (links to the others still resolve). `cache_dir` defaults to <settings.root>/.cache/pdf.
    Never raises for one dossier's fault: failures are in the report.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    cache_dir = Path(cache_dir) if cache_dir else settings.root / ".cache" / "pdf"
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = PdfReport(out_dir)
    shown = sorted((d for d in dossiers if d.public), key=lambda d: d.slug)
    report.skipped = sorted(d.slug for d in dossiers if not d.public)
    on_site = {d.slug for d in shown}
    wanted = set(slugs) if slugs is not None else on_site
    css = doc.stylesheet()
    context = key_context(settings, max_image_bytes)

    todo: list[tuple[str, doc.DocumentSource, Path, Path]] = []  # name, source, cache file, output
    keys: dict[str, str] = {}
    finished: list[tuple[str, Path, Path]] = []  # cache hits: name, cache file, output

    def plan(name: str, key: str | None, make_source, target: Path | None = None) -> None:
        """Copy a cache hit; otherwise build the document (HTML, checked images) for rendering."""
        target = target or out_dir / f"{name}.pdf"
        if key is not None:
            keys[name] = key
            cached = cache_dir / f"{name}.{key}.pdf"
            if cached.is_file():
                finished.append((name, cached, target))
                return
        source = make_source()
        if source is None:
            return
        if key is None:  # no folder to hash: key on the document itself
            key = keys[name] = source.digest(*context)[:24]
        todo.append((name, source, cache_dir / f"{name}.{key}.pdf", target))

    dossier_keys = {d.slug: cache_key(d, settings, today, on_site, max_image_bytes, context) for d in shown}
    for d in shown:
        if d.slug not in wanted:
            continue
        try:
            plan(d.slug, dossier_keys[d.slug],
                 lambda: doc.dossier_document(d, settings, today, on_site, max_image_bytes))
        except doc.DocumentError as exc:
            report.failed.append(PdfFailure(d.slug, str(exc)))
        except Exception as exc:  # a template or Markdown bug must not stop the other dossiers
            report.failed.append(PdfFailure(d.slug, f"document niet op te bouwen ({type(exc).__name__}: {exc})"))
    for d, info in earlier:
        name = f"{d.slug}--{d.version.isoformat()}"  # no slug holds "--": never another's cache name
        target = out_dir / version_pdf(d.slug, d.version)
        target.parent.mkdir(parents=True, exist_ok=True)
        extra = ("earlier", info.current.isoformat(), info.note or "", info.withdrawn.isoformat() if info.withdrawn else "")
        try:
            plan(name, cache_key(d, settings, today, on_site, max_image_bytes, (*context, *extra)),
                 lambda d=d, info=info: doc.dossier_document(d, settings, today, on_site, max_image_bytes, info),
                 target)
        except Exception as exc:  # as for a current dossier: reported, the others go on
            report.failed.append(PdfFailure(name, f"document niet op te bouwen ({type(exc).__name__}: {exc})"))
    report.parts = collection_parts(shown, part_limit) if collection else []
    for part in report.parts:
        key = None
        if all(dossier_keys[d.slug] for d in part.dossiers):
            # Links between dossiers point inside the part, or to the site: every slug matters too.
            joined = "\0".join(["collection", part.name, part.title, *context, ",".join(sorted(on_site))]
                                + [f"{d.slug}={dossier_keys[d.slug]}" for d in part.dossiers])
            key = hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]

        def make_collection(part=part):
            title = "" if part.theme is None else part.title
            source, left_out = doc.collection_document(list(part.dossiers), settings, today, on_site,
                                                       max_image_bytes, title)
            reported = {f.slug for f in report.failed}
            for slug, cause in sorted(left_out.items()):  # not in the collection either
                if slug not in reported:
                    report.failed.append(PdfFailure(slug, cause))
            return source

        try:
            plan(part.name, key, make_collection)
        except Exception as exc:
            report.failed.append(PdfFailure(part.name, f"document niet op te bouwen ({exc})"))
    part_names = {part.name for part in report.parts}

    bar = _Progress(len(finished) + len(todo), progress)
    for name, cached, target in finished:
        _copy_atomic(cached, target)
        _done(report, name, target, cached=True)
        bar.step(name, "uit de cache")

    if todo:
        # The collection parts are the longest jobs: start them first so they overlap the dossiers.
        todo.sort(key=lambda t: t[0] not in part_names)
        by_name = {name: (cached, target) for name, _, cached, target in todo}
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        args = [(name, src.html, css, {k: str(v) for k, v in src.images.items()}, str(cached),
                 max_image_bytes) for name, src, cached, _ in todo]
        for name, error in _run(args, workers):
            cached, target = by_name[name]
            if error:
                report.failed.append(PdfFailure(name, error))
                bar.step(name, "mislukt")
                continue
            _copy_atomic(cached, target)
            _done(report, name, target, cached=False)
            bar.step(name, "gemaakt")

    _prune_cache(cache_dir, {n: k for n, k in keys.items()})
    report.failed.sort(key=lambda f: (f.slug in part_names, f.slug))
    report.seconds = time.perf_counter() - started
    return report


def _done(report: PdfReport, name: str, target: Path, cached: bool) -> None:
    report.files.append(target)
    if name == doc.COLLECTION_NAME:
        report.collection, report.collection_cached = target, cached
    (report.cached if cached else report.rendered).append(name)


def _die_with_parent(parent: int) -> None:
    """A PDF worker ends when the build that started it ends, however it ends (kill -9 too):
    Linux delivers SIGKILL to it when its parent dies (PR_SET_PDEATHSIG). Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call took effect
        os._exit(1)


def _run(args: list[tuple], workers: int):
    """Yield (name, error) per job as they finish; in this process when workers == 1."""
    if workers == 1:
        for a in args:
            yield _job(*a)
        return
    pending_names = {a[0] for a in args}
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_job, *a): a[0] for a in args}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    name = futures[f]
                    pending_names.discard(name)
                    try:
                        yield f.result()
                    except BrokenProcessPool:
                        yield name, "het opmaakproces is onverwacht gestopt (te weinig geheugen?)"
    except BrokenProcessPool:
        for name in sorted(pending_names):
            yield name, "het opmaakproces is onverwacht gestopt (te weinig geheugen?)"
