"""The loader: YAML 1.1 surprises never reach the model, unreadable input becomes a Problem
(never a traceback), and the model keeps the position of every value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import copy_valid, edit
from watwerkt.load.folder import LoadedDossier, load_dossier
from watwerkt.model.dossier import Pos
from watwerkt.model.settings import load_settings

YML = "dossiers/voorbeeld/dossier.yml"


# -- helpers ----------------------------------------------------------------------


def load(root: Path, name: str = "voorbeeld") -> LoadedDossier:
    return load_dossier(root / "dossiers" / name, load_settings(None), base=root)


def only(loaded: LoadedDossier, code: str):
    hits = [p for p in loaded.problems if p.code == code]
    assert len(hits) == 1, [(p.code, p.line, p.col, p.message) for p in loaded.problems]
    return hits[0]


@pytest.fixture
def root(tmp_path):
    return copy_valid(tmp_path)


@pytest.fixture
def yml(root):
    return root / "dossiers" / "voorbeeld" / "dossier.yml"


# -- baseline ---------------------------------------------------------------------
def test_valid_dossier_loads_typed_values(root):
    loaded = load(root)
    assert loaded.problems == []
    d = loaded.dossier
    assert d.format_version == 1 and isinstance(d.format_version, int)
    assert d.dates.published == dt.date(2025, 1, 15)
    assert type(d.dates.published) is dt.date  # not a datetime, not a string
    assert d.status == "published"
    assert d.slug == "voorbeeld"
    assert set(d.sections) == {"definitie", "feiten"}
    assert [e.id for e in d.literature] == ["jansen-2020", "testbureau-2021"]


# -- YAML 1.1 surprises ----------------------------------------------------------------
def test_status_no_is_rejected_as_the_string_no(root, yml):
    edit(yml, "status: published", "status: no")
    loaded = load(root)
    p = only(loaded, "WW104")
    assert "'no'" in p.message
    assert "False" not in p.message
    assert (p.path, p.line, p.col) == (YML, 4, 9)
    assert loaded.dossier.status is None


def test_format_version_010_is_not_octal_8_nor_accepted(root, yml):
    edit(yml, "format_version: 1\n", "format_version: 010\n")
    loaded = load(root)
    p = only(loaded, "WW105")
    assert "'010'" in p.message
    assert loaded.dossier.format_version is None
    assert [q.code for q in loaded.problems] == ["WW105"]


def test_title_yes_stays_the_string_yes(root, yml):
    edit(yml, "title: Wat werkt bij het testen van dossiers", "title: yes")
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.title == "yes"


def test_year_2014_stays_a_string(root, yml):
    edit(yml, "year: 2020", "year: 2014")
    loaded = load(root)
    assert loaded.problems == []
    year = loaded.dossier.literature[0].year
    assert year == "2014" and isinstance(year, str)


def test_other_yaml_11_scalars_stay_text(root, yml):
    edit(yml, "themes: [testen]", "themes: [yes, no, on, off, 1e3, '1:20', 1:20, 0x1F]")
    edit(yml, "publisher: Testuitgeverij", 'publisher: "null"')
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.themes == ["yes", "no", "on", "off", "1e3", "1:20", "1:20", "0x1F"]
    assert loaded.dossier.literature[0].publisher == "null"


def test_unquoted_null_is_an_empty_value(root, yml):
    edit(yml, "title: Wat werkt bij het testen van dossiers", "title: ~")
    loaded = load(root)
    p = only(loaded, "WW108")
    assert (p.line, p.col) == (2, 8)
    assert loaded.dossier.title is None


def test_unknown_key_on_is_reported_as_on(root, yml):
    edit(yml, "status: published\n", "status: published\non: x\n")
    loaded = load(root)
    p = only(loaded, "WW103")
    assert "'on'" in p.message
    assert "True" not in p.message
    assert (p.line, p.col) == (5, 1)


def test_duplicate_key_is_ww007_and_names_the_first_line(root, yml):
    edit(yml, "status: published\n", "status: published\nstatus: draft\n")
    loaded = load(root)
    p = only(loaded, "WW007")
    assert (p.path, p.line, p.col) == (YML, 5, 1)
    assert "'status'" in p.message
    assert "regel 4" in p.hint
    # The first value wins; the duplicate is not silently applied.
    assert loaded.dossier.status == "published"


# -- encodings and hostile input ------------------------------------------------------
def test_bom_prefixed_utf8_is_accepted(root, yml):
    yml.write_bytes(b"\xef\xbb\xbf" + yml.read_bytes())
    md = root / "dossiers" / "voorbeeld" / "definitie.md"
    md.write_bytes(b"\xef\xbb\xbf" + md.read_bytes())
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.format_version == 1
    assert loaded.dossier.where("format_version") == Pos(YML, 1, 17)
    assert not loaded.dossier.sections["definitie"].text.startswith("\ufeff")


def test_crlf_line_endings_load_with_the_same_positions(root, yml):
    yml.write_bytes(yml.read_bytes().replace(b"\n", b"\r\n"))
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.where("status") == Pos(YML, 4, 9)
    assert loaded.dossier.summary == "Een klein testdossier dat alle velden gebruikt."


@pytest.mark.parametrize("char", ["\x00", "\x01"])
def test_control_character_is_ww001_not_a_traceback(root, yml, char):
    yml.write_bytes(yml.read_bytes().replace(b"Eerste versie.", b"Eerste" + char.encode() + b" versie."))
    loaded = load(root)  # must not raise
    p = only(loaded, "WW001")
    assert (p.path, p.line, p.col) == (YML, 45, 20)
    assert f"U+{ord(char):04X}" in p.message
    assert loaded.dossier is None


def test_deep_nesting_is_a_problem_not_a_recursion_error(root, yml):
    yml.write_text("[" * 10000 + "]" * 10000 + "\n", encoding="utf-8")
    loaded = load(root)  # must not raise RecursionError
    p = only(loaded, "WW001")
    assert p.path == YML
    assert loaded.dossier is None


def test_latin1_is_ww003_with_the_byte_position(root, yml):
    yml.write_bytes(yml.read_bytes().replace(b"summary: Een", b"summary: \xe9\xe9n"))
    loaded = load(root)
    p = only(loaded, "WW003")
    assert (p.line, p.col) == (3, 10)
    assert "0xe9" in p.message
    assert loaded.dossier is None


# -- the model keeps positions -----------------------------------------------------------
def test_model_keeps_positions(root):
    d = load(root).dossier
    assert d.where("title") == Pos(YML, 2, 8)
    assert d.where("status") == Pos(YML, 4, 9)
    assert d.dates.where("review_due") == Pos(YML, 11, 15)
    element = d.effective_elements[0]
    assert element.at == Pos(YML, 15, 5)
    assert element.pos["sources[0]"] == Pos(YML, 20, 15)
    assert d.literature[1].where("doi") == Pos(YML, 42, 10)
    # A field that is absent falls back to the start of its mapping.
    assert d.dates.where("nonexistent") == d.dates.at == Pos(YML, 9, 3)


def test_doi_url_form_is_normalised(root, yml):
    edit(yml, "doi: 10.1234/test.2021.1", "doi: https://doi.org/10.1234/test.2021.1")
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.literature[1].doi == "10.1234/test.2021.1"


# -- version and status ----------------------------------------------------------------------
def test_version_is_the_newest_changelog_date(root, yml):
    edit(
        yml,
        "  - date: 2025-06-01\n    summary: Eerste versie.\n",
        "  - date: 2025-06-01\n    summary: Eerste versie.\n"
        "  - date: 2026-01-10\n    summary: Herzien.\n"
        "  - date: 2025-12-31\n    summary: Kleine correctie.\n",
    )
    loaded = load(root)
    assert loaded.problems == []
    assert [c.date for c in loaded.dossier.changelog] == [
        dt.date(2025, 6, 1), dt.date(2026, 1, 10), dt.date(2025, 12, 31)]
    assert loaded.dossier.version == dt.date(2026, 1, 10)


def test_version_ignores_an_invalid_changelog_date(root, yml):
    edit(
        yml,
        "    summary: Eerste versie.\n",
        "    summary: Eerste versie.\n  - date: 2026-13-01\n    summary: Ongeldig.\n",
    )
    loaded = load(root)
    assert [p.code for p in loaded.problems] == ["WW301"]
    assert loaded.dossier.version == dt.date(2025, 6, 1)


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_other_statuses_load(root, yml, status):
    edit(yml, "status: published", f"status: {status}")
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.dossier.status == status
