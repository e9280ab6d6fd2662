"""`watwerkt serve --site` as a real server: a child process (uvicorn, two worker processes) on a
free port serving publications laid out as docs/deploy.md describes, through a `current` symlink.

Checked against the running process: gzip, Cache-Control by file name, /api/health, switching
to another publication under load without a failed request, nothing written to a publication,
root path and proxy headers, the access log (off by default; truncated addresses when on)."""

from __future__ import annotations

import gzip
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from serve_support import CLI, env, serving, snapshot, switch
from test_search_support import corpus, project
from watwerkt.cli.serving import truncate_address
from watwerkt.model.publication import write_record
from watwerkt.search import build_index

HASHED_JS = "assets/javascripts/bundle.0a1b2c3d.min.js"  # Material's naming: <name>.<hash>.min.js
OWN_CSS = "assets/watwerkt/watwerkt.css"  # our own, not hashed
FILLER = "<p>" + "Wat werkt bij eenzaamheid onder ouderen, en waarom. " * 40 + "</p>"


def publication(folder: Path, label: str, dossiers) -> Path:
    """A publication as CI makes it: site/ (a small built site, a page per indexed dossier) and zoekindex/."""
    site = folder / "site"
    for page in ("", "zoeken/", *(f"dossiers/{d.slug}/" for d in dossiers[0] if d.public)):
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text(
            f"<!doctype html><title>{label}</title><h1>{label}</h1>{FILLER}", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Niet gevonden</title>" + FILLER, encoding="utf-8")
    for name in (HASHED_JS, OWN_CSS):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("/* " + label + " */ " + "x" * 2000, encoding="utf-8")
    for d in dossiers[0]:
        if d.public:  # citation files as the build writes them (their content is not the point here)
            (site / "dossiers" / d.slug / "citeer.ris").write_text("TY  - ELEC\r\nER  - \r\n", encoding="utf-8")
            (site / "dossiers" / d.slug / "citeer.bib").write_text("@misc{x,\n}\n", encoding="utf-8")
    (site / "pdf").mkdir()
    (site / "pdf" / "collectie.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 4000 + b"\n%%EOF\n")
    dossiers, settings = dossiers
    build_index(dossiers, settings, folder / "zoekindex")
    return folder


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """/srv-like folder: releases/a (4 dossiers), releases/b (3 dossiers), current -> a."""
    tmp = tmp_path_factory.mktemp("serve")
    root = project(tmp)
    everything = corpus(root)
    fewer = ([d for d in everything[0] if d.slug != "jongeren-naar-werk"], everything[1])
    srv = tmp / "srv"
    a = publication(srv / "releases" / "a", "Publicatie A", everything)
    publication(srv / "releases" / "b", "Publicatie B", fewer)
    (srv / "releases" / "leeg").mkdir()
    # A site whose record (api/publicatie.json, written by the build) names an index version its
    # zoekindex/ does not hold: site and index of two different builds.
    los = publication(srv / "releases" / "los", "Publicatie los", everything)
    write_record(los / "site", "v00000000000000000001-deadbeef", [d.slug for d in everything[0]], [])
    switch(srv / "current", a)
    return srv


@pytest.fixture(scope="module")
def server(host, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    args = ["--site", str(host / "current"), "--workers", "2", "--root-path", "/kennis", "--access-log"]
    with serving(args, log) as running:
        yield running


def test_a_page_is_compressed_also_for_head(server):
    for method in ("GET", "HEAD"):
        r = httpx.request(method, server.base + "/", headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200
        assert r.headers["content-encoding"] == "gzip" and "Accept-Encoding" in r.headers["vary"]
        assert int(r.headers["content-length"]) < len(FILLER)
    with httpx.stream("GET", server.base + "/", headers={"Accept-Encoding": "gzip"}) as raw:
        assert b"Publicatie A" in gzip.decompress(b"".join(raw.iter_raw()))
    api = httpx.get(server.base + "/api/search", headers={"Accept-Encoding": "gzip"})
    assert api.headers["content-encoding"] == "gzip" and api.json()["total"] == 4
    plain = httpx.get(server.base + "/", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and "Publicatie A" in plain.text


def test_citation_files_arrive_as_named_files(server, host):
    slug = sorted(p.name for p in (host / "current" / "site" / "dossiers").iterdir())[0]
    for suffix, kind in ((".ris", "application/x-research-info-systems"), (".bib", "application/x-bibtex")):
        r = httpx.get(f"{server.base}/dossiers/{slug}/citeer{suffix}")
        assert r.status_code == 200
        assert r.headers["content-type"] == f"{kind}; charset=utf-8"
        assert r.headers["content-disposition"] == f'attachment; filename="{slug}{suffix}"'
    page = httpx.get(f"{server.base}/dossiers/{slug}/")
    assert "content-disposition" not in page.headers


def test_pdfs_are_not_compressed(server):
    r = httpx.get(server.base + "/pdf/collectie.pdf", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "content-encoding" not in r.headers


@pytest.mark.parametrize("path, expected", [
    (HASHED_JS, "public, max-age=31536000, immutable"),
    (OWN_CSS, "public, max-age=300"),
    ("pdf/collectie.pdf", "public, max-age=300"),
    ("", "no-cache"),
    ("dossiers/schuldhulpverlening/", "no-cache"),
    ("assets/javascripts/bundle.99999999.min.js", "no-cache"),  # a 404 is never kept long
    ("bestaat/niet/", "no-cache"),
    ("api/search?q=ouderen", "no-store"),
    ("api/health", "no-store"),
])
def test_cache_lifetime_follows_the_file_name(server, path, expected):
    r = httpx.get(server.base + "/" + path)
    assert r.headers["cache-control"] == expected, (path, r.status_code)


def test_revalidation_answers_304_with_the_same_lifetime(server):
    for path, lifetime in (("", "no-cache"), (HASHED_JS, "public, max-age=31536000, immutable")):
        first = httpx.get(server.base + "/" + path, headers={"Accept-Encoding": "gzip"})
        again = httpx.get(server.base + "/" + path, headers={"If-None-Match": first.headers["etag"],
                                                              "Accept-Encoding": "gzip"})
        assert again.status_code == 304 and again.headers["cache-control"] == lifetime


def test_health_names_the_index_version_and_the_dossiers(server, host):
    r = httpx.get(server.base + "/api/health")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    pointer = (host / "releases" / "a" / "zoekindex" / "CURRENT").read_text(encoding="utf-8").strip()
    assert r.json() == {"status": "ok", "index_version": pointer, "dossiers": 4}
    assert httpx.head(server.base + "/api/health").status_code == 200


def test_several_worker_processes(server):
    # uvicorn's supervisor starts them; the bound is for a loaded machine, not a timing check.
    for _ in range(300):
        if len(server.children()) == 2:
            break
        threading.Event().wait(0.1)
    assert len(server.children()) == 2, server.log_text()


def test_root_path_and_trusted_proxy_headers_shape_redirects(server):
    r = httpx.get(server.base + "/dossiers/schuldhulpverlening", headers={
        "Host": "kennis.example.org", "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"})
    assert r.status_code in (301, 307, 308)
    assert r.headers["location"] == "https://kennis.example.org/kennis/dossiers/schuldhulpverlening/"


def test_access_log_truncates_addresses_and_leaves_out_queries(server):
    for address in ("203.0.113.77", "2001:db8:1:2:3:4:5:6"):
        httpx.get(server.base + "/api/search", params={"q": "geheimwoord"}, headers={"X-Forwarded-For": address})
    for _ in range(300):  # the line is written just after the response
        text = server.log_text()
        if "2001:db8:1::" in text:
            break
        threading.Event().wait(0.1)
    assert '203.0.113.0 - "GET /kennis/api/search HTTP/1.1" 200' in text, text
    assert '2001:db8:1:: - "GET /kennis/api/search HTTP/1.1" 200' in text, text
    assert "203.0.113.77" not in text and "5:6" not in text and "geheimwoord" not in text


@pytest.mark.parametrize("client, logged", [
    ("192.168.1.23:50412", "192.168.1.0"), ("10.0.0.1:0", "10.0.0.0"),
    ("::1:443", "::"), ("2001:db8:abcd:12:1:2:3:4:443", "2001:db8:abcd::"),
    ("::ffff:10.1.2.3:80", "10.1.2.0"), ("", "-"), ("unix:0", "-"),
])
def test_truncate_address(client, logged):
    assert truncate_address(client) == logged


def test_switching_publications_under_load_drops_nothing_and_writes_nothing(server, host):
    releases = host / "releases"
    before = snapshot(releases)
    failures, seen = [], set()
    done = threading.Event()
    count = [0]
    lock = threading.Lock()

    def hammer(path: str):
        with httpx.Client(base_url=server.base, timeout=60) as client:
            while not done.is_set():
                try:
                    r = client.get(path)
                except httpx.TransportError as exc:
                    failures.append(f"{path}: {exc!r}")
                    continue
                if r.status_code != 200:
                    failures.append(f"{path}: {r.status_code}")
                elif path == "/":
                    seen.add("A" if "Publicatie A" in r.text else "B" if "Publicatie B" in r.text else r.text[:80])
                with lock:
                    count[0] += 1

    def after(n: int):
        """Wait until n more requests were answered (progress, not time)."""
        with lock:
            goal = count[0] + n
        while True:
            with lock:
                if count[0] >= goal:
                    return
            threading.Event().wait(0.01)

    paths = ["/", "/api/search?q=ouderen", "/api/health", "/" + HASHED_JS, "/zoeken/"]
    with ThreadPoolExecutor(len(paths)) as pool:
        futures = [pool.submit(hammer, p) for p in paths]
        try:
            for target in ("b", "a", "b", "a", "b"):
                after(40)
                switch(host / "current", releases / target)
            after(40)
        finally:
            done.set()
        for f in futures:
            f.result()
    assert not failures, failures[:10]
    assert seen == {"A", "B"}, seen
    # The link now names b: every request from here on is served from b, by whichever worker.
    pointer = (releases / "b" / "zoekindex" / "CURRENT").read_text(encoding="utf-8").strip()
    for _ in range(10):
        assert "Publicatie B" in httpx.get(server.base + "/").text
        assert httpx.get(server.base + "/api/health").json() == {
            "status": "ok", "index_version": pointer, "dossiers": 3}
    assert httpx.get(server.base + "/api/search").json()["total"] == 3
    # An unusable target (no site in it) is refused; the last good publication stays in service.
    # So is one whose site names an index version its zoekindex/ lacks (pages and hits would differ).
    for refused in ("leeg", "los"):
        switch(host / "current", releases / refused)
        for _ in range(4):
            assert "Publicatie B" in httpx.get(server.base + "/").text
            assert httpx.get(server.base + "/api/health").json()["dossiers"] == 3
    switch(host / "current", releases / "a")
    assert "Publicatie A" in httpx.get(server.base + "/").text
    log = server.log_text()
    assert "niet in gebruik genomen" in log and "v00000000000000000001-deadbeef" in log
    assert snapshot(releases) == before, "serveren schreef in een publicatie"


def test_access_log_is_off_by_default_and_untrusted_proxies_are_ignored(host, tmp_path):
    args = ["--site", str(host / "current"), "--forwarded-allow-ips", "10.9.9.9"]
    with serving(args, tmp_path / "serve.log") as running:
        r = httpx.get(running.base + "/dossiers/schuldhulpverlening",
                      headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"})
        assert r.headers["location"] == running.base + "/dossiers/schuldhulpverlening/"
        httpx.get(running.base + "/api/search", params={"q": "ouderen"})
        assert running.children() == []  # one process unless asked for more
    text = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "GET /" not in text and "127.0.0.1" in text  # only the startup line names an address


@pytest.mark.parametrize("args, message", [
    (["--site", "{leeg}"], "bevat geen gebouwde site"),
    (["--site", "{current}", "--workers", "0"], "werkprocessen"),
    (["--site", "{current}", "--root-path", "kennis"], "geen pad"),
    (["--site", "{current}", "--no-build"], "--no-build"),
    (["--site", "{current}", "--opnieuw-bouwen"], "--opnieuw-bouwen"),
])
def test_bad_serve_options_are_refused_in_dutch(host, args, message):
    args = [a.format(leeg=host / "releases" / "leeg", current=host / "current") for a in args]
    proc = subprocess.run([str(CLI), "serve", *args], capture_output=True, text=True, timeout=120, env=env())
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
