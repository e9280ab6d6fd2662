"""`watwerkt source`: the written tree builds with Zensical (pinned in requirements.lock) into the
same pages, at the same addresses, with the same main-content text as the MkDocs build with the
plugin; the tree is content-addressed, refuses unsafe pages and bad places, and a broken dossier
writes nothing."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from watwerkt.check import check
from watwerkt.cli.main import main
from watwerkt.site.config import load_project
from watwerkt.site.generator_tree import TreeError, unsafe_parts, write_generator_tree

from conftest import ROOT, TODAY, build_site, corpus_project, edit

ZENSICAL = Path(sys.executable).with_name("zensical")
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_HEADERLINK = re.compile(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def main_text(page: Path) -> str:
    """The text of the page's main content, without the heading anchors (Zensical gives the page
    title one, Material does not) and without whitespace (the generators space tags apart
    differently)."""
    found = _ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found, f"{page}: geen hoofdinhoud (article.md-content__inner)"
    text = _TAG.sub(" ", _HEADERLINK.sub("", found.group(1)))
    return "".join(html.unescape(text).split())


def pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}


def sample_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "dossiers"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project / "mkdocs.yml"


def mkdocs_build(config_file: Path, site_dir: Path) -> Path:
    """The plugin's build with what the tree leaves out turned off (PDFs, versions, the index)."""
    return build_site(config_file, site_dir, plugin_options={"pdf": False, "versions": False, "search_index": False})


def write_tree(config_file: Path, out: Path):
    # the same "today" as the MkDocs build: review verdicts and banners depend on it
    text = config_file.read_text(encoding="utf-8")
    if "today:" not in text:
        config_file.write_text(text.replace("  - watwerkt:\n", f"  - watwerkt:\n      today: '{TODAY}'\n"),
                               encoding="utf-8")
    return write_generator_tree(config_file, out)


@pytest.fixture(params=["voorbeelden", "corpus"])
def project(request, tmp_path) -> Path:
    if request.param == "voorbeelden":
        return sample_project(tmp_path)
    (tmp_path / "corpus").mkdir()
    return corpus_project(tmp_path / "corpus", count=60)  # more than one listing page of 50


def test_zensical_builds_every_page_at_the_same_address_with_the_same_text(project, tmp_path):
    assert ZENSICAL.is_file(), "zensical ontbreekt in de omgeving; het staat in requirements.lock"
    report = write_tree(project, tmp_path / "tree")
    done = subprocess.run([str(ZENSICAL), "build", "-f", str(report.config)], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    ours = pages(mkdocs_build(project, tmp_path / "mkdocs-site"))
    theirs = pages(tmp_path / "tree" / "site")

    settings = load_project(project)
    public = [d for d in check([project.parent / "dossiers"], settings, TODAY, base=project.parent).valid_dossiers()
              if d.public]
    assert public
    for d in public:  # every public dossier of the model has its page in both builds
        assert f"dossiers/{d.slug}/index.html" in theirs
    assert sorted(ours) == sorted(theirs)
    differ = [rel for rel in sorted(ours) if rel != "404.html" and main_text(ours[rel]) != main_text(theirs[rel])]
    assert not differ, f"andere hoofdtekst bij Zensical: {differ}"
    for d in public:  # and the text is the dossier's: its title is there
        assert "".join(d.title.split()) in main_text(theirs[f"dossiers/{d.slug}/index.html"])


def test_the_tree_is_content_addressed_and_prunes_what_went(tmp_path):
    config_file = sample_project(tmp_path)
    first = write_tree(config_file, tmp_path / "tree")
    assert first.changed == first.files > first.pages > 0
    page = next((tmp_path / "tree" / "docs" / "dossiers").glob("*/index.md"))
    before = page.stat().st_mtime_ns
    again = write_tree(config_file, tmp_path / "tree")
    assert (again.changed, again.removed) == (0, 0)
    assert page.stat().st_mtime_ns == before  # unchanged bytes are not written again
    slug = page.parent.name
    shutil.rmtree(config_file.parent / "dossiers" / slug)
    for other in (config_file.parent / "dossiers").glob("*/*.md"):  # links to it would now fail the check
        text = other.read_text(encoding="utf-8")
        other.write_text(re.sub(rf"\[([^\]]*)\]\(\.\./{slug}/?[^)]*\)", r"\1", text), encoding="utf-8")
    gone = write_tree(config_file, tmp_path / "tree")
    assert gone.removed > 0 and not page.exists()


def test_unsafe_html_is_found_before_it_reaches_a_generator():
    assert unsafe_parts("| a | b |\n|:--|--:|\n| 1 | 2 |\n") == []  # the tables' alignment is fine
    assert "<script>" in unsafe_parts("tekst\n\n<script>alert(1)</script>\n")
    assert "p@onclick" in unsafe_parts('<p onclick="alert(1)">tekst</p>\n')
    assert "a@href" in unsafe_parts("[klik](javascript:alert(1))\n")
    assert "p@onmouseover" in unsafe_parts("tekst\n{: onmouseover=alert(1) }\n")


def test_a_broken_dossier_writes_no_tree(tmp_path, capsys):
    config_file = sample_project(tmp_path)
    d = next(p for p in sorted((config_file.parent / "dossiers").glob("*/dossier.yml")))
    edit(d, "\ntitle:", "\ntitel:")
    code = main(["--config", str(config_file), "source", "--out", str(tmp_path / "tree")])
    err = capsys.readouterr().err
    assert code == 1
    assert "de bron is niet geschreven" in err and "Traceback" not in err
    assert not (tmp_path / "tree" / "mkdocs.yml").exists()


def test_the_tree_refuses_the_project_and_docs_folders(tmp_path):
    config_file = sample_project(tmp_path)
    for bad in (config_file.parent, config_file.parent / "docs" / "bron", tmp_path):
        with pytest.raises(TreeError):
            write_generator_tree(config_file, bad)
    assert not (config_file.parent / "docs" / "bron").exists()


def test_the_cli_writes_the_tree_and_says_how_to_build_it(tmp_path, capsys):
    config_file = sample_project(tmp_path)
    code = main(["--config", str(config_file), "source", "--out", str(tmp_path / "tree")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Bron geschreven in" in out and "zensical build -f" in out
    written = (tmp_path / "tree" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "watwerkt" not in [line.strip(" -:") for line in written.splitlines()]  # the plugin is gone


def test_a_custom_theme_folder_is_found_from_the_tree(tmp_path):
    config_file = sample_project(tmp_path)
    (config_file.parent / "overrides").mkdir()
    text = config_file.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    config_file.write_text(text, encoding="utf-8")
    report = write_tree(config_file, tmp_path / "tree")
    import yaml

    written = yaml.safe_load("\n".join(line for line in report.config.read_text(encoding="utf-8").splitlines()
                                       if not line.startswith("#")))
    assert Path(written["theme"]["custom_dir"]) == config_file.parent / "overrides"
