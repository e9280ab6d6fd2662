"""Property: whatever an editor (or an attacker) does to a valid dossier, the checker answers
with located Problems, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES, ROOT, TODAY
from watwerkt.model.codes import CODES
from watwerkt.model.problems import Problem
from watwerkt.model.settings import load_settings
from watwerkt.check import check

SOURCES = [FIXTURES / "valid" / "dossiers", ROOT / "dossiers"]
SETTINGS = load_settings(None)


def _mutate_lines(data, text: str) -> str:
    lines = text.split("\n")
    op = data.draw(st.sampled_from(["drop", "misspell", "swap", "insert", "dup"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "drop":
        del lines[i]
    elif op == "misspell" and ":" in lines[i]:
        key, rest = lines[i].split(":", 1)
        if key.strip():
            j = data.draw(st.integers(0, len(key) - 1))
            key = key[:j] + data.draw(st.characters(codec="utf-8")) + key[j + 1 :]
        lines[i] = key + ":" + rest
    elif op == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        if ":" in lines[i] and ":" in lines[j]:
            ki, vi = lines[i].split(":", 1)
            kj, vj = lines[j].split(":", 1)
            lines[i], lines[j] = ki + ":" + vj, kj + ":" + vi
        else:
            lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert":
        lines.insert(i, data.draw(st.text(max_size=40)))
    else:
        lines.insert(i, lines[i])
    return "\n".join(lines)


def _mutate_bytes(data, raw: bytes) -> bytes:
    for _ in range(data.draw(st.integers(1, 4))):
        if not raw:
            break
        i = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + bytes([data.draw(st.integers(0, 255))]) + raw[i + 1 :]
    return raw


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_dossiers_give_problems_not_exceptions(data):
    source = data.draw(st.sampled_from(SOURCES))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "dossiers"
        shutil.copytree(source, root, symlinks=True)
        folders = sorted(p for p in root.iterdir() if p.is_dir())
        folder = data.draw(st.sampled_from(folders))
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".md"))
        for _ in range(data.draw(st.integers(1, 3))):
            target = data.draw(st.sampled_from(files))
            if data.draw(st.booleans()):
                target.write_bytes(_mutate_bytes(data, target.read_bytes()))
            else:
                text = target.read_bytes().decode("utf-8", "replace")
                target.write_text(_mutate_lines(data, text), encoding="utf-8")

        result = check([root], SETTINGS, TODAY, base=Path(tmp))

        assert isinstance(result.problems, list)
        for p in result.problems:
            assert isinstance(p, Problem)
            assert p.code in CODES
            assert p.line >= 1 and p.col >= 1
            assert p.path.startswith("dossiers/") and p.message
