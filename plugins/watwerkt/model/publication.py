"""The record a published site carries of itself (`api/publicatie.json`): the search index version
it belongs to, its dossiers, its PDFs and the hash of its inputs. Written by the site build (site/publish.py) inside the
site folder, so one atomic switch of that folder makes pages, PDFs and index current together;
read by the search service to follow exactly the publication it serves."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

RECORD = Path("api") / "publicatie.json"
MAX_RECORD_BYTES = 4 * 1024 * 1024


def write_record(site: Path, index_name: str | None, dossiers: list[str], pdfs: list[str],
                 inputs: str | None = None) -> None:
    """`inputs`: the hash of what the build read (site/fingerprint.py); `watwerkt serve` skips the
    next build while it is unchanged."""
    record = {"format": 1, "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "search_index": index_name, "dossiers": sorted(dossiers), "pdfs": sorted(pdfs), "inputs": inputs}
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
