"""`watwerkt new`: start a dossier from a title, with Dutch guidance and placeholders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_today_argument,
    resolve_today,
    settings_for,
)
from watwerkt.cli.common import config_file_for
from watwerkt.editor.scaffold import (
    PLACEHOLDER,
    ScaffoldRefused,
    check_title,
    create,
    ensure_schema,
    slugify,
)
from watwerkt.load.folder import display_path
from watwerkt.model.slug import valid_slug
from watwerkt.site.config import read_file

NAME = "new"
HELP = "een nieuw dossier beginnen: map met dossier.yml, definitie.md en feiten.md"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("title", help="titel van het dossier, bijvoorbeeld \"Wat werkt bij buurtteams\"")
    p.add_argument("--slug", help="mapnaam (standaard afgeleid van de titel): kleine letters, cijfers en streepjes")
    add_today_argument(p)


def docs_dir_for(args: argparse.Namespace, settings) -> Path:
    """The site's docs_dir as mkdocs.yml names it (MkDocs' default docs/ otherwise)."""
    config_file = config_file_for(args)
    name = read_file(config_file).get("docs_dir") if config_file else None
    return (settings.root / (name if isinstance(name, str) and name else "docs")).resolve()


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    title = " ".join(args.title.split())
    reason = check_title(args.title)
    if reason:
        raise UsageError(f"{reason}; er is niets aangemaakt")
    slug = args.slug if args.slug is not None else slugify(title)
    if not slug:
        raise UsageError("uit deze titel valt geen mapnaam af te leiden; geef er een met --slug")
    if not valid_slug(slug):
        raise UsageError(f"'{slug}' is geen geldige mapnaam: gebruik kleine letters, cijfers en streepjes, "
                         f"bijvoorbeeld '{slugify(slug) or 'mijn-dossier'}'")
    dossiers_dir = settings.root / settings.dossiers_dir
    if not dossiers_dir.is_dir():
        raise UsageError(f"de map {display_path(dossiers_dir, None)}/ bestaat niet; "
                         "voer de opdracht uit in de hoofdmap van de kennisbank")
    docs_dir = docs_dir_for(args, settings)
    try:
        made = create(title, slug, dossiers_dir, settings, resolve_today(args), docs_dir)
    except ScaffoldRefused as exc:
        print(f"watwerkt: kan dossier '{slug}' niet aanmaken: {exc}. Er is niets aangemaakt of overschreven; "
              "kies een andere mapnaam met --slug of een andere titel.", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = display_path(made.folder, None)
    print(f"Nieuw dossier aangemaakt in {shown}/:")
    for path in made.files:
        print(f"  {display_path(path, None)}")
    written = ensure_schema(docs_dir, settings)
    if written:
        print(f"Het schema voor uw editor staat in {display_path(written, None)} (wordt mee gepubliceerd).")
    print(f"Vervang elke tekst die met {PLACEHOLDER} begint. Controleer daarna met:")
    print(f"  watwerkt check {shown}")
    return EXIT_OK
