"""Escaping untrusted YAML values for the two contexts they enter: Markdown text and HTML attributes."""

from __future__ import annotations

import html

_MARKDOWN_SPECIALS = "\\`*_{}[]()!|<>"


def esc(value: object) -> str:
    """A plain value inside Markdown: HTML-escaped, and Markdown syntax neutralised so a title
    cannot become a link, emphasis or attribute list."""
    text = html.escape(str(value), quote=True)
    for ch in "\\`*_{}[]()!|":
        text = text.replace(ch, "\\" + ch)
    return text


def attr(value: object) -> str:
    """A value inside raw HTML (an attribute or element text), where Markdown is not processed."""
    return html.escape(str(value), quote=True)
