"""Bounded listing pages: a listing of any length becomes pages of at most PAGE_SIZE entries,
page 1 at <folder>/index.md and page n at <folder>/pagina-<n>/index.md, with a pager that links
every page of the series. No MkDocs here: links are relative `.md` links inside Markdown.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

from watwerkt.model.slug import PAGE_FOLDER

PAGE_SIZE = 50  # dossiers per listing page (literature: REFS_PER_PAGE references)
T = TypeVar("T")


def rel(from_path: str, to_path: str) -> str:
    """Relative link from one generated page to another docs path."""
    return "../" * from_path.count("/") + to_path


def href(from_path: str, to_path: str, directory_urls: bool = True) -> str:
    """The address of one generated page (`.../index.md`) from another, for raw HTML, which MkDocs
    does not rewrite: "../../dossiers/x/" (or ".../index.html" without directory URLs)."""
    if not (from_path.endswith("index.md") and to_path.endswith("index.md")):
        raise ValueError(f"geen pagina van de vorm .../index.md: {from_path!r} -> {to_path!r}")
    return rel(from_path, to_path)[: -len("index.md")] + ("" if directory_urls else "index.html")


def html_table(header: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """A table as raw HTML, cell for cell what Python-Markdown's tables extension makes of a pipe
    table, at well under half the conversion time (the live preview renders the evidence tables on every
    change of a level). header: (HTML, "" or "right") per column; rows: cells as HTML."""
    aligns = [f' style="text-align: {align};"' if align else "" for _, align in header]
    out = ["<table>", "<thead>", "<tr>"]
    out += [f"<th{a}>{text}</th>" for (text, _), a in zip(header, aligns)]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in rows:
        out += ["<tr>", *(f"<td{a}>{cell}</td>" for cell, a in zip(row, aligns)), "</tr>"]
    out += ["</tbody>", "</table>", ""]
    return "\n".join(out)


def page_path(folder: str, number: int) -> str:
    """The docs path of page `number` (1-based) of the listing in `folder`."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/{PAGE_FOLDER}{number}/index.md"


def chunks(items: Sequence[T], size: int = PAGE_SIZE) -> list[list[T]]:
    """The items in pages of at most `size`; always at least one (maybe empty) page."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)] or [[]]


def heading(title: str, number: int, count: int) -> str:
    """The page's h1: the listing's title; from page 2 on also which page of how many (page 1 is
    the overview's own entry in the menu, under its plain title)."""
    return f"# {title}" if number == 1 else f"# {title} (pagina {number} van {count})"


def pager(folder: str, number: int, count: int, what: str, end: bool = False) -> str:
    """Links to every page of the series, the current one marked; "" for a single page.
    `what` names the series for screen readers ("de dossierlijst")."""
    if count <= 1:
        return ""
    here = page_path(folder, number)
    items = []
    if number > 1:
        items.append(f"- [‹ Vorige]({rel(here, page_path(folder, number - 1))}){{ rel=prev }}")
    for n in range(1, count + 1):
        if n == number:
            items.append(f'- <span aria-current="page">{n}</span>')
        else:
            items.append(f"- [{n}]({rel(here, page_path(folder, n))}){{ aria-label=\"Pagina {n}\" }}")
    if number < count:
        items.append(f"- [Volgende ›]({rel(here, page_path(folder, number + 1))}){{ rel=next }}")
    # Above and below the list: two landmarks, each with a name of its own (axe-core landmark-unique)
    label = f"Pagina's van {what}" + (", onderaan" if end else "")
    return (f'<nav class="ww-pager" aria-label="{label}" markdown="1">\n\n'
            + "\n".join(items) + "\n\n</nav>\n")


def range_line(number: int, total: int, size: int = PAGE_SIZE, noun: str = "dossiers") -> str:
    """'Nr. 51 tot en met 100 van 120 dossiers.' on a listing of more than one page."""
    if total <= size:
        return ""
    first = (number - 1) * size + 1
    last = min(number * size, total)
    return f"*Nr. {first} tot en met {last} van {total} {noun}.*\n"
