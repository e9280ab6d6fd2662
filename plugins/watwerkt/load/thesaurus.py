"""Reading a thesaurus.yml into SKOS concepts (model/thesaurus.py) with the place of every value.

The file is read like a dossier.yml (load/yamlsafe.py: size bound, strict UTF-8, YAML composed
to nodes only, anchors, aliases and tags refused) and typed here; every problem is collected,
none is raised. Rules across concepts (duplicates, broader) are in check/thesaurus.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from watwerkt.model import kinds as K
from watwerkt.model import thesaurus as T
from watwerkt.model.problems import Problem, did_you_mean

from .yamlsafe import TextFile, compose, read_text

DEFAULT_THESAURUS = Path(__file__).resolve().parent.parent / "data" / "thesaurus.yml"
_CONTROL_RE = re.compile(K.CONTROL_PATTERN)


def read_thesaurus(path: Path, shown: str) -> tuple[T.Thesaurus, list[Problem]]:
    """The concepts of one thesaurus file and the problems of its text and shape.
    An empty file (or one with only comments) is a thesaurus without concepts."""
    source, problems = read_text(path, shown, T.MAX_FILE_BYTES)
    if source is None:
        return T.Thesaurus(), problems
    node, problems = compose(source)
    if node is None:
        return T.Thesaurus(), [p for p in problems if p.code != "WW002"]
    reader = _Reader(source)
    return reader.thesaurus(node), reader.problems


class _Reader:
    def __init__(self, source: TextFile):
        self.source = source
        self.problems: list[Problem] = []

    def where(self, node: yaml.Node) -> T.Where:
        return T.Where(self.source.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def add(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        w = self.where(node)
        self.problems.append(Problem(w.path, w.line, w.col, code, message, hint))

    def pairs(self, node: yaml.MappingNode, where: str, known: tuple[str, ...]):
        """(key, key node, value node) of a mapping: duplicate and unknown keys reported, skipped."""
        seen: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.add(key_node, "WW952", f"een sleutel in {where} moet een woord zijn")
                continue
            if key in seen:
                self.add(key_node, "WW007", f"sleutel '{key}' staat twee keer in {where}",
                         f"eerste keer op regel {seen[key].start_mark.line + 1}; verwijder een van beide")
                continue
            seen[key] = key_node
            if key not in known:
                if key == T.OLD_KEY and where == "de thesaurus":
                    self.add(key_node, "WW959", "de thesaurus gebruikt het oude formaat 'synonyms' met groepen",
                             _conversion_hint(value))
                    continue
                close = did_you_mean(key, list(known))
                self.add(key_node, "WW951", f"onbekende sleutel '{key}' in {where}",
                         close or "toegestaan: " + ", ".join(f"'{k}'" for k in known))
                continue
            yield key, key_node, value

    def thesaurus(self, node: yaml.Node) -> T.Thesaurus:
        out = T.Thesaurus()
        if not isinstance(node, yaml.MappingNode):
            self.add(node, "WW952", "de thesaurus moet beginnen met 'begrippen:' en daaronder een lijst van begrippen",
                     "zie het voorbeeld in docs/redactie/zoeken.md")
            return out
        for key, key_node, value in self.pairs(node, "de thesaurus", T.TOP_KEYS):
            if key == T.DEFAULT_KEY:
                text = value.value.strip() if isinstance(value, yaml.ScalarNode) else None
                if text not in T.DEFAULT_CHOICES:
                    self.add(value, "WW952", f"'{T.DEFAULT_KEY}' is 'aanvullen' of 'vervangen'",
                             "'aanvullen' (standaard): de eigen begrippen komen bij die van watwerkt; "
                             "'vervangen': alleen de eigen begrippen tellen")
                out.replaces_default = text == "vervangen"
            elif not isinstance(value, yaml.SequenceNode):
                if not (isinstance(value, yaml.ScalarNode) and value.value == "" and value.tag.endswith(":null")):
                    self.add(value, "WW952", "'begrippen' moet een lijst van begrippen zijn",
                             "begin elk begrip op een nieuwe regel met '- voorkeursterm: ...'")
            else:
                out.concepts += filter(None, (self.concept(item, i) for i, item in enumerate(value.value, 1)))
        return out

    def concept(self, node: yaml.Node, number: int) -> T.Concept | None:
        where = f"begrip {number}"
        if not isinstance(node, yaml.MappingNode):
            self.add(node, "WW952", f"{where} moet sleutels hebben, zoals 'voorkeursterm: ...'",
                     "schrijf '- voorkeursterm: woord' en daaronder eventueel 'ook: [ander woord]'")
            return None
        concept = T.Concept(pref="", where=self.where(node))
        has_pref = False
        for key, key_node, value in self.pairs(node, where, T.CONCEPT_KEYS):
            if key == T.PREF:
                has_pref = True
                if isinstance(value, yaml.SequenceNode):
                    self.add(value, "WW952", f"{where} heeft precies één voorkeursterm, geen lijst",
                             "zet de andere woorden onder 'ook: [...]'")
                    continue
                label = self.label(value, f"{where}: de voorkeursterm")
                if label:
                    concept.pref, concept.pref_where = label, self.where(value)
            elif key == T.NOTE:
                text = self.scalar(value, f"{where}: de notitie")
                if text is not None and len(text) > T.MAX_NOTE_CHARS:
                    self.add(value, "WW958", f"{where}: de notitie is {len(text)} tekens; het maximum is {T.MAX_NOTE_CHARS}",
                             "houd de notitie kort")
                concept.note = text or ""
            else:
                names = self.labels(value, f"{where}: '{key}'")
                for label, at in names:
                    if key == T.ALT:
                        concept.alt.append(label)
                        concept.alt_where.append(at)
                    else:
                        concept.broader.append(label)
                        concept.broader_where.append(at)
        if not has_pref:
            self.add(node, "WW953", f"{where} heeft geen voorkeursterm",
                     "elk begrip begint met '- voorkeursterm: ...': het woord dat het begrip het best noemt")
        return concept if concept.pref else None

    def scalar(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, "WW952", f"{what} moet een woord of woordgroep zijn, geen lijst of mapping")
            return None
        if node.tag.endswith(":null"):  # `~`, `null` or nothing: an empty value, not the word "null"
            return ""
        ch = _CONTROL_RE.search(node.value)
        if ch:
            self.add(node, "WW009", f"{what}: onzichtbaar stuurteken U+{ord(ch.group(0)):04X} in de tekst",
                     "verwijder het teken; het komt meestal mee bij kopiëren uit een ander programma")
            return None
        return node.value

    def label(self, node: yaml.Node, what: str) -> str | None:
        text = self.scalar(node, what)
        if text is None:
            return None
        label = T.clean_label(text)
        if not label:
            self.add(node, "WW958", f"{what} is leeg", "vul een woord in of verwijder de regel")
            return None
        if len(label) > T.MAX_LABEL_CHARS:
            self.add(node, "WW958", f"{what} is {len(label)} tekens; het maximum is {T.MAX_LABEL_CHARS}",
                     "een term is een woord of een korte woordgroep")
            return None
        return label

    def labels(self, node: yaml.Node, what: str) -> list[tuple[str, T.Where]]:
        """One label, or a list of them, each with its place."""
        if isinstance(node, yaml.MappingNode):
            self.add(node, "WW952", f"{what} moet een term of een lijst van termen zijn, geen mapping",
                     "schrijf de termen tussen rechte haken, gescheiden door komma's: [term, andere term]")
            return []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            label = self.label(item, what)
            if label:
                out.append((label, self.where(item)))
        return out


def _conversion_hint(groups: yaml.Node) -> str:
    """How to write the old groups as concepts, with the first group as the example."""
    hint = ("schrijf 'begrippen:' in plaats van 'synonyms:' en elke groep [a, b, c] als begrip "
            "'- voorkeursterm: a' met 'ook: [b, c]' (zie docs/redactie/zoeken.md)")
    first = groups.value[0] if isinstance(groups, yaml.SequenceNode) and groups.value else None
    if isinstance(first, yaml.SequenceNode) and first.value and all(isinstance(n, yaml.ScalarNode) for n in first.value):
        words = [T.clean_label(n.value) for n in first.value]
        example = yaml.safe_dump({T.PREF: words[0], T.ALT: words[1:]}, allow_unicode=True, sort_keys=False,
                                 default_flow_style=True, width=10_000).strip()
        hint += f"; de eerste groep wordt: - {example}"
    return hint
