"""The search API against a real uvicorn server on 127.0.0.1 (free port), through httpx."""

from __future__ import annotations

import string

import httpx
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from test_search_support import ON_SITE, corpus, project, running
from watwerkt.search import build_index
from watwerkt.search.server import create_app


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("api"))
    dossiers, settings = corpus(root)
    build_index(dossiers, settings, root / "idx")
    site = root / "site"
    (site / "zoeken").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Thuis</title><p>welkom</p>", encoding="utf-8")
    (site / "zoeken" / "index.html").write_text("<!doctype html><title>Zoeken</title>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Niet gevonden</title>", encoding="utf-8")
    with running(create_app(site, root / "idx", settings)) as base:
        with httpx.Client(base_url=base, timeout=30) as client:
            client.project_root = root  # for the CLI comparison
            yield client


def test_search_returns_ranked_json(server):
    r = server.get("/api/search", params={"q": "schuldhulp"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["hits"][0]["slug"] == "schuldhulpverlening"
    assert body["hits"][0]["url"] == "dossiers/schuldhulpverlening/"
    assert "<mark>" in body["hits"][0]["snippet"]
    assert set(body["facets"]) == {"theme", "target_group", "evidence", "status", "year"}
    assert body["total"] == len(body["hits"]) and body["page"] == 1 and body["pages"] == 1


def test_empty_query_lists_all_dossiers(server):
    body = server.get("/api/search").json()
    assert {h["slug"] for h in body["hits"]} == ON_SITE


def test_repeated_facet_parameters_are_or_and_groups_are_and(server):
    one = server.get("/api/search", params=[("theme", "welzijn")]).json()
    two = server.get("/api/search", params=[("theme", "welzijn"), ("theme", "schulden")]).json()
    both = server.get("/api/search", params=[("theme", "welzijn"), ("theme", "schulden"),
                                             ("evidence", "aannemelijk")]).json()
    assert (one["total"], two["total"], both["total"]) == (2, 3, 1)
    theme = {v["value"]: v for v in both["facets"]["theme"]["values"]}
    assert theme["welzijn"]["selected"] and theme["schulden"]["selected"] and not theme["wonen"]["selected"]
    assert theme["schulden"]["count"] == 1 and theme["welzijn"]["count"] == 0
    evidence = {v["value"]: v for v in both["facets"]["evidence"]["values"]}
    assert evidence["aanwijzingen"]["label"] == "Eerste aanwijzingen"
    assert both["facets"]["evidence"]["label"] == "Bewijsniveau"


def test_suggestion_and_pagination(server):
    body = server.get("/api/search", params={"q": "eenzaamhied"}).json()
    assert body["suggestion"] == "eenzaamheid" and body["hits"][0]["slug"] == "eenzaamheid-ouderen"
    page2 = server.get("/api/search", params={"page": "2", "page_size": "3"}).json()
    assert page2["page"] == 2 and page2["pages"] == 2 and len(page2["hits"]) == 1


@pytest.mark.parametrize("q", ["ouderen (65+", "title:x AND (", '"', "*", "ouderen die alleen zijn", "é" * 200])
def test_odd_queries_get_200(server, q):
    assert server.get("/api/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize("params", [
    {"q": "a" * 201},
    {"q": "ouderen\x00"}, {"q": "een\tregel"}, {"q": "\x1b[31m"}, {"q": "\x7f"},
    {"onbekend": "1"}, {"thema": "welzijn"}, {"Q": "x"},
    {"page": "-1"}, {"page": "0"}, {"page": "1001"}, {"page": "99999999999999999999"}, {"page": "abc"},
    {"page": ""}, {"page": "1.5"}, {"page": "١"}, {"page": "+1"},
    {"page_size": "0"}, {"page_size": "51"}, {"page_size": "-5"}, {"page_size": "tien"},
    {"theme": "x" * 201}, {"theme": "a\x00b"},
])
def test_invalid_parameters_get_400_in_dutch(server, params):
    r = server.get("/api/search", params=params)
    assert r.status_code == 400
    assert set(r.json()) == {"fout"} and r.json()["fout"]


def test_repeated_single_parameters_get_400(server):
    assert server.get("/api/search", params=[("q", "a"), ("q", "b")]).status_code == 400
    assert server.get("/api/search", params=[("page", "1"), ("page", "2")]).status_code == 400


def test_too_many_facet_values_get_400(server):
    r = server.get("/api/search", params=[("theme", str(i)) for i in range(51)])
    assert r.status_code == 400


def test_raw_query_strings_never_500(server):
    for raw in ["q=%FF%FE", "q=%", "q=%zz", "&&&", "q", "=x", "q=a;b", "page=%00", "q=" + "%C3%A9" * 201]:
        r = server.get("/api/search?" + raw)
        assert r.status_code in (200, 400), (raw, r.status_code)


def test_openapi_description(server):
    r = server.get("/api/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["openapi"].startswith("3.")
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert names == {"q", "page", "page_size", "theme", "target_group", "evidence", "status", "year"}


def test_static_site_is_served_next_to_the_api(server):
    assert "welkom" in server.get("/").text
    assert server.get("/zoeken/").status_code == 200
    missing = server.get("/bestaat/niet/")
    assert missing.status_code == 404 and "Niet gevonden" in missing.text
    assert server.get("/../../etc/passwd").status_code == 404


def test_no_index_gives_503_not_500(tmp_path):
    with running(create_app(None, tmp_path / "leeg")) as base:
        r = httpx.get(base + "/api/search", params={"q": "x"})
    assert r.status_code == 503 and "fout" in r.json()


_PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(str.isprintable)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=260))
def test_property_any_q_never_5xx(server, q):
    r = server.get("/api/search", params={"q": q})
    assert r.status_code < 500
    if r.status_code == 400:
        assert len(q) > 200 or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in q)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=_PRINTABLE, page=st.integers(1, 3), page_size=st.integers(1, 50))
def test_property_printable_q_within_bounds_gets_200(server, q, page, page_size):
    r = server.get("/api/search", params={"q": q, "page": page, "page_size": page_size})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= len(body["hits"])


@hsettings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.text(string.printable, max_size=20), max_size=5))
def test_property_facet_values_never_5xx(server, values):
    r = server.get("/api/search", params=[("theme", v) for v in values])
    assert r.status_code in (200, 400)


def test_cli_json_is_the_api_answer(server, monkeypatch, capsys):
    """`watwerkt search --format json` prints what GET /api/search returns for the same request."""
    import json

    from watwerkt.cli import main

    api = server.get("/api/search", params={"q": "schuldhulp", "theme": "schulden", "page_size": "3"}).json()
    root = server.project_root
    monkeypatch.chdir(root)
    capsys.readouterr()
    assert main(["search", "schuldhulp", "--theme", "schulden", "--page-size", "3", "--format", "json",
                 "--index-dir", str(root / "idx")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == api and printed["hits"]
