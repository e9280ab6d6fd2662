"""A light scan of editor Markdown: citations, links, images, raw HTML and attribute lists.

This is for validation with exact positions, not for rendering: rendering goes through
Python-Markdown and a sanitiser. The scan errs on the strict side (it also looks inside
indented code), because a false alarm costs an editor a minute and a miss could run script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNSAFE_ELEMENTS = frozenset(
    "script iframe frame frameset object embed applet style link meta base form svg math "
    "template noscript portal".split()
)
URL_ATTRIBUTES = frozenset("href src action formaction xlink:href srcset poster background".split())

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# A code span never crosses a blank line (a paragraph break), as in CommonMark.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)")
# `<!-->` and `<!--->` are complete (empty) comments in HTML; they must not swallow what follows.
_COMMENT = re.compile(r"<!--(?:>|->|[\s\S]*?-->)")
# A citation may wrap onto the next line, but not across a paragraph break.
_CITE_GROUP = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*?@(?:[^\[\]\n]|\n(?![ \t]*\n))*?)\](?!\()")
_CITE_KEY = re.compile(r"(?:^|(?<=[\s;\[]))-?@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)")
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(?P<url><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
# Reference definitions, also inside block quotes and list items.
_REF_DEF = re.compile(
    r"^(?:[ \t>]|[-*+][ \t]|\d+[.)][ \t])*\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<url><[^>\n]*>|\S+)", re.M
)
_TAG = re.compile(r"<\s*(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", re.S
)
_ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]*)\}")
_HANDLER = re.compile(r"(?:^|[\s\"'/;])(?P<name>on[a-z]+)\s*=", re.I)


@dataclass
class Citation:
    key: str
    offset: int
    snippet: str


@dataclass
class Link:
    url: str
    offset: int  # of the url
    snippet: str
    is_image: bool
    text: str = ""
    start: int = 0  # of the whole link


@dataclass
class Tag:
    name: str
    offset: int
    snippet: str
    attrs: list[tuple[str, str, int]] = field(default_factory=list)  # name, value, offset


@dataclass
class AttrList:
    body: str
    offset: int
    snippet: str


@dataclass
class Scan:
    citations: list[Citation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    attr_lists: list[AttrList] = field(default_factory=list)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _mask_code(text: str) -> str:
    """Blank out fenced code and code spans, keeping every offset in place."""
    out, fence = [], None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append(" " * (len(line) - 1) + line[-1:] if line.endswith("\n") else " " * len(line))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append(re.sub(r"[^\n]", " ", line))
            continue
        out.append(line)
    masked = "".join(out)
    return _CODE_SPAN.sub(_blank, masked)


def scan(text: str) -> Scan:
    result = Scan()
    masked = _mask_code(text)
    # HTML comments are not rendered, but an unsafe tag hidden in one is still pointless: drop them.
    masked = _COMMENT.sub(_blank, masked)

    for m in _CITE_GROUP.finditer(masked):
        body_start = m.start(1)
        for k in _CITE_KEY.finditer(m.group(1)):
            key = k.group(1).rstrip(".:,;-")
            result.citations.append(Citation(key, body_start + k.start(1) - 1, "@" + key))

    for m in _LINK.finditer(masked):
        url = m.group("url")
        if url.startswith("<") and url.endswith(">"):
            url = url[1:-1]
        result.links.append(
            Link(url, m.start("url"), m.group(0), bool(m.group("bang")), m.group("text"), m.start())
        )
    for m in _REF_DEF.finditer(masked):
        url = m.group("url").strip("<>")
        result.links.append(Link(url, m.start("url"), m.group(0), False, m.group("label"), m.start("url")))

    for m in _TAG.finditer(masked):
        tag = Tag(m.group("name").lower(), m.start(), m.group(0))
        attrs_start = m.start("attrs")
        for a in _ATTR.finditer(m.group("attrs")):
            value = a.group("value") or ""
            if value[:1] in "\"'":
                value = value[1:-1]
            tag.attrs.append((a.group("name").lower(), value, attrs_start + a.start()))
        result.tags.append(tag)

    for m in _ATTR_LIST.finditer(masked):
        result.attr_lists.append(AttrList(m.group("body"), m.start(), m.group(0)))
    return result


def handlers_in(body: str) -> list[tuple[str, int]]:
    """Event-handler attribute names (onclick=...) in an attribute list body, with offsets."""
    return [(m.group("name").lower(), m.start("name")) for m in _HANDLER.finditer(body)]


def attr_values(body: str) -> list[tuple[str, str, int]]:
    out = []
    for a in _ATTR.finditer(body):
        value = a.group("value") or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        out.append((a.group("name").lower(), value, a.start()))
    return out
