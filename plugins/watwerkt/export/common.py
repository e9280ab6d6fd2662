"""What every export format shares: addresses (the dossier's own comes from the view) and whether an author is an organisation."""

from __future__ import annotations

import datetime as dt

from watwerkt.model.dossier import Author, Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.urls import public_url
from watwerkt.view.dossier_view import AuthorView, dossier_url
from watwerkt.view.text import one_line

EXPORT_FORMAT_VERSION = 1

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


def site_address(settings: Settings, path: str = "") -> str:
    return public_url(settings.base_url, path)


def json_path(d: Dossier) -> str:
    """Site-relative path of the dossier's JSON document."""
    return f"api/dossiers/{d.slug}.json"


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None

__all__ = ["EXPORT_FORMAT_VERSION", "dossier_url", "is_organisation", "iso", "json_path", "one_line",
           "site_address"]


def is_organisation(author: Author | AuthorView) -> bool:
    """Heuristic: does this dossier author name an organisation or editorial team?"""
    name = one_line(author.name)
    if not name:
        return False
    if author.organisation and name.casefold() == one_line(author.organisation).casefold():
        return True
    words = [w.strip(".,;:()'\"").casefold() for w in name.split()]
    if len(words) == 1 or len(words) > 5:
        return True
    if any(w in _ORG_WORDS for w in words) or any(s in w for w in words for s in _ORG_STEMS):
        return True
    return any(ch.isdigit() for ch in name) or "&" in name
