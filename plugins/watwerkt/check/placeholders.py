"""WW901: placeholders that `watwerkt new` leaves for the editor to replace, whatever the status."""

from __future__ import annotations

import dataclasses

from watwerkt.load.folder import LoadedDossier
from watwerkt.model.problems import Problem

PLACEHOLDER = "INVULLEN:"


def check_placeholders(loaded: LoadedDossier) -> list[Problem]:
    """WW901 at every placeholder still in a section file or a dossier.yml value, whatever the status."""
    out: list[Problem] = []

    def add(pos, text: str, at: int) -> None:
        shown = " ".join(text[at:].split())
        shown = shown[:60] + ("..." if len(shown) > 60 else "")
        out.append(Problem(pos.path, pos.line, pos.col, "WW901", f"invultekst staat er nog: '{shown}'",
                           "vervang de tekst die met INVULLEN: begint door de echte inhoud"))

    for text in loaded.texts:
        if text.source is None:  # a section file: every occurrence, at its own place
            at = text.text.find(PLACEHOLDER)
            while at >= 0:
                add(text.locate(at), text.text, at)
                at = text.text.find(PLACEHOLDER, at + 1)
    if loaded.dossier is None:
        return out
    try:
        source = (loaded.folder / "dossier.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    if PLACEHOLDER not in source:
        return out
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def visit(obj) -> None:
        for f in dataclasses.fields(obj):
            if "kind" not in f.metadata:
                continue
            value = getattr(obj, f.name)
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                if isinstance(item, str) and PLACEHOLDER in item:
                    pos = obj.where(f.name) if i is None else obj.where_item(f.name, i)
                    # The marker itself in the YAML source (past a quote or '|'), else the value.
                    begin = starts[pos.line - 1] + pos.col - 1 if pos.line <= len(starts) else len(source)
                    span = len(item) + 40 * (item.count("\n") + 1) + 16
                    found = source.find(PLACEHOLDER, begin, begin + span)
                    if found >= 0:
                        line = source.count("\n", 0, found) + 1
                        pos = type(pos)(pos.path, line, found - starts[line - 1] + 1)
                    add(pos, item, item.find(PLACEHOLDER))
                elif dataclasses.is_dataclass(item):
                    visit(item)

    visit(loaded.dossier)
    return out
