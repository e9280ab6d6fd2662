"""`watwerkt index`: build the search index from the project's dossiers."""

from __future__ import annotations

import argparse
import sys
import time

from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_index_dir_argument,
    add_today_argument,
    resolve_today,
    settings_for,
)
from watwerkt.model.problems import format_text
from watwerkt.search import DossierErrors, default_index_root, index_project

NAME = "index"
HELP = "de zoekindex bouwen uit de gepubliceerde en gearchiveerde dossiers"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_index_dir_argument(p)
    p.add_argument("--force", action="store_true", help="ook opnieuw bouwen als er niets veranderd is")
    add_today_argument(p)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    index_root = args.index_dir or default_index_root(settings)
    started = time.monotonic()
    # Indexing a large collection takes a while: say what happens, on stderr (stdout stays the result).
    print(f"Dossiers in {settings.dossiers_dir}/ controleren en de zoekindex bouwen...", file=sys.stderr, flush=True)
    try:
        built = index_project(settings, resolve_today(args), index_root, force=args.force)
    except DossierErrors as exc:
        print(format_text(exc.problems), file=sys.stderr)
        print(f"watwerkt: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Zoekindex klaar: {built.dossiers} dossier(s) in {built.folder} ({time.monotonic() - started:.1f} s)"
          + ("" if built.rebuilt else "; niets veranderd, de bestaande index blijft in gebruik"))
    return EXIT_OK
