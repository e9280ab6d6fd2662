"""The one slug rule: folder names, overview pages and id hints all come from here."""

from __future__ import annotations

import re

from anyascii import anyascii

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
# Pages 2, 3, ... of a paginated listing live at <folder>/pagina-<n>/; the dossier list shares its
# folder with the dossiers, so no dossier may take such a name.
PAGE_FOLDER = "pagina-"
_RESERVED = re.compile(r"^" + PAGE_FOLDER + r"[0-9]+$")


def fold(name: str) -> str:
    """Case- and accent-insensitive key for collision checks: 'Één' and 'een' fold alike.

    Transliterated, not stripped (anyascii): 'Straße' -> 'strasse', 'Здоровье' -> 'zdorove',
    so a theme in another script still gets a readable address of its own.
    """
    return anyascii(name).lower()


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens; "" when nothing is left.

    Callers choose their own fallback for "" (an id hint, a page name), so the rule itself
    stays one: 'Wonen & Zorg!' -> 'wonen-zorg'.
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.match(slug))


def reserved_slug(slug: str) -> bool:
    """A folder name the site uses for its own pages (the pages of the dossier list)."""
    return bool(_RESERVED.match(slug))
