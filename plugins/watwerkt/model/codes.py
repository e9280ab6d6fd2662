"""Stable problem codes. Never renumber: editors, CI logs and docs refer to them.

Each code has a severity and a short Dutch title; the message of a single problem
says the specifics. docs/redactie/meldingen.md is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    severity: str  # "error" | "warning"
    title: str


_TABLE = [
    # Files and YAML
    ("WW001", "error", "YAML-syntaxfout"),
    ("WW002", "error", "Leeg bestand"),
    ("WW003", "error", "Bestand is geen UTF-8"),
    ("WW004", "error", "Bestand is te groot"),
    ("WW005", "error", "YAML-anker of -alias niet toegestaan"),
    ("WW006", "error", "YAML-tag niet toegestaan"),
    ("WW007", "error", "Dubbele sleutel"),
    ("WW008", "error", "dossier.yml ontbreekt"),
    ("WW009", "error", "Onzichtbaar stuurteken"),
    # Shape (schema)
    ("WW101", "error", "Verkeerd type"),
    ("WW102", "error", "Verplicht veld ontbreekt"),
    ("WW103", "error", "Onbekende sleutel"),
    ("WW104", "error", "Ongeldige waarde"),
    ("WW105", "error", "Onbekende formaatversie"),
    ("WW106", "error", "Ongeldige id"),
    ("WW107", "error", "Te lang of te veel"),
    ("WW108", "error", "Lege waarde"),
    ("WW109", "error", "Te diep genest"),
    # Sections
    ("WW201", "error", "Definitie ontbreekt"),
    ("WW202", "error", "Lege sectie"),
    ("WW203", "warning", "Onbekend bestand in dossiermap"),
    # Dates
    ("WW301", "error", "Ongeldige datum"),
    ("WW302", "error", "Herzien vóór gepubliceerd"),
    ("WW303", "warning", "Herziening verlopen"),
    ("WW304", "error", "Volgende herziening vóór laatste herziening"),
    ("WW305", "error", "Onwaarschijnlijke datum"),
    # Evidence
    ("WW401", "error", "Onbekend bewijsniveau"),
    ("WW402", "error", "Werkzaam element zonder bron"),
    ("WW403", "error", "Bron van werkzaam element niet in literatuur"),
    ("WW404", "error", "Onbekend erkenningsniveau"),
    # Citations
    ("WW501", "error", "Verwijzing naar onbekende bron"),
    ("WW502", "warning", "Bron nergens aangehaald"),
    ("WW503", "error", "Verwijzing onvolledig geschreven"),
    # Identity
    ("WW601", "error", "Dubbele id van werkzaam element"),
    ("WW602", "error", "Dubbele id in literatuur"),
    ("WW603", "error", "Dubbele titel"),
    ("WW604", "error", "Mapnamen botsen"),
    ("WW605", "error", "Ongeldige mapnaam (slug)"),
    ("WW606", "error", "Oude slug botst"),
    ("WW607", "error", "Thema's of doelgroepen botsen op één adres"),
    ("WW608", "warning", "Overbodige zoekterm (herhaalt de titel of een andere zoekterm)"),
    # Links and files
    ("WW701", "error", "Ongeldige URL"),
    ("WW702", "error", "Ongeldige DOI"),
    ("WW703", "error", "Link naar niet-bestaand bestand of dossier"),
    ("WW704", "error", "Afbeelding zonder alt-tekst"),
    ("WW705", "error", "Pad buiten de dossiermap"),
    # Unsafe content
    ("WW801", "error", "Onveilige HTML"),
    ("WW802", "error", "Event-handler-attribuut"),
    ("WW803", "error", "Onveilig URL-schema"),
    # Placeholders left by `watwerkt new`
    ("WW901", "error", "Invultekst niet vervangen"),
    # The search thesaurus (thesaurus.yml next to mkdocs.yml); its file and YAML problems use WW001-WW009
    ("WW951", "error", "Onbekende sleutel in de thesaurus"),
    ("WW952", "error", "Verkeerde vorm in de thesaurus"),
    ("WW953", "error", "Begrip zonder voorkeursterm"),
    ("WW954", "error", "Dubbele voorkeursterm"),
    ("WW955", "warning", "Term staat bij twee begrippen of twee keer bij één begrip"),
    ("WW956", "error", "Breder begrip bestaat niet"),
    ("WW957", "error", "Bredere begrippen vormen een kring"),
    ("WW958", "error", "Lege of te lange term"),
    ("WW959", "error", "Oud thesaurusformaat (synonyms)"),
]

CODES: dict[str, Code] = {c: Code(c, s, t) for c, s, t in _TABLE}


def severity(code: str) -> str:
    return CODES[code].severity
