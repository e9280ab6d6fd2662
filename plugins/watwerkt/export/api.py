"""The public JSON documents: one per dossier, and the index of all public dossiers."""

from __future__ import annotations

import dataclasses
import datetime as dt

from watwerkt.model.dossier import Dossier, LiteratureEntry
from watwerkt.model.settings import Settings
from watwerkt.view.citations import reference
from watwerkt.view.dossier_view import DossierView, dossier_view
from watwerkt.view.versions import VersionEntry

from .common import EXPORT_FORMAT_VERSION, dossier_url, iso, json_path, site_address


def _level(level_id: str | None, label: str | None) -> dict | None:
    return {"id": level_id, "label": label} if level_id else None


def _literature_json(entry: LiteratureEntry) -> dict:
    out = {
        f.name: (list(getattr(entry, f.name)) if f.name == "authors" else getattr(entry, f.name))
        for f in dataclasses.fields(entry)
        if f.name not in ("at", "pos")
    }
    out["apa"] = reference(entry)
    return out


def versions_json(entries: list[VersionEntry], settings: Settings, slug: str) -> list[dict]:
    """The versions of a dossier, newest first: address, PDF, JSON, changelog and what changed."""
    return [
        {
            "version": e.date.isoformat(),
            "current": e.current,
            "shown": e.href is not None,
            "url": e.url or None,
            "pdf_url": e.pdf_url or None,
            "json_url": (site_address(settings, f"api/dossiers/{slug}.json" if e.current else version_json_path(slug, e.date))
                         or None) if e.href is not None else None,
            "changelog": list(e.changelog),
            "changes": list(e.changes),
            "note": e.note,
        }
        for e in entries
    ]


def version_json_path(slug: str, date: dt.date) -> str:
    return f"api/dossiers/{slug}/versies/{date.isoformat()}.json"


def dossier_json(d: Dossier, settings: Settings, view: DossierView | None = None,
                 versions: list[VersionEntry] | None = None) -> dict:
    """The full public JSON document of one dossier (dates as ISO strings). Address, scale labels
    and the APA citation (plain text) are the view's, as on the page and in the PDF. An earlier
    version's document names the current one (`version_of`); `versions` lists them all."""
    v = view or dossier_view(d, settings)
    data = _dossier_json(d, settings, v)
    if v.earlier:
        data["version_of"] = v.current_url or None
    elif v.version_url and versions is not None:
        data["version_url"] = v.version_url
        data["version_citation"] = v.version_citation_text
    if versions is not None:
        data["versions"] = versions_json(versions, settings, d.slug)
    return data


def _dossier_json(d: Dossier, settings: Settings, v: DossierView) -> dict:
    dates = d.dates
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "slug": d.slug,
        "url": v.url or None,
        "title": d.title,
        "summary": d.summary,
        "status": d.status,
        "authors": [{"name": a.name, "organisation": a.organisation} for a in d.authors],
        "dates": {
            "published": iso(dates.published if dates else None),
            "reviewed": iso(dates.reviewed if dates else None),
            "review_due": iso(dates.review_due if dates else None),
        },
        "version": iso(d.version),
        "themes": list(d.themes),
        "target_groups": list(d.target_groups),
        "zoektermen": list(v.zoektermen),
        "effective_elements": [
            {
                "id": el.id,
                "title": el.title,
                "description": el.description,
                "evidence": _level(el.evidence, ev.evidence_label),
                "effect": el.effect,
                "sources": list(el.sources),
                "zoektermen": list(ev.zoektermen),
            }
            for el, ev in zip(d.effective_elements, v.elements)
        ],
        "examples": [
            {
                "name": ex.name,
                "description": ex.description,
                "organisation": ex.organisation,
                "url": ex.url,
                "recognition": (
                    {
                        "level": _level(ex.recognition.level, exv.recognition.label),
                        "databank": ex.recognition.databank,
                        "date": iso(ex.recognition.date),
                    }
                    if ex.recognition and exv.recognition
                    else None
                ),
            }
            for ex, exv in zip(d.examples, v.examples)
        ],
        "literature": [_literature_json(e) for e in d.literature],
        "changelog": [
            {"date": iso(c.date), "summary": c.summary}
            for c in sorted(d.changelog, key=lambda c: c.date or dt.date.min, reverse=True)
        ],
        "citation": v.citation_text,
        "licence": {"name": settings.licence_name, "url": settings.licence_url},
    }


def dossiers_json(dossiers: list[Dossier], settings: Settings, generated: dt.date,
                  versions: dict[str, list[VersionEntry]] | None = None) -> dict:
    """Index of the given dossiers (the caller leaves out drafts), sorted by slug; with `versions`,
    each dossier lists its versions (newest first, the current one included)."""
    out = []
    for d in sorted(dossiers, key=lambda d: d.slug):
        entry = {
            "slug": d.slug,
            "title": d.title,
            "summary": d.summary,
            "url": dossier_url(d, settings) or None,
            "json_url": site_address(settings, json_path(d)) or None,
            "version": iso(d.version),
            "themes": list(d.themes),
            "target_groups": list(d.target_groups),
            "status": d.status,
        }
        if versions is not None:
            entry["versions"] = [{"version": e.date.isoformat(), "url": e.url or None, "current": e.current}
                                 for e in versions.get(d.slug, [])]
        out.append(entry)
    return {"format_version": EXPORT_FORMAT_VERSION, "generated": generated.isoformat(), "dossiers": out}
