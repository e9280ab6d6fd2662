"""Sanitising rendered dossier HTML with nh3 (Ammonia): the last line of defence.

The validator already refuses scripts, handlers and javascript: links, but dossiers are
untrusted and Python-Markdown passes raw HTML and attribute lists through, so whatever
reaches a page is cleaned again here.
"""

from __future__ import annotations

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"span", "div", "section", "figure", "figcaption", "mark", "details", "summary"}
_TAGS -= {"script", "style", "iframe", "object", "embed", "form", "svg", "math"}
_GENERIC = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby",
            "aria-current"}
_ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href", "hreflang", "rel", "target", "download"},  # download: RIS, BibTeX, PDF as files
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "abbr": set(),
    "time": {"datetime"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
