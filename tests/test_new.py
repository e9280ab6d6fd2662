"""`watwerkt new` and the WW901 placeholder rule: scaffold, check fails on every placeholder at its
exact place, fill in, check passes, the site builds with the new dossier."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import FIXTURES
from watwerkt.cli import main
from watwerkt.editor.schema import schema_text
from watwerkt.editor.scaffold import slugify
from watwerkt.site.config import load_project

TODAY = "2026-06-01"
TITLE = "Wat werkt bij buurtteams"
NEW = "dossiers/buurtteams"
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>fout|waarschuwing) (?P<code>WW\d{3}) ")


@pytest.fixture(autouse=True)
def no_env_today(monkeypatch):
    monkeypatch.delenv("WATWERKT_TODAY", raising=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A minimal site project: mkdocs.yml with the plugin, docs/index.md and the valid fixture dossiers."""
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        f"plugins:\n  - watwerkt:\n      today: '{TODAY}'\n      pdf: false\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems(stdout: str) -> list[tuple[str, int, int, str, str]]:
    out = []
    for line in stdout.splitlines():
        m = TEXT_LINE.match(line)
        if m:
            out.append((m["path"], int(m["line"]), int(m["col"]), m["sev"], m["code"]))
    return out


def placeholder_positions(project, rel: str) -> set[tuple[str, int, int]]:
    """Every INVULLEN: in a file, except in YAML comments (editor guidance, not content)."""
    found = set()
    for n, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1):
        if rel.endswith(".yml") and line.lstrip().startswith("#"):
            continue
        for m in re.finditer("INVULLEN:", line):
            found.add((rel, n, m.start() + 1))
    return found


def build_site(project):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project / "site"


def fill_in(project) -> None:
    """What an editor does: replace every placeholder, and publish."""
    yml = project / NEW / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    for old, new in [
        ('"INVULLEN: twee of drie zinnen die zeggen waar het dossier over gaat."',
         "Buurtteams helpen bewoners dichtbij huis."),
        ('"INVULLEN: uw naam"', "Redactie Buurt"),
        ('    organisation: "INVULLEN: uw organisatie, of haal deze regel weg"\n', ""),
        ('"INVULLEN: thema"', "zorg"),
        ('"INVULLEN: doelgroep"', "gemeenten"),
        ('"INVULLEN: korte naam van het werkzame element"', "Generalistisch werken"),
        ("INVULLEN: beschrijf wat werkt en waarom, met een bron [@eerste-bron].",
         "Een generalist ziet het hele huishouden [@eerste-bron]."),
        ('"INVULLEN: Achternaam, V."', '"Bakker, D."'),
        ('"INVULLEN: titel van de publicatie"', "Buurtteams in de praktijk"),
        ("status: draft", "status: published"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    yml.write_text(text, encoding="utf-8")
    (project / NEW / "definitie.md").write_text(
        "Een buurtteam is een team van hulpverleners in de wijk [@eerste-bron].\n", encoding="utf-8")
    (project / NEW / "feiten.md").write_text(
        "Veel gemeenten werken met buurtteams [@eerste-bron, p. 3].\n", encoding="utf-8")


# -- acceptance: scaffold -> WW901 -> fill in -> clean -> site ----------------------------------------
def test_scaffold_fails_on_placeholders_then_passes_and_builds(project, capsys):
    assert main(["new", TITLE, "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        f"Nieuw dossier aangemaakt in {NEW}/:",
        f"  {NEW}/dossier.yml", f"  {NEW}/definitie.md", f"  {NEW}/feiten.md",
    ]
    assert sorted(p.name for p in (project / NEW).iterdir()) == ["definitie.md", "dossier.yml", "feiten.md"]

    assert main(["check", "--today", TODAY]) == 1
    found = problems(capsys.readouterr().out)
    assert {p[4] for p in found} == {"WW901"}, found  # nothing but placeholders
    assert all(p[3] == "fout" for p in found)
    expected = set()
    for rel in ("dossier.yml", "definitie.md", "feiten.md"):
        expected |= placeholder_positions(project, f"{NEW}/{rel}")
    assert len(expected) >= 10
    assert {(p[0], p[1], p[2]) for p in found} == expected  # each one, at the marker itself

    fill_in(project)
    assert main(["check", "--strict", "--today", TODAY]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out == ""

    site = build_site(project)
    page = (site / "dossiers" / "buurtteams" / "index.html").read_text(encoding="utf-8")
    assert "Wat werkt bij buurtteams" in page
    assert "Generalistisch werken" in page and "Bakker" in page
    assert "INVULLEN" not in page
    assert "Wat werkt bij buurtteams" in (site / "dossiers" / "index.html").read_text(encoding="utf-8")


def test_unfilled_scaffold_fails_the_site_build(project, caplog):
    assert main(["new", TITLE, "--today", TODAY]) == 0
    with pytest.raises(Exception):
        build_site(project)
    assert f"{NEW}/dossier.yml:7:11: fout WW901" in caplog.text


def _modeline_target(yml: Path) -> Path:
    first = yml.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    return (yml.parent / first.split("$schema=", 1)[1]).resolve()


def test_scaffold_is_valid_for_the_json_schema_and_links_it(project, capsys):
    """A project with no schema of its own (a foreign site): `new` writes one under docs_dir,
    points the modeline at it, and names no editors' page the project does not have."""
    assert main(["new", TITLE, "--today", TODAY]) == 0
    assert "docs/schema/dossier.schema.json" in capsys.readouterr().out
    yml = project / NEW / "dossier.yml"
    target = _modeline_target(yml)
    assert target == (project / "docs" / "schema" / "dossier.schema.json").resolve()
    assert target.read_text(encoding="utf-8") == schema_text(load_project(project / "mkdocs.yml"))
    text = yml.read_text(encoding="utf-8")
    assert "redactie/" not in text  # the project has no editors' pages to name
    schema = json.loads(target.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    # A second dossier finds the schema up to date and leaves it alone.
    before = target.stat().st_mtime_ns
    assert main(["new", "Wat werkt bij buurtkamers", "--today", TODAY]) == 0
    assert "Het schema voor uw editor" not in capsys.readouterr().out
    assert target.stat().st_mtime_ns == before
    assert _modeline_target(project / "dossiers" / "buurtkamers" / "dossier.yml") == target


def test_scaffold_follows_docs_dir_and_names_existing_editor_pages(project):
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") + "docs_dir: inhoud\n",
                                        encoding="utf-8")
    (project / "docs").rename(project / "inhoud")
    (project / "inhoud" / "redactie").mkdir()
    (project / "inhoud" / "redactie" / "velden.md").write_text("# Velden\n", encoding="utf-8")
    assert main(["new", TITLE, "--today", TODAY]) == 0
    yml = project / NEW / "dossier.yml"
    assert _modeline_target(yml) == (project / "inhoud" / "schema" / "dossier.schema.json").resolve()
    assert _modeline_target(yml).is_file()
    assert "Alle velden: inhoud/redactie/velden.md." in yml.read_text(encoding="utf-8")
    assert "bijdragen.md" not in yml.read_text(encoding="utf-8")


def test_scaffold_dates_follow_today(project):
    assert main(["new", TITLE, "--today", "2024-02-29"]) == 0
    data = yaml.safe_load((project / NEW / "dossier.yml").read_text(encoding="utf-8"))
    assert str(data["dates"]["published"]) == "2024-02-29"
    assert str(data["dates"]["review_due"]) == "2026-02-28"
    assert str(data["changelog"][0]["date"]) == "2024-02-29"
    assert data["status"] == "draft"


# -- slugs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("title, slug", [
    ("Wat werkt bij buurtgericht werken", "buurtgericht-werken"),
    ("wat werkt voor Ouderen?", "ouderen"),
    ("Wat werkt bij Één gezin, één plan", "een-gezin-een-plan"),
    ("Wat werkt bijzonder goed", "wat-werkt-bijzonder-goed"),
    ("Café & cultuur  in de wijk", "cafe-cultuur-in-de-wijk"),
    ("Wat werkt bij", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_long_titles_give_slugs_cut_at_a_hyphen():
    slug = slugify("Wat werkt bij " + "samenwerking tussen " * 10)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.startswith("samenwerking-tussen")


def test_slug_option_overrides_the_title(project, capsys):
    assert main(["new", "Wat werkt bij één gezin, één plan", "--slug", "gezinsplan", "--today", TODAY]) == 0
    assert (project / "dossiers" / "gezinsplan" / "dossier.yml").is_file()
    text = (project / "dossiers" / "gezinsplan" / "dossier.yml").read_text(encoding="utf-8")
    assert 'title: "Wat werkt bij één gezin, één plan"' in text


# -- refusals: nothing is written or overwritten ------------------------------------------------------
def snapshot(project):
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "dossiers").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv, fragment", [
    (["new", "Wat werkt bij voorbeeld"], "de map voorbeeld/ bestaat al"),
    (["new", "Iets anders", "--slug", "ander-dossier"], "de map ander-dossier/ bestaat al"),
    (["new", "Wat werkt bij het testen van dossiers", "--slug", "testen"],
     "dossier 'voorbeeld' heeft al de titel 'Wat werkt bij het testen van dossiers'"),
])
def test_existing_dossier_is_refused(project, capsys, argv, fragment):
    before = snapshot(project)
    assert main(argv + ["--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("watwerkt: kan dossier ")
    assert fragment in err
    assert "Er is niets aangemaakt of overschreven" in err
    assert snapshot(project) == before


def test_slug_colliding_by_case_or_accents_is_refused(project, capsys):
    (project / "dossiers" / "Buurttéams").mkdir()
    before = snapshot(project)
    assert main(["new", TITLE, "--today", TODAY]) == 1
    err = capsys.readouterr().err
    assert "de map Buurttéams/ verschilt alleen in hoofdletters of accenten van 'buurtteams'" in err
    assert not (project / NEW).exists()
    assert snapshot(project) == before


def test_former_slug_is_refused(project, capsys):
    yml = project / "dossiers" / "voorbeeld" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("status: published\n",
                                                           "status: published\nformer_slugs: [buurtteams]\n"),
                   encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 0  # a valid former slug
    capsys.readouterr()
    assert main(["new", TITLE, "--today", TODAY]) == 1
    assert "'buurtteams' is een oude mapnaam (former_slugs) van dossier 'voorbeeld'" in capsys.readouterr().err
    assert not (project / NEW).exists()


@pytest.mark.parametrize("argv, fragment", [
    (["new", TITLE, "--slug", "Buurt_Teams"], "'Buurt_Teams' is geen geldige mapnaam"),
    (["new", "Wat werkt bij"], "geef er een met --slug"),
    (["new", "  "], "de titel is leeg"),
    (["new", "Wat werkt bij\nbuurtteams"], "stuurteken"),
    (["new", "x" * 201], "het maximum is 200"),
    (["new", "INVULLEN: titel"], "de titel bevat INVULLEN:"),
])
def test_bad_arguments_exit_2(project, capsys, argv, fragment):
    before = snapshot(project)
    assert main(argv + ["--today", TODAY]) == 2
    err = capsys.readouterr().err
    assert err.startswith("watwerkt: ") and fragment in err
    assert snapshot(project) == before


def test_missing_dossiers_folder_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", TITLE]) == 2
    assert "de map dossiers/ bestaat niet" in capsys.readouterr().err
    assert not (tmp_path / "dossiers").exists()


# -- the WW901 rule on any dossier, any status --------------------------------------------------------------
def test_placeholders_in_a_published_dossier_are_errors_at_their_place(project, capsys):
    v = project / "dossiers" / "voorbeeld"
    yml = v / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("themes: [testen]", 'themes: [testen, "INVULLEN: nog een thema"]')
    text = text.replace("      Een melding noemt bestand en regel [@jansen-2020].\n",
                        "      Een melding noemt bestand en regel [@jansen-2020].\n      Later: INVULLEN: meer.\n")
    yml.write_text(text, encoding="utf-8")
    (v / "feiten.md").write_text((v / "feiten.md").read_text(encoding="utf-8") + "\nZie INVULLEN: bron.\n",
                                 encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    lines = (v / "feiten.md").read_text(encoding="utf-8").splitlines()
    feiten_line = next(i for i, line in enumerate(lines, 1) if "INVULLEN:" in line)
    assert problems(capsys.readouterr().out) == [
        ("dossiers/voorbeeld/dossier.yml", 12, 19, "fout", "WW901"),  # past the quote
        ("dossiers/voorbeeld/dossier.yml", 19, 14, "fout", "WW901"),
        ("dossiers/voorbeeld/feiten.md", feiten_line, 5, "fout", "WW901"),
    ]


def test_lowercase_invullen_is_ordinary_text(project, capsys):
    v = project / "dossiers" / "voorbeeld"
    (v / "feiten.md").write_text("Formulieren invullen: dat kost tijd [@jansen-2020].\n", encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 0, capsys.readouterr().out


def test_commented_zoektermen_examples_are_valid_once_uncommented(project, capsys):
    """The scaffold shows zoektermen only as comments; an editor who removes the hash gets a valid
    field (no new problem besides the placeholders), on the dossier and on the element."""
    assert main(["new", TITLE, "--today", TODAY]) == 0
    yml = project / NEW / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    commented = [line for line in text.splitlines() if line.lstrip().startswith("# zoektermen:")]
    assert len(commented) == 2, commented  # one for the dossier, one for the element
    fill_in(project)
    text = yml.read_text(encoding="utf-8")
    for line in commented:
        text = text.replace(line, line.replace("# ", "", 1))
    yml.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--strict", "--today", TODAY]) == 0, capsys.readouterr().out
    from conftest import check_root

    d = next(x for x in check_root(project).valid_dossiers() if x.slug == "buurtteams")
    wanted = [yaml.safe_load(line.replace("# ", "", 1).strip())["zoektermen"] for line in commented]
    assert [d.zoektermen, d.effective_elements[0].zoektermen] == wanted
