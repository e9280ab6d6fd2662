"""`watwerkt search`: search the index from the terminal."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys

from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_index_dir_argument,
    settings_for,
)
from watwerkt.search import (
    FACET_LABELS,
    IndexUnavailable,
    InvalidParameter,
    default_index_root,
    result_json,
    version_text,
    search,
)
from watwerkt.search.query import MAX_PAGE, MAX_PAGE_SIZE

NAME = "search"
HELP = "zoeken in de dossiers (gebruikt de zoekindex van 'watwerkt index')"

FACET_OPTIONS = {facet: ("--" + facet.replace("_", "-"), label) for facet, label in FACET_LABELS.items()}
_MARK = re.compile(r"</?mark>")


def _int_in(low: int, high: int, what: str):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} moet een geheel getal zijn, niet '{value}'") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{what} moet van {low} tot en met {high} zijn")
        return number
    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", default="", help='zoekwoorden en "woordgroepen tussen aanhalingstekens"')
    for facet, (option, label) in FACET_OPTIONS.items():
        p.add_argument(option, dest=facet, action="append", metavar="WAARDE",
                       help=f"filter op {label.lower()} (herhaal voor of-of)")
    p.add_argument("--page", type=_int_in(1, MAX_PAGE, "--page"), default=1, help="paginanummer")
    p.add_argument("--page-size", type=_int_in(1, MAX_PAGE_SIZE, "--page-size"), default=10,
                   help=f"resultaten per pagina (hoogstens {MAX_PAGE_SIZE})")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (standaard) of json: hetzelfde antwoord als GET /api/search, voor scripts")
    add_index_dir_argument(p)


def plain_snippet(snippet: str) -> str:
    return html.unescape(_MARK.sub("", snippet))


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    index_root = args.index_dir or default_index_root(settings)
    filters = {f: getattr(args, f) for f in FACET_OPTIONS if getattr(args, f)}
    try:
        result = search(index_root, args.query, filters, args.page, args.page_size)
    except (InvalidParameter, IndexUnavailable) as exc:
        print(f"watwerkt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        json.dump(result_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    pages = max(1, -(-result.total // result.page_size))
    about = f' voor "{args.query}"' if args.query.strip() else ""
    print(f"{result.total} dossier(s) gevonden{about} (pagina {result.page} van {pages})")
    if result.not_found:
        print("Niet gevonden: " + ", ".join(f'"{w}"' for w in result.not_found))
    if result.suggestion:
        print(f"Bedoelde u: {result.suggestion}?")
    first = (result.page - 1) * result.page_size
    for i, hit in enumerate(result.hits, first + 1):
        print()
        print(f"{i}. {hit.title}")
        print(f"   {hit.url}" + (f"  (versie {version_text(hit.version)})" if hit.version else ""))
        print(f"   {plain_snippet(hit.snippet)}")
    print()
    for facet, (_, label) in FACET_OPTIONS.items():
        labels = result.labels.get(facet, {})
        values = [f"{labels.get(v, v)} ({n})" for v, n in result.facets.get(facet, []) if n]
        if values:
            print(f"{label}: " + ", ".join(values))
    return EXIT_OK
