"""Plain-text helpers every view shares: Dutch dates, and editor Markdown reduced to plain text."""

from __future__ import annotations

import datetime as dt
import html
import re

from .citations import CITATION_GROUP

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def one_line(text: str | None) -> str:
    """A plain value on one line: runs of whitespace (line breaks included) become one space."""
    return " ".join((text or "").split())


def dutch_date(value: dt.date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else "onbekend"


_CITATION = re.compile(r"[ \t]*(?:" + CITATION_GROUP.pattern + ")")
_MD_STRIP = [
    (re.compile(r"^\s*(```|~~~).*$", re.M), " "),             # fence lines (their content stays)
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"\[([^\]\n]*)\]\[[^\]\n]*\]"), r"\1"),   # reference links
    (re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$", re.M), " "),  # reference definitions
    (re.compile(r"\{:?\s*[#.][^}\n]*\}"), " "),                # attribute lists
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"<[^>\n]*>"), " "),                              # inline HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, lists
    (re.compile(r"^\s*([-*_=]\s*){3,}$", re.M), " "),            # rules, setext underlines
    (re.compile(r"[*_`|~]+"), " "),                                # emphasis, code, tables
]


def plain(markdown_text: str | None) -> str:
    """Editor Markdown as plain text for indexing and snippets (a fast approximation, no rendering)."""
    if not markdown_text:
        return ""
    text = _CITATION.sub("", markdown_text)
    for pattern, replacement in _MD_STRIP:
        text = pattern.sub(replacement, text)
    return " ".join(html.unescape(text).split())
