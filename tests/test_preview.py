"""Live preview: `mkdocs serve` shows drafts under a "Concept" banner and rebuilds when a file
under dossiers/ changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import FIXTURES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, predicate, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = None
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not reach the expected state in {seconds}s; last body: {str(body)[:300]}")


@pytest.fixture
def preview(tmp_path):
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers")
    draft = tmp_path / "dossiers" / "ander-dossier" / "dossier.yml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - watwerkt:\n      today: '2026-06-01'\n", encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/wat-werkt/"  # mkdocs serve mounts at site_url's path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_preview_shows_drafts_and_reloads_on_dossier_change(preview):
    root, url = preview
    draft_page = _wait_for(url + "dossiers/ander-dossier/", lambda b: "Concept" in b)
    assert "Wat werkt bij een ander dossier" in draft_page

    definitie = root / "dossiers" / "voorbeeld" / "definitie.md"
    definitie.write_text(definitie.read_text(encoding="utf-8") + "\nEen nieuwe zin uit de live preview.\n",
                         encoding="utf-8")
    _wait_for(url + "dossiers/voorbeeld/", lambda b: "Een nieuwe zin uit de live preview." in b)
