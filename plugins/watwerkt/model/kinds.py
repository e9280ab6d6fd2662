"""Field kinds of the dossier format: one declaration drives loading, the JSON Schema and the docs.

A model field declares its kind with `spec(...)` in its dataclass metadata. The loader
(load/walker.py) turns YAML nodes into values by kind, and editor/schema.py turns the same
kinds into JSON Schema, so the two cannot drift.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from .slug import SLUG_PATTERN

ID_PATTERN = SLUG_PATTERN  # ids follow the slug rule
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
YEAR_PATTERN = r"^([0-9]{4}[a-z]?|z\.d\.)$"
# Invisible characters an editor cannot see in prose: C0 controls except tab and newlines, DEL, C1
# controls, and the bidirectional overrides and isolates ("Trojan Source").
CONTROL_PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
# Crossref's recommended pattern: no spaces, quotes or angle brackets (a DOI never carries markup).
DOI_PATTERN = r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$"
ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Kind:
    pass


@dataclass(frozen=True)
class Text(Kind):
    max_chars: int = 300
    markdown: bool = False  # scanned for citations, links and unsafe HTML


@dataclass(frozen=True)
class Id(Kind):
    pass


@dataclass(frozen=True)
class Date(Kind):
    pass


@dataclass(frozen=True)
class Year(Kind):
    pass


@dataclass(frozen=True)
class Url(Kind):
    pass


@dataclass(frozen=True)
class Doi(Kind):
    pass


@dataclass(frozen=True)
class Version(Kind):
    supported: tuple[int, ...] = (1,)


@dataclass(frozen=True)
class Choice(Kind):
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale(Kind):
    """A level of a scale configured in the settings (evidence, recognition)."""

    scale: str = "evidence"


@dataclass(frozen=True)
class ListOf(Kind):
    item: Any = None  # a Kind or a model dataclass
    min_items: int = 0
    max_items: int | None = None  # None: only the settings' limits.max_list_items


@dataclass(frozen=True)
class Nested(Kind):
    cls: Any = None


def spec(kind: Any, description: str, *, required: bool = False, default: Any = None) -> Any:
    """A dataclass field carrying its kind, Dutch description and whether it is required."""
    meta = {"kind": kind, "description": description, "required": required}
    if isinstance(kind, ListOf):
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


def spec_fields(cls: Any) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if "kind" in f.metadata]
