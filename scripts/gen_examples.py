"""Regenerate docs/redactie/voorbeelden.md: real output of `watwerkt new`, a failing
`watwerkt check --format github` and `watwerkt diff`.

The commands run in-process in a temporary git repository built from tests/fixtures/valid, with
relative paths and a fixed date, so the output is the same on every machine.
tests/test_examples.py regenerates the page and compares it with the committed copy.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from watwerkt.cli import main  # noqa: E402

PAGE = ROOT / "docs" / "redactie" / "voorbeelden.md"
TODAY = "2026-11-26"
TITLE = "Wat werkt bij buurtteams"
HEADER = "<!-- Gegenereerd door `python scripts/gen_examples.py`; niet met de hand bewerken. -->\n\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
    "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org",
    "GIT_AUTHOR_DATE": f"{TODAY}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{TODAY}T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}

# The edit shown in the diff example: a new element with a new source, stronger evidence for an
# existing element, new review dates, a changed section, and no changelog entry.
EDITS = [
    ("dossier.yml", "  reviewed: 2025-06-01\n  review_due: 2027-06-01\n",
     "  reviewed: 2026-11-26\n  review_due: 2028-11-26\n"),
    ("dossier.yml", "    evidence: verondersteld\n    sources: [jansen-2020]\n",
     "    evidence: aanwijzingen\n    sources: [jansen-2020, de-vries-2026]\n"
     "  - id: samen-nakijken\n    title: Samen nakijken\n"
     "    description: Twee redacteuren zien meer dan een [@de-vries-2026].\n"
     "    evidence: verondersteld\n    sources: [de-vries-2026]\n"),
    ("dossier.yml", "changelog:\n",
     "  - id: de-vries-2026\n    type: article\n    authors: [\"Vries, C. de\"]\n    year: 2026\n"
     "    title: Samen nakijken werkt\n    journal: Tijdschrift voor Tests\n"
     "changelog:\n"),
    ("feiten.md", "", "\nNakijken kost gemiddeld tien minuten per sectie [@de-vries-2026].\n"),
]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def run(argv: list[str]) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return out.getvalue(), err.getvalue(), code


def console(argv: list[str]) -> tuple[str, int]:
    """A console block: the command, what it printed (stdout, then stderr) and its exit code."""
    out, err, code = run(argv)
    shown = "$ watwerkt " + " ".join(shlex.quote(a) for a in argv)
    body = (out + err).rstrip("\n")
    return f"```console\n{shown}\n{body}\n```\n\nEindcode: {code}\n", code


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, (path, old)
        text = text.replace(old, new)
    else:
        text += new
    path.write_text(text, encoding="utf-8")


def generate() -> str:
    previous = Path.cwd()
    saved_today = os.environ.pop("WATWERKT_TODAY", None)
    with tempfile.TemporaryDirectory(prefix="watwerkt-voorbeelden-") as tmp:
        repo = Path(tmp) / "kennisbank"
        shutil.copytree(ROOT / "tests" / "fixtures" / "valid", repo)
        # As in this repository: the committed schema and the editors' pages the scaffold names.
        for rel in ("docs/schema/dossier.schema.json", "docs/redactie/velden.md", "docs/redactie/bijdragen.md"):
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, repo / rel)
        git("init", "-q", "-b", "main", ".", cwd=repo)
        git("add", "-A", cwd=repo)
        git("commit", "-q", "-m", "Twee dossiers", cwd=repo)
        os.chdir(repo)
        try:
            new_block, _ = console(["new", TITLE, "--today", TODAY])
            yml = (repo / "dossiers" / "buurtteams" / "dossier.yml").read_text(encoding="utf-8")
            definitie = (repo / "dossiers" / "buurtteams" / "definitie.md").read_text(encoding="utf-8")
            github_block, github_code = console(["check", "--format", "github", "--today", TODAY])
            text_block, _ = console(["check", "dossiers/buurtteams", "--today", TODAY])
            assert github_code == 1, "the example check must fail"
            shutil.rmtree(repo / "dossiers" / "buurtteams")
            for name, old, new in EDITS:
                _edit(repo / "dossiers" / "voorbeeld" / name, old, new)
            changed_block, _ = console(["check", "--changed", "main", "--today", TODAY])
            diff_block, _ = console(["diff", "main"])
        finally:
            os.chdir(previous)
            if saved_today is not None:
                os.environ["WATWERKT_TODAY"] = saved_today
    return HEADER + f"""# Voorbeelden van de opdrachten

Op deze pagina staat echte uitvoer van `watwerkt`, gemaakt in een kleine testkennisbank met twee
dossiers (`voorbeeld` en `ander-dossier`) en een vaste datum (`--today {TODAY}`). De stappen zelf
staan in [Een dossier bijdragen](bijdragen.md).

## Een nieuw dossier beginnen: `watwerkt new`

{new_block}
Het nieuwe `dossiers/buurtteams/dossier.yml` ziet er zo uit. De eerste regel koppelt het bestand
aan het schema, zodat een editor met YAML-ondersteuning (zoals VS Code) uitleg en fouten toont
terwijl u typt.

```yaml
{yml.rstrip()}
```

En `definitie.md` (de tekst tussen `<!--` en `-->` komt niet op de site):

```markdown
{definitie.rstrip()}
```

## Een controle die faalt: `watwerkt check`

Zolang er invultekst staat, faalt de controle met WW901, ook bij status `draft`. In een pull
request schrijft de controle haar meldingen zo, en GitHub zet ze als opmerking bij de regel:

{github_block}
Op uw eigen computer leest de gewone vorm makkelijker:

{text_block}
## Alleen wat u veranderde: `watwerkt check --changed`

Daarna is in het dossier `voorbeeld` een werkzaam element met een nieuwe bron toegevoegd, is een
bewijsniveau verhoogd en zijn de herzieningsdata aangepast, maar is `changelog` vergeten.
`--changed` controleert alleen de dossiers die sinds `main` zijn veranderd:

{changed_block}
## Wat is er veranderd: `watwerkt diff`

De samenvatting voor wie het pull request beoordeelt. Ze waarschuwt dat er geen regel in
`changelog` bij is gekomen:

{diff_block}"""


if __name__ == "__main__":
    PAGE.write_text(generate(), encoding="utf-8")
    print(f"geschreven: {PAGE.relative_to(ROOT)}")
