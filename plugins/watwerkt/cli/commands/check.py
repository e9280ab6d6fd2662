"""`watwerkt check`: report every problem of every dossier at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watwerkt.check import check
from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_today_argument,
    resolve_today,
    settings_for,
)
from watwerkt.editor.review import changed_slugs, only_changed
from watwerkt.model.problems import format_github, format_json, format_text

NAME = "check"
HELP = "dossiers controleren en alle problemen tegelijk melden"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="dossiermap(pen) of de map dossiers/ (standaard: dossiers)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="uitvoervorm")
    p.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    p.add_argument("--changed", nargs="?", const="", metavar="BASIS",
                   help="alleen dossiers die sinds git-revisie BASIS zijn gewijzigd (standaard origin/main, "
                        "anders main), met niet-vastgelegde wijzigingen erbij")
    add_today_argument(p)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    paths = args.paths or [settings.root / settings.dossiers_dir]
    if args.changed is not None:
        if args.paths:
            raise UsageError("--changed gaat niet samen met paden: het kiest de dossiers zelf")
        _, slugs = changed_slugs(paths[0], args.changed or None)
    result = check(paths, settings, resolve_today(args))
    problems = result.problems
    if args.changed is not None:
        problems = only_changed(result, slugs)
        result.dossiers = [d for d in result.dossiers if d.slug in slugs]
        result.problems = problems
    if args.format == "json":
        print(format_json(problems))
    elif args.format == "github":
        if problems:
            print(format_github(problems))
    else:
        if problems:
            print(format_text(problems))
        print(
            f"{len(result.dossiers)} dossier(s) gecontroleerd: "
            f"{len(result.errors)} fout(en), {len(result.warnings)} waarschuwing(en).",
            file=sys.stderr,
        )
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return EXIT_PROBLEMS if failed else EXIT_OK
