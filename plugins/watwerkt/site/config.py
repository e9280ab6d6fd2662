"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config classes."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class WatwerktConfig(Config):
    settings = c.Optional(c.Type(str))  # path to watwerkt.yml, relative to mkdocs.yml
    today = c.Optional(c.Type(str))  # fixed 'today' (YYYY-MM-DD) for reproducible builds
    drafts = c.Choice(("auto", "show", "hide"), default="auto")  # auto: shown only by `mkdocs serve`
    pdf = c.Optional(c.Type(bool))  # PDFs; unset: on for `mkdocs build`, off for live preview
    search_index = c.Optional(c.Type(bool))  # Whoosh index for `watwerkt serve`; unset: on for builds
    # Folder for the search index (<cache_dir>/search) and the PDF cache (<cache_dir>/pdf),
    # relative to mkdocs.yml. `watwerkt serve` reads .cache/search unless given --index-dir.
    cache_dir = c.Type(str, default=".cache")
    # Test-only switches, to prove the defences work one by one. Never turn off in production.
    check_dossiers = c.Type(bool, default=True)
    sanitize_html = c.Type(bool, default=True)
