"""`watwerkt index` and `watwerkt search` in a project folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_search_support import project
from watwerkt.cli import main


def test_index_then_search(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["index", "--today", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert "Zoekindex klaar: 4 dossier(s)" in out
    assert (root / ".cache" / "search" / "CURRENT").is_file()

    assert main(["search", "schuldhulp"]) == 0
    out = capsys.readouterr().out
    assert '1 dossier(s) gevonden voor "schuldhulp"' in out
    assert "1. Wat werkt bij schuldhulpverlening" in out
    assert "dossiers/schuldhulpverlening/" in out
    assert "<mark>" not in out and "Schuldhulpverlening is de hulp" in out
    assert "Thema: armoede (1), schulden (1)" in out


def test_search_filters_pages_and_suggestion(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["index", "--today", "2026-06-01"]) == 0
    capsys.readouterr()
    assert main(["search", "", "--theme", "welzijn", "--theme", "schulden", "--evidence", "aannemelijk"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 dossier(s) gevonden") and "schuldhulpverlening" in out
    assert main(["search", "--page", "2", "--page-size", "3"]) == 0
    out = capsys.readouterr().out
    assert "(pagina 2 van 2)" in out and "\n4. " in out
    assert main(["search", "eenzaamhied"]) == 0
    assert "Bedoelde u: eenzaamheid?" in capsys.readouterr().out
    assert main(["search", "jongeren", "--status", "archived"]) == 0
    assert "Status: Gearchiveerd (1)" in capsys.readouterr().out


def test_search_usage_errors(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["search", "ouderen"]) == 2  # no index yet
    assert "watwerkt index" in capsys.readouterr().err
    assert main(["index", "--today", "2026-06-01"]) == 0
    capsys.readouterr()
    assert main(["search", "x" * 201]) == 2
    assert "maximum is 200" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "--page", "0"])
    assert exc.value.code == 2
    assert "--page moet van 1 tot en met 1000 zijn" in capsys.readouterr().err


def test_index_refuses_dossiers_with_errors(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    (root / "dossiers" / "schuldhulpverlening" / "dossier.yml").write_text("title: [\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["index", "--today", "2026-06-01"]) == 1
    err = capsys.readouterr().err
    assert "WW001" in err and "zoekindex is niet gebouwd" in err
    assert not (root / ".cache" / "search" / "CURRENT").exists()


def test_serve_builds_and_serves_site_and_api_on_one_port(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    root = project(tmp_path)
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")  # the search page comes from the plugin
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - search\n  - watwerkt:\n      today: '2026-06-01'\n      pdf: false\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).with_name("watwerkt")
    proc = subprocess.Popen([str(cli), "serve", "--port", str(port), "--today", "2026-06-01"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            if proc.poll() is not None:
                break
            try:
                if httpx.get(base + "/api/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert proc.poll() is None, proc.stdout.read()
        r = httpx.get(base + "/api/search", params={"q": "schuldhulp"})
        assert r.status_code == 200 and r.json()["hits"][0]["slug"] == "schuldhulpverlening"
        assert 'id="ww-zoeken"' in httpx.get(base + "/zoeken/").text
        assert "schuldhulpverlening" in httpx.get(base + "/dossiers/schuldhulpverlening/").text.lower()
        assert httpx.get(base + "/api/search", params={"page": "-1"}).status_code == 400
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert (root / ".cache" / "search" / "CURRENT").is_file()
    assert (root / "site" / "zoeken" / "index.html").is_file()
