"""Escaping untrusted YAML values for the two contexts they enter: Markdown text and HTML attributes."""

from __future__ import annotations

import html

# HTML specials become entities; Markdown syntax gets a backslash, so a title cannot become a
# link, emphasis or attribute list. One translate pass: this runs for every value on every page.
_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
     **{ch: "\\" + ch for ch in "\\`*_{}[]()!|"}}
)


def esc(value: object) -> str:
    """A plain value inside Markdown, escaped for both HTML and Markdown."""
    return str(value).translate(_TABLE)


def attr(value: object) -> str:
    """A value inside raw HTML (an attribute or element text), where Markdown is not processed."""
    return html.escape(str(value), quote=True)
