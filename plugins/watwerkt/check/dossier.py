"""The rules inside one dossier: dates, evidence and sources, citations, duplicate ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from watwerkt.load.folder import LoadedDossier
from watwerkt.model.problems import Problem, did_you_mean
from watwerkt.model.settings import Settings

from . import mdscan
from .markdown import check_markdown
from .placeholders import check_placeholders
from .prose import check_prose
from .terms import check_terms


def dossier_names(root: Path) -> set[str]:
    """Names of the folders in a dossiers root that hold a dossier.yml (links may point there)."""
    try:
        return {p.name for p in root.iterdir() if (p / "dossier.yml").is_file()}
    except OSError:
        return set()


def check_dossier(
    loaded: LoadedDossier, settings: Settings, today: dt.date, siblings: set[str] | None = None
) -> list[Problem]:
    out: list[Problem] = []
    d = loaded.dossier

    def add(pos, code: str, message: str, hint: str = "") -> None:
        out.append(Problem(pos.path, pos.line, pos.col, code, message, hint))

    if siblings is None:
        siblings = dossier_names(loaded.folder.parent)
    scans = [(text, mdscan.scan(text.text)) for text in loaded.texts]  # each text scanned once
    for text, found in scans:
        out += check_markdown(text, loaded.folder, siblings, found)
        out += check_prose(text)
    out += check_placeholders(loaded)

    if d is None:
        return out

    if d.dates is not None:
        dates = d.dates
        if dates.published and dates.reviewed and dates.reviewed < dates.published:
            add(dates.where("reviewed"), "WW302",
                f"laatst herzien ({dates.reviewed}) ligt vóór gepubliceerd ({dates.published})",
                "controleer beide data")
        if dates.reviewed and dates.review_due and dates.review_due < dates.reviewed:
            add(dates.where("review_due"), "WW304",
                f"volgende herziening ({dates.review_due}) ligt vóór laatst herzien ({dates.reviewed})",
                "kies een datum na de laatste herziening")
        if dates.review_due and dates.review_due < today:
            add(dates.where("review_due"), "WW303",
                f"herziening verlopen: het dossier had uiterlijk {dates.review_due} herzien moeten zijn",
                "herzie het dossier en zet reviewed en review_due op nieuwe data")

    out += _implausible_dates(d, today)
    out += check_terms(d)

    literature_ids: set[str] = set()
    for entry in d.literature:
        if entry.id is None:
            continue
        if entry.id in literature_ids:
            add(entry.where("id"), "WW602", f"literatuur-id '{entry.id}' komt twee keer voor",
                "geef elke bron een eigen id")
        literature_ids.add(entry.id)

    cited: set[str] = set()
    element_ids: set[str] = set()
    for element in d.effective_elements:
        if element.id is not None:
            if element.id in element_ids:
                add(element.where("id"), "WW601", f"id '{element.id}' van werkzaam element komt twee keer voor",
                    "geef elk werkzaam element een eigen id")
            element_ids.add(element.id)
        if not element.sources:
            add(element.at, "WW402", f"werkzaam element '{element.title or element.id}' heeft geen bron",
                "noem onder 'sources:' minstens één id uit de literatuurlijst")
        for i, source in enumerate(element.sources):
            cited.add(source)
            if source not in literature_ids:
                pos = element.where_item("sources", i)
                add(pos, "WW403", f"bron '{source}' staat niet in de literatuurlijst",
                    _suggest(source, literature_ids))

    for text, found in scans:
        for c in found.citations:
            cited.add(c.key)
            if c.key not in literature_ids:
                add(text.locate(c.offset, c.snippet), "WW501",
                    f"verwijzing [@{c.key}] heeft geen bron in de literatuurlijst", _suggest(c.key, literature_ids))

    for entry in d.literature:
        if entry.id and entry.id not in cited:
            add(entry.at, "WW502", f"bron '{entry.id}' wordt nergens aangehaald",
                f"haal de bron aan met [@{entry.id}] of verwijder haar")

    return out


EARLIEST = dt.date(1990, 1, 1)  # no dossier of this kind is older; an earlier date is a typing error


def _implausible_dates(d, today: dt.date) -> list[Problem]:
    """Dates that parse but cannot be meant: long before the genre existed, or in the future."""
    out = []
    soon = today + dt.timedelta(days=366)

    def add(pos, message: str, hint: str) -> None:
        out.append(Problem(pos.path, pos.line, pos.col, "WW305", message, hint))

    if d.dates is not None:
        for name, label in (("published", "gepubliceerd"), ("reviewed", "laatst herzien")):
            value = getattr(d.dates, name)
            if value and (value < EARLIEST or value > soon):
                add(d.dates.where(name), f"{label}: {value} is geen geloofwaardige datum",
                    f"kies een datum tussen {EARLIEST.year} en {soon.year}; controleer het jaartal")
        due = d.dates.review_due
        if due and due > today + dt.timedelta(days=3653):  # ten years
            add(d.dates.where("review_due"), f"volgende herziening: {due} ligt meer dan tien jaar vooruit",
                "plan de volgende herziening binnen een paar jaar")
    for change in d.changelog:
        if change.date and (change.date < EARLIEST or change.date > soon):
            add(change.where("date"), f"wijziging van {change.date}: geen geloofwaardige datum",
                "een wijziging draagt de datum waarop zij is gedaan")
    for entry in d.literature:
        year = (entry.year or "")[:4]
        if year.isdigit() and not 1500 <= int(year) <= today.year + 1:
            add(entry.where("year"), f"literatuur '{entry.id}': jaar {entry.year} is niet geloofwaardig",
                "controleer het jaartal van de publicatie")
    return out


def _suggest(key: str, options: set[str]) -> str:
    return did_you_mean(key, sorted(options)) or "voeg de bron toe onder 'literature:'"


