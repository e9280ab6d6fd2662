"""The sample site behind Debian's nginx under /kennis/, with the shipped example configuration
(docs/deploy/nginx.conf.voorbeeld): nginx runs as a child process (`daemon off`, its own prefix
and configuration in tmp, free ports, a self-signed certificate) in front of `watwerkt serve
--site ... --root-path /kennis --workers 2`, which serves a publication laid out as
docs/deploy.md describes.

Checked: pages load through nginx, compressed, with the security headers; search answers with
facet counts, in the API and on the search page; no link on any page, in any redirect or in the
API points outside /kennis/; Material's pages cause no Content-Security-Policy violation in
Chromium; no request leaves /kennis/.
"""

from __future__ import annotations

import re
import shutil
import ssl
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from conftest import build_site, sample_dossiers
from serve_support import free_port, serving, stop, switch
from .conftest import DOSSIER, ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EXAMPLE = ROOT / "docs" / "deploy" / "nginx.conf.voorbeeld"
PREFIX = "/kennis/"
# The published address of the example (site_url): canonical links, JSON-LD and the JSON API name
# it. The test reaches the same nginx at 127.0.0.1; links to either origin must stay in PREFIX.
PUBLISHED = "https://kennis.example.org"

def query_word() -> str:
    """A word from a sample dossier's title (the samples change through pull requests)."""
    title = sample_dossiers()[0].title
    return max(title.split(), key=len).lower()


def adapted_example(app_port: int, https_port: int, http_port: int, cert: Path, key: Path) -> str:
    """The example with only ports and certificate replaced; each replaced line must be there,
    so the test follows the example when it changes."""
    text = EXAMPLE.read_text(encoding="utf-8")
    swaps = [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};", 1),
        ("listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1),
        ("/etc/letsencrypt/live/kennis.example.org/fullchain.pem", str(cert), 1),
        ("/etc/letsencrypt/live/kennis.example.org/privkey.pem", str(key), 1),
    ]
    for old, new, count in swaps:
        assert text.count(old) == count, f"{old!r} staat niet {count}x in {EXAMPLE.name}"
        text = text.replace(old, new)
    ipv6 = re.findall(r"^\s*listen \[::\]:.*$\n", text, re.M)
    assert len(ipv6) == 2  # the test machine may have no IPv6
    return re.sub(r"^\s*listen \[::\]:.*$\n", "", text, flags=re.M)


def main_config(prefix: Path, site_conf: Path) -> str:
    import os

    user = "user root;\n" if os.geteuid() == 0 else ""  # workers may read the tmp folders
    temp = "".join(f"    {name}_temp_path {prefix / 'tmp' / name};\n"
                   for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
            f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 256; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    access_log {prefix / 'access.log'};\n{temp}"
            f"    include {site_conf};\n}}\n")


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory, sample_cache):
    if not Path(NGINX).exists():
        pytest.fail("nginx ontbreekt: installeer het met scripts/setup.sh (als root; apt-pakket 'nginx').",
                    pytrace=False)
    tmp = tmp_path_factory.mktemp("nginx")
    https_port, http_port = free_port(), free_port()
    origin = f"https://127.0.0.1:{https_port}"
    # A publication as docs/deploy.md has CI make it: site/ and zoekindex/, reached through current.
    publication = tmp / "srv" / "releases" / "1"
    build_site(ROOT / "mkdocs.yml", publication / "site", cache_dir=sample_cache, site_url=PUBLISHED + PREFIX)
    shutil.copytree(sample_cache / "search", publication / "zoekindex")  # the build's own index
    switch(tmp / "srv" / "current", publication)

    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    prefix = tmp / "nginx"
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / name).mkdir(parents=True)
    args = ["--site", str(tmp / "srv" / "current"), "--root-path", PREFIX.rstrip("/"), "--workers", "2"]
    with serving(args, tmp / "serve.log") as app:
        site_conf = prefix / "watwerkt.conf"
        site_conf.write_text(adapted_example(app.port, https_port, http_port, cert, key), encoding="utf-8")
        conf = prefix / "nginx.conf"
        conf.write_text(main_config(prefix, site_conf), encoding="utf-8")
        test = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                              capture_output=True, text=True)
        assert test.returncode == 0, test.stderr
        proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        tls = ssl.create_default_context(cafile=str(cert))
        client = httpx.Client(verify=tls, timeout=60)
        try:
            for _ in range(300):  # a bound for a loaded machine, not a timing check
                if proc.poll() is not None:
                    break
                try:
                    client.get(origin + "/")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert proc.poll() is None, proc.stderr.read().decode()
            yield {"origin": origin, "base": origin + PREFIX, "client": client, "site": publication / "site",
                   "http": f"http://127.0.0.1:{http_port}", "prefix": prefix}
        finally:
            client.close()
            stop(proc)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "poster", "data-api") and value:
                self.found.append(value)
            elif name == "srcset" and value:
                self.found.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name == "content" and value and value.startswith(("http:", "https:", "/")):
                self.found.append(value)


def _outside(urls, base: str, origin: str) -> list[str]:
    """Addresses on the site's own origins (as reached, as published) that leave the prefix;
    relative ones are resolved against `base` first. Other origins (DOIs, sources) are not ours."""
    bad = []
    for u in urls:
        full = urljoin(base, u)
        for own in (origin, PUBLISHED):
            if (full == own or full.startswith(own + "/")) and not full.startswith(own + PREFIX):
                bad.append(u)
    return bad


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_pages_load_compressed_with_security_headers(behind_nginx):
    client, base = behind_nginx["client"], behind_nginx["base"]
    r = client.get(base, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert r.headers.get_list("x-content-type-options") == ["nosniff"]
    assert r.headers["strict-transport-security"].startswith("max-age=")
    bundle = next((behind_nginx["site"] / "assets" / "javascripts").glob("bundle.*.min.js"))
    asset = client.get(base + f"assets/javascripts/{bundle.name}", headers={"Accept-Encoding": "gzip"})
    assert asset.status_code == 200 and asset.headers["content-encoding"] == "gzip"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert client.get(base + "assets/watwerkt/watwerkt.css").headers["cache-control"] == "public, max-age=300"
    health = client.get(base + "api/health")
    assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["dossiers"] > 0
    # Plain HTTP is sent to HTTPS.
    plain = httpx.get(behind_nginx["http"] + PREFIX, follow_redirects=False)
    assert plain.status_code == 301 and plain.headers["location"].startswith("https://")
    # The example turns nginx's access log (full addresses) off in both servers.
    log = behind_nginx["prefix"] / "access.log"
    assert not log.exists() or log.stat().st_size == 0


def test_search_answers_with_facet_counts_through_nginx(behind_nginx):
    client, base, origin = behind_nginx["client"], behind_nginx["base"], behind_nginx["origin"]
    r = client.get(base + "api/search", params={"q": query_word()})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["total"] > 0 and body["hits"]
    counts = [v["count"] for facet in body["facets"].values() for v in facet["values"]]
    assert counts and sum(counts) > 0 and all(isinstance(n, int) for n in counts)
    # Every hit's address (relative to the site) opens inside /kennis/.
    for hit in body["hits"]:
        page = client.get(urljoin(base, hit["url"]))
        assert page.status_code == 200 and page.url.path.startswith(PREFIX)
    assert not _outside(_strings(body), base, origin)


def test_no_link_on_a_page_in_a_redirect_or_in_the_api_leaves_the_prefix(behind_nginx):
    client, base, origin, site = (behind_nginx[k] for k in ("client", "base", "origin", "site"))
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 10
    bad = {}
    for rel in pages:
        url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        r = client.get(url)
        assert r.status_code == 200, url
        parser = _Links()
        parser.feed(r.text)
        if outside := _outside(parser.found, url, origin):
            bad[rel] = outside
    for rel in sorted(p.relative_to(site).as_posix() for p in (site / "api").rglob("*.json")):
        if outside := _outside(_strings(client.get(base + rel).json()), base, origin):
            bad[rel] = outside
    assert not bad, bad
    # The 404 page of an unknown address, and redirects, stay inside too.
    missing = client.get(base + "bestaat/niet/")
    parser = _Links()
    parser.feed(missing.text)
    assert missing.status_code == 404 and not _outside(parser.found, str(missing.url), origin)
    slashless = client.get(base + DOSSIER.rstrip("/"), follow_redirects=False)
    assert slashless.status_code in (301, 307, 308)
    assert urljoin(base, slashless.headers["location"]) == base + DOSSIER
    bare = client.get(origin + PREFIX.rstrip("/"), follow_redirects=False)
    assert bare.status_code == 301 and urlsplit(urljoin(origin, bare.headers["location"])).path == PREFIX


_COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def test_material_pages_cause_no_csp_violation_and_search_shows_facet_counts(browser, behind_nginx):
    base = behind_nginx["base"]
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15_000)
    context.add_init_script(_COLLECT_VIOLATIONS)
    requests, console = [], []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: "Content Security Policy" in m.text and console.append(m.text))
        violations = {}
        for path in ["", DOSSIER, "themas/", "werkzame-elementen/", "bewijs/", "bestaat/niet/"]:
            page.goto(base + path, wait_until="networkidle")  # also the search worker's late requests
            violations[path] = page.evaluate("window.__csp")
        # The header search (the service answers through nginx) under the policy.
        page.goto(base, wait_until="networkidle")
        page.locator("#ww-kop-q").press_sequentially(query_word())
        expect(page.locator(".ww-kop-treffer").first).to_be_visible()
        expect(page.locator("#ww-kopzoeken")).to_have_attribute("data-zoekmachine", "dienst")
        violations["snelzoeken"] = page.evaluate("window.__csp")
        # The search page asks /kennis/api/search through nginx and shows facet counts.
        page.goto(base + "zoeken/?zoek=" + query_word(), wait_until="networkidle")
        expect(page.locator("#ww-resultaten li").first).to_be_visible()
        expect(page.locator("#ww-status")).to_contain_text("gevonden")
        labels = page.locator("#ww-filters label").all_inner_texts()
        assert labels and all(re.search(r"\(\d+\)", t) for t in labels), labels
        violations["zoeken/"] = page.evaluate("window.__csp")
    finally:
        context.close()
    assert not {k: v for k, v in violations.items() if v} and not console, (violations, console)
    outside = sorted({u for u in requests if not u.startswith(base)})
    assert not outside, outside
    assert any("/kennis/api/search" in u for u in requests)
