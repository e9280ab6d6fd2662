"""What `watwerkt serve` serves: a fixed site and index, or a publication re-resolved per request.

A publication is a folder a CI job built and the host unpacked, usually reached through a
symlink that is switched atomically to the next one (`/srv/watwerkt/current`):
  site/        the built site (`mkdocs build --site-dir <publication>/site`)
  zoekindex/   the search index (`watwerkt index --index-dir <publication>/zoekindex`)
A folder holding index.html itself is taken as the site (then the index comes from --index-dir,
or there is none and the API answers 503). The site's own record (api/publicatie.json, written by
the build) names the index version it belongs to; a publication whose index lacks that version
is refused, so hits and pages always come from one build. The given path is resolved (os.path.realpath) on
every request, which costs a few system calls: when it names another folder, new requests are
served from there while requests already running finish on the old one, so switching needs no
restart and drops nothing. An unusable new target (no index.html) is logged and the previous
publication stays in service. Nothing here writes to a publication.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.staticfiles import StaticFiles

from watwerkt.model.publication import read_record

from .index import close_index

SITE_DIR = "site"
INDEX_DIR = "zoekindex"
_log = logging.getLogger("watwerkt.serve")


class PublicationUnusable(Exception):
    """The folder holds no built site. Message in Dutch."""


@dataclass(frozen=True)
class Served:
    folder: Path  # the resolved publication (or the fixed site)
    site: Path | None  # the site folder; its api/publicatie.json names the index version to use
    files: StaticFiles | None
    index_root: Path | None


def _files(site: Path) -> StaticFiles:
    return StaticFiles(directory=str(site), html=True)


class Fixed:
    """One site folder and one index root for the life of the process (the index still follows
    its own CURRENT pointer, so `watwerkt index` takes effect without a restart)."""

    def __init__(self, site_dir: Path | None, index_root: Path | None):
        site = Path(site_dir) if site_dir is not None else None
        self._served = Served(site or Path("."), site, _files(site) if site is not None else None,
                              Path(index_root) if index_root is not None else None)

    def current(self) -> Served:
        return self._served


class Publication:
    """A publication path (often a symlink) resolved anew on every request."""

    def __init__(self, path: Path, index_root: Path | None = None):
        self.path = Path(path)
        self.fixed_index = Path(index_root) if index_root is not None else None
        self._served = self._open(Path(os.path.realpath(self.path)))
        self._previous: Served | None = None
        self._refused: str | None = None

    def _open(self, folder: Path) -> Served:
        if (folder / SITE_DIR / "index.html").is_file():
            site = folder / SITE_DIR
        elif (folder / "index.html").is_file():
            site = folder
        else:
            raise PublicationUnusable(f"{folder} bevat geen gebouwde site ({SITE_DIR}/index.html of index.html)")
        index_root = self.fixed_index
        if index_root is None and (folder / INDEX_DIR).is_dir():
            index_root = folder / INDEX_DIR
        record = read_record(site) or {}
        named = record.get("search_index")
        if isinstance(named, str) and index_root is not None and not (index_root / named).is_dir():
            raise PublicationUnusable(f"de site in {folder} hoort bij zoekindexversie {named}, die niet in "
                                      f"{index_root} staat; publiceer site en zoekindex samen")
        return Served(folder, site, _files(site), index_root)

    def current(self) -> Served:
        served = self._served
        real = os.path.realpath(self.path)
        if real == str(served.folder):
            return served
        try:
            new = self._open(Path(real))
        except (PublicationUnusable, OSError) as exc:
            if self._refused != real:
                self._refused = real
                _log.warning("watwerkt: nieuwe publicatie niet in gebruik genomen, %s blijft: %s", served.folder, exc)
            return served
        self._refused = None
        # Keep the previous publication's index open: a search that started on it may still be
        # on its way to the thread pool. The one before that is done with.
        old = self._previous
        if old is not None and old.index_root is not None and (old.index_root, old.site) not in (
                (new.index_root, new.site), (served.index_root, served.site)):
            close_index(old.index_root, old.site)
        self._previous, self._served = served, new
        _log.info("watwerkt: publicatie %s in gebruik", new.folder)
        return new
