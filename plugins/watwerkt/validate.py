"""Rules beyond the shape of one file: dates, evidence, citations, links, unsafe content, and
rules across dossiers (titles, slugs). Every finding is a Problem; nothing raises on bad input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import mdscan
from .load import SLUG_RE, LoadedDossier, MarkdownText, display_path, load_dossier, valid_web_url
from .model import Dossier
from .problems import Problem, sort_problems
from .settings import Settings

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


class UsageError(Exception):
    """The command was called wrongly (a path that does not exist): exit 2, not a dossier problem."""


@dataclass
class CheckResult:
    dossiers: list[LoadedDossier] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def valid_dossiers(self) -> list[Dossier]:
        bad = {p.path for p in self.errors}
        return [
            d.dossier for d in self.dossiers
            if d.dossier is not None and not any(_inside(path, d) for path in bad)
        ]


def _inside(shown_path: str, loaded: LoadedDossier) -> bool:
    folder = os.path.dirname(loaded.shown_yml)
    return shown_path == folder or shown_path.startswith(folder + "/")


# -- discovery ------------------------------------------------------------------
def dossier_folders(paths: list[Path]) -> list[Path]:
    """Expand CLI paths into dossier folders: a dossiers root, a dossier folder, or a file in one."""
    folders: list[Path] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"pad bestaat niet: {path}")
        if path.is_file():
            path = path.parent
        if (path / "dossier.yml").exists() or path.parent.name == "dossiers" and path.name != "dossiers":
            folders.append(path)
        else:
            folders += sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    seen, unique = set(), []
    for f in folders:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def check(paths: list[Path], settings: Settings, today: dt.date, base: Path | None = None) -> CheckResult:
    folders = dossier_folders(paths)
    result = CheckResult()
    if len(folders) > settings.limits.max_dossiers:
        raise UsageError(f"{len(folders)} dossiers; het maximum is {settings.limits.max_dossiers}")
    listings: dict[Path, set[str]] = {}  # dossiers root -> its dossier folders, listed once
    for folder in folders:
        loaded = load_dossier(folder, settings, base)
        result.dossiers.append(loaded)
        result.problems += loaded.problems
        parent = folder.parent
        if parent not in listings:
            listings[parent] = _dossier_names(parent)
        result.problems += check_dossier(loaded, settings, today, listings[parent])
    result.problems += check_across(result.dossiers, folders)
    result.problems = sort_problems(result.problems)
    return result


# -- one dossier -------------------------------------------------------------------
def _dossier_names(root: Path) -> set[str]:
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
        siblings = _dossier_names(loaded.folder.parent)
    scans = [(text, mdscan.scan(text.text)) for text in loaded.texts]  # each text scanned once
    for text, found in scans:
        out += check_markdown(text, loaded.folder, siblings, found)
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
                pos = _list_item_pos(element, "sources", i)
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


# -- placeholders left by `watwerkt new` ----------------------------------------------
PLACEHOLDER = "INVULLEN:"


def check_placeholders(loaded: LoadedDossier) -> list[Problem]:
    """WW901 at every placeholder still in a section file or a dossier.yml value, whatever the status."""
    out: list[Problem] = []

    def add(pos, text: str, at: int) -> None:
        shown = " ".join(text[at:].split())
        shown = shown[:60] + ("..." if len(shown) > 60 else "")
        out.append(Problem(pos.path, pos.line, pos.col, "WW901", f"invultekst staat er nog: '{shown}'",
                           "vervang de tekst die met INVULLEN: begint door de echte inhoud"))

    for text in loaded.texts:
        if text.source is None:  # a section file: every occurrence, at its own place
            at = text.text.find(PLACEHOLDER)
            while at >= 0:
                add(text.locate(at), text.text, at)
                at = text.text.find(PLACEHOLDER, at + 1)
    if loaded.dossier is None:
        return out
    try:
        source = (loaded.folder / "dossier.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    if PLACEHOLDER not in source:
        return out
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def visit(obj) -> None:
        for f in dataclasses.fields(obj):
            if "kind" not in f.metadata:
                continue
            value = getattr(obj, f.name)
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                if isinstance(item, str) and PLACEHOLDER in item:
                    pos = obj.where(f.name) if i is None else _list_item_pos(obj, f.name, i)
                    # The marker itself in the YAML source (past a quote or '|'), else the value.
                    begin = starts[pos.line - 1] + pos.col - 1 if pos.line <= len(starts) else len(source)
                    span = len(item) + 40 * (item.count("\n") + 1) + 16
                    found = source.find(PLACEHOLDER, begin, begin + span)
                    if found >= 0:
                        line = source.count("\n", 0, found) + 1
                        pos = type(pos)(pos.path, line, found - starts[line - 1] + 1)
                    add(pos, item, item.find(PLACEHOLDER))
                elif dataclasses.is_dataclass(item):
                    visit(item)

    visit(loaded.dossier)
    return out


def _list_item_pos(obj, name: str, index: int):
    return obj.pos.get(f"{name}[{index}]") or obj.where(name)


def _suggest(key: str, options: set[str]) -> str:
    from .load import did_you_mean

    return did_you_mean(key, sorted(options)) or "voeg de bron toe onder 'literature:'"


# -- Markdown ------------------------------------------------------------------------
def check_markdown(
    text: MarkdownText, folder: Path, siblings: set[str], found: mdscan.Scan | None = None
) -> list[Problem]:
    out: list[Problem] = []

    def add(offset: int, snippet: str, code: str, message: str, hint: str = "") -> None:
        pos = text.locate(offset, snippet)
        out.append(Problem(pos.path, pos.line, pos.col, code, message, hint))

    found = found or mdscan.scan(text.text)
    for link in found.links:
        what = "afbeelding" if link.is_image else "link"
        if link.is_image and not link.text.strip():
            add(link.start, link.snippet, "WW704", "afbeelding zonder alt-tekst",
                "beschrijf tussen de haken wat de afbeelding laat zien: ![beschrijving](bestand.png)")
        problem = check_url(link.url, link.is_image, folder, siblings)
        if problem:
            code, message, hint = problem
            add(link.offset, link.url or link.snippet, code, f"{what}: {message}", hint)

    for tag in found.tags:
        if tag.name in mdscan.UNSAFE_ELEMENTS:
            add(tag.offset, tag.snippet, "WW801", f"HTML-element <{tag.name}> is niet toegestaan",
                "gebruik gewone Markdown; scripts, frames, stijlen en formulieren worden geweigerd")
        for name, value, offset in tag.attrs:
            if name.startswith("on"):
                add(offset, name, "WW802", f"attribuut '{name}' kan script uitvoeren",
                    "verwijder het attribuut")
            elif name in mdscan.URL_ATTRIBUTES and mdscan.unsafe_scheme(value):
                add(offset, name, "WW803",
                    f"URL-schema '{mdscan.unsafe_scheme(value)}' in '{name}' is niet toegestaan",
                    "gebruik een webadres dat met https:// begint")

    for attr_list in found.attr_lists:
        for name, offset in mdscan.handlers_in(attr_list.body):
            add(attr_list.offset, attr_list.snippet, "WW802",
                f"attribuut '{name}' in een attribuutlijst kan script uitvoeren", "verwijder het attribuut")
        for name, value, _ in mdscan.attr_values(attr_list.body):
            if name in mdscan.URL_ATTRIBUTES and mdscan.unsafe_scheme(value):
                add(attr_list.offset, attr_list.snippet, "WW803",
                    f"URL-schema '{mdscan.unsafe_scheme(value)}' in een attribuutlijst is niet toegestaan")
    return out


def check_url(url: str, is_image: bool, folder: Path, siblings: set[str]) -> tuple[str, str, str] | None:
    """Return (code, message, hint) when a Markdown link or image target is unacceptable."""
    scheme = mdscan.unsafe_scheme(url)
    if scheme:
        return "WW803", f"URL-schema '{scheme}' is niet toegestaan", "gebruik een webadres dat met https:// begint"
    if url == "" or url.startswith("#"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return "WW701", f"'{url}' is geen geldig adres", ""
    if parts.scheme:
        if parts.scheme.lower() in ("http", "https"):
            if not valid_web_url(url):
                return "WW701", f"'{url}' is geen geldig webadres", "een webadres ziet eruit als https://voorbeeld.nl/pagina"
            return None
        if parts.scheme.lower() in SAFE_SCHEMES and not is_image:
            return None
        return "WW701", f"'{url}' is geen geldig webadres", "gebruik een adres dat met https:// begint"
    if parts.netloc:
        return "WW701", f"'{url}' mist het schema", "schrijf het adres voluit met https://"
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        return "WW705", f"'{url}' verwijst buiten de dossiermap", "gebruik een pad relatief aan de dossiermap"
    target = Path(os.path.normpath(folder / path))
    root = folder.parent
    if _within(target, folder):
        if not target.exists():
            return "WW703", f"'{url}' bestaat niet in de dossiermap", "controleer de bestandsnaam (hoofdletters tellen mee)"
        if not _within(target.resolve(), folder.resolve()):
            return "WW705", f"'{url}' is een symbolische link naar buiten de dossiermap", "zet het bestand zelf in de dossiermap"
        return None
    if not is_image and target.parent == root:
        if target.name not in siblings:
            return "WW703", f"dossier '{target.name}' bestaat niet", "link naar een bestaande map in dossiers/, bijvoorbeeld ../andere-slug/"
        return None
    return "WW705", f"'{url}' verwijst buiten de dossiermap", "link naar een ander dossier als ../slug/, of zet het bestand in de dossiermap"


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


# -- across dossiers ---------------------------------------------------------------
def fold(name: str) -> str:
    """Case- and accent-insensitive key for collision checks."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def check_across(dossiers: list[LoadedDossier], folders: list[Path]) -> list[Problem]:
    out: list[Problem] = []

    def add(shown: str, code: str, message: str, hint: str = "", line: int = 1, col: int = 1) -> None:
        out.append(Problem(shown, line, col, code, message, hint))

    by_fold: dict[str, list[LoadedDossier]] = defaultdict(list)
    for loaded in dossiers:
        by_fold[fold(loaded.slug)].append(loaded)
        if not SLUG_RE.match(loaded.slug):
            add(loaded.shown_yml, "WW605", f"mapnaam '{loaded.slug}' is geen geldige slug",
                f"gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{_slug_hint(loaded.slug)}'")
    for group in by_fold.values():
        if len(group) > 1:
            names = ", ".join(sorted(g.slug for g in group))
            for loaded in group:
                add(loaded.shown_yml, "WW604", f"mapnamen botsen als hoofdletters en accenten niet tellen: {names}",
                    "geef elk dossier een duidelijk andere mapnaam")

    by_title: dict[str, list[LoadedDossier]] = defaultdict(list)
    for loaded in dossiers:
        if loaded.dossier and loaded.dossier.title:
            by_title[" ".join(loaded.dossier.title.lower().split())].append(loaded)
    for group in by_title.values():
        if len(group) > 1:
            for loaded in group:
                others = ", ".join(g.slug for g in group if g is not loaded)
                pos = loaded.dossier.where("title")
                add(pos.path, "WW603", f"dossier '{others}' heeft dezelfde titel", "maak de titels verschillend",
                    pos.line, pos.col)

    slugs = {loaded.slug for loaded in dossiers}
    claimed: dict[str, str] = {}
    for loaded in dossiers:
        d = loaded.dossier
        if d is None:
            continue
        for i, old in enumerate(d.former_slugs):
            pos = _list_item_pos(d, "former_slugs", i)
            if old in slugs:
                add(pos.path, "WW606", f"oude slug '{old}' is de map van een bestaand dossier",
                    "een oude slug mag niet meer als map bestaan", pos.line, pos.col)
            elif old in claimed and claimed[old] != loaded.slug:
                add(pos.path, "WW606", f"oude slug '{old}' wordt ook door dossier '{claimed[old]}' geclaimd",
                    "een oude slug kan maar naar één dossier doorverwijzen", pos.line, pos.col)
            claimed.setdefault(old, loaded.slug)
    return out


def _slug_hint(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "mijn-dossier"
