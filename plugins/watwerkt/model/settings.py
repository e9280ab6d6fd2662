"""Settings the core needs, read from one place by both the CLI and the MkDocs plugin.

Package defaults live in data/settings.yml; a project's watwerkt.yml overrides them key by
key (nested mappings are merged, lists replaced).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SETTINGS_FILE = "watwerkt.yml"
_DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "settings.yml"


class SettingsError(Exception):
    """A maintainer's watwerkt.yml is unusable; reported as a usage error, not a dossier problem."""


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_list_items: int
    max_text_chars: int
    max_dossiers: int


@dataclass(frozen=True)
class Settings:
    site_name: str
    base_url: str
    dossiers_dir: str
    licence_name: str
    licence_url: str
    repository_url: str
    edit_branch: str
    feedback_email: str
    limits: Limits
    evidence_scale: tuple[Level, ...]
    recognition_scale: tuple[Level, ...]
    root: Path = field(default=Path("."))

    @property
    def evidence_ids(self) -> list[str]:
        return [lvl.id for lvl in self.evidence_scale]

    @property
    def recognition_ids(self) -> list[str]:
        return [lvl.id for lvl in self.recognition_scale]

    def evidence(self, level_id: str) -> Level | None:
        return next((lvl for lvl in self.evidence_scale if lvl.id == level_id), None)

    def recognition(self, level_id: str) -> Level | None:
        return next((lvl for lvl in self.recognition_scale if lvl.id == level_id), None)


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _levels(raw: Any, name: str) -> tuple[Level, ...]:
    if not isinstance(raw, list) or not raw:
        raise SettingsError(f"'{name}' moet een niet-lege lijst van niveaus zijn")
    levels = []
    for item in raw:
        if not isinstance(item, dict) or "id" not in item or "label" not in item:
            raise SettingsError(f"elk niveau in '{name}' heeft een 'id' en een 'label'")
        levels.append(Level(str(item["id"]), str(item["label"]), str(item.get("description", ""))))
    return tuple(levels)


def find_settings_file(start: Path) -> Path | None:
    """The nearest watwerkt.yml in start or its parents."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: Path | None = None) -> Settings:
    with open(_DEFAULTS, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    root = Path(".")
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                override = yaml.safe_load(fh) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise SettingsError(f"{path}: kan instellingen niet lezen: {exc}") from None
        except RecursionError:
            raise SettingsError(f"{path}: instellingen zijn te diep genest") from None
        if not isinstance(override, dict):
            raise SettingsError(f"{path}: instellingen moeten een mapping zijn")
        data = _merge(data, override)
        root = path.parent
    try:
        lim = data["limits"]
        return Settings(
            site_name=str(data["site_name"]),
            base_url=str(data["base_url"]).rstrip("/") + "/",
            dossiers_dir=str(data["dossiers_dir"]),
            licence_name=str(data["content_licence"]["name"]),
            licence_url=str(data["content_licence"]["url"]),
            repository_url=str(data["repository"]["url"] or ""),
            edit_branch=str(data["repository"]["edit_branch"]),
            feedback_email=str(data["feedback"]["email"] or ""),
            limits=Limits(
                int(lim["max_file_bytes"]),
                int(lim["max_list_items"]),
                int(lim["max_text_chars"]),
                int(lim["max_dossiers"]),
            ),
            evidence_scale=_levels(data["evidence_scale"], "evidence_scale"),
            recognition_scale=_levels(data["recognition_scale"], "recognition_scale"),
            root=root,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SettingsError(f"ongeldige instellingen: {exc}") from None


def today_from_env() -> str | None:
    return os.environ.get("WATWERKT_TODAY") or None
