"""Shared test helpers. 'Today' is fixed so verdicts never change with the calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watwerkt.settings import find_settings_file, load_settings
from watwerkt.validate import check

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
