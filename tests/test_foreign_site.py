"""A Material site that is not this repository: nothing but a minimal mkdocs.yml and a dossiers/
folder. Everything the plugin needs (search page and assets, home list, templates, schema of the
options) must come from the installed package."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import FIXTURES
from watwerkt.check import check
from watwerkt.site.config import load_project

MINIMAL = """site_name: Kennisbank Elders
site_url: https://elders.example.org/kennis/
theme:
  name: material
  language: nl
plugins:
  - search
  - watwerkt
"""


def test_a_minimal_material_site_gets_pages_search_page_json_ld_and_pdfs(tmp_path):
    project = tmp_path / "elders"
    shutil.copytree(FIXTURES / "valid" / "dossiers", project / "dossiers")
    (project / "docs").mkdir()  # empty: no index.md, no zoeken.md, no assets of ours
    (project / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "WATWERKT_TODAY": "2026-06-01"})
    assert run.returncode == 0, run.stderr
    site = project / "site"
    settings = load_project(project / "mkdocs.yml")
    public = [d for d in check([project / "dossiers"], settings, dt.date(2026, 6, 1)).valid_dossiers() if d.public]
    assert public
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Kennisbank Elders" in home
    for d in public:
        page = (site / "dossiers" / d.slug / "index.html").read_text(encoding="utf-8")
        assert f'href="dossiers/{d.slug}/"' in home, "the home page lists every public dossier"
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert ld["@id"] == f"{settings.base_url}dossiers/{d.slug}/"
        assert ld["publisher"]["name"] == "Kennisbank Elders"
        reader = PdfReader(site / "pdf" / f"{d.slug}.pdf")
        assert len(reader.pages) >= 1 and d.title.split()[0] in reader.pages[0].extract_text()
    search_page = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert 'id="ww-zoeken"' in search_page and 'data-api="../api/search"' in search_page
    for asset in ("zoeken.js", "zoeken.css", "watwerkt.css"):
        assert (site / "assets" / "watwerkt" / asset).is_file(), asset
        assert f"assets/watwerkt/{asset}" in (search_page if asset.startswith("zoeken") else home)
    # The static index comes with the plugin; a site that keeps Material's search plugin keeps its
    # quick search in the header (the plugin removes no other plugin), so ours is left out there.
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "search" / "search_index.json").is_file()
    assert 'id="ww-kopzoeken"' not in home and "md-search__input" in home
    assert "assets/watwerkt/zoekmotor.js" in search_page


def test_pdfs_without_the_pdf_extra_name_the_extra_in_dutch(tmp_path, monkeypatch, caplog):
    import importlib.util

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    import watwerkt.site.plugin as plugin_module

    project = tmp_path / "licht"
    shutil.copytree(FIXTURES / "valid" / "dossiers", project / "dossiers")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(plugin_module.importlib.util, "find_spec",
                        lambda name, *a: None if name == "weasyprint" else real(name, *a))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(Abort):
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert "installeer watwerkt[pdf]" in caplog.text and "pdf: false" in caplog.text
    assert not (project / "site").exists()
