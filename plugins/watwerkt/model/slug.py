"""The one slug rule: folder names, overview pages and id hints all come from here."""

from __future__ import annotations

import re

from anyascii import anyascii

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)


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
