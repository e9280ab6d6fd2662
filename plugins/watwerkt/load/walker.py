"""Typing a composed dossier.yml along the model's field declarations, with every value's position.

Each scalar string is typed here by its kind (model/kinds.py); each problem is collected,
none is raised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from watwerkt.model import kinds as K
from watwerkt.model.dossier import EffectiveElement, Pos
from watwerkt.model.problems import Problem, did_you_mean
from watwerkt.model.settings import Settings
from watwerkt.model.slug import slugify
from watwerkt.model.urls import unsafe_scheme, valid_web_url

from .yamlsafe import TextFile

_DATE_RE = re.compile(K.DATE_PATTERN)
_YEAR_RE = re.compile(K.YEAR_PATTERN)
_DOI_RE = re.compile(K.DOI_PATTERN)
_CONTROL_RE = re.compile(K.CONTROL_PATTERN)
# Checked by the rules (check/) with a code of their own, so the loader does not call them missing.
_DEFERRED_REQUIRED = {(EffectiveElement, "sources")}


@dataclass
class MarkdownText:
    """Editor Markdown with a way back from an offset in the text to a file position."""

    text: str
    path: str
    label: str
    source: str | None = None  # YAML source when the text is a scalar inside dossier.yml
    start: int = 0
    end: int = 0
    fallback: Pos | None = None

    def locate(self, offset: int, snippet: str = "") -> Pos:
        if self.source is None:
            return _offset_pos(self.path, self.text, offset)
        if snippet:
            nth = self.text.count(snippet, 0, offset)
            at = self.start - 1
            for _ in range(nth + 1):
                at = self.source.find(snippet, at + 1, self.end)
                if at < 0:
                    break
            if at >= 0:
                return _offset_pos(self.path, self.source, at)
        return self.fallback or Pos(self.path, 1, 1)


def _offset_pos(path: str, text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Pos(path, line, col)


class Walker:
    """Types one dossier.yml node tree along the model's field declarations."""

    def __init__(self, source: TextFile, settings: Settings):
        self.source = source
        self.settings = settings
        self.problems: list[Problem] = []
        self.texts: list[MarkdownText] = []

    def pos(self, node: yaml.Node) -> Pos:
        return Pos(self.source.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def add(self, node_or_pos: Any, code: str, message: str, hint: str = "") -> None:
        p = node_or_pos if isinstance(node_or_pos, Pos) else self.pos(node_or_pos)
        self.problems.append(Problem(p.path, p.line, p.col, code, message, hint))

    # -- mappings -------------------------------------------------------------
    def obj(self, node: yaml.Node, cls: Any, where: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.add(node, "WW101", f"{where}: verwacht sleutels met waarden, kreeg {_shape(node)}",
                     "schrijf 'sleutel: waarde' op elke regel")
            return None
        fields = {f.name: f for f in K.spec_fields(cls)}
        instance = cls(at=self.pos(node))
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.add(key_node, "WW101", f"{where}: een sleutel moet tekst zijn")
                continue
            key = key_node.value
            if key in seen:
                self.add(key_node, "WW007", f"sleutel '{key}' staat twee keer in {where}",
                         f"eerste keer op regel {seen[key].start_mark.line + 1}; verwijder een van beide")
                continue
            seen[key] = key_node
            f = fields.get(key)
            if f is None:
                self.add(key_node, "WW103", f"onbekende sleutel '{key}' in {where}",
                         did_you_mean(key, list(fields)) or "toegestaan: " + ", ".join(fields))
                continue
            instance.pos[key] = self.pos(value_node)
            kind, label = f.metadata["kind"], f"{where}.{key}" if where != "dossier" else key
            if isinstance(kind, K.ListOf):
                value, kept = self.list(value_node, kind, label, f.metadata["required"])
                for i, item_node in enumerate(kept):
                    instance.pos[f"{key}[{i}]"] = self.pos(item_node)
            else:
                value = self.value(value_node, kind, label, f.metadata["required"])
            if value is not None:
                setattr(instance, key, value)
        for name, f in fields.items():
            if not f.metadata["required"] or name in seen or (cls, name) in _DEFERRED_REQUIRED:
                continue
            self.add(node, "WW102", f"verplicht veld '{name}' ontbreekt in {where}",
                     f"voeg '{name}:' toe ({f.metadata['description']})")
        return instance

    # -- values ---------------------------------------------------------------
    def value(self, node: yaml.Node, kind: Any, where: str, required: bool) -> Any:
        if isinstance(kind, K.Nested):
            return self.obj(node, kind.cls, where)
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, "WW101", f"{where}: verwacht één waarde, kreeg {_shape(node)}",
                     "schrijf de waarde achter de dubbele punt")
            return None
        raw = node.value.strip() if node.style in (None, "") else node.value
        if not raw.strip() or (node.style in (None, "") and raw in ("~", "null", "Null", "NULL")):
            if required:
                self.add(node, "WW108", f"{where} is leeg",
                         "vul een waarde in" + (" of haal het lege item weg" if where.endswith("]") else ""))
            return None
        return self.scalar(node, raw, kind, where)

    def list(self, node: yaml.Node, kind: K.ListOf, where: str, required: bool) -> tuple[list, list]:
        """The accepted items, and the nodes they came from (for positions)."""
        if isinstance(node, yaml.ScalarNode) and node.value == "" and node.style in (None, ""):
            items: list[yaml.Node] = []
        elif not isinstance(node, yaml.SequenceNode):
            self.add(node, "WW101", f"{where}: verwacht een lijst, kreeg {_shape(node)}",
                     "schrijf een lijst: elk item op een eigen regel met '- ', of [a, b]")
            return [], []
        else:
            items = node.value
        limit = min(kind.max_items or self.settings.limits.max_list_items, self.settings.limits.max_list_items)
        if len(items) > limit:
            self.add(node, "WW107", f"{where} heeft {len(items)} items; het maximum is {limit}",
                     "haal items weg; houd de belangrijkste")
            items = items[:limit]
        if required and len(items) < kind.min_items and where.rsplit(".", 1)[-1] != "sources":
            self.add(node, "WW102", f"{where} mag niet leeg zijn", "voeg minstens één item toe")
        out, kept = [], []
        for i, item in enumerate(items):
            label = f"{where}[{i + 1}]"
            if isinstance(kind.item, type):
                value = self.obj(item, kind.item, label)
            else:
                value = self.value(item, kind.item, label, True)
            if value is not None:
                out.append(value)
                kept.append(item)
        return out, kept

    def scalar(self, node: yaml.ScalarNode, raw: str, kind: Any, where: str) -> Any:
        if isinstance(kind, K.Text):
            limit = min(kind.max_chars, self.settings.limits.max_text_chars)
            if len(raw) > limit:
                self.add(node, "WW107", f"{where} is {len(raw)} tekens; het maximum is {limit}",
                         "maak de tekst korter" + (" of zet lange tekst in een sectiebestand"
                                                   if limit >= 500 else ""))
            if not kind.markdown and _CONTROL_RE.search(raw):  # Markdown is checked by check.prose
                ch = _CONTROL_RE.search(raw).group(0)
                self.add(node, "WW009", f"{where}: onzichtbaar stuurteken U+{ord(ch):04X} in de tekst",
                         "verwijder het teken; het komt meestal mee bij kopiëren uit een ander programma")
            if kind.markdown:
                self.texts.append(MarkdownText(
                    raw, self.source.path, where, self.source.text,
                    node.start_mark.index, node.end_mark.index, self.pos(node)))
            return raw
        if isinstance(kind, K.Id):
            if not K.ID_RE.match(raw):
                self.add(node, "WW106", f"{where}: '{raw}' is geen geldige id",
                         f"gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{slugify(raw) or 'id'}'")
                return None
            return raw
        if isinstance(kind, K.Date):
            return self.date(node, raw, where)
        if isinstance(kind, K.Year):
            if not _YEAR_RE.match(raw):
                self.add(node, "WW104", f"{where}: '{raw}' is geen jaartal", "schrijf vier cijfers, of z.d.")
                return None
            return raw
        if isinstance(kind, K.Url):
            return self.url(node, raw, where)
        if isinstance(kind, K.Doi):
            doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", raw, flags=re.I)
            if not _DOI_RE.match(doi):
                self.add(node, "WW702", f"{where}: '{raw}' is geen geldige DOI",
                         "een DOI begint met 10. en bevat een schuine streep, bijvoorbeeld 10.1234/abcd")
                return None
            return doi
        if isinstance(kind, K.Version):
            if not raw.isdigit() or int(raw) not in kind.supported:
                self.add(node, "WW105", f"formaatversie '{raw}' wordt niet ondersteund",
                         "deze versie van watwerkt kent: " + ", ".join(map(str, kind.supported)))
                return None
            return int(raw)
        if isinstance(kind, K.Choice):
            if raw not in kind.values:
                self.add(node, "WW104", f"{where}: '{raw}' is geen toegestane waarde",
                         did_you_mean(raw, list(kind.values)) or "kies uit: " + ", ".join(kind.values))
                return None
            return raw
        if isinstance(kind, K.Scale):
            ids = self.settings.evidence_ids if kind.scale == "evidence" else self.settings.recognition_ids
            if raw not in ids:
                code = "WW401" if kind.scale == "evidence" else "WW404"
                name = "bewijsniveau" if kind.scale == "evidence" else "erkenningsniveau"
                self.add(node, code, f"{where}: '{raw}' is geen bekend {name}",
                         did_you_mean(raw, ids) or "kies uit: " + ", ".join(ids))
                return None
            return raw
        raise AssertionError(f"unknown kind {kind!r}")  # a programming error, not bad input

    def date(self, node: yaml.Node, raw: str, where: str) -> dt.date | None:
        if not _DATE_RE.match(raw):
            self.add(node, "WW301", f"{where}: '{raw}' is geen datum in de vorm JJJJ-MM-DD",
                     "schrijf bijvoorbeeld 2017-01-13")
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.add(node, "WW301", f"{where}: '{raw}' bestaat niet als datum",
                     "controleer dag en maand")
            return None

    def url(self, node: yaml.Node, raw: str, where: str) -> str | None:
        scheme = unsafe_scheme(raw)
        if scheme:
            self.add(node, "WW803", f"{where}: URL-schema '{scheme}' is niet toegestaan",
                     "gebruik een webadres dat met https:// begint")
            return None
        if not valid_web_url(raw):
            self.add(node, "WW701", f"{where}: '{raw}' is geen geldig webadres",
                     "een webadres begint met https:// of http://")
            return None
        return raw


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "sleutels met waarden"
    if isinstance(node, yaml.SequenceNode):
        return "een lijst"
    return f"de tekst '{node.value[:40]}'"
