"""What one dossier adds to the site source: its page, RIS, BibTeX and JSON, and its JSON-LD,
all from one view of it. No MkDocs here: the plugin adds the files, the live preview keeps them
for a dossier that did not change (site/preview.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from watwerkt import export
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.view.dossier_view import dossier_view
from watwerkt.view.page import PageOptions, dossier_page, edit_url, feedback_url

from .report import as_json


def dossier_files(d: Dossier, settings: Settings, today: dt.date, on_site: set[str], pdfs_on: bool,
                  versions: Callable[[PageOptions], list] | None = None) -> tuple[dict[str, str], object]:
    """({path: content}, JSON-LD). `versions(opts)` adds the earlier versions, sets
    opts.versions_href and returns their entries (only when versions are built)."""
    view = dossier_view(d, settings, today)  # once: page, RIS, BibTeX and JSON use it
    base = f"dossiers/{d.slug}"
    opts = PageOptions(
        on_site=on_site,
        today=today,
        edit_url=edit_url(settings, d),
        feedback_url=feedback_url(settings, d, view.url),
        ris_href="citeer.ris",
        bib_href="citeer.bib",
        pdf_href=f"../../pdf/{d.slug}.pdf" if pdfs_on and d.public else None,
    )
    entries = versions(opts) if versions is not None else None
    files = {
        f"{base}/index.md": dossier_page(d, settings, opts, view),
        f"{base}/citeer.ris": export.ris(d, settings, view=view),
        f"{base}/citeer.bib": export.bibtex(d, settings, view=view),
        f"api/dossiers/{d.slug}.json": as_json(export.dossier_json(d, settings, view, entries)),
    }
    return files, export.json_ld(d, settings, view, entries)
