"""The `watwerkt` command: exit codes, output formats, settings and dates, run in-process
(plus one run of the installed console script)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_valid, edit
from watwerkt.cli import main

TODAY = "2026-06-01"
V_YML = "dossiers/voorbeeld/dossier.yml"
A_YML = "dossiers/ander-dossier/dossier.yml"
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<sev>fout|waarschuwing) "
                       r"(?P<code>WW\d{3}) (?P<msg>\S.*)$")


# -- helpers ----------------------------------------------------------------------


def problem_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if not line.startswith("    tip: ")]


@pytest.fixture(autouse=True)
def no_env_today(monkeypatch):
    monkeypatch.delenv("WATWERKT_TODAY", raising=False)


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A copy of the valid fixture root, and the working directory of the test."""
    root = copy_valid(tmp_path)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def voorbeeld(root):
    return root / "dossiers" / "voorbeeld"


@pytest.fixture
def ander(root):
    return root / "dossiers" / "ander-dossier"


# -- exit codes ----------------------------------------------------------------------------
def test_valid_root_exits_0(root, capsys):
    assert main(["check", "--today", TODAY]) == 0  # default path: dossiers/
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "2 dossier(s) gecontroleerd: 0 fout(en), 0 waarschuwing(en)."


def test_repository_dossiers_exit_0(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["check", "--today", "2026-11-26"]) == 0, capsys.readouterr().out
    out, err = capsys.readouterr()
    assert out == ""
    n = sum(1 for p in (ROOT / "dossiers").iterdir() if p.is_dir())
    assert n >= 1
    assert err.strip() == f"{n} dossier(s) gecontroleerd: 0 fout(en), 0 waarschuwing(en)."
    assert main(["check", "dossiers", "--today", "2026-11-26"]) == 0


def test_broken_root_exits_1(root, voorbeeld, capsys):
    edit(voorbeeld / "dossier.yml", "status: published", "status: live")
    assert main(["check", "dossiers", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert problem_lines(out) == [f"{V_YML}:4:9: fout WW104 status: 'live' is geen toegestane waarde"]
    assert "1 fout(en), 0 waarschuwing(en)" in err


def test_single_dossier_folder_or_file_as_path(root, ander, capsys):
    edit(ander / "dossier.yml", "status: published", "status: live")
    assert main(["check", "dossiers/voorbeeld", "--today", TODAY]) == 0
    assert main(["check", "dossiers/ander-dossier/dossier.yml", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert problem_lines(out) == [f"{A_YML}:4:9: fout WW104 status: 'live' is geen toegestane waarde"]
    assert err.splitlines()[-1].startswith("1 dossier(s) gecontroleerd")


def test_non_existent_path_exits_2(root, capsys):
    assert main(["check", "bestaat-niet", "--today", TODAY]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "watwerkt: pad bestaat niet: bestaat-niet"


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--onbekend"],
        ["--onbekend", "check"],
        ["check", "--format", "xml"],
        ["onbekende-opdracht"],
    ],
)
def test_usage_errors_exit_2(root, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "watwerkt: fout in de opdracht:" in err
    assert "Traceback" not in err


def test_no_command_exits_2_with_help(root, capsys):
    assert main([]) == 2
    assert "OPDRACHT" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["2026-02-30", "01-06-2026", "morgen", ""])
def test_bad_today_flag_exits_2(root, capsys, value):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--today", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"'{value}' is geen datum in de vorm JJJJ-MM-DD" in err


def test_bad_watwerkt_today_exits_2(root, capsys, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", "1-6-2026")
    assert main(["check"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "watwerkt: WATWERKT_TODAY='1-6-2026' is geen datum in de vorm JJJJ-MM-DD"


# -- warnings, --strict and today ----------------------------------------------------------------
def test_strict_turns_a_warning_only_run_into_exit_1(root, voorbeeld, capsys):
    edit(voorbeeld / "dossier.yml", "review_due: 2027-06-01", "review_due: 2026-05-31")
    assert main(["check", "--today", TODAY]) == 0
    out, err = capsys.readouterr()
    assert problem_lines(out) == [
        f"{V_YML}:11:15: waarschuwing WW303 herziening verlopen: het dossier had uiterlijk 2026-05-31 herzien moeten zijn"]
    assert "0 fout(en), 1 waarschuwing(en)" in err
    assert main(["check", "--strict", "--today", TODAY]) == 1
    assert problem_lines(capsys.readouterr().out) == problem_lines(out)


def test_strict_on_a_clean_root_is_still_0(root):
    assert main(["check", "--strict", "--today", TODAY]) == 0


def test_today_flag_changes_the_ww303_verdict(root, capsys):
    # review_due of voorbeeld is 2027-06-01
    assert main(["check", "--strict", "--today", "2027-06-01"]) == 0
    assert "WW303" not in capsys.readouterr().out
    assert main(["check", "--strict", "--today", "2027-06-02"]) == 1
    assert problem_lines(capsys.readouterr().out) == [
        f"{V_YML}:11:15: waarschuwing WW303 herziening verlopen: het dossier had uiterlijk 2027-06-01 herzien moeten zijn"]


def test_watwerkt_today_env_changes_the_ww303_verdict(root, capsys, monkeypatch):
    monkeypatch.setenv("WATWERKT_TODAY", "2027-06-01")
    assert main(["check", "--strict"]) == 0
    assert "WW303" not in capsys.readouterr().out
    monkeypatch.setenv("WATWERKT_TODAY", "2027-06-02")
    assert main(["check", "--strict"]) == 1
    assert "WW303" in capsys.readouterr().out
    # The flag wins over the environment.
    assert main(["check", "--strict", "--today", "2027-06-01"]) == 0


# -- text output ----------------------------------------------------------------------------------
def test_text_output_is_exact_and_sorted(root, voorbeeld, capsys):
    edit(voorbeeld / "dossier.yml", "status: published", "status: live")
    edit(voorbeeld / "dossier.yml", "review_due: 2027-06-01", "review_due: 2026-05-31")
    with open(voorbeeld / "feiten.md", "a", encoding="utf-8") as fh:
        fh.write('\n{: href="javascript:x"}\n')
    assert main(["check", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"{V_YML}:4:9: fout WW104 status: 'live' is geen toegestane waarde\n"
        "    tip: kies uit: draft, published, archived\n"
        f"{V_YML}:11:15: waarschuwing WW303 herziening verlopen: het dossier had uiterlijk 2026-05-31 herzien moeten zijn\n"
        "    tip: herzie het dossier en zet reviewed en review_due op nieuwe data\n"
        "dossiers/voorbeeld/feiten.md:5:1: fout WW803 URL-schema 'javascript:' in een attribuutlijst is niet toegestaan\n"
    )
    assert err == "2 dossier(s) gecontroleerd: 2 fout(en), 1 waarschuwing(en).\n"


def test_every_problem_of_every_dossier_in_one_run(root, voorbeeld, ander, capsys):
    edit(voorbeeld / "dossier.yml", "status: published", "status: live")
    edit(voorbeeld / "dossier.yml", "evidence: verondersteld", "evidence: bewezen")
    edit(ander / "dossier.yml", "type: book", "type: boek")
    (ander / "notities.md").write_text("Aantekeningen.\n", encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    lines = problem_lines(out)
    assert len(lines) == 4, out
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), out
    assert [(m["path"], int(m["line"]), int(m["col"]), m["sev"], m["code"]) for m in parsed] == [
        (A_YML, 17, 11, "fout", "WW104"),
        ("dossiers/ander-dossier/notities.md", 1, 1, "waarschuwing", "WW203"),
        (V_YML, 4, 9, "fout", "WW104"),
        (V_YML, 19, 15, "fout", "WW401"),
    ]
    assert "3 fout(en), 1 waarschuwing(en)" in err


# -- JSON and GitHub output ------------------------------------------------------------------------
def test_json_output(root, voorbeeld, capsys):
    edit(voorbeeld / "dossier.yml", "status: published", "status: live")
    (voorbeeld / "notities.md").write_text("x\n", encoding="utf-8")
    assert main(["check", "--format", "json", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        assert set(item) == {"path", "line", "col", "code", "severity", "message", "hint"}
    assert data[0] == {
        "path": V_YML, "line": 4, "col": 9, "code": "WW104", "severity": "error",
        "message": "status: 'live' is geen toegestane waarde",
        "hint": "kies uit: draft, published, archived",
    }
    assert (data[1]["path"], data[1]["code"], data[1]["severity"]) == (
        "dossiers/voorbeeld/notities.md", "WW203", "warning")
    assert err == ""


def test_json_output_when_clean_is_an_empty_list(root, capsys):
    assert main(["check", "--format", "json", "--today", TODAY]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_output_escapes_data_and_properties(root, ander, voorbeeld, capsys):
    odd = root / "dossiers" / "100%,ok:ja\rx"
    shutil.copytree(ander, odd)
    edit(odd / "dossier.yml", "title: Wat werkt bij een ander dossier", "title: Wat werkt bij een vreemde map")
    edit(voorbeeld / "dossier.yml", "review_due: 2027-06-01", "review_due: 2026-05-31")
    assert main(["check", "--format", "github", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "::error file=dossiers/100%25%2Cok%3Aja%0Dx/dossier.yml,line=1,col=1,title=WW605::"
        "mapnaam '100%25,ok:ja%0Dx' is geen geldige slug"
        "%0Agebruik kleine letters, cijfers en streepjes, bijvoorbeeld '100-ok-ja-x'",
        f"::warning file={V_YML},line=11,col=15,title=WW303::"
        "herziening verlopen: het dossier had uiterlijk 2026-05-31 herzien moeten zijn"
        "%0Aherzie het dossier en zet reviewed en review_due op nieuwe data",
    ]
    assert "\r" not in out
    assert err == ""


def test_github_output_when_clean_is_empty(root, capsys):
    assert main(["check", "--format", "github", "--today", TODAY]) == 0
    assert capsys.readouterr().out == ""


# -- schema ---------------------------------------------------------------------------------------------
def test_schema_prints_json_schema(root, capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "$schema" in schema
    assert "format_version" in json.dumps(schema)


def test_schema_output_file(root, capsys):
    assert main(["schema", "-o", "uit/dossier.schema.json"]) == 0
    assert capsys.readouterr().out == ""
    assert "$schema" in json.loads((root / "uit" / "dossier.schema.json").read_text(encoding="utf-8"))


# -- settings -----------------------------------------------------------------------------------------
SCALE = "evidence_scale:\n  - id: zwak\n    label: Zwak\n  - id: sterk\n    label: Sterk\n"


def mkdocs_yml(options: str = "", head: str = "site_name: Test\n") -> str:
    """A mkdocs.yml whose watwerkt plugin carries these options (YAML text)."""
    return head + "plugins:\n  - watwerkt:\n" + "".join(f"      {line}\n" for line in options.splitlines())


def test_config_evidence_scale_changes_ww401(root, voorbeeld, tmp_path, capsys):
    cfg = tmp_path / "elders" / "mkdocs.yml"
    cfg.parent.mkdir()
    cfg.write_text(mkdocs_yml(SCALE), encoding="utf-8")
    edit(voorbeeld / "dossier.yml", "evidence: verondersteld", "evidence: sterk")

    assert main(["check", "--format", "json", "--today", TODAY]) == 1
    default = json.loads(capsys.readouterr().out)
    assert [(p["path"], p["code"]) for p in default] == [(V_YML, "WW401")]
    assert "'sterk'" in default[0]["message"]

    # dossiers_dir is relative to mkdocs.yml, so name the dossiers explicitly
    assert main(["--config", str(cfg), "check", "dossiers", "--format", "json", "--today", TODAY]) == 1
    custom = json.loads(capsys.readouterr().out)
    assert [(p["path"], p["code"]) for p in custom] == [(A_YML, "WW401")]
    assert "'aanwijzingen'" in custom[0]["message"]
    assert custom[0]["hint"] == "kies uit: zwak, sterk"


def test_mkdocs_yml_in_working_directory_is_found(root, voorbeeld, ander, capsys):
    (root / "mkdocs.yml").write_text(mkdocs_yml(SCALE), encoding="utf-8")
    edit(voorbeeld / "dossier.yml", "evidence: verondersteld", "evidence: sterk")
    edit(ander / "dossier.yml", "evidence: aanwijzingen", "evidence: zwak")
    assert main(["check", "--today", TODAY]) == 0, capsys.readouterr().out


def test_mkdocs_yml_in_a_parent_directory_sets_the_dossiers_dir(root, monkeypatch, capsys):
    (root / "mkdocs.yml").write_text(mkdocs_yml("dossiers_dir: dossiers\n" + SCALE), encoding="utf-8")
    monkeypatch.chdir(root / "dossiers" / "voorbeeld")
    assert main(["check", "--format", "json", "--today", TODAY]) == 1
    data = json.loads(capsys.readouterr().out)
    # both dossiers of the root were checked, and neither level is on the custom scale
    assert sorted((p["path"], p["code"]) for p in data) == [
        ("../ander-dossier/dossier.yml", "WW401"), ("dossier.yml", "WW401")]


def test_mkdocs_yml_inherit_and_env_are_read_as_mkdocs_reads_them(root, voorbeeld, ander, monkeypatch, capsys):
    (root / "basis.yml").write_text(mkdocs_yml(SCALE), encoding="utf-8")
    (root / "mkdocs.yml").write_text("INHERIT: basis.yml\nsite_url: !ENV [WW_TEST_SITE_URL, '']\n",
                                     encoding="utf-8")
    monkeypatch.setenv("WW_TEST_SITE_URL", "https://kennisbank.example.org/")
    edit(voorbeeld / "dossier.yml", "evidence: verondersteld", "evidence: sterk")
    edit(ander / "dossier.yml", "evidence: aanwijzingen", "evidence: zwak")
    assert main(["check", "--today", TODAY]) == 0, capsys.readouterr().out


def test_missing_config_file_exits_1(root, capsys):
    assert main(["--config", "geen.yml", "check"]) == 1
    err = capsys.readouterr().err
    assert "configuratiebestand bestaat niet: geen.yml" in err and "Traceback" not in err


def test_legacy_watwerkt_yml_is_named_not_silently_ignored(root, capsys):
    (root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (root / "watwerkt.yml").write_text("site_name: Oud\n", encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    assert "watwerkt.yml wordt niet meer gelezen" in capsys.readouterr().err


@pytest.mark.parametrize(
    "options, key, fragment",
    [
        ("today: 12", "today", "verwacht een datum in de vorm JJJJ-MM-DD, niet 12"),
        ("limits: 5", "limits", "verwacht een mapping met max_file_bytes"),
        ("limits:\n  max_list_items: veel", "limits", "max_list_items: verwacht een geheel getal van 1 tot en met"),
        ("evidence_scale: []", "evidence_scale", "verwacht een niet-lege lijst"),
        ("evidence_scale:\n  - id: x", "evidence_scale", "item 1: label: ontbreekt"),
        ("evidence_scale:\n  - {id: x, label: X}\n  - {id: x, label: Y}", "evidence_scale",
         "item 2: id 'x' komt dubbel voor"),
        ("drafts: altijd", "drafts", "kies uit auto, show, hide"),
        ("pdf: ja", "pdf", "verwacht true of false"),
        ("feedback_email: redactie", "feedback_email", "verwacht een e-mailadres"),
        ("pdff: true", "pdff", "onbekende optie; bekend zijn: dossiers_dir"),
    ],
)
def test_bad_option_exits_1_with_file_line_key_and_what_is_allowed(root, capsys, options, key, fragment):
    (root / "mkdocs.yml").write_text(mkdocs_yml(options), encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert f"mkdocs.yml:4: plugins → watwerkt → {key}: " in err  # line 4: the key's own line
    assert fragment in err


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("site_name: [a\n", "kan de configuratie niet lezen"),
        ("- een\n- lijst\n", "de configuratie moet een mapping zijn"),
        ("site_name: x\nplugins:\n  - watwerkt: 5\n", "verwacht een mapping met opties"),
        ("site_url: 5\n", "site_url: verwacht tekst"),
    ],
)
def test_malformed_mkdocs_yml_exits_1_in_dutch(root, capsys, content, fragment):
    (root / "mkdocs.yml").write_text(content, encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("watwerkt: ")
    assert fragment in err
    assert "Traceback" not in err


def test_malformed_options_fail_schema_too(root, capsys):
    (root / "mkdocs.yml").write_text(mkdocs_yml("limits: 5"), encoding="utf-8")
    assert main(["schema"]) == 1
    assert capsys.readouterr().out == ""


def test_deeply_nested_mkdocs_yml_exits_1(root, capsys):
    (root / "mkdocs.yml").write_text("a: " + "[" * 10000 + "]" * 10000 + "\n", encoding="utf-8")
    assert main(["check", "--today", TODAY]) == 1
    assert capsys.readouterr().err.startswith("watwerkt: ")


# -- the installed console script ------------------------------------------------------------------
def test_console_script_runs(tmp_path):
    root = copy_valid(tmp_path)
    edit(root / "dossiers" / "voorbeeld" / "dossier.yml", "status: published", "status: live")
    env = {k: v for k, v in os.environ.items() if k != "WATWERKT_TODAY"}
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "watwerkt"), "check", "dossiers", "--today", TODAY],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == f"{V_YML}:4:9: fout WW104 status: 'live' is geen toegestane waarde"
    assert "2 dossier(s) gecontroleerd: 1 fout(en), 0 waarschuwing(en)." in proc.stderr


# -- Dutch for people, quiet in pipes -----------------------------------------------------------
def test_help_and_usage_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: watwerkt check")
    assert "toon deze hulptekst en stop" in out and "opties:" in out
    for word in ("usage:", "show this help", "options:", "positional arguments"):
        assert word not in out
    with pytest.raises(SystemExit) as done:
        main(["check", "--format", "xml"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "ongeldige keuze: 'xml' (kies uit" in err and "invalid choice" not in err
    with pytest.raises(SystemExit):
        main(["check", "--onbekend"])
    assert "onbekende argumenten: --onbekend" in capsys.readouterr().err


def test_text_output_names_severity_and_tip_in_dutch_json_stays_stable(root, voorbeeld, capsys):
    edit(voorbeeld / "dossier.yml", "status: published", "status: live")
    assert main(["check", "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert ": fout WW104 " in out and "\n    tip: " in out
    assert main(["check", "--format", "json", "--today", TODAY]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem["severity"] == "error" and problem["code"] == "WW104"


def test_a_closed_pipe_ends_quietly(tmp_path):
    root = copy_valid(tmp_path)
    for n in range(150):  # far more output than a pipe buffer holds
        shutil.copytree(root / "dossiers" / "voorbeeld", root / "dossiers" / f"kopie-{n}")
    command = f"{sys.executable} -c 'import sys; from watwerkt.cli import main; sys.exit(main())'"
    shell = f"set -o pipefail; {command} check --today {TODAY} | head -1"
    proc = subprocess.run(["bash", "-c", shell], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.stdout.count("\n") == 1 and " fout WW" in proc.stdout
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.returncode == 141  # what a shell reports for a tool stopped by a closed pipe
