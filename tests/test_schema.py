"""The JSON Schema is generated from the model, kept in sync, accepts the samples and rejects
every fixture whose fault is one of type or shape."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ROOT
from watwerkt.cli import main
from watwerkt.editor.schema import dossier_schema
from watwerkt.model.settings import load_settings

COMMITTED = ROOT / "docs" / "schema" / "dossier.schema.json"


def _plain(node):
    """Node tree -> JSON data with every scalar a string, as our loader reads it."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return node.value


def load_for_schema(path):
    return _plain(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


@pytest.fixture(scope="module")
def validator():
    schema = dossier_schema(load_settings(None))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_in_sync(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(printed), (
        "docs/schema/dossier.schema.json is stale: run `watwerkt schema -o docs/schema/dossier.schema.json`"
    )


def test_schema_descriptions_are_dutch(validator):
    props = validator.schema["properties"]
    assert props["effective_elements"]["description"].startswith("Werkzame elementen")
    assert all(p.get("description") for p in props.values())


SAMPLES = sorted((ROOT / "dossiers").glob("*/dossier.yml")) + sorted((FIXTURES / "valid").glob("dossiers/*/dossier.yml"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.parent.name for p in SAMPLES])
def test_schema_accepts_valid_dossiers(validator, path):
    errors = list(validator.iter_errors(load_for_schema(path)))
    assert errors == []


def test_schema_accepts_what_editor_tools_parse(validator):
    """yaml-language-server reads YAML 1.2: numbers stay numbers. The schema must accept that."""
    data = yaml.safe_load((FIXTURES / "valid/dossiers/voorbeeld/dossier.yml").read_text())
    data = json.loads(json.dumps(data, default=str))  # dates as strings, ints as ints
    assert isinstance(data["format_version"], int)
    assert list(validator.iter_errors(data)) == []


SHAPE_CASES = sorted(
    p.parent for p in (FIXTURES / "broken").glob("*/expected.txt") if p.read_text().startswith("# shape")
)


@pytest.mark.parametrize("case", SHAPE_CASES, ids=[c.name for c in SHAPE_CASES])
def test_schema_rejects_shape_faults(validator, case):
    bad = [line.split(":")[0] for line in (case / "expected.txt").read_text().splitlines() if "dossier.yml:" in line]
    assert bad, "a shape fault is in a dossier.yml"
    for rel in set(bad):
        assert not validator.is_valid(load_for_schema(case / rel)), f"schema accepts {case.name}/{rel}"


def test_there_are_shape_cases():
    assert len(SHAPE_CASES) >= 15


def test_reference_pages_are_current():
    from watwerkt.editor.reference import PAGES

    settings = load_settings(None)
    for rel, make in PAGES.items():
        assert (ROOT / rel).read_text(encoding="utf-8") == make(settings), (
            f"{rel} is stale: run `python scripts/gen_reference.py`"
        )
