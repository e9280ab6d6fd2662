"""Which URLs the dossier format accepts: web addresses, and the schemes that are never safe."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def normalise_url(url: str) -> str:
    """Undo entity encoding and strip what browsers ignore, to see the real scheme."""
    value = url
    for _ in range(3):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return "".join(ch for ch in value if ord(ch) > 0x20 and ch != "\x7f").lower()


def unsafe_scheme(url: str) -> str | None:
    clean = normalise_url(url)
    for scheme in UNSAFE_SCHEMES:
        if clean.startswith(scheme):
            return scheme
    return None


def valid_web_url(url: str) -> bool:
    if any(ch.isspace() or ch in "<>\"'`" for ch in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and ("." in host or host == "localhost")


def public_url(base_url: str, path: str = "") -> str:
    """The absolute address of a site path, for identifiers that leave the site (canonical, feed ids,
    JSON-LD, citations, RIS/BibTeX, PDF covers, feedback text). "" when the site has no address yet.

    The one place such an address is made: everything a browser fetches stays relative.
    """
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def dossier_path(slug: str) -> str:
    return f"dossiers/{slug}/"


def versions_path(slug: str) -> str:
    """The list of a dossier's versions."""
    return f"dossiers/{slug}/versies/"


def version_path(slug: str, version) -> str:
    """The permanent address of one version of a dossier (its changelog date, YYYY-MM-DD)."""
    return f"{versions_path(slug)}{version.isoformat()}/"
