"""`watwerkt schema`: the JSON Schema of dossier.yml."""

from __future__ import annotations

import argparse
from pathlib import Path

from watwerkt.cli.common import EXIT_OK, settings_for, write_output
from watwerkt.editor.schema import schema_text

NAME = "schema"
HELP = "het JSON Schema van dossier.yml afdrukken of wegschrijven"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", type=Path, help="schrijf naar dit bestand in plaats van naar het scherm")


def run(args: argparse.Namespace) -> int:
    text = schema_text(settings_for(args))
    write_output(text, args.output)
    return EXIT_OK
