"""Shared test helpers. 'Today' is fixed so verdicts never change with the calendar."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from watwerkt.model.settings import find_settings_file, load_settings
from watwerkt.check import check

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 6, 1)


def check_root(case: Path, today: dt.date = TODAY):
    """Check a fixture case folder (holding dossiers/ and maybe watwerkt.yml) from inside it."""
    settings = load_settings(find_settings_file(case) if (case / "watwerkt.yml").exists() else None)
    return check([case / "dossiers"], settings, today, base=case)


@pytest.fixture
def settings():
    return load_settings(None)


def copy_valid(tmp_path: Path) -> Path:
    """A private copy of the valid fixture root (holding dossiers/voorbeeld and dossiers/ander-dossier)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_site(config_file: Path, site_dir: Path, **overrides) -> Path:
    """Build for real, as `mkdocs build --strict` does."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir
