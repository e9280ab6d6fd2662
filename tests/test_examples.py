"""docs/redactie/voorbeelden.md shows real output of `watwerkt new`, a failing `watwerkt check` and
`watwerkt diff`; regenerating it must give the committed page."""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import ROOT

PAGE = ROOT / "docs" / "redactie" / "voorbeelden.md"


@pytest.fixture(scope="module")
def generated():
    spec = importlib.util.spec_from_file_location("gen_examples", ROOT / "scripts" / "gen_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate()


def test_example_page_is_current(generated):
    assert PAGE.read_text(encoding="utf-8") == generated, (
        "docs/redactie/voorbeelden.md is stale: run `python scripts/gen_examples.py`")


def test_generation_is_repeatable(generated):
    spec = importlib.util.spec_from_file_location("gen_examples_again", ROOT / "scripts" / "gen_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.generate() == generated


def blocks(text: str) -> dict[str, tuple[str, int]]:
    """Console blocks by command: (output, exit code)."""
    out = {}
    for m in re.finditer(r"```console\n\$ (?P<cmd>[^\n]+)\n(?P<body>.*?)```\n\nEindcode: (?P<code>\d+)\n", text, re.S):
        out[m["cmd"]] = (m["body"], int(m["code"]))
    return out


def test_examples_show_what_the_guide_promises(generated):
    found = blocks(generated)
    new = next(v for k, v in found.items() if k.startswith("watwerkt new "))
    assert new[1] == 0 and "dossiers/buurtteams/dossier.yml" in new[0]
    github = next(v for k, v in found.items() if k.startswith("watwerkt check --format github"))
    lines = github[0].splitlines()
    assert github[1] == 1 and lines
    assert all(re.match(r"^::error file=dossiers/buurtteams/[a-z]+\.(yml|md),line=\d+,col=\d+,title=WW901::", line)
               for line in lines), lines
    diff = next(v for k, v in found.items() if k.startswith("watwerkt diff "))
    assert diff[1] == 0
    assert "Bewijsniveau gewijzigd: duidelijke-meldingen: Verondersteld -> Eerste aanwijzingen" in diff[0]
    assert "Let op:" in diff[0]
    # no machine-specific paths in the page
    assert "/tmp" not in generated and str(ROOT) not in generated


def test_guide_links_to_the_examples():
    guide = (ROOT / "docs" / "redactie" / "bijdragen.md").read_text(encoding="utf-8")
    for target in ("voorbeelden.md", "velden.md", "meldingen.md", "index.md", "pre-commit-config.voorbeeld.yaml"):
        assert f"]({target}" in guide, target
        assert (ROOT / "docs" / "redactie" / target).exists()
