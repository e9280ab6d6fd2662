"""The static search bundle (Pagefind) written into the published site; the only subpackage that imports pagefind. Imports model, view and search (its Dutch analysis and documents); never mkdocs or whoosh directly.

`records` turns one public, current dossier into the HTML record Pagefind indexes: the title
(highest weight), the summary, the text, and hidden weighted text carrying our own analysis
(compound parts of the words in the text, the editors' zoektermen, the labels of the thesaurus
groups whose words the text uses). `bundle` feeds those records to Pagefind at publication time
and writes the bundle (`pagefind/`) into the staging site, so it becomes current with the pages.
"""

from __future__ import annotations

from .bundle import BUNDLE_DIR, StaticSearchUnavailable, write_bundle

__all__ = ["BUNDLE_DIR", "StaticSearchUnavailable", "write_bundle"]
