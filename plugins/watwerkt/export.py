"""Exports of a dossier for reuse: citation formats (APA, RIS, BibTeX), a JSON API, an Atom
feed of changes and schema.org JSON-LD. Pure functions: no MkDocs, no file access; the site
build decides where the returned text is written.

Every value from dossier.yml is treated as untrusted text: each format escapes it by its own
rules (BibTeX specials, XML via ElementTree, `<`/`>`/`&` in JSON-LD for use inside <script>).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

from .citations import reference
from .model import Author, Dossier, LiteratureEntry
from .render import dutch_date, esc
from .settings import Settings

EXPORT_FORMAT_VERSION = 1
FEED_TITLE = "Wat werkt — recent bijgewerkt"
FEED_MAX_ENTRIES = 50
FEED_TITLE_SUMMARY_CHARS = 80
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Words that mark an author name as an organisation or editorial team rather than a person.
_ORG_WORDS = {
    "redactie", "redactieteam", "raad", "stichting", "vereniging", "instituut", "ministerie",
    "gemeente", "provincie", "commissie", "bureau", "centrum", "kenniscentrum", "platform",
    "netwerk", "college", "team", "organisatie", "universiteit", "hogeschool", "werkgroep",
    "programma", "federatie", "bond", "coalitie", "alliantie", "samenwerkingsverband",
    "editorial", "editors", "board", "institute", "foundation", "association", "council",
    "committee", "university", "department", "ministry", "group", "office", "agency",
}
_ORG_STEMS = ("instituut", "institute", "stichting", "redactie", "commissie", "centrum")
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
# Characters XML 1.0 cannot carry at all (ElementTree would write them and break the feed).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_JSON_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCHEMA_TYPES = {
    "report": "Report",
    "book": "Book",
    "article": "ScholarlyArticle",
    "chapter": "Chapter",
    "webpage": "WebPage",
    "other": "CreativeWork",
}


# -- shared helpers ---------------------------------------------------------------
def dossier_url(d: Dossier, settings: Settings) -> str:
    return settings.base_url + f"dossiers/{d.slug}/"


def json_path(d: Dossier) -> str:
    """Site-relative path of the dossier's JSON document."""
    return f"api/dossiers/{d.slug}.json"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def is_organisation(author: Author) -> bool:
    """Heuristic: does this dossier author name an organisation or editorial team?"""
    name = _one_line(author.name)
    if not name:
        return False
    if author.organisation and name.casefold() == _one_line(author.organisation).casefold():
        return True
    words = [w.strip(".,;:()'\"").casefold() for w in name.split()]
    if len(words) == 1 or len(words) > 5:
        return True
    if any(w in _ORG_WORDS for w in words) or any(s in w for w in words for s in _ORG_STEMS):
        return True
    return any(ch.isdigit() for ch in name) or "&" in name


def _author_names(d: Dossier) -> list[str]:
    return [_one_line(a.name) for a in d.authors if a.name]


def _year(d: Dossier) -> str:
    return str(d.version.year) if d.version else "z.d."


# -- APA --------------------------------------------------------------------------
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
    names = [esc(n) for n in _author_names(d)]
    title = f"*{esc(_one_line(d.title))}* (versie {dutch_date(d.version)})."
    url = dossier_url(d, settings)
    parts = []
    if names:
        authors = _apa_authors(names)
        parts += [authors if authors.endswith(".") else authors + ".", f"({_year(d)}).", title]
    else:
        parts += [title, f"({_year(d)})."]
    publisher = esc(settings.site_name)
    if publisher and publisher not in names:
        parts.append(publisher if publisher.endswith(".") else publisher + ".")
    parts.append(url)
    return " ".join(parts)


# -- RIS --------------------------------------------------------------------------
def ris(d: Dossier, settings: Settings) -> str:
    """RIS record (type ELEC), CRLF line endings, each line 'TAG  - value', ending 'ER  - '."""
    lines: list[tuple[str, str]] = [("TY", "ELEC"), ("TI", _one_line(d.title))]
    lines += [("AU", name) for name in _author_names(d)]
    version = d.version
    if version:
        lines += [("PY", str(version.year)), ("DA", version.strftime("%Y/%m/%d"))]
    lines += [("PB", settings.site_name), ("UR", dossier_url(d, settings))]
    if d.summary:
        lines.append(("AB", _one_line(d.summary)))
    lines += [("KW", _one_line(t)) for t in d.themes if _one_line(t)]
    lines.append(("LA", "nl"))
    if version:
        lines.append(("ET", f"Versie {dutch_date(version)}"))
    out = [f"{tag}  - {value}" for tag, value in lines]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


# -- BibTeX -----------------------------------------------------------------------
def bibtex_escape(text: str) -> str:
    """Escape LaTeX/BibTeX specials so the value is literal text and braces stay balanced."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group(0)], _one_line(text))


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
        ("url", "{" + _bibtex_url(dossier_url(d, settings)) + "}"),
    ]
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


# -- JSON -------------------------------------------------------------------------
def _level(level_id: str | None, lookup) -> dict | None:
    if not level_id:
        return None
    level = lookup(level_id)
    return {"id": level_id, "label": level.label if level else level_id}


def _literature_json(entry: LiteratureEntry) -> dict:
    out = {
        f.name: (list(getattr(entry, f.name)) if f.name == "authors" else getattr(entry, f.name))
        for f in dataclasses.fields(entry)
        if f.name not in ("at", "pos")
    }
    out["apa"] = reference(entry)
    return out


def dossier_json(d: Dossier, settings: Settings) -> dict:
    """The full public JSON document of one dossier (dates as ISO strings)."""
    dates = d.dates
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "slug": d.slug,
        "url": dossier_url(d, settings),
        "title": d.title,
        "summary": d.summary,
        "status": d.status,
        "authors": [{"name": a.name, "organisation": a.organisation} for a in d.authors],
        "dates": {
            "published": _iso(dates.published if dates else None),
            "reviewed": _iso(dates.reviewed if dates else None),
            "review_due": _iso(dates.review_due if dates else None),
        },
        "version": _iso(d.version),
        "themes": list(d.themes),
        "target_groups": list(d.target_groups),
        "effective_elements": [
            {
                "id": el.id,
                "title": el.title,
                "description": el.description,
                "evidence": _level(el.evidence, settings.evidence),
                "effect": el.effect,
                "sources": list(el.sources),
            }
            for el in d.effective_elements
        ],
        "examples": [
            {
                "name": ex.name,
                "description": ex.description,
                "organisation": ex.organisation,
                "url": ex.url,
                "recognition": (
                    {
                        "level": _level(ex.recognition.level, settings.recognition),
                        "databank": ex.recognition.databank,
                        "date": _iso(ex.recognition.date),
                    }
                    if ex.recognition
                    else None
                ),
            }
            for ex in d.examples
        ],
        "literature": [_literature_json(e) for e in d.literature],
        "changelog": [
            {"date": _iso(c.date), "summary": c.summary}
            for c in sorted(d.changelog, key=lambda c: c.date or dt.date.min, reverse=True)
        ],
        "licence": {"name": settings.licence_name, "url": settings.licence_url},
    }


def dossiers_json(dossiers: list[Dossier], settings: Settings, generated: dt.date) -> dict:
    """Index of the given dossiers (the caller leaves out drafts), sorted by slug."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated": generated.isoformat(),
        "dossiers": [
            {
                "slug": d.slug,
                "title": d.title,
                "summary": d.summary,
                "url": dossier_url(d, settings),
                "json_url": settings.base_url + json_path(d),
                "version": _iso(d.version),
                "themes": list(d.themes),
                "target_groups": list(d.target_groups),
                "status": d.status,
            }
            for d in sorted(dossiers, key=lambda d: d.slug)
        ],
    }


# -- Atom -------------------------------------------------------------------------
def _xml_text(text: str | None) -> str:
    return _XML_INVALID.sub("", text or "")


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = _xml_text(text)
    return el


def atom_feed(
    dossiers: list[Dossier], settings: Settings, updated: dt.date, feed_path: str = "feed.xml"
) -> str:
    """Atom 1.0 feed of changelog entries across the given dossiers, newest first (max 50)."""
    changes = []
    for d in dossiers:
        seen: dict[str, int] = {}
        for change in d.changelog:
            if not change.date:
                continue
            day = change.date.isoformat()
            seen[day] = seen.get(day, 0) + 1
            anchor = day if seen[day] == 1 else f"{day}-{seen[day]}"
            changes.append((change.date, d.slug, seen[day], d, change, anchor))
    # Newest first; within a day by slug and file order, so the output is deterministic.
    changes.sort(key=lambda c: (-c[0].toordinal(), c[1], c[2]))

    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "nl"})
    _sub(feed, "id", settings.base_url)
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "updated", _rfc3339(updated))
    _sub(feed, "link", rel="alternate", type="text/html", href=settings.base_url)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=settings.base_url + feed_path)
    author = _sub(feed, "author")
    _sub(author, "name", settings.site_name)
    _sub(author, "uri", settings.base_url)
    _sub(feed, "rights", f"{settings.licence_name} ({settings.licence_url})")

    for day, _slug, _n, d, change, anchor in changes[:FEED_MAX_ENTRIES]:
        url = dossier_url(d, settings)
        summary = _one_line(change.summary)
        short = summary if len(summary) <= FEED_TITLE_SUMMARY_CHARS else (
            summary[: FEED_TITLE_SUMMARY_CHARS - 1].rstrip() + "…"
        )
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{url}#{anchor}")
        _sub(entry, "title", f"{_one_line(d.title)}: {short}", type="text")
        _sub(entry, "updated", _rfc3339(day))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "summary", summary, type="text")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


# -- JSON-LD ----------------------------------------------------------------------
def _agent(name: str, organisation: bool, affiliation: str | None = None) -> dict:
    if organisation:
        return {"@type": "Organization", "name": name}
    person = {"@type": "Person", "name": name}
    if affiliation:
        person["affiliation"] = {"@type": "Organization", "name": affiliation}
    return person


def _citation_ld(entry: LiteratureEntry) -> dict:
    work = {"@type": _SCHEMA_TYPES.get(entry.type or "", "CreativeWork"), "name": entry.title}
    if entry.authors:
        # Literature authors follow the dossier format: a person is 'Achternaam, V.'.
        work["author"] = [_agent(a, "," not in a) for a in entry.authors]
    year = re.match(r"[0-9]{4}", entry.year or "")
    if year:
        work["datePublished"] = year.group(0)
    if entry.publisher:
        work["publisher"] = {"@type": "Organization", "name": entry.publisher}
    doi_url = f"https://doi.org/{entry.doi}" if entry.doi else None
    if entry.url or doi_url:
        work["url"] = entry.url or doi_url
    if doi_url:
        work["sameAs"] = doi_url
    return work


def json_ld_data(d: Dossier, settings: Settings) -> dict:
    url = dossier_url(d, settings)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "headline": d.title,
        "name": d.title,
        "description": d.summary,
        "inLanguage": "nl",
    }
    if d.dates and d.dates.published:
        data["datePublished"] = d.dates.published.isoformat()
    if d.version:
        data["dateModified"] = d.version.isoformat()
        data["version"] = d.version.isoformat()
    data["author"] = [
        _agent(a.name, is_organisation(a), a.organisation) for a in d.authors if a.name
    ]
    data["publisher"] = {"@type": "Organization", "name": settings.site_name, "url": settings.base_url}
    if d.themes:
        data["keywords"] = list(d.themes)
    if d.target_groups:
        data["audience"] = [{"@type": "Audience", "audienceType": t} for t in d.target_groups]
    data["license"] = settings.licence_url
    data["isAccessibleForFree"] = True
    data["citation"] = [_citation_ld(e) for e in d.literature]
    if d.effective_elements:
        data["hasPart"] = [
            {"@type": "CreativeWork", "name": el.title, "url": f"{url}#element-{el.id}"}
            for el in d.effective_elements
        ]
    return data


def script_safe_json(data: object) -> str:
    """JSON that can stand inside <script type="application/ld+json"> as is: `<`, `>`, `&`,
    U+2028 and U+2029 only occur inside JSON strings, where their \\u escapes mean the same."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_SCRIPT_ESCAPES[m.group(0)], text)


def json_ld(d: Dossier, settings: Settings) -> str:
    """schema.org JSON-LD of the dossier page, safe to embed in a <script> element."""
    return script_safe_json(json_ld_data(d, settings))
