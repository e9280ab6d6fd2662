"""The search thesaurus: groups of words and phrases that should find each other.

Kept as data (package default data/thesaurus.yml, extended by a project's thesaurus.yml next
to watwerkt.yml) so editors can add compounds, derivations and synonyms without code.
Format: a mapping with one key, ``synonyms``: a list of groups, each a list of words or phrases.
Groups are not merged: a word expands to the members of every group it appears in.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from watwerkt.model.settings import SettingsError

THESAURUS_FILE = "thesaurus.yml"
_DEFAULT = Path(__file__).resolve().parent.parent / "data" / THESAURUS_FILE
_MAX_BYTES = 1_000_000
_MAX_ENTRY_CHARS = 100


def _read(path: Path) -> list[list[str]]:
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise SettingsError(f"{path}: thesaurus is groter dan {_MAX_BYTES} bytes")
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: kan de thesaurus niet lezen: {exc}") from None
    except RecursionError:
        raise SettingsError(f"{path}: de thesaurus is te diep genest") from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"synonyms"}:
        raise SettingsError(f"{path}: de thesaurus heeft precies één sleutel, 'synonyms', met een lijst van groepen")
    groups = data.get("synonyms") or []
    if not isinstance(groups, list):
        raise SettingsError(f"{path}: 'synonyms' moet een lijst van groepen zijn")
    out = []
    for i, group in enumerate(groups, 1):
        if not isinstance(group, list) or len(group) < 2:
            raise SettingsError(f"{path}: groep {i} moet een lijst van minstens twee woorden zijn, zoals [a, b]")
        entries = []
        for entry in group:
            if isinstance(entry, (int, float)) and not isinstance(entry, bool):
                entry = str(entry)
            if not isinstance(entry, str) or not entry.strip() or len(entry) > _MAX_ENTRY_CHARS:
                raise SettingsError(
                    f"{path}: groep {i}: elk item is een woord of woordgroep van hoogstens {_MAX_ENTRY_CHARS} tekens")
            entries.append(" ".join(entry.split()))
        out.append(entries)
    return out


def load_thesaurus(project_root: Path | None = None) -> list[list[str]]:
    """The default groups plus those of `project_root/thesaurus.yml`, if that file exists."""
    groups = _read(_DEFAULT)
    if project_root is not None:
        extra = Path(project_root) / THESAURUS_FILE
        if extra.is_file():
            groups += _read(extra)
    return groups
