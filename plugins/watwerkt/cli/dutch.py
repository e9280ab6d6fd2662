"""argparse in Dutch: the texts a person reads (usage, help, errors). argparse looks each one up
through gettext as `argparse._`; we answer with our own table, falling back to the original."""

from __future__ import annotations

import argparse

TEXTS = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulptekst en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected one argument": "verwacht één waarde",
    "ignored explicit argument %r": "waarde %r genegeerd",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}


def _dutch(text: str) -> str:
    return TEXTS.get(text, text)


def install() -> None:
    """Make argparse speak Dutch in this process (the `watwerkt` command is one)."""
    argparse._ = _dutch  # type: ignore[attr-defined]
