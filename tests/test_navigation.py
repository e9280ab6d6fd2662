"""The navigation of a collection that grows: built for real from the samples and from a generated
corpus of CORPUS_COUNT dossiers (scripts/gen_corpus.py; one overdue, drafts shown as the live
preview shows them), then the HTML is read. The menu holds the fixed sections only, listing pages
hold at most a page of entries, and every page is reachable within a few links from any page kind.
(The same in a real browser at phone width: tests/browser/test_navigation.py.)
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import deque
from urllib.parse import urljoin

import pytest

from conftest import CORPUS_TODAY, ROOT, build_site, check_root, copy_valid
from watwerkt.check import check
from watwerkt.site.config import load_project
from watwerkt.view.listing import PAGE_SIZE
from watwerkt.view.overviews import REFS_PER_PAGE

BASE = "http://site/"
MAX_STEPS = 4
_HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')


def pages_of(site) -> set[str]:
    """Every page of the built site; redirect stubs (former slugs, a version that is still current)
    are not pages of their own."""
    found = {p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8", errors="replace")[:2000]}
    return {"" if p == "./" else p for p in found if not p.startswith("search")}


def read(site, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _part(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i:html.index(end, i)]


def menu(html: str) -> str:
    return _part(html, "md-nav--primary", "md-sidebar--secondary")


def content(html: str) -> str:
    return _part(html, '<article class="md-content__inner', "</article>")


def targets(current: str, fragment: str, pages: set[str]) -> set[str]:
    out = set()
    for href in _HREF.findall(fragment):
        target = urljoin(BASE + current, href)[len(BASE):] if href else current
        if target in pages:
            out.add(target)
    return out


def link_graph(site) -> dict[str, set[str]]:
    """Page -> pages one tap away, through the menu or a link in the page itself."""
    pages = pages_of(site)
    graph = {}
    for p in pages:
        html = read(site, p)
        graph[p] = (targets(p, menu(html), pages) | targets(p, content(html), pages)) - {p}
    return graph


def steps_from(graph: dict[str, set[str]], start: str) -> dict[str, int]:
    seen, queue = {start: 0}, deque([start])
    while queue:
        p = queue.popleft()
        for q in graph[p]:
            if q not in seen:
                seen[q] = seen[p] + 1
                queue.append(q)
    return seen


def page_kinds(pages: set[str]) -> dict[str, str]:
    """One page of each kind the site has (the first by address)."""
    def first(pred):
        found = sorted(p for p in pages if pred(p))
        return found[0] if found else None

    kinds = {
        "home": "",
        "dossier": first(lambda p: re.fullmatch(r"dossiers/(?!pagina-\d+/)[^/]+/", p)),
        "dossierlijst": "dossiers/",
        "dossierlijst, verder": first(lambda p: re.fullmatch(r"dossiers/pagina-\d+/", p)),
        "thema": first(lambda p: re.fullmatch(r"themas/[^/]+/", p)),
        "doelgroep": first(lambda p: re.fullmatch(r"doelgroepen/[^/]+/", p)),
        "werkzame elementen": "werkzame-elementen/",
        "bewijsoverzicht": "bewijs/",
        "literatuur": "literatuur/",
        "recent": "recent/",
    }
    return {k: v for k, v in kinds.items() if v is not None and v in pages}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory, sample_cache):
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"), cache_dir=sample_cache)


@pytest.fixture(scope="module")
def corpus(corpus_preview):
    project, site = corpus_preview
    settings = load_project(project / "mkdocs.yml")
    loaded = check([project / "dossiers"], settings, dt.date.fromisoformat(CORPUS_TODAY)).valid_dossiers()
    return loaded, site


@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_every_page_is_within_four_taps_of_every_page_kind(which, request):
    site = request.getfixturevalue("sample_site") if which == "samples" else request.getfixturevalue("corpus")[1]
    graph = link_graph(site)
    kinds = page_kinds(set(graph))
    if which == "corpus":
        assert {"dossier", "dossierlijst, verder", "thema", "doelgroep"} <= set(kinds), kinds
    for kind, start in kinds.items():
        steps = steps_from(graph, start)
        far = sorted(p for p in graph if steps.get(p, 99) > MAX_STEPS)
        assert not far, f"van {kind} (/{start}) niet binnen {MAX_STEPS} stappen: {far[:10]} ({len(far)})"


def test_the_menu_holds_the_fixed_sections_only(corpus):
    """No page's menu grows with the collection: it links the top-level entries, and on a page
    outside the menu the page itself."""
    _, site = corpus
    pages = pages_of(site)
    top = targets("", menu(read(site, "")), pages)
    assert "dossiers/" in top and len(top) < 15, top
    for p in pages:
        extra = targets(p, menu(read(site, p)), pages) - top - {p}
        assert not extra, (p, sorted(extra))
    dossier = page_kinds(pages)["dossier"]
    # A dossier page carries a fixed menu: its size does not depend on the other dossiers.
    assert len(menu(read(site, dossier))) < 20_000


def test_listing_pages_are_bounded_and_complete(corpus):
    dossiers, site = corpus
    shown = {d.slug for d in dossiers if d.public or d.status == "draft"}
    public = {d.slug for d in dossiers if d.public}
    assert len(public) > 2 * PAGE_SIZE and shown - public, "the corpus must paginate and hold a draft"
    pages = pages_of(site)
    for folder in ("dossiers", "werkzame-elementen", "bewijs"):
        series = sorted((p for p in pages if p == f"{folder}/" or re.fullmatch(rf"{folder}/pagina-\d+/", p)),
                        key=lambda p: int(re.sub(r"\D", "", p) or 1))
        assert len(series) >= 3, (folder, series)
        seen: list[str] = []
        for p in series:
            linked = targets(p, content(read(site, p)), pages)
            listed = sorted({t.split("/")[1] for t in linked if t.startswith("dossiers/")} & shown)
            assert 0 < len(listed) <= PAGE_SIZE, (p, len(listed))
            seen += listed
            for q in series:  # the pager links every page of the series
                assert q == p or q in targets(p, content(read(site, p)), pages), (p, q)
        # The preview lists its drafts in the dossier list only; the overviews show what is published.
        expected = {"dossiers": shown, "bewijs": public,
                    "werkzame-elementen": {d.slug for d in dossiers if d.public and d.effective_elements}}[folder]
        assert sorted(seen) == sorted(expected), folder
    refs = {e.title for d in dossiers if d.public for e in d.literature}
    literature = [p for p in pages if p.startswith("literatuur/")]
    per_page = [content(read(site, p)).count("Gebruikt in:") for p in literature]
    assert max(per_page) <= REFS_PER_PAGE and sum(per_page) >= len(refs) > REFS_PER_PAGE, per_page
    for value in {t for d in dossiers if d.public for t in d.themes}:
        members = [d for d in dossiers if d.public and value in d.themes]
        assert len(members) <= PAGE_SIZE or any(re.fullmatch(r"themas/[^/]+/pagina-2/", p) for p in pages)


def test_dossier_pages_keep_their_addresses_and_open_under_their_section(corpus):
    dossiers, site = corpus
    for d in dossiers:
        if d.public or d.status == "draft":
            html = read(site, f"dossiers/{d.slug}/")
            nav = menu(html)
            # The menu shows the Dossiers section with this dossier in it and its table of contents.
            assert 'md-nav__item--active md-nav__item--nested' in nav, d.slug
            assert 'for="__toc"' in nav and 'href="#werkzame-elementen"' in nav, d.slug


def test_the_evidence_overview_says_it_scrolls_on_a_phone(corpus):
    _, site = corpus
    html = content(read(site, "bewijs/"))
    assert 'class="ww-scroll-hint"' in html and html.index("ww-scroll-hint") < html.index("<table")


def test_the_evidence_totals_stand_on_the_first_page_only(corpus):
    """One changed evidence level must not change every page of the map (the live preview would
    re-render them all), so the collection's totals are on page 1 and later pages link there."""
    dossiers, site = corpus
    pages = pages_of(site)
    later = sorted(p for p in pages if re.fullmatch(r"bewijs/pagina-\d+/", p))
    assert later
    first = content(read(site, "bewijs/"))
    total = sum(len(d.effective_elements) for d in dossiers if d.public)
    assert "Alle dossiers" in first and f"<strong>{total}</strong>" in first
    for p in later:
        html = content(read(site, p))
        assert "Alle dossiers</strong>" not in html, p
        assert "bewijs/" in targets(p, html.split("De totalen van alle dossiers", 1)[1][:300], pages), p


def test_a_dossier_cannot_take_the_address_of_a_listing_page(tmp_path):
    root = copy_valid(tmp_path)
    shutil.move(root / "dossiers" / "voorbeeld", root / "dossiers" / "pagina-2")
    problems = [p for p in check_root(root).problems if p.code == "WW605"]
    assert problems and "pagina-2" in problems[0].message, problems


@pytest.mark.parametrize("which", ["samples", "corpus"])
def test_no_menu_entry_opens_an_empty_list(which, request):
    """Every level of the menu that an arrow or a tap opens holds at least one entry (on a phone an
    empty level is an empty menu; on a desktop an arrow that opens nothing)."""
    site = request.getfixturevalue("sample_site") if which == "samples" else request.getfixturevalue("corpus")[1]
    level = re.compile(r'<nav class="md-nav" data-md-level="\d+"[^>]*>\s*<label class="md-nav__title"[^>]*>'
                       r'.*?</label>\s*<ul class="md-nav__list"[^>]*>\s*(<li)?', re.S)
    for p in pages_of(site):
        for m in level.finditer(menu(read(site, p))):
            assert m.group(1), (p, m.group(0)[:200])
