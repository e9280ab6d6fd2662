"""The `watwerkt` command. Dutch for the people who use it; exit codes: 0 clean, 1 problems, 2 usage."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import __version__
from .problems import format_github, format_json, format_text
from .settings import SettingsError, find_settings_file, load_settings, today_from_env
from .validate import UsageError, check

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep it, in Dutch
        self.print_usage(sys.stderr)
        print(f"watwerkt: fout in de opdracht: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen datum in de vorm JJJJ-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="watwerkt", description="Wat werkt-dossiers controleren en publiceren.")
    parser.add_argument("--version", action="version", version=f"watwerkt {__version__}")
    parser.add_argument("--config", type=Path, help="instellingenbestand (standaard: watwerkt.yml in deze map of hoger)")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    p = sub.add_parser("check", help="dossiers controleren en alle problemen tegelijk melden")
    p.add_argument("paths", nargs="*", type=Path, help="dossiermap(pen) of de map dossiers/ (standaard: dossiers)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="uitvoervorm")
    p.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    p.add_argument("--today", type=_date, help="datum van vandaag (JJJJ-MM-DD), of zet WATWERKT_TODAY")

    p = sub.add_parser("schema", help="het JSON Schema van dossier.yml afdrukken of wegschrijven")
    p.add_argument("--output", "-o", type=Path, help="schrijf naar dit bestand in plaats van naar het scherm")
    return parser


def _settings(args: argparse.Namespace, start: Path):
    path = args.config if args.config else find_settings_file(start)
    if args.config and not args.config.is_file():
        raise SettingsError(f"instellingenbestand bestaat niet: {args.config}")
    return load_settings(path)


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args, Path.cwd())
    paths = args.paths or [settings.root / settings.dossiers_dir]
    if args.today:
        today = args.today
    elif today_from_env():
        try:
            today = dt.date.fromisoformat(today_from_env())
        except ValueError:
            raise UsageError(f"WATWERKT_TODAY='{today_from_env()}' is geen datum in de vorm JJJJ-MM-DD") from None
    else:
        today = dt.date.today()
    result = check(paths, settings, today)
    problems = result.problems
    if args.format == "json":
        print(format_json(problems))
    elif args.format == "github":
        if problems:
            print(format_github(problems))
    else:
        if problems:
            print(format_text(problems))
        n_err, n_warn = len(result.errors), len(result.warnings)
        print(
            f"{len(result.dossiers)} dossier(s) gecontroleerd: {n_err} fout(en), {n_warn} waarschuwing(en).",
            file=sys.stderr,
        )
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import dossier_schema

    settings = _settings(args, Path.cwd())
    text = json.dumps(dossier_schema(settings), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


COMMANDS = {"check": cmd_check, "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (UsageError, SettingsError) as exc:
        print(f"watwerkt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("watwerkt: afgebroken", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
