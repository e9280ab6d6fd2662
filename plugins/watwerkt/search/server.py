"""The static site and the search API in one Starlette app, served by uvicorn (`watwerkt serve`).

GET /api/search        search (JSON); invalid parameters give 400 with {"fout": "..."} in Dutch
GET /api/health        {"status", "index_version", "dossiers"}: 200 when searches can be answered
GET /api/openapi.json  OpenAPI 3.1 description of the API
everything else        the built site (StaticFiles, html=True: directory URLs and 404.html)

The site and index come from a fixed folder or from a publication re-resolved per request
(publication.py); responses are compressed and get cache lifetimes in delivery.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send

from . import delivery
from .index import open_index
from .not_found import NotFoundCounter
from .publication import Fixed, Publication, Served
from .query import (
    FACETS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    InvalidParameter,
    check_filters,
    check_query,
    parse_int,
)
from .results import FACET_LABELS, result_json
from .store import IndexUnavailable

SINGLE = ("q", "page", "page_size")
PARAMS = SINGLE + FACETS
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_MAX_QUERY_STRING = 8192
# Searches are CPU-bound and run in the thread pool, each with its own Whoosh searcher. A few at
# once keep both cores busy; more would only share the GIL. Requests beyond that wait briefly in
# line; when the line is full or the wait too long they get 503 + Retry-After, never a hang.
MAX_ACTIVE_SEARCHES = 4
MAX_WAITING_SEARCHES = 200
MAX_WAIT_SECONDS = 15.0
RETRY_AFTER_SECONDS = 2
_BUSY = "de zoekdienst is even te druk; probeer het over een paar seconden opnieuw"
_NO_INDEX = "de zoekdienst heeft nog geen zoekindex; probeer het later opnieuw"


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"fout": message}, status_code=status, headers=_HEADERS)


def parse_params(items: list[tuple[str, str]]) -> tuple[str, dict[str, list[str]], int, int]:
    """(q, filters, page, page_size) from query-string pairs; InvalidParameter when wrong."""
    seen: dict[str, list[str]] = {}
    for key, value in items:
        if key not in PARAMS:
            raise InvalidParameter(f"onbekende parameter '{key[:40]}'; mogelijk: {', '.join(PARAMS)}")
        seen.setdefault(key, []).append(value)
    for key in SINGLE:
        if len(seen.get(key, [])) > 1:
            raise InvalidParameter(f"parameter '{key}' mag maar één keer voorkomen")
    q = check_query(seen.get("q", [""])[0])
    page = parse_int(seen["page"][0], "page (paginanummer)", 1, MAX_PAGE) if "page" in seen else 1
    page_size = (parse_int(seen["page_size"][0], "page_size (resultaten per pagina)", 1, MAX_PAGE_SIZE)
                 if "page_size" in seen else 10)
    filters = check_filters({k: v for k, v in seen.items() if k in FACETS})
    return q, filters, page, page_size


def openapi() -> dict:
    facet_params = [
        {"name": name, "in": "query", "required": False, "style": "form", "explode": True,
         "description": f"Filter op {FACET_LABELS[name].lower()}; herhaal voor of-of binnen de groep, "
                        "groepen samen gelden als en-en.",
         "schema": {"type": "array", "maxItems": MAX_FILTER_VALUES, "items": {"type": "string"}}}
        for name in FACETS
    ]
    error = {"description": "Ongeldige parameter", "content": {"application/json": {"schema": {
        "type": "object", "required": ["fout"], "properties": {"fout": {"type": "string"}}}}}}
    facet_schema = {"type": "object", "properties": {
        "label": {"type": "string"},
        "values": {"type": "array", "items": {"type": "object", "properties": {
            "value": {"type": "string"}, "label": {"type": "string"},
            "count": {"type": "integer"}, "selected": {"type": "boolean"}}}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Wat werkt – zoeken", "version": "1",
                 "description": "Zoeken in de kennisdossiers. Een zoekvraag bestaat uit woorden en "
                                "\"woordgroepen tussen aanhalingstekens\"; andere tekens hebben geen "
                                "speciale betekenis."},
        "paths": {
            "/api/search": {"get": {
                "summary": "Dossiers zoeken",
                "parameters": [
                    {"name": "q", "in": "query", "required": False,
                     "description": "Zoekvraag; leeg geeft alle dossiers.",
                     "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}},
                    {"name": "page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
                    {"name": "page_size", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 10}},
                    *facet_params,
                ],
                "responses": {
                    "200": {"description": "Zoekresultaten", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"}, "total": {"type": "integer"},
                            "page": {"type": "integer"}, "page_size": {"type": "integer"},
                            "pages": {"type": "integer"},
                            "suggestion": {"type": ["string", "null"],
                                           "description": "Voorstel voor 'Bedoelde u ...?'"},
                            "not_found": {"type": "array", "items": {"type": "string"},
                                          "description": "Woorden (of zinnen tussen aanhalingstekens) van de "
                                                         "zoekvraag die in geen enkel dossier voorkomen"},
                            "filters": {"type": "object"},
                            "hits": {"type": "array", "items": {"type": "object", "properties": {
                                "slug": {"type": "string"}, "title": {"type": "string"},
                                "summary": {"type": "string"},
                                "url": {"type": "string", "description": "Relatief aan de site"},
                                "score": {"type": "number"},
                                "snippet": {"type": "string",
                                            "description": "HTML: ontsnapte tekst met <mark> om treffers"},
                                "version": {"type": "string"}, "version_text": {"type": "string"}, "matched_all": {"type": "boolean"}}}},
                            "facets": {"type": "object", "properties": {n: facet_schema for n in FACETS}},
                        }}}}},
                    "400": error,
                    "503": {"description": "Er is (nog) geen zoekindex, of de dienst is even te druk "
                                           "(dan met Retry-After)", "content": error["content"]},
                },
            }},
            "/api/health": {"get": {
                "summary": "Staat van de zoekdienst (voor monitoring en load balancers)",
                "responses": {
                    "200": {"description": "De dienst kan zoekvragen beantwoorden",
                            "content": {"application/json": {"schema": _HEALTH_SCHEMA}}},
                    "503": {"description": "Geen bruikbare zoekindex",
                            "content": {"application/json": {"schema": _HEALTH_SCHEMA}}},
                },
            }},
        },
    }


_HEALTH_SCHEMA = {"type": "object", "required": ["status", "index_version", "dossiers"], "properties": {
    "status": {"type": "string", "enum": ["ok", "unavailable"]},
    "index_version": {"type": ["string", "null"], "description": "Naam van de zoekindexversie in gebruik"},
    "dossiers": {"type": "integer", "description": "Aantal doorzoekbare dossiers"},
    "fout": {"type": "string", "description": "Alleen bij 503: waarom"}}}


async def acquire(semaphore: asyncio.Semaphore, timeout: float) -> bool:
    """Acquire within `timeout` seconds; False (and nothing held) when that did not work out."""
    if not semaphore.locked():
        await semaphore.acquire()  # a free slot: returns at once
        return True
    task = asyncio.ensure_future(semaphore.acquire())
    done, _ = await asyncio.wait({task}, timeout=timeout)
    if done:
        return True
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return False
    semaphore.release()  # it got the slot just before the cancel landed
    return False


def create_app(site_dir: Path | None, index_root: Path | None, settings=None, *,
               publication: Path | None = None, not_found: Path | None = None) -> Starlette:
    """The app: API routes first, then the static site. Either a fixed `site_dir` (or None: API
    only) with `index_root`, or a `publication` folder or symlink re-resolved per request
    (publication.py), whose own zoekindex/ is used unless `index_root` is given. `not_found`: a
    file that counts the searches that found nothing (not_found.py; off when None)."""
    source = Publication(publication, index_root) if publication is not None else Fixed(site_dir, index_root)
    slots = asyncio.Semaphore(MAX_ACTIVE_SEARCHES)
    waiting = 0

    def busy() -> JSONResponse:
        response = _error(503, _BUSY)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    misses = NotFoundCounter(not_found) if not_found is not None else None

    def run_search(served: Served, q: str, filters: dict[str, list[str]], page: int, page_size: int):
        result = open_index(served.index_root, served.site).search(q, filters, page, page_size)
        if misses is not None and result.total == 0 and not filters and page == 1:
            misses.count(q)  # a new search without filters; paging and filtering are not new searches
        return result

    async def api_search(request: Request) -> JSONResponse:
        nonlocal waiting
        if len(request.scope.get("query_string", b"")) > _MAX_QUERY_STRING:
            return _error(400, "de zoekopdracht is te lang")
        try:
            q, filters, page, page_size = parse_params(list(request.query_params.multi_items()))
        except InvalidParameter as exc:
            return _error(400, str(exc))
        served = source.current()
        if served.index_root is None:
            return _error(503, _NO_INDEX)
        if waiting >= MAX_WAITING_SEARCHES:
            return busy()
        waiting += 1
        try:
            if not await acquire(slots, MAX_WAIT_SECONDS):
                return busy()
        finally:
            waiting -= 1
        try:
            result = await run_in_threadpool(run_search, served, q, filters, page, page_size)
        except IndexUnavailable:
            return _error(503, _NO_INDEX)
        except InvalidParameter as exc:
            return _error(400, str(exc))
        finally:
            slots.release()
        return JSONResponse(result_json(result), headers=_HEADERS)

    def health(served: Served) -> tuple[int, dict]:
        if served.index_root is None:
            return 503, {"status": "unavailable", "index_version": None, "dossiers": 0, "fout": _NO_INDEX}
        try:
            name, count = open_index(served.index_root, served.site).current_version()
        except IndexUnavailable as exc:
            return 503, {"status": "unavailable", "index_version": None, "dossiers": 0, "fout": str(exc)}
        return 200, {"status": "ok", "index_version": name, "dossiers": count}

    async def api_health(request: Request) -> JSONResponse:
        status, body = await run_in_threadpool(health, source.current())
        return JSONResponse(body, status_code=status, headers=_HEADERS)

    def api_openapi(request: Request) -> JSONResponse:
        return JSONResponse(openapi())

    async def site_files(scope: Scope, receive: Receive, send: Send) -> None:
        files = source.current().files
        if files is None:
            await JSONResponse({"fout": "niet gevonden"}, status_code=404)(scope, receive, send)
            return
        await files(scope, receive, send)

    routes = [
        Route("/api/search", api_search, methods=["GET"]),
        Route("/api/health", api_health, methods=["GET", "HEAD"]),
        Route("/api/openapi.json", api_openapi, methods=["GET"]),
        Mount("/", app=site_files, name="site"),
    ]
    return Starlette(routes=routes, middleware=delivery.middleware())
