"""`watwerkt new`: a fresh dossier folder with Dutch guidance and placeholders.

Every placeholder starts with PLACEHOLDER ("INVULLEN:"); the validator reports each one as WW901
(an error whatever the status), so a scaffold cannot reach the site before it is filled in.
Apart from the placeholders a fresh scaffold is a valid dossier.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from watwerkt.check import PLACEHOLDER
from watwerkt.editor.schema import schema_text
from watwerkt.load.folder import load_dossier
from watwerkt.model.dossier import TITLE_PREFIX_RE
from watwerkt.model.settings import Settings
from watwerkt.model.slug import fold
from watwerkt.model.slug import slugify as slug_rule

# Where `watwerkt new` keeps the schema, relative to the site's docs_dir: published with the site
# and found by editors in any project (docs/schema/ in this repository, checked by test_schema.py).
SCHEMA_IN_DOCS = Path("schema") / "dossier.schema.json"
FIELDS_IN_DOCS = Path("redactie") / "velden.md"
GUIDE_IN_DOCS = Path("redactie") / "bijdragen.md"
_PREFIX = TITLE_PREFIX_RE
MAX_SLUG = 60
MAX_TITLE = 200  # Dossier.title is Text(200)


class ScaffoldRefused(Exception):
    """The new dossier would collide with an existing one; nothing was written."""


def slugify(title: str) -> str:
    """The folder name for a new dossier's title: the slug rule (model/slug.py) on the title
    without its leading "Wat werkt bij/voor/in/tegen", at most MAX_SLUG characters.
    'Wat werkt bij Één gezin, één plan?' -> 'een-gezin-een-plan'. Empty when nothing is left."""
    slug = slug_rule(_PREFIX.sub("", title))
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _ph(text: str) -> str:
    return _quoted(f"{PLACEHOLDER} {text}")


@dataclass(frozen=True)
class Guidance:
    """What the new dossier.yml points at, as paths relative to its folder (None: not there)."""
    schema: str
    fields: str | None = None
    guide: str | None = None

    def lines(self) -> str:
        out = f"# yaml-language-server: $schema={self.schema}\n"
        out += "# Dossier aangemaakt met `watwerkt new`. Vervang elke tekst die met " + PLACEHOLDER + " begint;\n"
        out += "# zolang er zo'n tekst staat, meldt `watwerkt check` fout WW901 en komt het dossier niet op de site.\n"
        where = [f"Alle velden: {self.fields}." if self.fields else
                 "Alle velden staan in het schema van de eerste regel (`watwerkt schema`)."]
        if self.guide:
            where.append(f"Werkwijze: {self.guide}.")
        return out + "# " + " ".join(where) + "\n"


def guidance(folder: Path, docs_dir: Path, root: Path | None = None) -> Guidance:
    """The schema as a path from the dossier folder (editors resolve it from the file); the
    editors' pages of this site's docs_dir as paths from the project root `root` (for people)."""
    def rel(target: Path, start: Path) -> str:
        return Path(os.path.relpath(target, start)).as_posix()
    fields, guide = docs_dir / FIELDS_IN_DOCS, docs_dir / GUIDE_IN_DOCS
    start = root if root is not None else folder
    return Guidance(rel(docs_dir / SCHEMA_IN_DOCS, folder), rel(fields, start) if fields.is_file() else None,
                    rel(guide, start) if guide.is_file() else None)


def ensure_schema(docs_dir: Path, settings: Settings) -> Path | None:
    """Write the schema under docs_dir when it is missing or out of date; the path when written."""
    path = docs_dir / SCHEMA_IN_DOCS
    text = schema_text(settings)
    try:
        if path.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)
    return path


def dossier_yml(title: str, settings: Settings, today: dt.date, guide: Guidance) -> str:
    evidence = ", ".join(lvl.id for lvl in settings.evidence_scale)
    first = settings.evidence_scale[0].id
    due = _add_years(today, 2)
    return f"""{guide.lines()}format_version: 1
title: {_quoted(title)}
summary: {_ph("twee of drie zinnen die zeggen waar het dossier over gaat.")}
# draft = concept, niet op de site. Zet op published als het dossier klaar is.
status: draft
authors:
  - name: {_ph("uw naam")}
    organisation: {_ph("uw organisatie, of haal deze regel weg")}
# Data als JJJJ-MM-DD. review_due: uiterlijk dan wordt het dossier opnieuw herzien.
dates:
  published: {today.isoformat()}
  reviewed: {today.isoformat()}
  review_due: {due.isoformat()}
themes: [{_ph("thema")}]
target_groups: [{_ph("doelgroep")}]
# Zoektermen (optioneel): andere woorden die lezers voor hetzelfde gebruiken, zoals synoniemen of
# een oudere naam; niet de titel zelf. Zoeken vindt het dossier erop, de pagina toont ze onder
# "Ook bekend als". Haal het hekje weg en vul eigen woorden in:
# zoektermen: [ander woord, oudere naam]
# Werkzame elementen: elk met een vaste id, een bewijsniveau en minstens één bron.
# Bewijsniveaus: {evidence}. Kies de id zelf (kleine letters, cijfers, streepjes).
effective_elements:
  - id: eerste-element
    title: {_ph("korte naam van het werkzame element")}
    description: |
      {PLACEHOLDER} beschrijf wat werkt en waarom, met een bron [@eerste-bron].
    evidence: {first}
    sources: [eerste-bron]
    # zoektermen: [ander woord voor dit element]
# Goede voorbeelden (optioneel). Haal de hekjes weg om er een toe te voegen:
# examples:
#   - name: Naam van de aanpak
#     organisation: Organisatie
#     description: Wat de aanpak doet.
#     url: https://voorbeeld.nl/aanpak
# Literatuur: elke bron met een vaste id; haal haar aan met [@id]. Een persoon als "Achternaam, V.".
# Soorten: report, book, article, chapter, webpage, other. Jaar onbekend? Schrijf z.d.
literature:
  - id: eerste-bron
    type: report
    authors: [{_ph("Achternaam, V.")}]
    year: z.d.
    title: {_ph("titel van de publicatie")}
# Wijzigingen: voeg bij elke inhoudelijke wijziging een regel toe. De nieuwste datum is de versie.
changelog:
  - date: {today.isoformat()}
    summary: Eerste versie.
"""


DEFINITIE = f"""<!-- Definitie: wat is het vraagstuk, voor wie speelt het en waarom is het belangrijk?
     Begin niet met een kop (#): de site zet de kop er zelf boven. Bronnen haalt u aan met [@id]. -->
{PLACEHOLDER} beschrijf in een paar alinea's wat het vraagstuk is [@eerste-bron].
"""

FEITEN = f"""<!-- Feiten en cijfers: elk feit met een bron, bijvoorbeeld [@eerste-bron, p. 12].
     Geen feiten? Verwijder dan dit bestand; alleen definitie.md is verplicht. -->
{PLACEHOLDER} feiten en cijfers over het vraagstuk, elk met een bron [@eerste-bron].
"""


@dataclass
class Scaffold:
    folder: Path
    files: list[Path]


def collisions(slug: str, title: str, dossiers_dir: Path, settings: Settings) -> list[str]:
    """Dutch reasons why `slug`/`title` cannot be used next to the dossiers already there."""
    reasons: list[str] = []
    if not dossiers_dir.is_dir():
        return reasons
    key = fold(slug)
    wanted_title = " ".join(title.lower().split())
    for entry in sorted(dossiers_dir.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.name == slug:
            reasons.append(f"de map {entry.name}/ bestaat al")
            continue
        if fold(entry.name) == key:
            reasons.append(f"de map {entry.name}/ verschilt alleen in hoofdletters of accenten van '{slug}'")
            continue
        if not entry.is_dir():
            continue
        d = load_dossier(entry, settings).dossier
        if d is None:
            continue
        if any(fold(old) == key for old in d.former_slugs):
            reasons.append(f"'{slug}' is een oude mapnaam (former_slugs) van dossier '{entry.name}'")
        if d.title and " ".join(d.title.lower().split()) == wanted_title:
            reasons.append(f"dossier '{entry.name}' heeft al de titel '{d.title}'")
    return reasons


def create(title: str, slug: str, dossiers_dir: Path, settings: Settings, today: dt.date,
           docs_dir: Path | None = None) -> Scaffold:
    """Write the scaffold; raises ScaffoldRefused (nothing written) on any collision. The
    dossier.yml points at the schema under `docs_dir` (default: docs/ next to dossiers/)."""
    reasons = collisions(slug, title, dossiers_dir, settings)
    if reasons:
        raise ScaffoldRefused("; ".join(reasons))
    folder = dossiers_dir / slug
    try:
        folder.mkdir()  # not exist_ok: never write into a folder that appeared meanwhile
    except FileExistsError:
        raise ScaffoldRefused(f"de map {slug}/ bestaat al") from None
    files = []
    guide = guidance(folder, docs_dir if docs_dir is not None else dossiers_dir.parent / "docs", dossiers_dir.parent)
    for name, text in (("dossier.yml", dossier_yml(title, settings, today, guide)),
                       ("definitie.md", DEFINITIE), ("feiten.md", FEITEN)):
        path = folder / name
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        files.append(path)
    return Scaffold(folder, files)


def check_title(title: str) -> str | None:
    """A Dutch reason why `title` cannot be a dossier title, or None."""
    if not title.strip():
        return "de titel is leeg"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in title):
        return "de titel bevat een regeleinde of een ander stuurteken"
    if len(title.strip()) > MAX_TITLE:
        return f"de titel is {len(title.strip())} tekens; het maximum is {MAX_TITLE}"
    if PLACEHOLDER in title:
        return f"de titel bevat {PLACEHOLDER}"
    return None

