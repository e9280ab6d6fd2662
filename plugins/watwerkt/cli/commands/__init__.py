"""Subcommands of `watwerkt`. Each module defines NAME, HELP, add_arguments(parser) and run(args) -> int.

cli/main.py discovers the modules here, so a feature adds its command without touching cli.py.
"""
