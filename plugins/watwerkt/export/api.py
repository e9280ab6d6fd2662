"""The public JSON documents: one per dossier, and the index of all public dossiers."""

from __future__ import annotations

import dataclasses
import datetime as dt

from watwerkt.model.dossier import Dossier, LiteratureEntry
from watwerkt.model.settings import Settings
from watwerkt.view.citations import reference
from watwerkt.view.dossier_view import DossierView, dossier_view

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


def dossier_json(d: Dossier, settings: Settings, view: DossierView | None = None) -> dict:
    """The full public JSON document of one dossier (dates as ISO strings). Address, scale labels
    and the APA citation (plain text) are the view's, as on the page and in the PDF."""
    v = view or dossier_view(d, settings)
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
                "url": dossier_url(d, settings) or None,
                "json_url": site_address(settings, json_path(d)) or None,
                "version": iso(d.version),
                "themes": list(d.themes),
                "target_groups": list(d.target_groups),
                "status": d.status,
            }
            for d in sorted(dossiers, key=lambda d: d.slug)
        ],
    }
