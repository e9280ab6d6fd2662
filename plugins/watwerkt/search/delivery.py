"""How responses leave `watwerkt serve`: gzip (Starlette's GZipMiddleware) and cache lifetimes.

Cache-Control, set on every response that has none of its own (the API sets no-store):
  a content-hashed file name (Material's assets/**/<name>.<hex>.min.js|css)   one year, immutable
  HTML pages and every error response                                         no-cache (revalidate)
  everything else (our own assets/watwerkt/*, images, PDFs, JSON, feeds)      5 minutes
A file whose name carries a hash of its content never changes under that name, so browsers
may keep it; any other name can change with the next publication, so it is kept briefly and
revalidated cheaply (StaticFiles answers If-None-Match / If-Modified-Since with 304).
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SHORT = "public, max-age=300"
# Material names its bundles <name>.<8 hex digits>.min.js|css; the digits are a content hash.
HASHED = re.compile(r"(?:^|/)assets/(?:[^/]+/)*[^/]+\.[0-9a-f]{8,}\.min\.(?:js|css)$")
# Already compressed, or served in ranges (PDF viewers): compressing costs CPU and gains nothing.
NOT_COMPRESSED = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf")
GZIP_MINIMUM_BYTES = 500
GZIP_LEVEL = 6  # zlib's default: nearly the size of level 9 at a fraction of the CPU


def cache_control(path: str, status: int, content_type: str) -> str:
    """The Cache-Control value for a response to `path` (the URL path) with this status and type."""
    if status >= 400:
        return REVALIDATE
    if HASHED.search(path):
        return IMMUTABLE
    if content_type.partition(";")[0].strip().lower() == "text/html":
        return REVALIDATE
    if status == 304 and _page_address(path):  # a 304 carries no Content-Type, and updates the stored policy
        return REVALIDATE
    return SHORT


def _page_address(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


# Citation files: their own types, and saved as files (not shown as text in the tab), under a
# name that says which dossier (and version) they cite.
CITATION_TYPES = {".ris": "application/x-research-info-systems", ".bib": "application/x-bibtex"}


def citation_headers(path: str) -> dict[str, str]:
    """Content-Type and Content-Disposition for /dossiers/<slug>/[versies/<date>/]citeer.ris|bib."""
    parts = [p for p in path.split("/") if p]
    name = parts[-1] if parts else ""
    suffix = name[name.rfind("."):] if "." in name else ""
    if suffix not in CITATION_TYPES or "dossiers" not in parts:
        return {}
    after = parts[parts.index("dossiers") + 1:-1]
    stem = "-".join(p for p in after if p != "versies") or "citeer"
    stem = "".join(ch for ch in stem if ch.isalnum() or ch == "-")[:120] or "citeer"
    return {"Content-Type": f"{CITATION_TYPES[suffix]}; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{stem}{suffix}"'}


class CacheHeaders:
    """Sets Cache-Control (see the module) where the app set none. Sits outside the gzip layer,
    so it also sees Content-Encoding: a compressed body then gets a weak ETag, as the two
    encodings of one file are not byte-identical (StaticFiles compares ETags weakly)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message["status"] == 200:
                    for key, value in citation_headers(path).items():
                        headers[key] = value
                if "cache-control" not in headers:
                    headers["Cache-Control"] = cache_control(path, message["status"],
                                                             headers.get("content-type", ""))
                etag = headers.get("etag")
                if etag and "content-encoding" in headers and not etag.startswith("W/"):
                    headers["ETag"] = "W/" + etag
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadLikeGet:
    """Answers HEAD with the headers GET would get (RFC 9110 9.3.2), compression included: the
    request runs as GET and the body is dropped. Without this the gzip layer sees HEAD's empty
    body, sends it uncompressed and `curl -I` reports no Content-Encoding."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def middleware() -> list[Middleware]:
    """Outermost first: HEAD as GET, cache headers, then compression."""
    return [
        Middleware(HeadLikeGet),
        Middleware(CacheHeaders),
        Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL,
                   exclude_content_types=NOT_COMPRESSED),
    ]
