"""The site is built for real from the sample dossiers and from fixtures, then the HTML is read."""

from __future__ import annotations

import re
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from conftest import FIXTURES, ROOT


def _build(config_file, site_dir):
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    return _build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


def test_every_sample_dossier_has_a_page(sample_site):
    slugs = sorted(p.name for p in (ROOT / "dossiers").iterdir() if p.is_dir())
    assert len(slugs) >= 3
    for slug in slugs:
        page = (sample_site / "dossiers" / slug / "index.html").read_text(encoding="utf-8")
        assert 'lang="nl"' in page
        order = [page.find(f">{h}<") for h in ("Definitie", "Werkzame elementen", "Literatuur", "Wijzigingen")]
        assert all(i > 0 for i in order) and order == sorted(order), order


def test_citations_link_to_literature_anchors(sample_site):
    page = (sample_site / "dossiers" / "sociale-innovatie" / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#(bron-[a-z0-9-]+)"', page))
    assert targets
    for target in targets:
        assert f'id="{target}"' in page, target
    assert "Raad voor Maatschappelijke Ontwikkeling, 2014" in page


def test_links_between_dossiers_resolve(sample_site):
    page = (sample_site / "dossiers" / "sociale-innovatie" / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="\.\./([a-z0-9-]+)/"', page):
        assert (sample_site / "dossiers" / href / "index.html").exists(), href


def _fixture_project(tmp_path, dossiers):
    shutil.copytree(dossiers, tmp_path / "dossiers", symlinks=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - watwerkt:\n      today: '2026-06-01'\n",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


def test_fixture_site_builds_and_escapes_yaml_values(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    site = _build(config, tmp_path / "site")
    page = (site / "dossiers" / "voorbeeld" / "index.html").read_text(encoding="utf-8")
    assert "Duidelijke meldingen" in page and "Verondersteld" in page
    assert (site / "dossiers" / "voorbeeld" / "grafiek.png").exists()


def test_drafts_do_not_reach_the_site(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    yml = tmp_path / "dossiers" / "ander-dossier" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    site = _build(config, tmp_path / "site")
    assert not (site / "dossiers" / "ander-dossier").exists()
    assert "ander dossier" not in (site / "dossiers" / "index.html").read_text(encoding="utf-8")


def test_invalid_dossier_fails_the_build_with_located_problems(tmp_path, caplog):
    config = _fixture_project(tmp_path, FIXTURES / "broken" / "ww401-evidence-bewezen" / "dossiers")
    with pytest.raises((PluginError, Abort)):
        _build(config, tmp_path / "site")
    assert "dossiers/voorbeeld/dossier.yml:19:15: error WW401" in caplog.text
