"""`watwerkt pdf`: offline PDFs of the published and archived dossiers, and the collection."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from watwerkt.check import check
from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_today_argument,
    resolve_today,
    settings_for,
)
from watwerkt.model.problems import format_text

NAME = "pdf"
HELP = "PDF's maken van de gepubliceerde dossiers en van de hele collectie"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("slugs", nargs="*", metavar="SLUG",
                   help="alleen deze dossiers (mapnamen); dan wordt de collectie niet gemaakt")
    p.add_argument("--out", type=Path, help="uitvoermap (standaard: de sitemap van mkdocs.yml + /pdf, meestal site/pdf)")
    p.add_argument("--jobs", type=int, help="aantal processen tegelijk (standaard: aantal processorkernen)")
    p.add_argument("--no-collection", action="store_true", help="geen collectie-PDF van alle dossiers maken")
    p.add_argument("--cache-dir", type=Path, help="cachemap (standaard: .cache/pdf in de projectmap)")
    add_today_argument(p)


def _project_root(settings) -> Path:
    return settings.root.resolve() if settings.root != Path(".") else Path.cwd()


def _site_dir(root: Path) -> Path:
    """site_dir from mkdocs.yml when it is plain YAML; MkDocs' default 'site' otherwise."""
    config = root / "mkdocs.yml"
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    site_dir = data.get("site_dir") if isinstance(data, dict) else None
    return root / (site_dir if isinstance(site_dir, str) and site_dir else "site")


def run(args: argparse.Namespace) -> int:
    from watwerkt.pdf import (
        build_pdfs,  # WeasyPrint is only imported when PDFs are made
    )

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs moet 1 of meer zijn")
    settings = settings_for(args)
    root = _project_root(settings)
    today = resolve_today(args)
    result = check([root / settings.dossiers_dir], settings, today, base=root)
    if result.errors:
        print(format_text(result.errors), file=sys.stderr)
    dossiers = result.valid_dossiers()
    known = {d.slug for d in dossiers}
    all_slugs = {loaded.slug for loaded in result.dossiers}
    unknown = [s for s in args.slugs if s not in all_slugs]
    if unknown:
        raise UsageError("onbekend dossier: " + ", ".join(unknown))
    invalid = sorted({loaded.slug for loaded in result.dossiers} - known)
    if args.slugs:
        invalid = [s for s in invalid if s in args.slugs]
    drafts = {d.slug for d in dossiers if d.status == "draft"}
    for slug in args.slugs:
        if slug in drafts:
            print(f"watwerkt pdf: '{slug}' is een concept; concepten krijgen geen PDF", file=sys.stderr)

    report = build_pdfs(
        dossiers, settings, args.out or _site_dir(root) / "pdf", today=today, jobs=args.jobs,
        collection=not args.no_collection and not args.slugs, progress=True,
        cache_dir=args.cache_dir or root / ".cache" / "pdf", slugs=args.slugs or None)
    for failure in report.failed:
        print(f"watwerkt pdf: fout: {failure}", file=sys.stderr)
    for slug in invalid:
        print(f"watwerkt pdf: fout: PDF van dossier '{slug}' is niet gemaakt: het dossier heeft "
              "fouten (zie hierboven; 'watwerkt check' geeft alle meldingen)", file=sys.stderr)
    print(report.summary() + ". De PDF's zijn getagd (PDF/UA-1-identificatie); "
          "de toegankelijkheid is niet met een validator gecontroleerd.", file=sys.stderr)
    return EXIT_PROBLEMS if report.failed or invalid else EXIT_OK
