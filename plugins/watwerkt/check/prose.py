"""Rules for the text itself, before anything renders it: invisible control characters, citation
syntax that would silently print as text, and nesting deep enough to make a renderer recurse."""

from __future__ import annotations

import re

from watwerkt.load.walker import MarkdownText
from watwerkt.model.kinds import CONTROL_PATTERN
from watwerkt.model.problems import Problem

CONTROL = re.compile(CONTROL_PATTERN)
_CONTROL_NAMES = {"\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
                  "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI"}

# Bounds far above what prose needs and far below where Python-Markdown, the sanitiser or
# WeasyPrint recurse (about 400 nested HTML blocks already exceeds Python's recursion limit).
MAX_QUOTE_DEPTH = 12
MAX_LIST_DEPTH = 12
MAX_HTML_DEPTH = 24
MAX_BRACKET_DEPTH = 12

_OPEN_CITE = re.compile(r"\[(?:[^\[\]\n]*?[\s;])?-?@")
_CITE_START = re.compile(r"(?:\[|;)[ \t]*-?@(?P<after>[ \t]*.?)")
_QUOTE = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)", re.M)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]", re.M)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def control_name(ch: str) -> str:
    return _CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}")


def check_prose(text: MarkdownText) -> list[Problem]:
    out: list[Problem] = []

    def add(offset: int, snippet: str, code: str, message: str, hint: str) -> None:
        pos = text.locate(offset, snippet)
        out.append(Problem(pos.path, pos.line, pos.col, code, message, hint))

    body = text.text
    for m in CONTROL.finditer(body):
        add(m.start(), m.group(0), "WW009", f"{text.label}: onzichtbaar stuurteken {control_name(m.group(0))} in de tekst",
            "verwijder het teken; het komt meestal mee bij kopiëren uit een ander programma")
    out += _citation_syntax(text, add)
    out += _nesting(text, add)
    return out


def _citation_syntax(text: MarkdownText, add) -> list[Problem]:
    body = text.text
    for m in _OPEN_CITE.finditer(body):
        start = m.start()
        paragraph_end = _paragraph_end(body, start)
        close = body.find("]", m.end(), paragraph_end)
        nxt = body.find("[", m.end(), paragraph_end)
        if close < 0 or (0 <= nxt < close):
            add(start, body[start:m.end()], "WW503", f"{text.label}: verwijzing zonder sluitende ]",
                "sluit de verwijzing af, bijvoorbeeld [@auteur-2020]")
    for m in _CITE_START.finditer(body):
        after = m.group("after")
        if re.match(r"[A-Za-z0-9_]", after):
            continue
        if m.group(0).startswith(";") and not _inside_citation(body, m.start()):
            continue
        if after.strip() in ("", "]", ";"):
            message, hint = "verwijzing zonder bron-id", "zet de id uit de literatuurlijst direct na @, bijvoorbeeld [@auteur-2020]"
        else:
            message, hint = "verwijzing met een spatie of ongeldig teken na @", "schrijf de bron-id direct na @: [@auteur-2020]"
        add(m.start(), m.group(0).rstrip(), "WW503", f"{text.label}: {message}", hint)
    return []


def _inside_citation(body: str, at: int) -> bool:
    """Is the ';' at `at` inside an open [..@..] group of the same line?"""
    opened = body.rfind("[", 0, at)
    return opened >= 0 and "]" not in body[opened:at] and "\n" not in body[opened:at] and "@" in body[opened:at]


def _paragraph_end(body: str, start: int) -> int:
    m = re.compile(r"\n[ \t]*\n").search(body, start)
    return m.start() if m else len(body)


_BRACKET_OR_BREAK = re.compile(r"\[|\]|\n(?=\n)")


def _nesting(text: MarkdownText, add) -> list[Problem]:
    body = text.text
    for m in _QUOTE.finditer(body):
        depth = m.group(1).count(">")
        if depth > MAX_QUOTE_DEPTH:
            add(m.start(1), m.group(1), "WW109", f"{text.label}: citaatblok {depth} niveaus diep genest",
                f"gebruik hoogstens {MAX_QUOTE_DEPTH} niveaus '>'")
            break
    for m in _LIST_ITEM.finditer(body):
        indent = len(m.group(1).replace("\t", "    "))
        if indent // 2 > MAX_LIST_DEPTH:
            add(m.start(), m.group(0), "WW109", f"{text.label}: lijst {indent // 2} niveaus diep genest",
                f"gebruik hoogstens {MAX_LIST_DEPTH} niveaus in een lijst")
            break
    depth, deepest = 0, None
    for m in _TAG.finditer(body):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_HTML_DEPTH and deepest is None:
            deepest = m
    if deepest is not None:
        add(deepest.start(), deepest.group(0), "WW109", f"{text.label}: HTML-elementen meer dan {MAX_HTML_DEPTH} "
            "niveaus diep genest", "schrijf de tekst als gewone Markdown zonder geneste HTML")
    depth = 0
    for m in _BRACKET_OR_BREAK.finditer(body):  # not char by char: this runs over every text
        ch = m.group()
        if ch == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                add(m.start(), "[", "WW109", f"{text.label}: meer dan {MAX_BRACKET_DEPTH} vierkante haken in elkaar",
                    "gebruik minder geneste haken")
                break
        elif ch == "]":
            depth = max(depth - 1, 0)
        else:
            depth = 0  # a paragraph break ends every open bracket
    return []
