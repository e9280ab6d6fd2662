"""Citing a dossier: APA 7 (Markdown), RIS and BibTeX, each escaping values by its own rules."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.view.escape import esc
from watwerkt.view.text import dutch_date

from .common import author_names, dossier_url, is_organisation, one_line, year_of

# Stands where the address goes while the site has no site_url (a preview or a local build).
UNPUBLISHED = "Nog niet online gepubliceerd."
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


def _apa_authors(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def apa_citation(d: Dossier, settings: Settings) -> str:
    """APA 7 reference to the dossier (Markdown), naming its version date in Dutch.

    Author names are used as written in dossier.yml (persons are not inverted to
    'Achternaam, V.': Dutch names with prefixes cannot be split reliably).
    """
    names = [esc(n) for n in author_names(d)]
    title = f"*{esc(one_line(d.title))}* (versie {dutch_date(d.version)})."
    url = dossier_url(d, settings)
    parts = []
    if names:
        authors = _apa_authors(names)
        parts += [authors if authors.endswith(".") else authors + ".", f"({year_of(d)}).", title]
    else:
        parts += [title, f"({year_of(d)})."]
    publisher = esc(settings.site_name)
    if publisher and publisher not in names:
        parts.append(publisher if publisher.endswith(".") else publisher + ".")
    parts.append(url or UNPUBLISHED)
    return " ".join(parts)


def ris(d: Dossier, settings: Settings) -> str:
    """RIS record (type ELEC), CRLF line endings, each line 'TAG  - value', ending 'ER  - '."""
    lines: list[tuple[str, str]] = [("TY", "ELEC"), ("TI", one_line(d.title))]
    lines += [("AU", name) for name in author_names(d)]
    version = d.version
    if version:
        lines += [("PY", str(version.year)), ("DA", version.strftime("%Y/%m/%d"))]
    lines.append(("PB", settings.site_name))
    if dossier_url(d, settings):
        lines.append(("UR", dossier_url(d, settings)))
    if d.summary:
        lines.append(("AB", one_line(d.summary)))
    lines += [("KW", one_line(t)) for t in d.themes if one_line(t)]
    lines.append(("LA", "nl"))
    if version:
        lines.append(("ET", f"Versie {dutch_date(version)}"))
    out = [f"{tag}  - {value}" for tag, value in lines]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


def bibtex_escape(text: str) -> str:
    """Escape LaTeX/BibTeX specials so the value is literal text and braces stay balanced."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group(0)], one_line(text))


def _bibtex_url(url: str) -> str:
    # URLs are written verbatim (\url); percent-encode what could break the entry.
    return quote(url, safe=":/?=&;@+$,-_.!*'()#[]~%")


def bibtex_key(d: Dossier) -> str:
    return f"watwerkt-{d.slug}-{d.version.year if d.version else 'zd'}"


def bibtex(d: Dossier, settings: Settings, accessed: dt.date | None = None) -> str:
    """BibTeX @misc entry. `accessed` (urldate) defaults to the version date."""
    authors = []
    for author in d.authors:
        if not author.name:
            continue
        name = bibtex_escape(author.name)
        authors.append(f"{{{name}}}" if is_organisation(author) else name)
    fields: list[tuple[str, str]] = []
    if authors:
        fields.append(("author", "{" + " and ".join(authors) + "}"))
    fields.append(("title", "{{" + bibtex_escape(d.title or "") + "}}"))
    version = d.version
    if version:
        fields += [("year", f"{{{version.year}}}"), ("month", _BIBTEX_MONTHS[version.month - 1])]
    fields += [
        ("publisher", "{" + bibtex_escape(settings.site_name) + "}"),
        ("howpublished", "{" + bibtex_escape(settings.site_name) + "}"),
    ]
    if dossier_url(d, settings):
        fields.append(("url", "{" + _bibtex_url(dossier_url(d, settings)) + "}"))
    if version:
        fields.append(("note", "{Versie " + dutch_date(version) + "}"))
    urldate = accessed or version
    if urldate:
        fields.append(("urldate", f"{{{urldate.isoformat()}}}"))
    if d.themes:
        fields.append(("keywords", "{" + ", ".join(bibtex_escape(t) for t in d.themes) + "}"))
    fields.append(("language", "{dutch}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bibtex_key(d)},\n{body}\n}}\n"
