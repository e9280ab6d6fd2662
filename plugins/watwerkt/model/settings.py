"""Settings the core needs, as one frozen value. No MkDocs here.

Where they come from (one home per fact): the site's identity from mkdocs.yml (`site_name`,
`site_url`, `repo_url`, `edit_uri`); everything MkDocs has no place for from the options of the
`watwerkt` plugin in the same file, validated by MkDocs' Config classes in watwerkt.site.config.
Package defaults for those options (the scales, limits, licence) live in data/settings.yml.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

import yaml

_DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "settings.yml"


class SettingsError(Exception):
    """The project's configuration is unusable; reported in Dutch with file and key, never a traceback."""


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
    base_url: str  # the published address, ending in '/'; "" when site_url is not set
    dossiers_dir: str
    licence_name: str
    licence_url: str
    repository_url: str
    edit_branch: str  # "" when edit_uri names no branch: no edit links then
    feedback_email: str
    limits: Limits
    evidence_scale: tuple[Level, ...]
    recognition_scale: tuple[Level, ...]
    root: Path = field(default=Path("."))

    @property
    def published(self) -> bool:
        """Has the site a real public address? Without one, citations say so instead of naming one."""
        return bool(self.base_url) and not is_loopback(self.base_url)

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


def default_options() -> dict[str, Any]:
    """The package defaults of the plugin options that the core uses (a fresh copy)."""
    with open(_DEFAULTS, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


_BRANCH = re.compile(r"^(?:-/)?(?:edit|blob|tree|src)/([^/?#]+)")


def branch_of(edit_uri: str) -> str:
    """The branch in MkDocs' edit_uri ('edit/main/docs/' -> 'main'); "" when it names none."""
    match = _BRANCH.match((edit_uri or "").lstrip("/"))
    return match.group(1) if match else ""


def _levels(raw: Any) -> tuple[Level, ...]:
    return tuple(Level(str(i["id"]), str(i["label"]), str(i.get("description") or "")) for i in raw)


def make_settings(
    options: Mapping[str, Any] | None = None,
    *,
    site_name: str = "Wat werkt",
    site_url: str = "",
    repo_url: str = "",
    edit_uri: str = "",
    root: Path = Path("."),
) -> Settings:
    """Settings from mkdocs.yml's identity and the plugin options (already validated; None = default)."""
    data = default_options()
    for key, value in (options or {}).items():
        if value is not None and key in data:
            data[key] = value
    lim = data["limits"]
    return Settings(
        site_name=str(site_name or ""),
        base_url=(str(site_url).rstrip("/") + "/") if site_url else "",
        dossiers_dir=str(data["dossiers_dir"]),
        licence_name=str(data["licence"]["name"]),
        licence_url=str(data["licence"]["url"]),
        repository_url=str(repo_url or "").rstrip("/"),
        edit_branch=branch_of(edit_uri),
        feedback_email=str(data["feedback_email"] or ""),
        limits=Limits(int(lim["max_file_bytes"]), int(lim["max_list_items"]),
                      int(lim["max_text_chars"]), int(lim["max_dossiers"])),
        evidence_scale=_levels(data["evidence_scale"]),
        recognition_scale=_levels(data["recognition_scale"]),
        root=Path(root),
    )


def load_settings(path: None = None) -> Settings:
    """Package defaults, for callers without a project (tests, scripts on a bare corpus)."""
    return make_settings()


def today_from_env() -> str | None:
    return os.environ.get("WATWERKT_TODAY") or None
