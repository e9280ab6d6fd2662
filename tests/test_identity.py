"""The site's identity comes from mkdocs.yml: absolute addresses only where an identifier leaves
the site, all naming site_url; relative links for everything a browser fetches; configuration
problems as located Dutch messages. Built for real (the sample site, PDFs included)."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, build_site, sample_dossiers
from watwerkt.export.citation import UNPUBLISHED
from watwerkt.site.config import load_project

LOOPBACK = (b"127.0.0.1", b"localhost:", b"0.0.0.0")


@pytest.fixture(scope="module")
def published():
    """The sample's own published address, as mkdocs.yml says (not retyped here)."""
    base = load_project(ROOT / "mkdocs.yml").base_url
    assert base.startswith("https://") and urlsplit(base).path not in ("", "/"), "the sample is under a sub-path"
    return base


@pytest.fixture(scope="module")
def site(tmp_path_factory, sample_cache):
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("identity") / "site", cache_dir=sample_cache)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_no_loopback_address_anywhere_in_the_built_site(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files), "the sample build publishes PDFs"
    leaks = []
    for path in files:
        data = pdf_text(path).encode() if path.suffix == ".pdf" else path.read_bytes()
        if path.suffix == ".gz":
            continue  # sitemap.xml.gz is the gzip of sitemap.xml, checked as such
        leaks += [f"{path.relative_to(site)}: {needle.decode()}" for needle in LOOPBACK if needle in data]
    assert not leaks, leaks


def test_every_identifier_that_leaves_the_site_names_site_url(site, published):
    dossiers = [d for d in sample_dossiers() if d.public]
    assert dossiers
    for d in dossiers:
        address = f"{published}dossiers/{d.slug}/"
        page = (site / "dossiers" / d.slug / "index.html").read_text(encoding="utf-8")
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert ld["@id"] == ld["url"] == address
        assert ld["publisher"]["url"] == published
        assert f'<link rel="canonical" href="{address}">' in page
        assert address in re.search(r'class="ww-citation"[^>]*>(.*?)</p>', page, re.S).group(1)
        ris = (site / "dossiers" / d.slug / "citeer.ris").read_bytes().decode("utf-8")
        assert f"UR  - {address}\r\n" in ris
        assert f"url = {{{address}}}" in (site / "dossiers" / d.slug / "citeer.bib").read_text(encoding="utf-8")
        api = json.loads((site / "api" / "dossiers" / f"{d.slug}.json").read_text(encoding="utf-8"))
        assert api["url"] == address
        cover = PdfReader(site / "pdf" / f"{d.slug}.pdf").pages[0].extract_text()
        assert "".join(address.split()) in "".join(cover.split())
    listing = json.loads((site / "api" / "dossiers.json").read_text(encoding="utf-8"))
    assert {e["json_url"] for e in listing["dossiers"]} == {f"{published}api/dossiers/{d.slug}.json" for d in dossiers}
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{published}</id>" in feed
    assert f'href="{published}feed.xml"' in feed  # rel=self


def test_what_a_browser_follows_stays_relative(site, published):
    page = (site / "dossiers" / sample_dossiers()[0].slug / "index.html").read_text(encoding="utf-8")
    feed_link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page).group(1)
    assert feed_link == "../../feed.xml"
    host = urlsplit(published).netloc
    followed = re.findall(r'(?:href|src)="([^"]+)"', page)
    absolute = [u for u in followed if host in u and "ld+json" not in u]
    # Only the canonical link and the citation-side anchors may name the published host.
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', page)
    assert set(absolute) - set(canonical) <= {u for u in absolute if "/dossiers/" in u}, absolute
    home = re.search(r'href="([^"]*)">Naar de startpagina', (site / "404.html").read_text(encoding="utf-8")).group(1)
    assert home == urlsplit(published).path


def test_repository_facts_are_not_requested_from_readers_browsers(site):
    assert load_config(str(ROOT / "mkdocs.yml")).repo_url, "the sample names a repository"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in page
    assert 'data-md-component="source"' not in page  # Material's script fetches stars and forks for it


def _project(tmp_path: Path, head: str, options: str = "") -> Path:
    shutil.copytree(FIXTURES / "valid" / "dossiers", tmp_path / "dossiers")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        head + "theme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - watwerkt:\n      today: '2026-06-01'\n      pdf: false\n" + options, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def _build(config_file: Path, strict: bool) -> Path:
    site = config_file.parent / "site"
    config = load_config(str(config_file), site_dir=str(site), strict=strict)
    config.plugins["watwerkt"].config["cache_dir"] = str(config_file.parent / "cache")
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def test_without_site_url_one_dutch_warning_and_citations_say_unpublished(tmp_path, caplog):
    config = _project(tmp_path, "site_name: Test\n")
    with caplog.at_level(logging.WARNING):
        site = _build(config, strict=False)
    ours = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "site_url" in r.getMessage()]
    assert len(ours) == 1 and "ontbreekt" in ours[0], ours
    page = (site / "dossiers" / "voorbeeld" / "index.html").read_text(encoding="utf-8")
    assert UNPUBLISHED in page
    assert "UR  -" not in (site / "dossiers" / "voorbeeld" / "citeer.ris").read_text(encoding="utf-8")
    assert '"@id"' not in re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1)


@pytest.mark.parametrize("head", ["site_name: Test\n", "site_name: Test\nsite_url: http://127.0.0.1:8000/\n",
                                  "site_name: Test\nsite_url: http://localhost/kb/\n"])
def test_strict_build_fails_without_a_public_site_url(tmp_path, head):
    config = _project(tmp_path, head)
    with pytest.raises(Abort, match="strict"):
        _build(config, strict=True)
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob("site.*")), "nothing published, nothing left"


def _build_error(config: Path, caplog) -> str:
    """MkDocs logs a PluginError as one ERROR line and aborts; the line is what the editor reads."""
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="BuildError"):
        _build(config, strict=True)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


def test_bad_option_is_a_located_dutch_plugin_error(tmp_path, caplog):
    config = _project(tmp_path, "site_name: Test\nsite_url: https://kennisbank.example.org/\n")
    config.write_text(config.read_text(encoding="utf-8").replace("today: '2026-06-01'", "today: 12"),
                      encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("      today: 12") + 1
    message = _build_error(config, caplog)
    assert not (tmp_path / "site").exists()
    assert f"mkdocs.yml:{line}: plugins → watwerkt → today: verwacht een datum in de vorm JJJJ-MM-DD, niet 12" \
        in message


@pytest.mark.parametrize("options, fragment", [
    ("      evidence_scale:\n        - {id: Sterk!, label: Sterk}\n", "evidence_scale: item 1: id: verwacht een id"),
    ("      limits: {max_dossiers: veel}\n", "limits: max_dossiers: verwacht een geheel getal"),
])
def test_mkdocs_build_command_reports_bad_settings_without_a_traceback(tmp_path, options, fragment):
    config = _project(tmp_path, "site_name: Test\nsite_url: https://kennisbank.example.org/\n", options)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=tmp_path,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, env={"NO_MKDOCS_2_WARNING": "1",
                                                                                       "PATH": "/usr/bin:/bin"})
    assert run.returncode != 0
    assert fragment in run.stderr and "mkdocs.yml:" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_leftover_watwerkt_yml_stops_the_build_and_says_where_its_keys_went(tmp_path, caplog):
    config = _project(tmp_path, "site_name: Test\nsite_url: https://kennisbank.example.org/\n")
    (tmp_path / "watwerkt.yml").write_text("base_url: https://oud.example.org/\n", encoding="utf-8")
    assert "watwerkt.yml wordt niet meer gelezen" in _build_error(config, caplog)
