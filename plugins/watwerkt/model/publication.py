"""The record a published site carries of itself (`api/publicatie.json`): the search index version
it belongs to, its dossiers and its PDFs. Written by the site build (site/publish.py) inside the
site folder, so one atomic switch of that folder makes pages, PDFs and index current together;
read by the search service to follow exactly the publication it serves."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

RECORD = Path("api") / "publicatie.json"
MAX_RECORD_BYTES = 4 * 1024 * 1024


def write_record(site: Path, index_name: str | None, dossiers: list[str], pdfs: list[str]) -> None:
    record = {"format": 1, "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "search_index": index_name, "dossiers": sorted(dossiers), "pdfs": sorted(pdfs)}
    path = Path(site) / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_record(site: Path) -> dict | None:
    path = Path(site) / RECORD
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == 1 else None
