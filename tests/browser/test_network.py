"""Served from 127.0.0.1, every page of the sample site makes requests to the serving origin only:
no feed or sitemap fetched from the published address, no repository facts from GitHub, no fonts.
The sample's site_url names another host, so a leak of an absolute address would show here."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from watwerkt.site.config import load_project


def _pages(served) -> list[str]:
    """Every HTML page of the built site except redirect stubs, as paths under the site."""
    pages = []
    top = served.root / urlsplit(served.url).path.strip("/")
    for path in sorted(top.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text:
            continue
        rel = path.relative_to(top).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_requests_only_the_serving_origin(browser, subpath_site, width):
    # Served under the sub-path that site_url names, as the institute hosts it (404.html resolves
    # its assets from that path, since it answers for any address).
    site = subpath_site
    assert urlsplit(load_project(ROOT / "mkdocs.yml").base_url).path == urlsplit(site.url).path
    pages = _pages(site)
    assert len(pages) > 10 and "" in pages
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    requests: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    try:
        page = context.new_page()
        current = {"path": ""}
        page.on("request", lambda r: requests.append((current["path"], r.url)))
        page.on("console", lambda m: m.type == "error" and errors.append((current["path"], m.location["url"])))
        for path in pages:
            current["path"] = path
            page.goto(site.page(path), wait_until="networkidle")
            expect(page.locator("body")).to_be_visible()
    finally:
        context.close()
    origin = urlsplit(site.origin)
    foreign = [(p, u) for p, u in requests
               if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u)[:2] != origin[:2]]
    assert not foreign, foreign[:10]
    # The only failed fetch allowed: the search page asking for the search service, which a static
    # host does not have (the page then falls back to the static search).
    assert not [(p, u) for p, u in errors if not (p == "zoeken/" and "/api/" in u)], errors[:10]
