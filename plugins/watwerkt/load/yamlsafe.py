"""Reading untrusted files: size bound, strict UTF-8, and YAML composed to nodes only.

We never construct Python objects from YAML. Dossiers are composed into a node tree (every
scalar stays a string with its position) and the model types the strings itself, so YAML
1.1 surprises like `no` -> False or `010` -> 8 cannot happen. Anchors, aliases and tags are
refused while composing, before an alias could be expanded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from watwerkt.model.problems import Problem

from .yamlmessages import describe


class Refused(Exception):
    def __init__(self, code: str, mark: yaml.Mark, message: str, hint: str = ""):
        super().__init__(message)
        self.code, self.mark, self.message, self.hint = code, mark, message, hint


def _refuse(event: yaml.Event) -> None:
    """Raise Refused for an alias, an anchor or an explicit tag: none has a place in a dossier."""
    if isinstance(event, yaml.AliasEvent):
        raise Refused("WW005", event.start_mark, f"YAML-alias '*{event.anchor}' is niet toegestaan",
                      "schrijf de waarde gewoon opnieuw uit; ankers en aliassen worden geweigerd")
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise Refused("WW005", event.start_mark, f"YAML-anker '&{anchor}' is niet toegestaan",
                      "verwijder het anker; ankers en aliassen worden geweigerd")
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        raise Refused("WW006", event.start_mark, f"YAML-tag '{tag}' is niet toegestaan",
                      "verwijder de tag; waarden zijn altijd gewone tekst")


class _Composer(yaml.SafeLoader):
    """Pure-Python SafeLoader that stops at the first anchor, alias or explicit tag."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        _refuse(self.peek_event())
        return super().compose_node(parent, index)


@dataclass
class TextFile:
    path: str
    text: str


def read_text(path: Path, shown: str, max_bytes: int) -> tuple[TextFile | None, list[Problem]]:
    """Read a file as UTF-8 within the size bound; problems instead of exceptions."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(
                    shown, 1, 1, "WW004",
                    f"bestand is {size} bytes; het maximum is {max_bytes} bytes",
                    "splits de tekst op of maak hem korter",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "WW003", f"bestand kan niet gelezen worden: {exc.strerror}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                shown, line, col, "WW003",
                f"bestand is geen geldige UTF-8 (byte 0x{data[exc.start]:02x})",
                "sla het bestand op met tekenset UTF-8",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return TextFile(shown, text), []


# libyaml parses about ten times faster than PyYAML's pure-Python parser. With it, a first pass
# over the events refuses anchors, aliases and tags; only then are the nodes composed, so an
# alias is never followed. Without libyaml, _Composer does both in one pure-Python pass.
_CLOADER = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None


MAX_DEPTH = 32  # a dossier needs 5 levels; deeper is an attack or an accident


class TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


def _refuse_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_CLOADER):
        _refuse(event)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _reader_position(source: TextFile, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    # libyaml reports a byte offset, PyYAML a character offset.
    text = source.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _CLOADER else source.text[: exc.position]
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def compose(source: TextFile) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose YAML text to a node tree, or return the one problem that stops it."""
    loader = None
    try:
        if _CLOADER is not None:
            _refuse_events(source.text)
            node = yaml.compose(source.text, Loader=_CLOADER)
        else:
            loader = _Composer(source.text)  # the reader already rejects control characters here
            node = loader.get_single_node()
    except Refused as exc:
        return None, [
            Problem(source.path, exc.mark.line + 1, exc.mark.column + 1, exc.code, exc.message, exc.hint)
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = exc.context_mark
        at_open, message = describe(exc.context, opened.line + 1 if opened else None, exc.problem, line, col)
        if at_open:
            line, col = opened.line + 1, opened.column + 1
        return None, [
            Problem(source.path, line, col, "WW001", message,
                    "controleer inspringing, dubbele punten, haakjes en aanhalingstekens")
        ]
    except yaml.reader.ReaderError as exc:
        line, col = _reader_position(source, exc)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return None, [
            Problem(source.path, line, col, "WW001", f"teken U+{char:04X} is niet toegestaan in YAML",
                    "verwijder het onzichtbare stuurteken")
        ]
    except yaml.YAMLError:
        return None, [Problem(source.path, 1, 1, "WW001", "YAML-syntaxfout: onleesbare YAML")]
    except TooDeep as exc:
        return None, [Problem(source.path, exc.mark.line + 1, exc.mark.column + 1, "WW001",
                              f"YAML is te diep genest (meer dan {MAX_DEPTH} niveaus)")]
    except RecursionError:
        return None, [Problem(source.path, 1, 1, "WW001", "YAML is te diep genest")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, [
            Problem(source.path, 1, 1, "WW002", "bestand is leeg", "begin met 'format_version: 1'")
        ]
    return node, []
