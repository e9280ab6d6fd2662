"""schema.org JSON-LD of a dossier page, safe to stand inside a <script> element."""

from __future__ import annotations

import json
import re

from watwerkt.model.dossier import Dossier, LiteratureEntry
from watwerkt.model.settings import Settings
from watwerkt.view.dossier_view import DossierView, terms
from watwerkt.view.versions import VersionEntry

from .common import dossier_url, is_organisation, site_address

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


def _ref(url: str, version: str | None = None) -> dict:
    out = {"@type": "Article", "@id": url, "url": url}
    if version:
        out["version"] = version
    return out


def _versions_ld(data: dict, d: Dossier, view: DossierView, versions: list[VersionEntry]) -> None:
    """Versions (decisions.md): each version page is a `workExample` of the dossier (the work at its
    own address), names it back with `exampleOfWork`, and `isBasedOn` the version before it."""
    shown = [e for e in versions if e.url and e.href]
    if view.earlier:
        if view.current_url:
            data["exampleOfWork"] = _ref(view.current_url)
    else:
        permanent = [_ref(e.url, e.date.isoformat()) for e in shown]
        if permanent:
            data["workExample"] = permanent
    older = [e for e in shown if d.version and e.date < d.version]
    if older:
        data["isBasedOn"] = _ref(older[0].url, older[0].date.isoformat())


def json_ld_data(d: Dossier, settings: Settings, view: DossierView | None = None,
                 versions: list[VersionEntry] | None = None) -> dict:
    """`view` is the dossier's (an earlier version's view gives its own address); `versions` the
    entries of its versions page, newest first, when versions are built."""
    url = view.url if view else dossier_url(d, settings)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": d.title,
        "name": d.title,
        "description": d.summary,
        "inLanguage": "nl",
    }
    if terms(d.zoektermen):  # schema.org: "an alias for the item"
        data["alternateName"] = list(terms(d.zoektermen))
    if url:  # no identifier at all rather than a wrong one while the site has no site_url
        data = {"@context": data.pop("@context"), "@type": data.pop("@type"), "@id": url, "url": url, **data}
    if d.dates and d.dates.published:
        data["datePublished"] = d.dates.published.isoformat()
    if d.version:
        data["dateModified"] = d.version.isoformat()
        data["version"] = d.version.isoformat()
    data["author"] = [
        _agent(a.name, is_organisation(a), a.organisation) for a in d.authors if a.name
    ]
    data["publisher"] = {"@type": "Organization", "name": settings.site_name}
    if site_address(settings):
        data["publisher"]["url"] = site_address(settings)
    if d.themes:
        data["keywords"] = list(d.themes)
    if d.target_groups:
        data["audience"] = [{"@type": "Audience", "audienceType": t} for t in d.target_groups]
    if view and versions is not None:
        _versions_ld(data, d, view, versions)
    data["license"] = settings.licence_url
    data["isAccessibleForFree"] = True
    data["citation"] = [_citation_ld(e) for e in d.literature]
    if d.effective_elements:
        data["hasPart"] = [
            {"@type": "CreativeWork", "name": el.title, "url": f"{url}#element-{el.id}",
             **({"alternateName": list(terms(el.zoektermen))} if terms(el.zoektermen) else {})}
            for el in d.effective_elements
        ]
    return data


def script_safe_json(data: object) -> str:
    """JSON that can stand inside <script type="application/ld+json"> as is: `<`, `>`, `&`,
    U+2028 and U+2029 only occur inside JSON strings, where their \\u escapes mean the same."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_SCRIPT_ESCAPES[m.group(0)], text)


def json_ld(d: Dossier, settings: Settings, view: DossierView | None = None,
            versions: list[VersionEntry] | None = None) -> str:
    """schema.org JSON-LD of the dossier page, safe to embed in a <script> element."""
    return script_safe_json(json_ld_data(d, settings, view, versions))
