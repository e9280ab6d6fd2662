"""Rules for editor Markdown: link and image targets, unsafe HTML, handlers and schemes."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from watwerkt.load.walker import MarkdownText
from watwerkt.model.problems import Problem
from watwerkt.model.urls import unsafe_scheme, valid_web_url

from . import mdscan

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


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
            elif name in mdscan.URL_ATTRIBUTES and unsafe_scheme(value):
                add(offset, name, "WW803",
                    f"URL-schema '{unsafe_scheme(value)}' in '{name}' is niet toegestaan",
                    "gebruik een webadres dat met https:// begint")

    for attr_list in found.attr_lists:
        for name, offset in mdscan.handlers_in(attr_list.body):
            add(attr_list.offset, attr_list.snippet, "WW802",
                f"attribuut '{name}' in een attribuutlijst kan script uitvoeren", "verwijder het attribuut")
        for name, value, _ in mdscan.attr_values(attr_list.body):
            if name in mdscan.URL_ATTRIBUTES and unsafe_scheme(value):
                add(attr_list.offset, attr_list.snippet, "WW803",
                    f"URL-schema '{unsafe_scheme(value)}' in een attribuutlijst is niet toegestaan")
    return out


def check_url(url: str, is_image: bool, folder: Path, siblings: set[str]) -> tuple[str, str, str] | None:
    """Return (code, message, hint) when a Markdown link or image target is unacceptable."""
    scheme = unsafe_scheme(url)
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


