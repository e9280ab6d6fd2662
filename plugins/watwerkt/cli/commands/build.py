"""`watwerkt build`: the site as `mkdocs build` builds it, with `--zonder-versies` to leave the
earlier versions out explicitly (a shallow clone has no history to build them from)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watwerkt.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_without_versions_argument, config_file_for
from watwerkt.cli.site_build import build_site

NAME = "build"
HELP = "de site bouwen zoals 'mkdocs build' (site, zoekindex, PDF's en eerdere versies)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="waarschuwingen laten de build ook mislukken")
    add_without_versions_argument(p)


def run(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    config_file = config_file_for(args)
    if config_file is None:
        print("watwerkt: geen mkdocs.yml gevonden in deze map of hoger; geef er een met --config", file=sys.stderr)
        return EXIT_USAGE
    try:
        site_dir = build_site(Path(config_file), strict=args.strict, without_versions=args.zonder_versies)
    except (MkDocsException, SystemExit) as exc:
        print(f"watwerkt: de site is niet gebouwd: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Site gebouwd in {site_dir}" + (" (zonder eerdere versies)" if args.zonder_versies else ""))
    return EXIT_OK
