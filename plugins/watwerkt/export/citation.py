"""Citing a dossier: APA 7 (Markdown), RIS and BibTeX, each escaping values by its own rules."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.view.dossier_view import UNPUBLISHED, DossierView, dossier_view
from watwerkt.view.text import one_line

from .common import is_organisation

__all__ = ["UNPUBLISHED", "apa_citation", "bibtex", "bibtex_escape", "bibtex_key", "ris"]
_BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not \{ : BibTeX counts escaped braces too, a lone one breaks the entry
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(ch) for ch in _BIBTEX_SPECIALS))


def apa_citation(d: Dossier, settings: Settings, view: DossierView | None = None) -> str:
    """APA 7 reference to the dossier (Markdown): the view's, the one the page and the PDF show."""
    return (view or dossier_view(d, settings)).citation_md


def ris(d: Dossier, settings: Settings, view: DossierView | None = None) -> str:
    """RIS record (type ELEC), CRLF line endings, each line 'TAG  - value', ending 'ER  - '.
    Authors, year, title, version, publisher and address are the view's."""
    v = view or dossier_view(d, settings)
    lines: list[tuple[str, str]] = [("TY", "ELEC"), ("TI", v.title)]
    lines += [("AU", name) for name in v.author_names]
    if v.version:
        lines += [("PY", v.year), ("DA", v.version.strftime("%Y/%m/%d"))]
    lines.append(("PB", v.publisher))
    if v.url:
        lines.append(("UR", v.url))
    if d.summary:
        lines.append(("AB", one_line(d.summary)))
    lines += [("KW", one_line(t)) for t in d.themes if one_line(t)]
    lines.append(("LA", "nl"))
    if v.version:
        lines.append(("ET", f"Versie {v.version_text}"))
    out = [f"{tag}  - {value}" for tag, value in lines]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


def bibtex_escape(text: str) -> str:
    """Escape LaTeX/BibTeX specials so the value is literal text and braces stay balanced."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group(0)], one_line(text))


def _bibtex_url(url: str) -> str:
    # URLs are written verbatim (\url); percent-encode what could break the entry.
    return quote(url, safe=":/?=&;@+$,-_.!*'()#[]~%")


def bibtex_key(d: Dossier, view: DossierView | None = None) -> str:
    """`watwerkt-<slug>-<year>`; an earlier version carries its whole date, so two versions of one
    year keep apart in a bibliography."""
    if view is not None and view.earlier and d.version:
        return f"watwerkt-{d.slug}-{d.version.isoformat()}"
    return f"watwerkt-{d.slug}-{d.version.year if d.version else 'zd'}"


def bibtex(d: Dossier, settings: Settings, accessed: dt.date | None = None,
           view: DossierView | None = None) -> str:
    """BibTeX @misc entry. `accessed` (urldate) only when given: a static file cannot know when its
    reader looked (the version date is the note, not an access date). Authors, year,
    title, version, publisher and address are the view's; an organisation stays one name ({...})."""
    v = view or dossier_view(d, settings)
    authors = [f"{{{bibtex_escape(a.name)}}}" if is_organisation(a) else bibtex_escape(a.name)
               for a in v.authors]
    fields: list[tuple[str, str]] = []
    if authors:
        fields.append(("author", "{" + " and ".join(authors) + "}"))
    fields.append(("title", "{{" + bibtex_escape(v.title) + "}}"))
    version = v.version
    if version:
        fields += [("year", f"{{{v.year}}}"), ("month", _BIBTEX_MONTHS[version.month - 1])]
    fields += [
        ("publisher", "{" + bibtex_escape(v.publisher) + "}"),
        ("howpublished", "{" + bibtex_escape(v.publisher) + "}"),
    ]
    if v.url:
        fields.append(("url", "{" + _bibtex_url(v.url) + "}"))
    if version:
        fields.append(("note", "{Versie " + v.version_text + "}"))
    if accessed:
        fields.append(("urldate", f"{{{accessed.isoformat()}}}"))
    if d.themes:
        fields.append(("keywords", "{" + ", ".join(bibtex_escape(t) for t in d.themes) + "}"))
    fields.append(("language", "{dutch}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bibtex_key(d, v)},\n{body}\n}}\n"
