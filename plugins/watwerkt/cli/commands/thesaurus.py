"""`watwerkt thesaurus`: the search thesaurus in effect, checked, as SKOS (Turtle)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watwerkt.check.thesaurus import project_thesaurus
from watwerkt.cli.common import EXIT_OK, EXIT_PROBLEMS, settings_for, write_output
from watwerkt.export.skos import thesaurus_turtle
from watwerkt.model.problems import format_text

NAME = "thesaurus"
HELP = "de zoekthesaurus (standaard plus thesaurus.yml) controleren en als SKOS (Turtle) afdrukken"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", type=Path, help="schrijf naar dit bestand in plaats van naar het scherm")


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    concepts, problems = project_thesaurus(settings.root)
    if problems:
        print(format_text(problems), file=sys.stderr)
    if any(p.is_error for p in problems):
        print("watwerkt: de thesaurus heeft fouten; er is niets afgedrukt", file=sys.stderr)
        return EXIT_PROBLEMS
    text = thesaurus_turtle(concepts, settings.base_url)
    write_output(text, args.output)
    return EXIT_OK
