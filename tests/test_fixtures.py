"""Every broken fixture yields exactly its expected problems (code, file and line); valid ones none."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, check_root
from watwerkt.model.codes import severity

CASES = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def expected(case):
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    out = set()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        where, code = line.split()
        path, lineno = where.rsplit(":", 1)
        out.add((path, int(lineno), code))
    return out


def test_valid_fixture_has_no_problems():
    result = check_root(FIXTURES / "valid")
    assert result.problems == []
    assert len(result.dossiers) == 2


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_fixture_reports_expected_problems(case):
    result = check_root(case)
    got = {(p.path, p.line, p.code) for p in result.problems}
    assert got == expected(case), "\n".join(f"{p.path}:{p.line}:{p.col} {p.code} {p.message}" for p in result.problems)
    expects_error = any(severity(code) == "error" for (_, _, code) in expected(case))
    assert bool(result.errors) == expects_error
    # Every problem has a real place and a Dutch message.
    for p in result.problems:
        assert p.line >= 1 and p.col >= 1 and p.message


def test_every_code_has_a_fixture():
    from watwerkt.model.codes import CODES

    covered = {code for case in CASES for (_, _, code) in expected(case)}
    untested = set(CODES) - covered - {"WW107", "WW606", "WW901"}  # unit-tested in test_rules.py
    assert not untested, f"codes without a broken fixture: {sorted(untested)}"
