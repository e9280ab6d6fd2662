"""Helpers shared by the search tests (no tests here): the search test corpus, index builds,
and a real uvicorn server on a free port of 127.0.0.1, stopped afterwards."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from pathlib import Path

import uvicorn

from conftest import FIXTURES, TODAY
from watwerkt.site.config import load_project
from watwerkt.check import check

SEARCH_DOSSIERS = FIXTURES / "search" / "dossiers"
ON_SITE = {"schuldhulpverlening", "eenzaamheid-ouderen", "wonen-alleenstaande-ouderen", "jongeren-naar-werk"}
DRAFT = "buurtkamers-concept"


def project(tmp_path: Path, thesaurus: str | None = None) -> Path:
    """A project folder with the search corpus and a mkdocs.yml (so settings.root is it)."""
    root = tmp_path / "project"
    shutil.copytree(SEARCH_DOSSIERS, root / "dossiers")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    if thesaurus is not None:
        (root / "thesaurus.yml").write_text(thesaurus, encoding="utf-8")
    return root


def write_dossier(folder: Path, slug: str, title: str, summary: str, text: str) -> None:
    """A minimal published test dossier folder/slug with `text` as its definition."""
    d = folder / slug
    d.mkdir(parents=True)
    (d / "dossier.yml").write_text(
        f"format_version: 1\ntitle: {title}\nsummary: {summary}\nstatus: published\n"
        "authors:\n  - name: Redactie Test\ndates:\n  published: 2025-02-01\n"
        "changelog:\n  - date: 2025-02-01\n    summary: Eerste versie.\n", encoding="utf-8")
    (d / "definitie.md").write_text(text + "\n", encoding="utf-8")


def write_one_word_or_both(folder: Path) -> tuple[str, str, str]:
    """Test data: "wijkteam" is the subject of one dossier (title, summary, text); another mentions
    "wijkteam" and "formulieren" once each in a long text; three more are about "formulieren".
    Returns (the two-word query, the slug about one word, the slug that mentions both)."""
    filler = " ".join(["Dit testdossier gaat over iets heel anders dan de zoekwoorden."] * 30)
    write_dossier(folder, "over-het-wijkteam", "Het wijkteam", "Alles over het wijkteam.",
                  "Het wijkteam helpt. Een wijkteam werkt in de wijk.")
    write_dossier(folder, "terloops", "Iets anders", "Een ander onderwerp.",
                  f"{filler} Het wijkteam helpt soms met formulieren. {filler}")
    for n in range(3):
        write_dossier(folder, f"formulieren-{n}", f"Testdossier {n}", "Nog een onderwerp.",
                      f"Over formulieren. {filler}")
    return "wijkteam formulieren", "over-het-wijkteam", "terloops"


def project_settings(root: Path):
    return load_project(root / "mkdocs.yml")


def corpus(root: Path):
    settings = project_settings(root)
    result = check([root / "dossiers"], settings, TODAY, base=root)
    assert not result.errors, result.errors
    return result.valid_dossiers(), settings


@contextlib.contextmanager
def running(app, **config):
    """Serve app with uvicorn on 127.0.0.1 (a socket bound to a free port); yields the base URL.
    `config`: more uvicorn.Config options (for example the `http` protocol `watwerkt serve` uses)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", **config))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started or not thread.is_alive():
                break
            time.sleep(0.02)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
