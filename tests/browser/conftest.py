"""Browser test infrastructure: build sites once per session, serve them over real HTTP on
127.0.0.1, and drive them in Debian's Chromium through Playwright (which never downloads a
browser here). Nothing is skipped: a missing Chromium or axe-core fails with a clear message.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import build_site
from conftest import sample_dossiers, sample_with

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_DIR = ROOT / ".cache" / "node" / "node_modules" / "axe-core"
SUBPATH = "/kennisbank/"

# Pages every check visits: home, a dossier, overviews and the evidence overview. The dossier is a
# sample with good examples, so every part a dossier page can have is on it (chosen from the model,
# not by name: editors change the samples).
DOSSIER = f"dossiers/{sample_with(sample_dossiers(), 'with examples', lambda d: d.examples).slug}/"
PAGES = ["", DOSSIER, "themas/", "werkzame-elementen/", "bewijs/"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@dataclass
class Served:
    """A folder served over HTTP; `url` is where the site itself starts (ends in '/')."""

    root: Path
    url: str
    origin: str
    server: ThreadingHTTPServer

    def page(self, path: str = "") -> str:
        return self.url + path


def serve(folder: Path, prefix: str = "/") -> Served:
    """Serve `folder` on a free port in a background thread. The site may be built afterwards:
    the handler reads files per request, so the port is known before the build needs it."""
    folder.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"http-{folder.name}", daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    return Served(root=folder, url=origin + prefix, origin=origin, server=server)


@pytest.fixture(scope="session")
def served_sites():
    servers: list[Served] = []
    yield servers
    for s in servers:
        s.server.shutdown()
        s.server.server_close()


def _serve_built(served_sites, folder: Path, config_file: Path, prefix: str = "/", cache_dir: Path | None = None,
                 **overrides) -> Served:
    s = serve(folder, prefix)
    served_sites.append(s)
    site_dir = folder / prefix.strip("/") if prefix.strip("/") else folder
    # The search index and PDF cache stay outside the served folder (and out of the repository).
    cache_dir = cache_dir or folder.with_name(folder.name + ".cache")
    # site_url stays the project's own: it names the published address, the browser follows relative links.
    build_site(config_file, site_dir, cache_dir=cache_dir, **overrides)
    return s


@pytest.fixture(scope="session")
def site(tmp_path_factory, served_sites, sample_cache) -> Served:
    """The sample knowledge base, served at the root of its origin."""
    return _serve_built(served_sites, tmp_path_factory.mktemp("site-root"), ROOT / "mkdocs.yml",
                        cache_dir=sample_cache)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory, served_sites, sample_cache) -> Served:
    """The same site hosted under a sub-path, as on a shared organisation domain."""
    return _serve_built(served_sites, tmp_path_factory.mktemp("site-sub"), ROOT / "mkdocs.yml", SUBPATH,
                        cache_dir=sample_cache)


@pytest.fixture(scope="session")
def corpus_site(corpus_preview, served_sites) -> tuple[Served, Path]:
    """(served, site folder) of the generated corpus that paginates (tests/conftest.py)."""
    _, site_dir = corpus_preview
    served = serve(site_dir)
    served_sites.append(served)
    return served, site_dir


def fixture_project(tmp_path: Path, plugin_options: str = "") -> Path:
    """A throw-away project holding a copy of the valid fixture dossiers (cf. tests/test_site.py)."""
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers", symlinks=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - watwerkt:\n      today: '2026-06-01'\n      pdf: false\n" + plugin_options,
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


@pytest.fixture(scope="session")
def serve_project(served_sites):
    """Serve and build a fixture project: serve_project(project_dir) -> Served."""

    def _serve(project: Path) -> Served:
        return _serve_built(served_sites, project / "served", project / "mkdocs.yml")

    return _serve


# -- browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Chromium met scripts/setup.sh "
                    "(als root; apt-pakket 'chromium'). De browsertests slaan niets over.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# Auto-waiting expect assertions: generous on a shared 2-core machine (a bound, not a timing test).
@pytest.fixture(scope="session", autouse=True)
def _expect_timeout():
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# -- axe-core --------------------------------------------------------------------------------
def pinned_axe_version() -> str:
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    m = re.search(r"^AXE_CORE_VERSION=([0-9][0-9A-Za-z.\-]*)$", text, re.M)
    assert m, "AXE_CORE_VERSION ontbreekt in scripts/setup.sh"
    return m.group(1)


@pytest.fixture(scope="session")
def axe() -> tuple[Path, str]:
    """(path of axe.min.js, version): the version pinned in scripts/setup.sh, installed by it."""
    import json

    want = pinned_axe_version()
    script = AXE_DIR / "axe.min.js"
    try:
        have = json.loads((AXE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        have = None
    if have != want or not script.exists():
        pytest.fail(f"axe-core {want} ontbreekt in {AXE_DIR} (gevonden: {have}); "
                    "voer scripts/setup.sh uit (installeert het met npm).", pytrace=False)
    return script, want
