"""The `watwerkt` command line: argument parsing, exit codes, Dutch messages; one module per subcommand in commands/. May import every other subpackage; never imported by them."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
