"""The pull-request workflow, the pre-commit hook, the PR template and the editor settings.

Workflow files are validated with check-jsonschema's vendored schemas, offline: a proxy that
cannot be reached makes any download attempt fail the test.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"
WORKFLOW = ROOT / ".github" / "workflows" / "pr.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE_CONFIG = ROOT / "docs" / "redactie" / "pre-commit-config.voorbeeld.yaml"
OFFLINE = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
           "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--no-cache", *args], capture_output=True, text=True,
                          env=OFFLINE, timeout=120)


def builtin_schemas() -> str:
    return check_jsonschema("--help").stdout


# -- the workflow --------------------------------------------------------------------------------------
@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflow_is_valid_for_the_vendored_schema(schema):
    proc = check_jsonschema("--builtin-schema", schema, str(WORKFLOW))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del broken["jobs"]["controle"]["runs-on"]
    broken["jobs"]["controle"]["steps"][0]["uses"] = "actions/checkout@v4"  # `uses` and `run` in one step
    path = tmp_path / "pr.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert check_jsonschema("--builtin-schema", "vendor.github-workflows", str(path)).returncode == 1


def _workflow():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data, data["jobs"]["controle"]


def test_workflow_runs_readme_setup_on_debian_as_root():
    data, job = _workflow()
    assert list(data[True]) == ["pull_request"]  # PyYAML reads the key `on` as True
    assert job["container"]["image"] == "python:3.11-slim-bookworm"
    assert "user" not in job["container"] and "options" not in job["container"]  # the image's root
    assert job["env"]["NO_MKDOCS_2_WARNING"] == "1"
    steps = job["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]

    def index(pred) -> int:
        return next(i for i, s in enumerate(steps) if pred(s))

    apt = index(lambda s: "apt-get install" in s.get("run", ""))
    words = shlex.split(runs[apt].split("apt-get install", 1)[1])
    assert "make" in words and "git" in words
    checkout = index(lambda s: s.get("uses", "").startswith("actions/checkout@"))
    setup = index(lambda s: s.get("run") == "make setup")
    check = index(lambda s: s.get("run") == ".venv/bin/watwerkt check --format github")
    site = index(lambda s: s.get("run") == ".venv/bin/mkdocs build --strict")
    tests = index(lambda s: s.get("run") == "make test")
    upload = index(lambda s: s.get("uses", "").startswith("actions/upload-artifact@"))
    assert apt < checkout < setup < check < site < tests < upload
    assert steps[upload]["with"]["path"].rstrip("/") == "site"
    assert all("@" in u for u in uses if u)  # actions are pinned to a version


def test_workflow_commands_exist_in_the_repository():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nsetup:" in makefile and "\ntest:" in makefile
    assert "scripts/setup.sh" in makefile
    # the site goes where the artifact step looks for it
    assert "site_dir" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# -- pre-commit ----------------------------------------------------------------------------------------
# pre-commit's own manifest rules (https://pre-commit.com/#new-hooks), for when check-jsonschema has no
# vendored schema for it.
HOOKS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["id", "name", "entry", "language"],
        "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "entry": {"type": "string"},
            "language": {"enum": ["conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail",
                                  "golang", "haskell", "julia", "lua", "node", "perl", "pygrep", "python",
                                  "r", "ruby", "rust", "script", "swift", "system", "unsupported",
                                  "unsupported_script"]},
            "files": {"type": "string", "format": "regex"}, "exclude": {"type": "string", "format": "regex"},
            "types": {"type": "array"}, "types_or": {"type": "array"}, "exclude_types": {"type": "array"},
            "always_run": {"type": "boolean"}, "fail_fast": {"type": "boolean"},
            "pass_filenames": {"type": "boolean"}, "require_serial": {"type": "boolean"},
            "description": {"type": "string"}, "language_version": {"type": "string"},
            "minimum_pre_commit_version": {"type": "string"}, "args": {"type": "array"},
            "stages": {"type": "array"}, "verbose": {"type": "boolean"},
            "additional_dependencies": {"type": "array"}, "log_file": {"type": "string"},
        },
        "additionalProperties": False,
    },
}


def test_pre_commit_hooks_file_is_valid(tmp_path):
    if "vendor.pre-commit-hooks" in builtin_schemas():
        proc = check_jsonschema("--builtin-schema", "vendor.pre-commit-hooks", str(HOOKS))
        assert proc.returncode == 0, proc.stdout + proc.stderr
    schema = tmp_path / "hooks.schema.json"
    schema.write_text(json.dumps(HOOKS_SCHEMA), encoding="utf-8")
    proc = check_jsonschema("--schemafile", str(schema), str(HOOKS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  entry: watwerkt check\n  language: pyhton\n", encoding="utf-8")
    assert check_jsonschema("--schemafile", str(schema), str(bad)).returncode == 1


def test_pre_commit_hook_definition():
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "watwerkt-check"
    assert hook["language"] == "python" and hook["entry"] == "watwerkt check"
    assert hook["pass_filenames"] is True
    files = hook["files"]
    import re

    assert re.search(files, "dossiers/voorbeeld/dossier.yml")
    assert not re.search(files, "docs/redactie/index.md")
    assert not re.search(files, "tests/fixtures/valid/dossiers/voorbeeld/dossier.yml")


@pytest.mark.parametrize("bad, code", [(False, 0), (True, 1)])
def test_hook_entry_with_filenames_checks_those_dossiers(tmp_path, bad, code):
    """What pre-commit runs: the entry followed by the staged file names, from the repository root."""
    import shutil

    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    if bad:
        yml = root / "dossiers" / "voorbeeld" / "dossier.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("status: published", "status: live"),
                       encoding="utf-8")
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    program, *args = shlex.split(hook["entry"])
    files = ["dossiers/voorbeeld/dossier.yml", "dossiers/voorbeeld/feiten.md"]
    env = {**os.environ, "WATWERKT_TODAY": "2026-06-01"}
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / program), *args, *files], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "1 dossier(s) gecontroleerd" in proc.stderr
    if bad:
        assert proc.stdout.startswith("dossiers/voorbeeld/dossier.yml:4:9: fout WW104")


def test_example_pre_commit_config_uses_the_same_hook():
    config = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    [published] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert repo["repo"] == "local"
    assert hook["id"] == published["id"] and hook["files"] == published["files"]
    program, *args = hook["entry"].split()
    assert [Path(program).name, *args] == published["entry"].split()
    assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/")


# -- pull request template and editor settings --------------------------------------------------------------
def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 4
    for word in ("Bronnen", "Bewijsniveau", "Herzieningsdatum", "Changelog"):
        assert any(word in item for item in items), word


def test_vscode_maps_dossier_yml_to_the_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    [(schema, globs)] = mapping.items()
    assert (ROOT / schema).resolve() == (ROOT / "docs" / "schema" / "dossier.schema.json").resolve()
    globs = [globs] if isinstance(globs, str) else globs
    samples = sorted((ROOT / "dossiers").glob("*/dossier.yml"))
    assert samples, "no sample dossier.yml to match"
    for yml in samples:
        assert any(fnmatch.fnmatch(yml.relative_to(ROOT).as_posix(), g) for g in globs), yml
    assert not any(fnmatch.fnmatch("mkdocs.yml", g) for g in globs)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_schema_modeline_of_the_scaffold_resolves():
    """In this repository a new dossier points at the committed schema and the editors' pages."""
    from watwerkt.editor.scaffold import guidance

    folder = ROOT / "dossiers" / "een-dossier"
    g = guidance(folder, ROOT / "docs", ROOT)
    assert (folder / g.schema).resolve() == (ROOT / "docs" / "schema" / "dossier.schema.json").resolve()
    assert (ROOT / g.fields).resolve() == (ROOT / "docs" / "redactie" / "velden.md").resolve()
    assert (ROOT / g.guide).resolve() == (ROOT / "docs" / "redactie" / "bijdragen.md").resolve()