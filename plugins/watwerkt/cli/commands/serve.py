"""`watwerkt serve`: build the site and serve it, with the search API, on one port (uvicorn);
or, with --site, serve a publication built elsewhere (CI) as it is, following a `current` symlink.
The build is skipped when the published site's record names the same input hash as the project
has now (site/fingerprint.py) and its index is there; --opnieuw-bouwen builds anyway.
How it runs under uvicorn (workers, proxy headers, access log) is in watwerkt.cli.serving."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

from watwerkt.cli import serving
from watwerkt.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_index_dir_argument,
    add_today_argument,
    add_without_versions_argument,
    resolve_today,
    config_file_for,
    settings_for,
)
from watwerkt.model.problems import format_text
from watwerkt.search import DossierErrors, default_index_root, index_project
from watwerkt.model.publication import read_record
from watwerkt.cli.serving import ServeOptions
from watwerkt.cli.site_build import build_site, load_site_config
from watwerkt.search.store import has_version, note_inputs, noted_inputs
from watwerkt.site.fingerprint import fingerprint, site_inputs

NAME = "serve"
HELP = "de site bouwen en met zoekfunctie serveren op http://127.0.0.1:8000/"


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen poortnummer") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError("een poortnummer ligt tussen 0 en 65535")
    return number


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen aantal") from None
    if not 1 <= number <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"het aantal werkprocessen ligt tussen 1 en {MAX_WORKERS}")
    return number


def _root_path(value: str) -> str:
    value = value.strip()
    if value in ("", "/"):
        return ""
    if not value.startswith("/") or any(c in value for c in "?#\\ "):
        raise argparse.ArgumentTypeError(f"'{value}' is geen pad; bijvoorbeeld /kennis")
    return value.rstrip("/")


MAX_WORKERS = 64


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="poort (standaard 8000)")
    p.add_argument("--site", type=Path, metavar="MAP",
                   help="een elders gebouwde publicatie serveren zoals ze is, zonder te bouwen: een map met "
                        "site/ en zoekindex/ (of een symbolische koppeling ernaar, die per verzoek opnieuw "
                        "wordt gevolgd), of een gebouwde sitemap met index.html")
    p.add_argument("--workers", type=_workers, default=1, metavar="N",
                   help="aantal werkprocessen (standaard 1; bijvoorbeeld het aantal processorkernen)")
    p.add_argument("--root-path", type=_root_path, default="", metavar="PAD",
                   help="het pad waaronder een proxy de site aanbiedt, bijvoorbeeld /kennis (standaard: geen)")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="ADRESSEN",
                   help="proxy's waarvan X-Forwarded-For en X-Forwarded-Proto worden vertrouwd, "
                        "met komma's gescheiden (standaard 127.0.0.1; '*' voor iedereen)")
    p.add_argument("--access-log", action="store_true",
                   help="verzoeken loggen (standaard uit); IP-adressen ingekort, zonder zoekvraag")
    p.add_argument("--tel-niet-gevonden", type=Path, metavar="BESTAND",
                   help="tel de zoekopdrachten die niets vonden in dit bestand (standaard uit): alleen de "
                        "zoektekst en hoe vaak, zonder IP-adres of tijd; bekijken met 'watwerkt niet-gevonden BESTAND'")
    p.add_argument("--no-build", action="store_true", help="site en zoekindex niet opnieuw bouwen")
    p.add_argument("--opnieuw-bouwen", action="store_true",
                   help="de site ook bouwen als er sinds de vorige bouw niets veranderd is (standaard wordt "
                        "een ongewijzigd project niet opnieuw gebouwd)")
    p.add_argument("--mkdocs-config", type=Path, help="mkdocs.yml (standaard: in de projectmap)")
    add_without_versions_argument(p)
    add_index_dir_argument(p)
    add_today_argument(p)


def _dossiers_without_page(site_dir: Path, index_root: Path) -> list[str]:
    """Indexed dossiers whose page is missing from the site that will be served (never a hit
    that leads to a 404)."""
    from watwerkt.search import IndexUnavailable
    from watwerkt.search.index import open_index

    try:
        slugs = open_index(index_root, site_dir).slugs()
    except IndexUnavailable:
        return []  # no index: the search page falls back; nothing to contradict
    return [s for s in slugs if not (Path(site_dir) / "dossiers" / s / "index.html").is_file()]


def _missing_pages(missing: list[str], site_dir: Path) -> str:
    return (f"watwerkt: de zoekindex noemt {len(missing)} dossier(s) zonder pagina in {site_dir} "
            f"({', '.join(missing[:5])}{', ...' if len(missing) > 5 else ''})")


def _serve_publication(args: argparse.Namespace) -> ServeOptions | int:
    from watwerkt.search.publication import Publication, PublicationUnusable

    if args.no_build or args.mkdocs_config or args.opnieuw_bouwen:
        print("watwerkt: --site serveert een gebouwde publicatie; --no-build, --opnieuw-bouwen en "
              "--mkdocs-config horen daar niet bij", file=sys.stderr)
        return EXIT_USAGE
    try:
        served = Publication(args.site, args.index_dir).current()  # refuse at start what cannot be served
    except (PublicationUnusable, OSError) as exc:
        print(f"watwerkt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if served.index_root is not None:
        missing = _dossiers_without_page(served.site, served.index_root)
        if missing:
            print(_missing_pages(missing, served.site) + "; publiceer site en zoekindex samen", file=sys.stderr)
            return EXIT_PROBLEMS
    return ServeOptions(publication=str(Path(args.site).absolute()),
                        index_root=str(Path(args.index_dir).absolute()) if args.index_dir else None)


def _index_note(inputs: str, today) -> str:
    return f"{inputs} today={today.isoformat()}"  # the index is checked with serve's own 'today'


def _unchanged(site_dir: Path, record: dict, inputs: str | None, index_root: Path, args) -> bool:
    """Whether the published site was built from exactly `inputs` and its index is still there:
    the index version its record names, or the one this command built for it (note_inputs)."""
    if inputs is None or record.get("inputs") != inputs or not (site_dir / "index.html").is_file():
        return False
    if record.get("search_index"):
        return has_version(index_root, record["search_index"])
    return noted_inputs(index_root) == _index_note(inputs, resolve_today(args))


def _build(args: argparse.Namespace, config_file: Path, settings, index_root: Path) -> Path | int:
    """Build the site (and its index when the plugin does not), unless nothing changed since the
    build that made the published site; returns the site directory, or an exit code."""
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_site_config(config_file, without_versions=args.zonder_versies)
    except MkDocsException as exc:
        print(f"watwerkt: de site is niet gebouwd: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    plugin = config.plugins.get("watwerkt")
    inputs = fingerprint(site_inputs(config, plugin)) if plugin is not None else None
    site_dir = Path(config.site_dir)
    record = read_record(site_dir) or {}
    if not args.opnieuw_bouwen and _unchanged(site_dir, record, inputs, index_root, args):
        print(f"Niets veranderd sinds de vorige bouw ({record.get('built')}): de site wordt niet opnieuw "
              "gebouwd (toch bouwen: --opnieuw-bouwen)", file=sys.stderr)
        return site_dir
    try:
        site_dir = build_site(config_file, config=config)
    except (MkDocsException, SystemExit) as exc:
        print(f"watwerkt: de site is niet gebouwd: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    record = read_record(site_dir) or {}
    if not record.get("search_index"):
        # The publication names no index version: the MkDocs plugin built none (search_index:
        # false, or no watwerkt plugin in mkdocs.yml). Build (or reuse) it here.
        today = resolve_today(args)
        try:
            built = index_project(settings, today, index_root)
        except DossierErrors as exc:
            print(format_text(exc.problems), file=sys.stderr)
            print(f"watwerkt: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Zoekindex klaar: {built.dossiers} dossier(s) in {built.folder}"
              + ("" if built.rebuilt else " (ongewijzigd)"), file=sys.stderr)
        if record.get("inputs"):
            note_inputs(index_root, _index_note(record["inputs"], today))
    return site_dir


def _build_and_serve(args: argparse.Namespace) -> ServeOptions | int:
    from mkdocs.config import load_config

    if args.mkdocs_config:  # the same file as the global --config
        args.config = args.mkdocs_config
    if args.no_build and args.opnieuw_bouwen:
        print("watwerkt: --no-build en --opnieuw-bouwen sluiten elkaar uit", file=sys.stderr)
        return EXIT_USAGE
    settings = settings_for(args)
    config_file = config_file_for(args) or Path(settings.root) / "mkdocs.yml"
    if not Path(config_file).is_file():
        print(f"watwerkt: {config_file} bestaat niet", file=sys.stderr)
        return EXIT_USAGE
    index_root = args.index_dir or default_index_root(settings)
    if args.no_build:
        site_dir = Path(load_config(str(config_file)).site_dir)
        if not (site_dir / "index.html").is_file():
            print(f"watwerkt: {site_dir} bevat geen gebouwde site; start zonder --no-build", file=sys.stderr)
            return EXIT_USAGE
    else:
        site_dir = _build(args, Path(config_file), settings, Path(index_root))
        if isinstance(site_dir, int):
            return site_dir
    missing = _dossiers_without_page(site_dir, index_root)
    if missing:
        print(_missing_pages(missing, site_dir) + "; bouw de site en de index opnieuw met 'watwerkt serve' "
              "(zonder --no-build) of 'mkdocs build'", file=sys.stderr)
        return EXIT_PROBLEMS
    return ServeOptions(site_dir=str(Path(site_dir).absolute()), index_root=str(Path(index_root).absolute()))


def run(args: argparse.Namespace) -> int:
    if any(importlib.util.find_spec(name) is None for name in ("starlette", "uvicorn")):
        print("watwerkt: 'watwerkt serve' heeft de extra 'serve' nodig: pip install 'watwerkt[serve]'", file=sys.stderr)
        return EXIT_USAGE
    options = _serve_publication(args) if args.site is not None else _build_and_serve(args)
    if isinstance(options, int):
        return options
    options = replace(options, host=args.host, port=args.port, workers=args.workers, root_path=args.root_path,
                      forwarded_allow_ips=args.forwarded_allow_ips, access_log=args.access_log,
                      not_found=str(args.tel_niet_gevonden.absolute()) if args.tel_niet_gevonden else None)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Site en zoekfunctie op http://{host}:{args.port}{args.root_path}/ "
          f"({args.workers} werkproces{'sen' if args.workers > 1 else ''}; stoppen met Ctrl+C)", file=sys.stderr)
    serving.run(options)
    return EXIT_OK
