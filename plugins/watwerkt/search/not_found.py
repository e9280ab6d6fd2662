"""Searches that found nothing, counted (issue 15, optional; off unless `watwerkt serve
--tel-niet-gevonden BESTAND` asks for it), so editors see what readers look for and miss.

Count-only by design: one row per distinct search text with its number, nothing else. No IP
address, no time, no order of arrival, no filters, no session: what is stored cannot tell who
searched or when. SQLite (standard library), because several worker processes count into one
file at once and its locking makes each count one atomic upsert.

Bounded: a search text is folded and cut to MAX_TEXT characters, and once the file holds
MAX_ROWS distinct texts, new texts are no longer added (those already there still count)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

MAX_TEXT = 100
MAX_ROWS = 50_000
_SPACE = re.compile(r"\s+")


def normalise(q: str) -> str:
    """The counted form: lower case, runs of white space as one space, cut to MAX_TEXT."""
    return _SPACE.sub(" ", q).strip().casefold()[:MAX_TEXT].strip()


class NotFoundCounter:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")  # kept in the file: the editor's report never blocks a count
            db.execute("CREATE TABLE IF NOT EXISTS niet_gevonden (zoektekst TEXT PRIMARY KEY, aantal INTEGER NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        # A connection per count (a fraction of a millisecond): the searches run in a threadpool,
        # and a connection shared between threads would need a lock of its own.
        return sqlite3.connect(self.path, timeout=5, isolation_level=None)

    def count(self, q: str) -> bool:
        """Count one search that found nothing. False when it was not counted (empty text, the
        file full, or the file locked for longer than 5 s): the reader's search never waits on it."""
        text = normalise(q)
        if not text:
            return False
        try:  # autocommit: each statement is atomic; two workers inserting the same text meet in the upsert
            with closing(self._connect()) as db:
                if db.execute("UPDATE niet_gevonden SET aantal = aantal + 1 WHERE zoektekst = ?", (text,)).rowcount:
                    return True
                (rows,) = db.execute("SELECT COUNT(*) FROM niet_gevonden").fetchone()
                if rows >= MAX_ROWS:
                    return False
                db.execute("INSERT INTO niet_gevonden (zoektekst, aantal) VALUES (?, 1) "
                           "ON CONFLICT(zoektekst) DO UPDATE SET aantal = aantal + 1", (text,))
                return True
        except sqlite3.Error:
            return False


def read_counts(path: Path) -> list[tuple[str, int]]:
    """(search text, number), most frequent first, then alphabetically."""
    with closing(sqlite3.connect(f"file:{Path(path).absolute()}?mode=ro", uri=True)) as db:
        return db.execute("SELECT zoektekst, aantal FROM niet_gevonden ORDER BY aantal DESC, zoektekst").fetchall()
