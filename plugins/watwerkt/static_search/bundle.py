"""Writing the Pagefind bundle of a site: records in, `pagefind/` out (Pagefind's Python API,
which runs the `pagefind` binary of the `pagefind_bin` wheel as a child process)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from watwerkt.search.analysis import STOPWORDS
from watwerkt.search.thesaurus import load_thesaurus

from watwerkt.view.tree import SourceTree

from watwerkt.search.labels import ThesaurusLabels
from . import vocabulary
from .records import record

BUNDLE_DIR = "pagefind"  # under the site root; the frontend loads <root>pagefind/pagefind.js
# Written next to Pagefind's files: what the frontend needs of our analysis at query time (the
# service's Dutch stop words, left out of a query before Pagefind, which requires every word).
QUERY_RULES = "watwerkt-zoeken.json"
LANGUAGE = "nl"


class StaticSearchUnavailable(Exception):
    """Pagefind is not installed or failed. Message in Dutch."""


@dataclass(frozen=True)
class BundleReport:
    folder: Path
    records: int
    files: int
    bytes: int


def available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def records_for(dossiers, settings) -> list:
    """The records of the public dossiers, by slug (drafts are left out by `record`)."""
    thesaurus = ThesaurusLabels(load_thesaurus(settings.root))
    found = [record(d, thesaurus) for d in sorted(dossiers, key=lambda d: d.slug)]
    return [r for r in found if r is not None]


async def _write(records, out: Path) -> None:
    """The records go to Pagefind as files of a scratch folder in one request. Pagefind's Python
    API reads one answer per 0.1 s (its poll loop sleeps before each read), so a request per
    record cost 0.1 s of waiting each: 100 s of a 1,000-dossier build, with the CPU idle."""
    from pagefind.index import PagefindIndex

    config = {"force_language": LANGUAGE, "output_path": str(out), "write_playground": False}
    with tempfile.TemporaryDirectory(prefix="watwerkt-pagefind-") as scratch:
        tree = SourceTree(Path(scratch))  # the one writer: it refuses a path leaving the folder
        for r in records:
            try:
                tree.write(r.url.strip("/") + "/index.html", r.html)
            except ValueError:
                raise ValueError(f"geen geldig adres voor de zoekindex: {r.url!r}") from None
        async with PagefindIndex(config=config) as index:
            await index.add_directory(scratch)


def _run(coroutine) -> None:
    """Run Pagefind's async API on an event loop of its own, in a thread of its own: the caller may
    already run a loop (an async host, Playwright's sync API in the same process)."""
    failure: list[BaseException] = []

    def work():
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="watwerkt-pagefind")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def write_bundle(dossiers, settings, site_dir: Path) -> BundleReport:
    """Write `site_dir/pagefind/` for these dossiers (replacing an earlier bundle there)."""
    if not available():
        raise StaticSearchUnavailable(
            "Voor het statische zoeken is Pagefind nodig: installeer watwerkt[statisch] "
            "(pip install 'watwerkt[statisch]'), of zet static_search: false onder plugins → watwerkt.")
    out = Path(site_dir) / BUNDLE_DIR
    shutil.rmtree(out, ignore_errors=True)
    records = records_for(dossiers, settings)
    try:
        _run(_write(records, out.resolve()))
    except (OSError, RuntimeError, AssertionError, ValueError) as exc:
        raise StaticSearchUnavailable(f"Pagefind kon de statische zoekindex niet schrijven: "
                                      f"{type(exc).__name__}: {exc}") from None
    vocabulary.write(records, out)
    rules = {"stopwoorden": sorted(STOPWORDS), "woorden": vocabulary.FOLDER + "/"}
    (out / QUERY_RULES).write_text(json.dumps(rules, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    files = [p for p in out.rglob("*") if p.is_file()]
    return BundleReport(out, len(records), len(files), sum(p.stat().st_size for p in files))
