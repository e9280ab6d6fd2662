"""`watwerkt diff`: a Dutch summary of what changed in the dossiers between two git revisions."""

from __future__ import annotations

import argparse
import sys

from watwerkt.cli.common import EXIT_OK, settings_for
from watwerkt.editor.review import diff

NAME = "diff"
HELP = "samenvatting van wat er in de dossiers is veranderd tussen twee git-revisies"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASIS", help="git-revisie om mee te vergelijken, bijvoorbeeld main of origin/main")
    p.add_argument("head", metavar="NIEUW", nargs="?",
                   help="git-revisie met de nieuwe versie (standaard: de werkmap, met niet-vastgelegde wijzigingen)")


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    sys.stdout.write(diff(settings.root / settings.dossiers_dir, args.base, args.head, settings))
    return EXIT_OK
