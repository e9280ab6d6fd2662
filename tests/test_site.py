"""The site is built for real from the sample dossiers and from fixtures, then the HTML is read.

What a sample page must show comes from the loaded model (fixture `samples`), never from a
retyped dossier.yml; a test that needs a sample with some property picks it by that property.
"""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import FIXTURES, ROOT, build_site
from conftest import edit, linked_slugs, sample_with


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory, sample_cache):
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"), cache_dir=sample_cache)


def test_every_sample_dossier_has_a_page(sample_site, samples):
    slugs = sorted(p.name for p in (ROOT / "dossiers").iterdir() if p.is_dir())
    assert slugs and slugs == sorted(samples), "every folder in dossiers/ is a valid sample dossier"
    for slug in slugs:
        page = (sample_site / "dossiers" / slug / "index.html").read_text(encoding="utf-8")
        assert 'lang="nl"' in page
        order = [page.find(f">{h}<") for h in ("Definitie", "Werkzame elementen", "Literatuur", "Wijzigingen")]
        assert all(i > 0 for i in order) and order == sorted(order), order


def _cited(d):
    """Literature entries of d cited ([@id]) in its section texts, effective elements and examples."""
    texts = [s.text for s in d.sections.values()] + [el.description for el in d.effective_elements]
    texts += [ex.description for ex in d.examples]
    keys = {k for text in texts for k in re.findall(r"@([A-Za-z0-9_][A-Za-z0-9_-]*)", text)}
    return [e for e in d.literature if e.id in keys]


def _by_organisation(entry) -> bool:
    return len(entry.authors) == 1 and "," not in entry.authors[0]  # persons are 'Achternaam, V.'


def test_citations_link_to_literature_anchors(sample_site, samples):
    d = sample_with(samples.values(), "that cites literature by an organisation",
                    lambda d: any(_by_organisation(e) for e in _cited(d)))
    page = (sample_site / "dossiers" / d.slug / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#(bron-[a-z0-9-]+)"', page))
    assert targets == {f"bron-{e.id}" for e in _cited(d)}
    for target in targets:
        assert f'id="{target}"' in page, target
    for entry in filter(_by_organisation, _cited(d)):
        # APA in-text citation of an organisation: its full name, then the year.
        assert f"{html.escape(entry.authors[0])}, {entry.year}" in page, entry.id


def test_links_between_dossiers_resolve(sample_site, samples):
    d = sample_with(samples.values(), "that links to another sample", lambda d: linked_slugs(d) & set(samples))
    page = (sample_site / "dossiers" / d.slug / "index.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="\.\./([a-z0-9-]+)/(?:#[^"]*)?"', page))
    assert hrefs == linked_slugs(d) & set(samples)
    for href in hrefs:
        assert (sample_site / "dossiers" / href / "index.html").exists(), href


def _fixture_project(tmp_path, dossiers):
    shutil.copytree(dossiers, tmp_path / "dossiers", symlinks=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/wat-werkt/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - watwerkt:\n      today: '2026-06-01'\n      pdf: false\n",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


def test_fixture_site_builds_and_escapes_yaml_values(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    site = build_site(config, tmp_path / "site")
    page = (site / "dossiers" / "voorbeeld" / "index.html").read_text(encoding="utf-8")
    assert "Duidelijke meldingen" in page and "Verondersteld" in page
    assert (site / "dossiers" / "voorbeeld" / "grafiek.png").exists()


def test_drafts_do_not_reach_the_site(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    yml = tmp_path / "dossiers" / "ander-dossier" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    assert not (site / "dossiers" / "ander-dossier").exists()
    assert "ander dossier" not in (site / "dossiers" / "index.html").read_text(encoding="utf-8")


def test_invalid_dossier_fails_the_build_with_located_problems(tmp_path, caplog):
    config = _fixture_project(tmp_path, FIXTURES / "broken" / "ww401-evidence-bewezen" / "dossiers")
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    assert "dossiers/voorbeeld/dossier.yml:19:15: fout WW401" in caplog.text


# -- the full site -----------------------------------------------------------------------
import json as _json  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402
from watwerkt.export import bibtex_escape  # noqa: E402
from watwerkt.view.text import dutch_date  # noqa: E402
from conftest import TODAY  # noqa: E402


@pytest.fixture(scope="module")
def samples():
    return {d.slug: d for d in check([ROOT / "dossiers"], load_settings(None), TODAY).valid_dossiers()}


def _html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_dossier_page_has_headings_in_fixed_order(sample_site, samples):
    order = ["definitie", "feiten", "beleid", "trends", "discussies"]
    assert any(len(d.sections) > 1 for d in samples.values()), "no sample has more than one section"
    for slug, d in samples.items():
        headings = re.findall(r"<h2 id=\"([a-z-]+)\"", _html(sample_site, f"dossiers/{slug}/index.html"))
        expected = ["in-het-kort"] if d.effective_elements else []
        expected += [key for key in order if key in d.sections]
        expected += ["werkzame-elementen"] if d.effective_elements else []
        expected += ["goede-voorbeelden"] if d.examples else []
        expected += ["literatuur"] if d.literature else []
        assert headings == expected + ["wijzigingen", "citeer-dit-dossier"], slug


def test_elements_have_anchors_and_text_badges(sample_site, samples):
    levels = load_settings(None)
    for slug, d in samples.items():
        page = _html(sample_site, f"dossiers/{slug}/index.html")
        for el in d.effective_elements:
            assert f'id="element-{el.id}"' in page
        badges = Counter(levels.evidence(el.evidence).label for el in d.effective_elements)
        for label, n in badges.items():
            assert page.count(f"Bewijsniveau: {html.escape(label)}</span>") == n, (slug, label)


def test_metadata_block_shows_version_and_three_dates(sample_site, samples):
    """The three dates in the details; version and status once, in "In het kort" when the
    dossier has effective elements (first on the page), else in the details too."""
    from watwerkt.model.settings import load_settings
    from watwerkt.view.dossier_view import dossier_view

    d = sample_with(samples.values(), "with a review_due date", lambda d: d.dates.review_due)
    page = _html(sample_site, f"dossiers/{d.slug}/index.html")
    for label in ("Gepubliceerd", "Laatst herzien", "Volgende herziening"):
        assert f"<dt>{label}</dt>" in page
    assert f'<time datetime="{d.dates.review_due.isoformat()}">' in page
    view = dossier_view(d, load_settings(None))
    if d.effective_elements:
        assert f'<p class="ww-kort__status">{html.escape(view.status_line, quote=False)}</p>' in page
        assert "<dt>Versie</dt>" not in page and "<dt>Status</dt>" not in page
        assert page.index("ww-kort__status") < page.index('class="ww-meta"')
    else:
        assert "<dt>Versie</dt>" in page and f'<time datetime="{d.version.isoformat()}">' in page


def test_json_ld_matches_dossier_yml(sample_site, samples):
    for slug, d in samples.items():
        page = _html(sample_site, f"dossiers/{slug}/index.html")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert len(blocks) == 1
        data = _json.loads(blocks[0])
        assert data["headline"] == d.title
        assert data["datePublished"] == d.dates.published.isoformat()
        assert data["dateModified"] == d.version.isoformat()
        assert len(data["citation"]) == len(d.literature)


def test_cite_block_and_downloads(sample_site, samples):
    for slug, d in samples.items():
        page = _html(sample_site, f"dossiers/{slug}/index.html")
        assert f"versie {dutch_date(d.version)}" in page
        assert 'href="citeer.ris"' in page and 'href="citeer.bib"' in page
        ris = _html(sample_site, f"dossiers/{slug}/citeer.ris")
        assert f"TI  - {' '.join(d.title.split())}\n" in ris
        bib = _html(sample_site, f"dossiers/{slug}/citeer.bib")
        assert bib.startswith("@misc{") and f"title = {{{{{bibtex_escape(d.title)}}}}}" in bib


def test_overview_pages_list_every_dossier(sample_site, samples):
    for path in ("index.html", "dossiers/index.html", "bewijs/index.html", "werkzame-elementen/index.html",
                 "recent/index.html"):
        page = _html(sample_site, path)
        for slug in samples:
            assert re.search(rf'href="[^"]*\b{slug}/(#[^"]*)?"', page), (path, slug)
    themes = {t for d in samples.values() for t in d.themes}
    theme_index = _html(sample_site, "themas/index.html")
    for theme in themes:
        assert f">{theme}</a>" in theme_index
    literature = _html(sample_site, "literatuur/index.html")
    titles = {e.title for d in samples.values() for e in d.literature}
    assert titles, "no sample dossier has literature"
    for title in titles:
        assert html.escape(title, quote=False) in literature, title


def test_static_search_index_holds_the_dossiers_and_not_the_overviews(sample_site, samples):
    """The static index (pagefind/) has a record per public dossier and none of the overview pages;
    Material's quick-search index is not built (mkdocs.yml has no `search` plugin)."""
    from test_static_search import bundle_fragments
    from watwerkt.site.nav import GENERATED

    assert not (sample_site / "search" / "search_index.json").exists()
    pages = {f["url"].strip("/") + "/" for f in bundle_fragments(sample_site)}
    assert pages == {f"dossiers/{slug}/" for slug, d in samples.items() if d.public}
    overviews = [p.relative_to(sample_site).parent.as_posix() + "/" for folder in GENERATED
                 for p in (sample_site / folder).rglob("index.html")]
    assert len(overviews) > len(samples)  # they exist on the site, just not in the index


def test_evidence_map_counts(sample_site, samples):
    page = _html(sample_site, "bewijs/index.html")
    total = sum(len(d.effective_elements) for d in samples.values())
    assert f"<strong>{total}</strong>" in page


def test_machine_readable_output(sample_site, samples):
    api = _json.loads(_html(sample_site, "api/dossiers.json"))
    assert api["format_version"] == 1
    assert sorted(x["slug"] for x in api["dossiers"]) == sorted(samples)
    for slug, d in samples.items():
        one = _json.loads(_html(sample_site, f"api/dossiers/{slug}.json"))
        assert (one["slug"], one["title"]) == (slug, d.title)
    schema = _json.loads(_html(sample_site, "schema/dossier.schema.json"))
    assert schema["title"].startswith("Wat werkt-dossier")
    feed = ET.fromstring(_html(sample_site, "feed.xml"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= len(samples)


def test_the_menu_holds_the_overviews_and_no_dossier(sample_site, samples):
    """Dossier pages are reached from the overviews, not from a menu entry each (the menu would
    grow with the collection); every page is reachable: tests/test_navigation.py."""
    home = _html(sample_site, "index.html")
    start = home.index("md-nav--primary")
    nav = home[start:home.index("md-sidebar--secondary", start)]
    for folder in ("dossiers", "themas", "doelgroepen", "werkzame-elementen", "bewijs", "literatuur", "recent"):
        assert f'href="{folder}/"' in nav, folder
    for slug in samples:
        assert f"{slug}/" not in nav, slug


def test_dutch_404_page(sample_site):
    page = _html(sample_site, "404.html")
    assert "Pagina niet gevonden" in page and 'lang="nl"' in page


def test_no_google_fonts_or_generator_line(sample_site, samples):
    for path in ["index.html"] + [f"dossiers/{slug}/index.html" for slug in samples]:
        page = _html(sample_site, path)
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
        assert "Made with" not in page


def test_former_slugs_redirect(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    yml = tmp_path / "dossiers" / "voorbeeld" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("status: published", "status: published\nformer_slugs: [oud-voorbeeld]"), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    redirect = _html(site, "dossiers/oud-voorbeeld/index.html")
    assert 'http-equiv="refresh"' in redirect and 'url=../voorbeeld/' in redirect


def test_drafts_absent_from_feeds_exports_and_overviews(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    yml = tmp_path / "dossiers" / "ander-dossier" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    for path in ("feed.xml", "api/dossiers.json", "index.html", "bewijs/index.html", "literatuur/index.html",
                 "recent/index.html", "werkzame-elementen/index.html", "sitemap.xml"):
        assert "ander-dossier" not in _html(site, path), path
    assert "voorbeeld" in _html(site, "sitemap.xml")  # the published one is listed, so the check can fail
    assert not (site / "api" / "dossiers" / "ander-dossier.json").exists()


def test_overdue_review_is_a_banner_not_a_build_failure(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    text = config.read_text().replace("today: '2026-06-01'", "today: '2030-01-01'")
    config.write_text(text)
    site = build_site(config, tmp_path / "site")  # strict: a warning would abort
    assert "Herziening verlopen" in _html(site, "dossiers/voorbeeld/index.html")


def test_failed_build_leaves_previous_site_untouched(tmp_path, caplog):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    site = build_site(config, tmp_path / "site")
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    marker = (site / "dossiers" / "voorbeeld" / "index.html").read_bytes()
    yml = tmp_path / "dossiers" / "voorbeeld" / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("evidence: verondersteld", "evidence: bewezen"), encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(config, site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert (site / "dossiers" / "voorbeeld" / "index.html").read_bytes() == marker
    assert not (tmp_path / "site.watwerkt-nieuw").exists()


def test_links_work_under_a_sub_path(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    config.write_text(re.sub(r"site_url: \S+", "site_url: https://voorbeeld.nl/kennisbank/", config.read_text()))
    site = build_site(config, tmp_path / "site")
    page = _html(site, "dossiers/voorbeeld/index.html")
    hrefs = re.findall(r'href="([^"#]+)"', page)
    assert not [h for h in hrefs if h.startswith("/") and not h.startswith("//")], "absolute paths break under a sub-path"
    assert "https://voorbeeld.nl/kennisbank/dossiers/voorbeeld/" in page  # canonical / JSON-LD use site_url


def test_sample_site_offers_every_pdf(sample_site, samples):
    for slug in samples:
        pdf = sample_site / "pdf" / f"{slug}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-")
        page = _html(sample_site, f"dossiers/{slug}/index.html")
        assert f'href="../../pdf/{slug}.pdf"' in page and "Download als PDF" in page
    assert (sample_site / "pdf" / "wat-werkt-collectie.pdf").read_bytes().startswith(b"%PDF-")
    assert 'href="pdf/wat-werkt-collectie.pdf"' in _html(sample_site, "index.html")


def test_cache_dir_option_moves_search_index_and_pdf_cache(tmp_path):
    """`cache_dir` (relative to mkdocs.yml) holds <cache_dir>/search and <cache_dir>/pdf; nothing
    lands in the project's .cache/. The second build shows build_site's override takes effect."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    edit(config, "      pdf: false\n", "      pdf: true\n      cache_dir: eigen/cache\n")
    mkdocs_config = load_config(str(config), site_dir=str(tmp_path / "site"), strict=True)
    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    try:
        build(mkdocs_config)
    finally:
        mkdocs_config.plugins.on_shutdown()
    cache = tmp_path / "eigen" / "cache"
    assert (cache / "search" / "CURRENT").is_file()
    assert sorted(p.name.split(".")[0] for p in (cache / "pdf").glob("*.pdf")) == [
        "ander-dossier", "voorbeeld", "wat-werkt-collectie"]
    assert (tmp_path / "site" / "pdf" / "voorbeeld.pdf").is_file()
    assert not (tmp_path / ".cache").exists()

    edit(config, "      pdf: true\n", "      pdf: false\n")
    build_site(config, tmp_path / "site", cache_dir=tmp_path / "elders")
    assert (tmp_path / "elders" / "search" / "CURRENT").is_file()
    assert not (tmp_path / ".cache").exists()


# -- addresses keep working ----------------------------------------------------------------
# Not under tests/fixtures/: it names the samples' slugs on purpose (a renamed dossier must leave a
# redirect behind), and fixture data would exempt those slugs from test_editor_proof.py.
URL_INVENTORY = ROOT / "tests" / "data" / "url_inventory.txt"


def _answers(site, url: str) -> bool:
    """A published address answers: its file (a folder address: its index.html) exists and is
    either the page or a redirect page whose target exists."""
    path = site / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    if not path.is_file():
        return False
    if path.suffix != ".html":
        return True
    text = path.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', text)
    if refresh is None:
        return True
    target = (path.parent / html.unescape(refresh.group(1))).resolve()
    return (target / "index.html" if target.is_dir() else target).is_file()


def test_every_address_of_the_inventory_still_answers(sample_site):
    """tests/fixtures/url_inventory.txt holds the sample site's addresses as published before
    Renovation II; a change that drops or moves one must leave a page or a redirect behind."""
    urls = [line for line in URL_INVENTORY.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(urls) > 50 and "/" in urls and any(u.startswith("/dossiers/") for u in urls)
    gone = [u for u in urls if not _answers(sample_site, u)]
    assert not gone, f"these addresses no longer answer (add a redirect): {gone}"


def test_images_in_a_sub_folder_of_a_dossier_are_published(tmp_path):
    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    folder = tmp_path / "dossiers" / "voorbeeld"
    (folder / "beelden").mkdir()
    shutil.copy(folder / "grafiek.png", folder / "beelden" / "grafiek2.png")
    with open(folder / "feiten.md", "a", encoding="utf-8") as fh:
        fh.write("\n![Een grafiek in een submap](beelden/grafiek2.png)\n")
    site = build_site(config, tmp_path / "site")
    page = _html(site, "dossiers/voorbeeld/index.html")
    assert 'src="beelden/grafiek2.png"' in page
    assert (site / "dossiers" / "voorbeeld" / "beelden" / "grafiek2.png").is_file()


def test_heading_anchors_are_named_in_dutch(sample_site, samples):
    page = (sample_site / "dossiers" / next(iter(samples)) / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink"' in page and 'title="Vaste link naar dit kopje"' in page
    assert "Permanent link" not in page


def test_no_english_landmark_or_anchor_label_anywhere_in_the_built_html(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 10 and (sample_site / "404.html") in pages
    english = [p.relative_to(sample_site).as_posix() for p in pages
               if 'aria-label="Header"' in (t := p.read_text(encoding="utf-8")) or "Permanent link" in t]
    assert not english
    labelled = [p for p in pages if 'class="md-header__inner md-grid" aria-label="Paginakop"' in p.read_text(encoding="utf-8")]
    assert (sample_site / "404.html") in labelled and len(labelled) > 10


def test_literature_with_doi_or_url_is_linked(tmp_path):
    """Every reference with a DOI or URL in the loaded fixture dossiers is a link on its dossier
    page and on the literature page: a DOI at https://doi.org/, the address as the link's text."""
    from watwerkt.view.citations import doi_url

    config = _fixture_project(tmp_path, FIXTURES / "valid" / "dossiers")
    site = build_site(config, tmp_path / "site")
    dossiers = check([tmp_path / "dossiers"], load_settings(None), TODAY).valid_dossiers()
    literature = (site / "literatuur" / "index.html").read_text(encoding="utf-8")
    linked = 0
    for d in dossiers:
        if not d.public:
            continue
        page = (site / "dossiers" / d.slug / "index.html").read_text(encoding="utf-8")
        for entry in d.literature:
            target = doi_url(entry.doi) if entry.doi else entry.url
            if not target:
                continue
            tag = f'<a href="{html.escape(target, quote=True)}">{html.escape(target, quote=False)}</a>'
            assert tag in page, (d.slug, entry.id, target)
            assert tag in literature, (entry.id, target)
            linked += 1
    assert linked, "geen bron met DOI of URL in tests/fixtures/valid; deze test heeft er een nodig"


def test_page_title_has_no_permalink_but_sections_do(sample_site, samples):
    """The h1's permalink pointed at the top of its own page (one more Tab stop before the PDF);
    every other heading keeps its Dutch-titled permalink."""
    for slug in samples:
        page = _html(sample_site, f"dossiers/{slug}/index.html")
        h1 = re.search(r"<h1\b.*?</h1>", page, re.S).group(0)
        assert 'class="headerlink"' not in h1, h1
        assert re.search(r'<h2 id="in-het-kort">In het kort<a class="headerlink" href="#in-het-kort" '
                         r'title="Vaste link naar dit kopje">', page) or "ww-kort" not in page
    home = _html(sample_site, "index.html")
    assert 'class="headerlink"' not in re.search(r"<h1\b.*?</h1>", home, re.S).group(0)


def test_builds_in_one_process_write_what_they_make_whatever_came_before(tmp_path):
    """MkDocs keeps one plugin object for every build in a process. A build must compare its
    generated files with the disk, never with what an earlier build (of another project, or
    into another cache) wrote: A into cache X, B into cache Y, then B into X gives B in X."""
    config = _fixture_project(tmp_path / "p", FIXTURES / "valid" / "dossiers")
    slug = sorted(p.name for p in (tmp_path / "p" / "dossiers").iterdir() if p.is_dir())[0]

    def ris(site_url: str, cache: str) -> str:
        site = build_site(config, tmp_path / f"site-{cache}", cache_dir=tmp_path / cache, site_url=site_url)
        return (site / "dossiers" / slug / "citeer.ris").read_text(encoding="utf-8")

    a, b = "https://a.example.org/", "https://b.example.org/"
    assert f"UR  - {a}" in ris(a, "x")
    assert f"UR  - {b}" in ris(b, "y")
    assert f"UR  - {b}" in ris(b, "x")


def test_overview_tables_link_without_directory_urls_too(tmp_path):
    """The evidence tables are raw HTML, which MkDocs does not rewrite, so their links are made
    for the site's URL style; each must reach a page that exists, with and without directory URLs."""
    for directory_urls in (True, False):
        root = tmp_path / str(directory_urls)
        config = _fixture_project(root, FIXTURES / "valid" / "dossiers")
        config.write_text(config.read_text() + f"use_directory_urls: {str(directory_urls).lower()}\n")
        site = build_site(config, root / "site")
        for page in ("bewijs/index.html", "werkzame-elementen/index.html"):
            body = _html(site, page).split('<article', 1)[1].split("</article>", 1)[0]
            table = body.split("<table", 1)[1].split("</table>", 1)[0]
            hrefs = re.findall(r'href="([^"#]+)[^"]*"', table)
            assert hrefs, page
            for h in hrefs:
                target = (site / page).parent / h
                assert (target / "index.html" if h.endswith("/") else target).is_file(), (directory_urls, page, h)
