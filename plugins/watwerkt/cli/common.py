"""Shared pieces of the subcommands: exit codes, the usage error, settings lookup, 'today', --index-dir."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from watwerkt.model.settings import Settings, SettingsError, make_settings, today_from_env
from watwerkt.site.config import find_config_file, legacy_settings, load_project


EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command was called wrongly (a bad option value or combination): exit 2, not a dossier problem."""


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen datum in de vorm JJJJ-MM-DD") from None


def add_index_dir_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index-dir", type=Path, help="map van de zoekindex (standaard: .cache/search in de projectmap)")


def add_without_versions_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--zonder-versies", action="store_true",
                   help="alleen de actuele versies bouwen, zonder eerdere versies uit git (bijvoorbeeld in een "
                        "ondiepe kopie); hetzelfde als versions: false in mkdocs.yml")


def add_today_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", type=parse_date, help="datum van vandaag (JJJJ-MM-DD), of zet WATWERKT_TODAY")


def resolve_today(args: argparse.Namespace) -> dt.date:
    if getattr(args, "today", None):
        return args.today
    env = today_from_env()
    if env:
        try:
            return dt.date.fromisoformat(env)
        except ValueError:
            raise UsageError(f"WATWERKT_TODAY='{env}' is geen datum in de vorm JJJJ-MM-DD") from None
    return dt.date.today()


def config_file_for(args: argparse.Namespace) -> Path | None:
    """--config, else the nearest mkdocs.yml from the working directory up."""
    config = getattr(args, "config", None)
    if config and not Path(config).is_file():
        raise SettingsError(f"configuratiebestand bestaat niet: {config}")
    return Path(config).resolve() if config else find_config_file(Path.cwd())


def settings_for(args: argparse.Namespace) -> Settings:
    """The site's mkdocs.yml read as the build reads it; package defaults outside a project."""
    config_file = config_file_for(args)
    if config_file is None:
        return make_settings(root=Path.cwd())
    legacy = legacy_settings(config_file.parent)
    if legacy:
        raise SettingsError(legacy)
    return load_project(config_file)


def write_output(text: str, output: Path | None) -> None:
    """A command's text to `--output` (folders made as needed), or else to standard output."""
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
