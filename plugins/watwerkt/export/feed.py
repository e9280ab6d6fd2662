"""The Atom feed of changelog entries across the public dossiers."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings

from .common import dossier_url, one_line, site_address

FEED_TITLE = "Wat werkt — recent bijgewerkt"
FEED_MAX_ENTRIES = 50
FEED_TITLE_SUMMARY_CHARS = 80
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all (ElementTree would write them and break the feed).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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

    # Atom ids must be absolute IRIs; without a site_url the feed uses stable URNs and relative links.
    home = site_address(settings) or ""
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "nl"})
    _sub(feed, "id", home or "urn:watwerkt:feed")
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "updated", _rfc3339(updated))
    _sub(feed, "link", rel="alternate", type="text/html", href=home or "./")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site_address(settings, feed_path) or feed_path)
    author = _sub(feed, "author")
    _sub(author, "name", settings.site_name)
    if home:
        _sub(author, "uri", home)
    _sub(feed, "rights", f"{settings.licence_name} ({settings.licence_url})")

    for day, _slug, _n, d, change, anchor in changes[:FEED_MAX_ENTRIES]:
        url = dossier_url(d, settings)
        ident = url or f"urn:watwerkt:dossiers:{d.slug}"
        summary = one_line(change.summary)
        short = summary if len(summary) <= FEED_TITLE_SUMMARY_CHARS else (
            summary[: FEED_TITLE_SUMMARY_CHARS - 1].rstrip() + "…"
        )
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{ident}#{anchor}")
        _sub(entry, "title", f"{one_line(d.title)}: {short}", type="text")
        _sub(entry, "updated", _rfc3339(day))
        _sub(entry, "link", rel="alternate", type="text/html", href=url or f"dossiers/{d.slug}/")
        _sub(entry, "summary", summary, type="text")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
