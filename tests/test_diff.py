"""`watwerkt diff` and `watwerkt check --changed`, on real temporary git repositories built from the
valid fixture."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from watwerkt.cli import main

TODAY = "2026-06-01"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    monkeypatch.delenv("WATWERKT_TODAY", raising=False)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository (branch main, one commit) holding the valid fixture; the working directory."""
    root = tmp_path / "kennisbank"
    shutil.copytree(FIXTURES / "valid", root)
    git(root, "init", "-q", "-b", "main", ".")
    commit(root, "start")
    monkeypatch.chdir(root)
    return root


V = "dossiers/voorbeeld"


def review_edit(root: Path) -> None:
    """Add an element and a source, raise an evidence level, move the review dates; no changelog."""
    yml = root / V / "dossier.yml"
    edit(yml, "  reviewed: 2025-06-01\n  review_due: 2027-06-01\n",
         "  reviewed: 2026-05-01\n  review_due: 2028-05-01\n")
    edit(yml, "    evidence: verondersteld\n    sources: [jansen-2020]\n",
         "    evidence: aannemelijk\n    sources: [jansen-2020]\n"
         "  - id: samen-nakijken\n    title: Samen nakijken\n"
         "    description: Twee zien meer dan een [@de-vries-2026].\n"
         "    evidence: aanwijzingen\n    sources: [de-vries-2026]\n")
    edit(yml, "changelog:\n",
         "  - id: de-vries-2026\n    type: article\n    authors: [\"Vries, C. de\"]\n    year: 2026\n"
         "    title: Samen nakijken werkt\n    journal: Tijdschrift voor Tests\nchangelog:\n")


EXPECTED_REVIEW = (
    "## voorbeeld: Wat werkt bij het testen van dossiers\n"
    "- Werkzaam element toegevoegd: samen-nakijken (Samen nakijken), bewijsniveau Eerste aanwijzingen\n"
    "- Bewijsniveau gewijzigd: duidelijke-meldingen: Verondersteld -> Aannemelijk\n"
    "- Literatuur toegevoegd: de-vries-2026 (Samen nakijken werkt, 2026)\n"
    "- Datum laatst herzien (reviewed) gewijzigd: 2025-06-01 -> 2026-05-01\n"
    "- Datum volgende herziening (review_due) gewijzigd: 2027-06-01 -> 2028-05-01\n"
    "- Let op: de inhoud is gewijzigd, maar er is geen regel aan changelog toegevoegd.\n"
)


# -- watwerkt diff ------------------------------------------------------------------------------------
def test_diff_between_two_revisions(repo, capsys):
    git(repo, "tag", "v1")
    review_edit(repo)
    commit(repo, "herziening")
    assert main(["check", "--today", TODAY]) == 0  # the edit itself is valid
    capsys.readouterr()
    assert main(["diff", "v1", "HEAD"]) == 0
    assert capsys.readouterr().out == "Wijzigingen in de dossiers van v1 naar HEAD\n\n" + EXPECTED_REVIEW


def test_diff_against_the_working_tree_and_sections(repo, capsys):
    review_edit(repo)
    (repo / V / "feiten.md").write_text("Nieuwe feiten [@jansen-2020].\n", encoding="utf-8")
    (repo / V / "trends.md").write_text("Een trend [@jansen-2020].\n", encoding="utf-8")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wijzigingen in de dossiers van main naar de werkmap\n\n## voorbeeld: ")
    assert "- Secties gewijzigd: feiten.md\n- Secties toegevoegd: trends.md\n" in out
    assert "- Let op: de inhoud is gewijzigd" in out
    assert "ander-dossier" not in out


def test_changelog_entry_silences_the_warning(repo, capsys):
    review_edit(repo)
    edit(repo / V / "dossier.yml", "    summary: Eerste versie.\n",
         "    summary: Eerste versie.\n  - date: 2026-05-01\n    summary: Samen nakijken toegevoegd.\n")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "- Wijziging toegevoegd aan changelog: 2026-05-01: Samen nakijken toegevoegd.\n" in out
    assert "Let op" not in out


def test_dates_and_status_alone_need_no_changelog(repo, capsys):
    edit(repo / V / "dossier.yml", "status: published", "status: archived")
    edit(repo / V / "dossier.yml", "review_due: 2027-06-01", "review_due: 2027-12-01")
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out == (
        "Wijzigingen in de dossiers van main naar de werkmap\n\n"
        "## voorbeeld: Wat werkt bij het testen van dossiers\n"
        "- Status gewijzigd: published (gepubliceerd) -> archived (gearchiveerd)\n"
        "- Datum volgende herziening (review_due) gewijzigd: 2027-06-01 -> 2027-12-01\n"
    )


def test_removed_elements_and_literature(repo, capsys):
    yml = repo / "dossiers" / "ander-dossier" / "dossier.yml"
    edit(yml, "  - id: samen-testen\n    title: Samen testen\n"
              "    description: Testen gaat beter samen [@pietersen-2019].\n"
              "    evidence: aanwijzingen\n    sources: [pietersen-2019]\n", "  []\n")
    edit(yml, "effective_elements:\n  []\n", "effective_elements: []\n")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "- Werkzaam element verwijderd: samen-testen (Samen testen)\n" in out


def test_added_removed_and_renamed_dossiers(repo, capsys):
    shutil.copytree(repo / "dossiers" / "ander-dossier", repo / "dossiers" / "derde")
    edit(repo / "dossiers" / "derde" / "dossier.yml", "title: Wat werkt bij een ander dossier",
         "title: Wat werkt bij een derde dossier")
    edit(repo / "dossiers" / "derde" / "dossier.yml", "status: published", "status: draft")
    shutil.rmtree(repo / "dossiers" / "ander-dossier")
    git(repo, "mv", V, "dossiers/testen")
    edit(repo / "dossiers" / "testen" / "dossier.yml", "status: published\n",
         "status: published\nformer_slugs: [voorbeeld]\n")
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out == (
        "Wijzigingen in de dossiers van main naar de werkmap\n\n"
        "Dossier hernoemd: voorbeeld -> testen (Wat werkt bij het testen van dossiers)\n"
        "Nieuw dossier: derde (Wat werkt bij een derde dossier, status draft (concept))\n"
        "Dossier verwijderd: ander-dossier (Wat werkt bij een ander dossier)\n"
    )


def test_no_changes(repo, capsys):
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out == (
        "Wijzigingen in de dossiers van main naar de werkmap\n\nGeen wijzigingen in de dossiers.\n")


def test_unreadable_dossier_yml_is_reported_not_raised(repo, capsys):
    (repo / V / "dossier.yml").write_text("title: [kapot\n", encoding="utf-8")
    assert main(["diff", "main"]) == 0
    assert "## voorbeeld\n- dossier.yml van de nieuwe versie is niet leesbaar" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["diff", "bestaat-niet"], ["diff", "main", "bestaat-niet"], ["diff", "--", "-x"]])
def test_unknown_revision_exits_2(repo, capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("watwerkt: onbekende git-revisie ")


def test_diff_outside_a_repository_exits_2(tmp_path, monkeypatch, capsys):
    shutil.copytree(FIXTURES / "valid", tmp_path / "los")
    monkeypatch.chdir(tmp_path / "los")
    assert main(["diff", "main"]) == 2
    assert "ligt niet in een git-repository" in capsys.readouterr().err


def test_diff_without_git_exits_2(repo, monkeypatch, tmp_path, capsys):
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["diff", "main"]) == 2
    assert "git is niet beschikbaar" in capsys.readouterr().err


# -- watwerkt check --changed -----------------------------------------------------------------------------
def problem_paths(stdout: str) -> list[tuple[str, str]]:
    out = []
    for line in stdout.splitlines():
        if line.startswith("    tip:"):
            continue
        path, _, rest = line.partition(":")
        out.append((path, rest.split()[2]))
    return out


@pytest.fixture
def branch(repo, capsys):
    """main has a fault in voorbeeld already; a feature branch is checked out."""
    edit(repo / V / "dossier.yml", "type: report", "type: rapport")
    commit(repo, "oude fout")
    git(repo, "switch", "-q", "-c", "feature")
    return repo


def test_changed_reports_only_touched_dossiers(branch, capsys):
    edit(branch / "dossiers" / "ander-dossier" / "dossier.yml", "status: published", "status: live")
    commit(branch, "wijziging")
    assert main(["check", "--today", TODAY]) == 1
    assert {p for p, _ in problem_paths(capsys.readouterr().out)} == {
        "dossiers/ander-dossier/dossier.yml", f"{V}/dossier.yml"}
    assert main(["check", "--changed", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert problem_paths(out) == [("dossiers/ander-dossier/dossier.yml", "WW104")]
    assert err.strip() == "1 dossier(s) gecontroleerd: 1 fout(en), 0 waarschuwing(en)."


def test_changed_sees_uncommitted_and_untracked_files(branch, capsys):
    assert main(["check", "--changed", "main", "--today", TODAY]) == 0
    assert capsys.readouterr().err.strip() == "0 dossier(s) gecontroleerd: 0 fout(en), 0 waarschuwing(en)."
    (branch / "dossiers" / "ander-dossier" / "notities.md").write_text("x\n", encoding="utf-8")  # untracked
    assert main(["check", "--changed", "main", "--today", TODAY]) == 0
    assert problem_paths(capsys.readouterr().out) == [("dossiers/ander-dossier/notities.md", "WW203")]
    (branch / "dossiers" / "ander-dossier" / "notities.md").unlink()
    edit(branch / "dossiers" / "ander-dossier" / "definitie.md", "[@pietersen-2019]", "[@onbekend]")  # unstaged
    assert main(["check", "--changed", "main", "--today", TODAY]) == 1
    assert ("dossiers/ander-dossier/definitie.md", "WW501") in problem_paths(capsys.readouterr().out)


def test_changed_includes_cross_dossier_problems(branch, capsys):
    # A new dossier with the title of an unchanged one: both sides of the collision are reported.
    shutil.copytree(branch / "dossiers" / "ander-dossier", branch / "dossiers" / "tweeling")
    assert main(["check", "--changed", "--today", TODAY]) == 1
    assert problem_paths(capsys.readouterr().out) == [
        ("dossiers/ander-dossier/dossier.yml", "WW603"), ("dossiers/tweeling/dossier.yml", "WW603")]
    shutil.rmtree(branch / "dossiers" / "tweeling")
    # Removing a dossier breaks a link in an unchanged one: reported too.
    shutil.rmtree(branch / V)
    commit(branch, "voorbeeld weg")
    assert main(["check", "--changed", "--today", TODAY]) == 1
    assert problem_paths(capsys.readouterr().out) == [("dossiers/ander-dossier/definitie.md", "WW703")]


def test_changed_defaults_to_main_without_origin(branch, capsys):
    edit(branch / "dossiers" / "ander-dossier" / "dossier.yml", "status: published", "status: live")
    commit(branch, "wijziging")
    assert main(["check", "--changed", "--format", "json", "--today", TODAY]) == 1
    assert '"dossiers/ander-dossier/dossier.yml"' in capsys.readouterr().out


def test_changed_prefers_origin_main(branch, capsys):
    # origin/main points at the branch itself: nothing has changed relative to it.
    edit(branch / "dossiers" / "ander-dossier" / "dossier.yml", "status: published", "status: live")
    commit(branch, "wijziging")
    git(branch, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert main(["check", "--changed", "--today", TODAY]) == 0
    assert main(["check", "--changed", "main", "--today", TODAY]) == 1


def test_changed_without_a_base_exits_2(tmp_path, monkeypatch, capsys):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    git(root, "init", "-q", "-b", "trunk", ".")
    commit(root, "start")
    monkeypatch.chdir(root)
    assert main(["check", "--changed", "--today", TODAY]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "origin/main en main bestaan niet" in err
    assert main(["check", "--changed", "onbekend", "--today", TODAY]) == 2
    assert "onbekende git-revisie 'onbekend'" in capsys.readouterr().err


def test_changed_outside_git_or_without_git_exits_2(tmp_path, monkeypatch, capsys):
    shutil.copytree(FIXTURES / "valid", tmp_path / "los")
    monkeypatch.chdir(tmp_path / "los")
    assert main(["check", "--changed", "--today", TODAY]) == 2
    assert "ligt niet in een git-repository" in capsys.readouterr().err
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["check", "--changed", "--today", TODAY]) == 2
    assert "git is niet beschikbaar" in capsys.readouterr().err


def test_changed_with_paths_is_a_usage_error(repo, capsys):
    assert main(["check", "dossiers", "--changed", "main", "--today", TODAY]) == 2
    assert "--changed gaat niet samen met paden" in capsys.readouterr().err


def test_changed_counts_a_committed_rename_under_both_names(branch, capsys):
    # ander-dossier links to ../voorbeeld/; renaming voorbeeld breaks that link in an unchanged dossier.
    git(branch, "mv", V, "dossiers/testen")
    commit(branch, "hernoemd")
    assert main(["check", "--changed", "--today", TODAY]) == 1
    assert problem_paths(capsys.readouterr().out) == [
        ("dossiers/ander-dossier/definitie.md", "WW703"),
        ("dossiers/testen/dossier.yml", "WW104"),  # the old fault now lives in a changed dossier
    ]


def test_changed_folder_without_dossier_yml_reports_only_itself(branch, capsys):
    (branch / "dossiers" / "leeg").mkdir()
    (branch / "dossiers" / "leeg" / "definitie.md").write_text("Tekst.\n", encoding="utf-8")
    assert main(["check", "--changed", "--today", TODAY]) == 1
    assert problem_paths(capsys.readouterr().out) == [("dossiers/leeg", "WW008")]


def test_diff_reports_added_and_removed_zoektermen(repo, capsys):
    """Terms added and removed, for the dossier and per element; terms alone ask for no changelog entry."""
    yml = repo / V / "dossier.yml"
    edit(yml, "target_groups: [redacteuren]\n", "target_groups: [redacteuren]\nzoektermen: [proefdraaien, keuren]\n")
    commit(repo, "zoektermen")
    edit(yml, "zoektermen: [proefdraaien, keuren]\n", "zoektermen: [keuren, 'dossiers nakijken']\n")
    edit(yml, "    sources: [jansen-2020]\n", "    sources: [jansen-2020]\n    zoektermen: [heldere foutmeldingen]\n")
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out == (
        "Wijzigingen in de dossiers van main naar de werkmap\n\n"
        "## voorbeeld: Wat werkt bij het testen van dossiers\n"
        "- Zoektermen toegevoegd: 'dossiers nakijken'\n"
        "- Zoektermen verwijderd: 'proefdraaien'\n"
        "- Zoektermen toegevoegd bij werkzaam element duidelijke-meldingen: 'heldere foutmeldingen'\n"
    )
