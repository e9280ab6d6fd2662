"""The YAML parser's English messages as Dutch sentences for editors, and where to point.

A construct left open (a [ list, a { mapping, a quoted text) is reported where it was opened;
the place where the parser gave up follows in the message as the second location.
"""

from __future__ import annotations

import re

# Contexts whose start is where the editor's mistake is: something opened and never closed.
_LEFT_OPEN = {
    "while parsing a flow sequence": "de lijst tussen [ en ] is niet gesloten",
    "while parsing a flow mapping": "de mapping tussen { en } is niet gesloten",
    "while scanning a quoted scalar": "de tekst tussen aanhalingstekens is niet gesloten",
    "while scanning a double-quoted scalar": "de tekst tussen aanhalingstekens is niet gesloten",
    "while scanning a single-quoted scalar": "de tekst tussen aanhalingstekens is niet gesloten",
}

_PROBLEMS = [
    (r"did not find expected ',' or '\]'|expected ',' or '\]'", "verwacht een komma of ]"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}'", "verwacht een komma of }"),
    (r"mapping values are not allowed (?:here|in this context)",
     "een dubbele punt met een spatie erna mag hier niet; zet de tekst tussen aanhalingstekens"),
    (r"could not find expected ':'", "de dubbele punt na de sleutel ontbreekt"),
    (r"did not find expected key|expected <block end>", "de inspringing klopt niet: hier verwacht YAML een nieuwe sleutel"),
    (r"did not find expected '-' indicator|expected <block sequence end>|expected '-' indicator",
     "de inspringing klopt niet: hier verwacht YAML een nieuw lijstitem (-)"),
    (r"found a tab character|found character '\\t'", "een tab in de inspringing; gebruik spaties"),
    (r"found unexpected end of stream", "het bestand houdt onverwacht op"),
    (r"found unknown escape character", "onbekende code na een backslash (\\) tussen dubbele aanhalingstekens"),
    (r"found character .* that cannot start any token", "dit teken kan hier niet; zet de tekst tussen aanhalingstekens"),
    (r"found unexpected ':'", "onverwachte dubbele punt; zet de tekst tussen aanhalingstekens"),
    (r"found undefined alias|found undefined anchor", "verwijzing (*) naar een anker dat niet bestaat"),
    (r"expected a single document", "het bestand bevat meer dan één YAML-document (---)"),
    (r"block sequence entries are not allowed", "een lijstitem (-) mag hier niet; controleer de inspringing"),
    (r"expected the node content, but found", "hier ontbreekt een waarde"),
]


def dutch(problem: str | None) -> str:
    text = problem or ""
    for pattern, sentence in _PROBLEMS:
        if re.search(pattern, text):
            return sentence
    return "onleesbare YAML"


def describe(context: str | None, context_line: int | None, problem: str | None,
             problem_line: int, problem_col: int) -> tuple[bool, str]:
    """(report at the context mark?, Dutch message)."""
    opened = _LEFT_OPEN.get(context or "")
    if opened and context_line is not None:
        return True, (f"YAML-syntaxfout: {opened} (geopend op regel {context_line}); "
                      f"de parser liep vast op regel {problem_line}, kolom {problem_col}: {dutch(problem)}")
    return False, f"YAML-syntaxfout: {dutch(problem)}"
