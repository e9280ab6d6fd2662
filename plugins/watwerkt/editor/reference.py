"""Editor reference pages generated from the model and the code table, so they cannot drift."""

from __future__ import annotations

from typing import Any

from watwerkt.model import kinds as K
from watwerkt.model.codes import CODES
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings

HEADER = "<!-- Gegenereerd door `python scripts/gen_reference.py`; niet met de hand bewerken. -->\n\n"


def _kind_label(kind: Any, settings: Settings) -> str:
    if isinstance(kind, K.ListOf):
        inner = "groepen (zie hieronder)" if isinstance(kind.item, type) else _kind_label(kind.item, settings)
        return (f"lijst van {inner}" + (f", minstens {kind.min_items}" if kind.min_items else "")
                + (f", hoogstens {kind.max_items}" if kind.max_items else ""))
    if isinstance(kind, K.Nested):
        return "groep (zie hieronder)"
    if isinstance(kind, K.Text):
        return ("Markdown-tekst" if kind.markdown else "tekst") + f", max. {kind.max_chars} tekens"
    if isinstance(kind, K.Id):
        return "id (kleine letters, cijfers, streepjes)"
    if isinstance(kind, K.Date):
        return "datum JJJJ-MM-DD"
    if isinstance(kind, K.Year):
        return "jaartal, of z.d."
    if isinstance(kind, K.Url):
        return "webadres (https://...)"
    if isinstance(kind, K.Doi):
        return "DOI (10.xxxx/...)"
    if isinstance(kind, K.Version):
        return "getal: " + ", ".join(map(str, kind.supported))
    if isinstance(kind, K.Choice):
        return "een van: " + ", ".join(f"`{v}`" for v in kind.values)
    if isinstance(kind, K.Scale):
        ids = settings.evidence_ids if kind.scale == "evidence" else settings.recognition_ids
        return "een van: " + ", ".join(f"`{v}`" for v in ids)
    raise AssertionError(kind)


def _table(cls: Any, prefix: str, settings: Settings, out: list[str], nested: list) -> None:
    out += ["| Sleutel | Verplicht | Soort | Uitleg |", "|---|---|---|---|"]
    for f in K.spec_fields(cls):
        kind = f.metadata["kind"]
        out.append(
            f"| `{prefix}{f.name}` | {'ja' if f.metadata['required'] else 'nee'} | "
            f"{_kind_label(kind, settings)} | {f.metadata['description']} |"
        )
        child = kind.item if isinstance(kind, K.ListOf) and isinstance(kind.item, type) else getattr(kind, "cls", None)
        if child is not None:
            nested.append((f"{prefix}{f.name}", child))
    out.append("")


def fields_page(settings: Settings) -> str:
    out = [HEADER + "# Velden van dossier.yml", "",
           "Alle sleutels van `dossier.yml` (formaatversie 1). Sleutels zijn Engels, waarden Nederlands.", ""]
    queue: list = [("", Dossier)]
    while queue:
        name, cls = queue.pop(0)
        if name:
            out += [f"## `{name}`", ""]
        nested: list = []
        _table(cls, "", settings, out, nested)
        queue += [(f"{name}.{n}" if name else n, c) for n, c in nested]
    return "\n".join(out).rstrip() + "\n"


def codes_page() -> str:
    out = [HEADER + "# Meldingen van de controle", "",
           "Elke melding van `watwerkt check` heeft een vaste code. Een fout houdt het dossier van de site; "
           "een waarschuwing niet (behalve met `--strict`).", "",
           "`watwerkt check` controleert ook de zoekthesaurus `thesaurus.yml` naast `mkdocs.yml` "
           "(WW951–WW959, en WW001–WW009 voor het bestand zelf). Een fout daarin houdt de hele site "
           "en de zoekindex tegen; zie [Zoeken en de thesaurus](zoeken.md#de-thesaurus).", "",
           "| Code | Soort | Betekenis |", "|---|---|---|"]
    for code in CODES.values():
        soort = "fout" if code.severity == "error" else "waarschuwing"
        out.append(f"| {code.code} | {soort} | {code.title} |")
    return "\n".join(out) + "\n"


PAGES = {"docs/redactie/velden.md": lambda s: fields_page(s), "docs/redactie/meldingen.md": lambda s: codes_page()}
