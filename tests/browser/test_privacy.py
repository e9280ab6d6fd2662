"""No third-party requests: every request a page makes stays on the site's own origin (and,
when hosted under a sub-path, inside that path), and nothing it asks for is missing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import DOSSIER, SUBPATH

PAGES = ["", DOSSIER, "werkzame-elementen/"]


def _visit(page, url: str) -> tuple[list[str], list[str]]:
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} (HTTP {r.status})"))
    page.goto(url, wait_until="networkidle")  # also catches the search worker's late requests
    return requests, failed


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("path", PAGES)
def test_no_requests_leave_the_site(page, site, path):
    requests, failed = _visit(page, site.page(path))
    assert any(u.endswith("watwerkt.css") for u in requests), "de pagina laadde haar eigen stylesheet niet"
    foreign = sorted({u for u in requests if _origin(u) != site.origin})
    assert not foreign, "verzoeken naar een andere herkomst dan " + site.origin + ":\n" + "\n".join(foreign)
    assert not failed, "mislukte verzoeken:\n" + "\n".join(failed)


@pytest.mark.parametrize("path", PAGES)
def test_subpath_hosting_keeps_every_request_inside_the_path(page, subpath_site, path):
    assert subpath_site.url.endswith(SUBPATH)
    requests, failed = _visit(page, subpath_site.page(path))
    outside = sorted({u for u in requests if not u.startswith(subpath_site.url)})
    assert not outside, f"verzoeken buiten {subpath_site.url}:\n" + "\n".join(outside)
    assert not failed, "mislukte verzoeken:\n" + "\n".join(failed)
    # Navigation links resolve inside the sub-path too.
    hrefs = page.eval_on_selector_all(".md-nav a[href], .md-content a[href]", "els => els.map(a => a.href)")
    local = [h for h in hrefs if _origin(h) == subpath_site.origin]
    assert local and all(h.startswith(subpath_site.url) for h in local), \
        [h for h in local if not h.startswith(subpath_site.url)]
