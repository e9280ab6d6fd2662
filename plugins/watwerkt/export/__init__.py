"""Exports of a dossier for reuse: APA, RIS and BibTeX citations, the JSON API, the Atom feed, JSON-LD. Pure functions of the model; imports model and view; never mkdocs, whoosh or weasyprint, and no file access.

Every value from dossier.yml is untrusted text: each format escapes it by its own rules (BibTeX
specials, XML via ElementTree, `<`/`>`/`&` in JSON-LD for use inside <script>).
"""

from .api import dossier_json, dossiers_json
from .citation import apa_citation, bibtex, bibtex_escape, bibtex_key, ris
from .common import EXPORT_FORMAT_VERSION, dossier_url, is_organisation, json_path
from .feed import FEED_MAX_ENTRIES, FEED_TITLE, atom_feed
from .jsonld import json_ld, json_ld_data, script_safe_json

__all__ = [
    "EXPORT_FORMAT_VERSION", "FEED_MAX_ENTRIES", "FEED_TITLE", "apa_citation", "atom_feed", "bibtex",
    "bibtex_escape", "bibtex_key", "dossier_json", "dossier_url", "dossiers_json", "is_organisation",
    "json_ld", "json_ld_data", "json_path", "ris", "script_safe_json",
]
