"""The editor's live preview (`mkdocs serve`, README's editor command) in a real browser tab: a save
that breaks the dossier shows its located Dutch problems in the open tab while the page keeps the
last good version; fixing the file brings the page back without the problems."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, check_root
from serve_support import free_port
from watwerkt.site.preview import BANNER_CLASS


def _wait_until_served(address: str, polls: int = 900) -> None:
    """mkdocs serve listens only after its first build: poll (a bound, not a timing test)."""
    for _ in range(polls):
        try:
            with urllib.request.urlopen(address, timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{address} werd niet geserveerd")


@pytest.fixture
def live_preview(tmp_path):
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n"
        "  language: nl\n  font: false\nplugins:\n  - watwerkt:\n      today: '2026-06-01'\n", encoding="utf-8")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=tmp_path, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL)
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/wat-werkt/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_broken_save_shows_its_problems_in_the_open_tab_and_keeps_the_last_good_page(live_preview, page):
    root, url = live_preview
    good = check_root(root)
    assert not good.errors
    dossier = next(d for d in good.valid_dossiers() if d.folder.name == "voorbeeld")
    yml = dossier.folder / "dossier.yml"
    text = yml.read_text(encoding="utf-8")

    address = url + f"dossiers/{dossier.slug}/"
    _wait_until_served(address)
    page.goto(address)
    title = page.locator(".md-content h1")
    expect(title).to_have_text(dossier.title)
    banner = page.locator(f".{BANNER_CLASS}")
    expect(banner).to_have_count(0)

    broken = text.replace("status: published", "status: gepubliceerd", 1)
    assert broken != text
    yml.write_text(broken, encoding="utf-8")
    expected = check_root(root).errors  # what `watwerkt check` reports for this save
    assert expected
    # Livereload reloads the tab once the rebuild is done: no reload by the test.
    expect(banner).to_be_visible(timeout=60_000)
    expect(banner).to_have_attribute("role", "alert")
    expect(banner.locator(".admonition-title")).to_contain_text("niet overgenomen")
    for problem in expected:
        expect(banner).to_contain_text(f"{problem.path}:{problem.line}:{problem.col}")
        expect(banner).to_contain_text(problem.code)
        expect(banner).to_contain_text(problem.message)
    expect(title).to_have_text(dossier.title)  # the last good version stays on the page

    fixed = text.replace(dossier.title, dossier.title + " (herzien)", 1)
    yml.write_text(fixed, encoding="utf-8")
    expect(title).to_have_text(dossier.title + " (herzien)", timeout=60_000)
    expect(banner).to_have_count(0)
