"""One dossier as the HTML record Pagefind indexes (never served to a reader).

Only public, current dossiers become records: the caller passes the model dossiers, and drafts
are skipped here (`Dossier.public`); earlier versions, redirect pages of former slugs and overview
pages are pages of the site, not dossiers of the model, so they never reach this module.
The text comes from the search service's own documents (search/documents.py), so both searches
see the same text of a dossier. Every value is escaped: dossier text is untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from watwerkt.search.documents import document
from watwerkt.search.labels import ThesaurusLabels

from .analysis_text import compound_parts

# Pagefind's data-pagefind-weight per part of a record (its range is 0-10, the default 1).
WEIGHTS = {
    "title": 7.0,
    "zoektermen": 5.0,
    "summary": 2.0,
    "tags": 2.0,
    "text": 1.0,
    "literature": 0.5,
    "thesaurus": 0.7,
    "parts": 0.5,
    # The analysis of the title and the zoektermen weighs like the words it comes from (nearly):
    # a part of a title word names the dossier, a part of a word in its text merely occurs there.
    "title_thesaurus": 5.0,
    "title_parts": 5.0,
}


@dataclass(frozen=True)
class Record:
    url: str  # site-relative with a leading slash, as Pagefind stores it: "/dossiers/<slug>/"
    html: str
    parts: tuple[str, ...]  # the hidden compound parts (for tests and the report)
    labels: tuple[str, ...]  # the hidden thesaurus labels
    readable: str  # the text a reader sees (title, zoektermen, summary, tags, text), without the hidden part


def _block(kind: str, text: str, tag: str = "p") -> str:
    if not text.strip():
        return ""
    return f'<{tag} data-pagefind-weight="{WEIGHTS[kind]}">{escape(text, quote=False)}</{tag}>\n'


def record(d, thesaurus: ThesaurusLabels) -> Record | None:
    """The record of a public dossier; None for a draft (or anything not public)."""
    if not d.public:
        return None
    doc = document(d, thesaurus)  # the service's own document, its thesaurus field included
    naming = "\n".join([doc["title"], doc["zoektermen"]])
    readable = "\n".join([naming, doc["summary"], doc["tags"], doc["sections"], doc["elements"], doc["examples"]])
    title_parts = compound_parts(naming)
    title_labels = thesaurus.labels_for(naming)
    parts = tuple(dict.fromkeys(title_parts + compound_parts(readable)))
    labels = tuple(dict.fromkeys(title_labels + doc["thesaurus"].splitlines()))
    meta_summary = escape(doc["summary"], quote=True)
    body = [
        f'<h1 data-pagefind-weight="{WEIGHTS["title"]}" data-pagefind-meta="title">{escape(doc["title"], quote=False)}</h1>\n',
        f'<span data-pagefind-meta="summary:{meta_summary}" hidden></span>\n',
        _block("summary", doc["summary"]),
        _block("zoektermen", doc["zoektermen"].replace("\n", ", ")),
        _block("tags", doc["tags"].replace("\n", ", ")),
        *(_block("text", t) for t in (doc["sections"], doc["elements"], doc["examples"])),
        _block("literature", doc["literature"]),
        _block("title_thesaurus", ", ".join(title_labels)),
        _block("title_parts", " ".join(title_parts)),
        _block("thesaurus", ", ".join(x for x in labels if x not in title_labels)),
        _block("parts", " ".join(x for x in parts if x not in title_parts)),
    ]
    html = ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>'
            f'{escape(doc["title"], quote=False)}</title></head>\n<body><main data-pagefind-body>\n'
            + "".join(body) + "</main></body></html>\n")
    return Record("/" + doc["url"], html, parts, labels, readable)
