"""What every export format shares: the dossier's public address and how its authors read."""

from __future__ import annotations

import datetime as dt

from watwerkt.model.dossier import Author, Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.urls import dossier_path, public_url

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


def dossier_url(d: Dossier, settings: Settings) -> str:
    """The dossier's permanent public address; "" while the site has no site_url."""
    return public_url(settings.base_url, dossier_path(d.slug))


def site_address(settings: Settings, path: str = "") -> str:
    return public_url(settings.base_url, path)


def json_path(d: Dossier) -> str:
    """Site-relative path of the dossier's JSON document."""
    return f"api/dossiers/{d.slug}.json"


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def is_organisation(author: Author) -> bool:
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


def author_names(d: Dossier) -> list[str]:
    return [one_line(a.name) for a in d.authors if a.name]


def year_of(d: Dossier) -> str:
    return str(d.version.year) if d.version else "z.d."
