"""`watwerkt niet-gevonden BESTAND`: the searches that found nothing, as counted by
`watwerkt serve --tel-niet-gevonden BESTAND` (search/not_found.py), most frequent first."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from watwerkt.cli.common import EXIT_OK, EXIT_USAGE
from watwerkt.search.not_found import read_counts

NAME = "niet-gevonden"
HELP = "de zoekopdrachten die niets vonden, met hoe vaak (geteld door 'watwerkt serve --tel-niet-gevonden')"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("bestand", type=Path, help="het bestand van --tel-niet-gevonden")
    p.add_argument("--top", type=int, default=50, metavar="N", help="de N meest gezochte (standaard 50; 0 voor alle)")


def run(args: argparse.Namespace) -> int:
    if not args.bestand.is_file():
        print(f"watwerkt: {args.bestand} bestaat niet; start 'watwerkt serve --tel-niet-gevonden {args.bestand}' "
              "om te gaan tellen", file=sys.stderr)
        return EXIT_USAGE
    try:
        counts = read_counts(args.bestand)
    except sqlite3.Error as exc:
        print(f"watwerkt: {args.bestand} is geen telbestand van 'watwerkt serve --tel-niet-gevonden' ({exc})",
              file=sys.stderr)
        return EXIT_USAGE
    total = sum(n for _, n in counts)
    print(f"{total} zoekopdracht{'en' if total != 1 else ''} zonder resultaat, {len(counts)} verschillende:")
    for text, n in counts[: args.top or None]:
        print(f"{n:>7}  {text}")
    if args.top and len(counts) > args.top:
        print(f"... en nog {len(counts) - args.top} (--top 0 toont alle)")
    return EXIT_OK
