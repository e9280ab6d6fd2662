"""APA 7 style citations and reference entries, organisations as authors included.

Author strings follow the dossier format: a person is written 'Achternaam, V.', an
organisation by its full name (no comma). Output is Markdown.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from watwerkt.model.dossier import LiteratureEntry

from .escape import attr, esc

CITATION_GROUP = re.compile(
    r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*?-?@[A-Za-z0-9_](?:[^\[\]\n]|\n(?![ \t]*\n))*?)\](?!\()"
)
_ITEM = re.compile(r"^\s*(?P<prefix>[^@]*?)\s*-?@(?P<key>[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*?)[.:,;-]?(?:\s*,\s*(?P<locator>.+?))?\s*$")


def anchor(key: str) -> str:
    return f"bron-{key}"


def _is_person(author: str) -> bool:
    return "," in author


def _family(author: str) -> str:
    return esc(author.split(",", 1)[0].strip() if _is_person(author) else author.strip())


def in_text_name(entry: LiteratureEntry) -> str:
    authors = entry.authors
    if not authors:
        return f"*{esc(entry.title)}*" if entry.title else esc(entry.id or "?")
    if len(authors) == 1:
        return _family(authors[0])
    if len(authors) == 2:
        return f"{_family(authors[0])} & {_family(authors[1])}"
    return f"{_family(authors[0])} et al."


def in_text(entry: LiteratureEntry, locator: str = "") -> str:
    text = f"{in_text_name(entry)}, {esc(entry.year or 'z.d.')}"
    return f"{text}, {esc(locator)}" if locator else text


def author_list(authors: list[str]) -> str:
    """APA 7 author list of names already in their final form (escaped where needed): one name,
    'A, B, & C' up to twenty, and from twenty-one on the first nineteen, '. . .' and the last."""
    if len(authors) == 1:
        return authors[0]
    if len(authors) <= 20:
        return ", ".join(authors[:-1]) + ", & " + authors[-1]
    return ", ".join(authors[:19]) + ", . . . " + authors[-1]


def end_sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(entry: LiteratureEntry) -> str:
    """One APA 7 reference list entry in Markdown."""
    year = f"({esc(entry.year or 'z.d.')})."
    title = esc(entry.title or "")
    parts: list[str] = []
    if entry.type in ("article", "chapter"):
        title_part = end_sentence(title)
    else:
        title_part = f"*{title}*"
        if entry.edition:
            title_part += f" ({esc(entry.edition)})"
        # APA: no extra full stop after a title that ends in its own ? or !
        if entry.edition or not title.endswith(("?", "!")):
            title_part += "."
    if entry.authors:
        parts += [end_sentence(author_list([esc(a) for a in entry.authors])), year, title_part]
    else:
        parts += [title_part, year]
    if entry.type == "article" and entry.journal:
        source = f"*{esc(entry.journal)}*"
        if entry.volume:
            source += f", *{esc(entry.volume)}*"
            if entry.issue:
                source += f"({esc(entry.issue)})"
        if entry.pages:
            source += f", {esc(entry.pages)}"
        parts.append(source + ".")
    elif entry.type == "chapter" and entry.journal:
        pages = f" (pp. {esc(entry.pages)})" if entry.pages else ""
        parts.append(f"In *{esc(entry.journal)}*{pages}.")
    if entry.publisher and entry.publisher not in entry.authors:
        parts.append(end_sentence(esc(entry.publisher)))
    if entry.doi:
        parts.append(link(doi_url(entry.doi)))
    elif entry.url:
        parts.append(link(entry.url))
    return " ".join(parts)


def doi_url(doi: str) -> str:
    """The DOI's address at doi.org (APA 7), the characters doi.org asks to encode encoded (a DOI
    may hold '<', '>', '#' or '?', as older SICI-style DOIs do). The loader already stripped any
    'https://doi.org/' or 'doi:' the editor wrote."""
    return "https://doi.org/" + quote(doi, safe="/:;,()[]._-~!*'+=@$&")


def link(url: str) -> str:
    """A link whose text is the address itself, as raw HTML inside Markdown: the address is
    escaped for the attribute and, as text, for HTML and Markdown, so no character of it can end
    the link or start markup (a Markdown autolink <...> breaks on a '>' in the address)."""
    return f'<a href="{attr(url)}">{esc(url)}</a>'


def render_citations(text: str, literature: dict[str, LiteratureEntry]) -> str:
    """Replace Pandoc citations [@key, p. 12; @other] by linked APA in-text citations."""

    def replace(match: re.Match) -> str:
        pieces = []
        for item in match.group(1).split(";"):
            m = _ITEM.match(item)
            if not m or m.group("key") not in literature:
                return match.group(0)
            entry = literature[m.group("key")]
            pieces.append(f"[{in_text(entry, m.group('locator') or '')}](#{anchor(entry.id)})")
        return "(" + "; ".join(pieces) + ")"

    return CITATION_GROUP.sub(replace, text)
