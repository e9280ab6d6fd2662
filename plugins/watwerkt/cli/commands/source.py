"""`watwerkt source`: the site source as plain pages for another Material-compatible generator
(Zensical, or MkDocs without the plugin): docs/ and a mkdocs.yml in one folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watwerkt.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, config_file_for

NAME = "source"
HELP = ("de bron van de site als gewone pagina's schrijven, voor een andere generator die Material "
        "begrijpt (Zensical): docs/ en mkdocs.yml in één map")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path(".cache/generator"),
                   help="map voor de bron (standaard .cache/generator); wat er niet meer bij hoort, verdwijnt")
    p.add_argument("--site-dir", type=Path, default=None,
                   help="waar de generator de site moet bouwen (standaard <out>/site)")


def run(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from watwerkt.site.generator_tree import TreeError, write_generator_tree

    config_file = config_file_for(args)
    if config_file is None:
        print("watwerkt: geen mkdocs.yml gevonden in deze map of hoger; geef er een met --config", file=sys.stderr)
        return EXIT_USAGE
    out = args.out if args.out.is_absolute() else Path(config_file).resolve().parent / args.out
    try:
        report = write_generator_tree(Path(config_file), out, args.site_dir,
                                      progress=lambda n: print(f"  {n} bestanden geschreven", file=sys.stderr))
    except TreeError as exc:
        print(f"watwerkt: de bron is niet geschreven: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except MkDocsException as exc:
        print(f"watwerkt: de bron is niet geschreven: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Bron geschreven in {report.folder.parent}: {report.pages} pagina's, {report.files} bestanden "
          f"({report.changed} nieuw of gewijzigd, {report.removed} verwijderd).")
    print(f"Bouwen met Zensical: zensical build -f {report.config}")
    return EXIT_OK
