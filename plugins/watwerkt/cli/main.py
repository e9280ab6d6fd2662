"""The `watwerkt` command. Dutch for the people who use it; exit codes: 0 clean, 1 problems, 2 usage.

Subcommands live in watwerkt/cli/commands/, one module each, discovered here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from watwerkt import __version__
from watwerkt.check import InputError
from watwerkt.editor.review import GitError
from watwerkt.model.settings import SettingsError

from . import commands, dutch
from .common import EXIT_PROBLEMS, EXIT_USAGE, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that, in Dutch
        self.print_usage(sys.stderr)
        print(f"watwerkt: fout in de opdracht: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _command_modules():
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    return [importlib.import_module(f"{commands.__name__}.{name}") for name in names]


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    dutch.install()
    parser = _Parser(prog="watwerkt", description="Wat werkt-dossiers controleren en publiceren.")
    parser.add_argument("--version", action="version", version=f"watwerkt {__version__}")
    parser.add_argument("--config", type=Path, help="mkdocs.yml van de site (standaard: de dichtstbijzijnde in deze map of hoger)")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)
    runners = {}
    for module in _command_modules():
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP, description=module.HELP))
        runners[module.NAME] = module.run
    return parser, runners


def main(argv: list[str] | None = None) -> int:
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return runners[args.command](args)
    except SettingsError as exc:  # the project's configuration: a problem to fix, like a dossier's
        print(f"watwerkt: fout in de configuratie:\n{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except (UsageError, InputError, GitError) as exc:
        print(f"watwerkt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("watwerkt: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`watwerkt check | head -1`): end quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_CLOSED_PIPE


EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not raise a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
