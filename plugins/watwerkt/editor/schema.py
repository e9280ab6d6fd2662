"""JSON Schema of dossier.yml, generated from the model's field declarations.

Editors' YAML tools (yaml-language-server) read it, so it accepts what those tools parse:
numbers for format_version and year as well as strings. Descriptions are Dutch: they show
when an editor hovers over a key.
"""

from __future__ import annotations

import json
from typing import Any

from watwerkt.model import kinds as K
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings

SCHEMA_ID = "urn:watwerkt:schema:dossier:1"


def _kind_schema(kind: Any, settings: Settings) -> dict:
    if isinstance(kind, K.ListOf):
        item = (
            _object_schema(kind.item, settings)
            if isinstance(kind.item, type)
            else _kind_schema(kind.item, settings)
        )
        limit = settings.limits.max_list_items
        out: dict = {"type": "array", "items": item, "maxItems": min(kind.max_items or limit, limit)}
        if kind.min_items:
            out["minItems"] = kind.min_items
        return out
    if isinstance(kind, K.Nested):
        return _object_schema(kind.cls, settings)
    if isinstance(kind, K.Text):
        return {"type": "string", "minLength": 1, "maxLength": min(kind.max_chars, settings.limits.max_text_chars)}
    if isinstance(kind, K.Id):
        return {"type": "string", "pattern": K.ID_PATTERN}
    if isinstance(kind, K.Date):
        return {"type": "string", "pattern": K.DATE_PATTERN}
    if isinstance(kind, K.Year):
        return {"type": ["string", "integer"], "pattern": K.YEAR_PATTERN, "minimum": 1000, "maximum": 9999}
    if isinstance(kind, K.Url):
        return {"type": "string", "pattern": r"^https?://[^\s]+$"}
    if isinstance(kind, K.Doi):
        return {"type": "string", "pattern": r"^(https?://(dx\.)?doi\.org/|doi:\s*)?10\.[0-9]{4,9}/\S+$"}
    if isinstance(kind, K.Version):
        return {"enum": [*kind.supported, *map(str, kind.supported)]}
    if isinstance(kind, K.Choice):
        return {"type": "string", "enum": list(kind.values)}
    if isinstance(kind, K.Scale):
        levels = settings.evidence_scale if kind.scale == "evidence" else settings.recognition_scale
        return {
            "type": "string",
            "enum": [lvl.id for lvl in levels],
            "markdownEnumDescriptions": [f"**{lvl.label}**. {lvl.description}".strip() for lvl in levels],
        }
    raise AssertionError(f"unknown kind {kind!r}")


def _object_schema(cls: Any, settings: Settings) -> dict:
    props, required = {}, []
    for f in K.spec_fields(cls):
        prop = _kind_schema(f.metadata["kind"], settings)
        prop["description"] = f.metadata["description"]
        props[f.name] = prop
        if f.metadata["required"]:
            required.append(f.name)
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def dossier_schema(settings: Settings) -> dict:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Wat werkt-dossier (dossier.yml, formaatversie 1)",
        "description": "Metadata en gestructureerde delen van één Wat werkt-dossier.",
    }
    schema.update(_object_schema(Dossier, settings))
    return schema


def schema_text(settings: Settings) -> str:
    """The schema as `watwerkt schema` prints it and as the file `watwerkt new` points at."""
    return json.dumps(dossier_schema(settings), ensure_ascii=False, indent=2) + "\n"
