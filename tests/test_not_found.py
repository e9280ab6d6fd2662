"""Searches that found nothing, counted (search/not_found.py): off by default, count-only (no IP,
no time), fed by the real API, safe with several processes, bounded, and shown by
`watwerkt niet-gevonden`."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3

import httpx
import pytest

from test_search_support import corpus, project, running
from watwerkt.cli.main import main
from watwerkt.search import build_index, not_found
from watwerkt.search.not_found import NotFoundCounter, normalise, read_counts
from watwerkt.search.server import create_app

MISSING = "Xqzv  Wlorp"  # letters in an order no Dutch text has


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("niet-gevonden"))
    dossiers, settings = corpus(root)
    build_index(dossiers, settings, root / "idx")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<!doctype html><title>Thuis</title>", encoding="utf-8")
    return root, dossiers, settings


def a_word_of(dossiers) -> str:
    return max(re.findall(r"\w{6,}", dossiers[0].title), key=len)


def test_the_api_counts_new_searches_that_found_nothing_and_nothing_else(indexed, tmp_path):
    root, dossiers, settings = indexed
    counts = tmp_path / "telling" / "niet-gevonden.sqlite"
    with running(create_app(root / "site", root / "idx", settings, not_found=counts)) as base:
        with httpx.Client(base_url=base, timeout=30) as client:
            found = client.get("/api/search", params={"q": a_word_of(dossiers)}).json()
            assert found["total"] > 0
            for params in ({"q": MISSING}, {"q": MISSING.lower()}, {"q": MISSING, "page": 2},
                           {"q": a_word_of(dossiers), "theme": "geen-thema-van-dit-corpus"}, {"q": "   "}):
                assert client.get("/api/search", params=params).status_code in (200, 400)
    assert read_counts(counts) == [(normalise(MISSING), 2)]  # paging, filters and found words are not counted
    with sqlite3.connect(counts) as db:  # what is stored: a text and a number, nothing about the reader
        columns = [row[1] for row in db.execute("PRAGMA table_info(niet_gevonden)")]
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert columns == ["zoektekst", "aantal"] and tables == ["niet_gevonden"]


def test_off_by_default(indexed, tmp_path, monkeypatch):
    root, _, settings = indexed
    monkeypatch.chdir(tmp_path)
    with running(create_app(root / "site", root / "idx", settings)) as base:
        assert httpx.get(f"{base}/api/search", params={"q": MISSING}, timeout=30).json()["total"] == 0
    assert list(tmp_path.iterdir()) == []


def _count_many(path, text, n):
    counter = NotFoundCounter(path)
    for _ in range(n):
        assert counter.count(text)


def test_several_worker_processes_count_into_one_file(tmp_path):
    path = tmp_path / "telling.sqlite"
    NotFoundCounter(path)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_count_many, args=(path, text, 200)) for text in ("alpha", "beta", "alpha")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    assert read_counts(path) == [("alpha", 400), ("beta", 200)]


def test_bounded_in_text_and_in_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(not_found, "MAX_ROWS", 3)
    counter = NotFoundCounter(tmp_path / "telling.sqlite")
    assert counter.count("x" * 10_000)
    assert counter.count("b") and counter.count("c")
    assert not counter.count("d")  # full: a new text is not added
    assert counter.count("b")  # one already there still counts
    counts = dict(read_counts(tmp_path / "telling.sqlite"))
    assert counts == {"x" * not_found.MAX_TEXT: 1, "b": 2, "c": 1}


def test_the_cli_lists_them_most_frequent_first(tmp_path, capsys):
    path = tmp_path / "telling.sqlite"
    counter = NotFoundCounter(path)
    for text, n in (("eenzaamheid ouderen platteland", 3), ("wijkteam", 5), ("buurtbus", 1)):
        for _ in range(n):
            counter.count(text)
    assert main(["niet-gevonden", str(path), "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("9 zoekopdrachten zonder resultaat, 3 verschillende")
    assert [line.split(None, 1) for line in lines[1:3]] == [["5", "wijkteam"], ["3", "eenzaamheid ouderen platteland"]]
    assert "nog 1" in lines[3]


def test_the_cli_says_in_dutch_what_is_wrong_with_its_file(tmp_path, capsys):
    assert main(["niet-gevonden", str(tmp_path / "weg.sqlite")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    (tmp_path / "tekst.sqlite").write_text("geen database", encoding="utf-8")
    assert main(["niet-gevonden", str(tmp_path / "tekst.sqlite")]) == 2
    assert "geen telbestand" in capsys.readouterr().err
