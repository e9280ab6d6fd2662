"""What the build tells the person running it: PDF progress, and whether a strict build will stop."""

from __future__ import annotations

import json
import logging

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import CountHandler

from watwerkt.pdf import COLLECTION_NAME

log = get_plugin_logger("watwerkt.site.plugin")


def pdf_progress(done: int, total: int, name: str, what: str) -> None:
    """Collection parts each, dossiers every twentieth of the way: a large build shows it moves."""
    if name.startswith(COLLECTION_NAME) or done == total or done % max(1, total // 20) == 0:
        log.info(f"PDF's: {done}/{total} ({name}: {what})")


def strict_warnings() -> int:
    """Warnings MkDocs has counted in this strict build (its CountHandler on the 'mkdocs' logger)."""
    handlers = logging.getLogger("mkdocs").handlers
    return sum(n for h in handlers if isinstance(h, CountHandler) for _, n in h.get_counts())


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
