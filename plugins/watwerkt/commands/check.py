"""`watwerkt check`: report every problem of every dossier at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..problems import format_github, format_json, format_text
from ..validate import check
from .common import EXIT_OK, EXIT_PROBLEMS, add_today_argument, resolve_today, settings_for

NAME = "check"
HELP = "dossiers controleren en alle problemen tegelijk melden"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="dossiermap(pen) of de map dossiers/ (standaard: dossiers)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="uitvoervorm")
    p.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    add_today_argument(p)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    paths = args.paths or [settings.root / settings.dossiers_dir]
    result = check(paths, settings, resolve_today(args))
    problems = result.problems
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
