"""The static site and the search API in one Starlette app, served by uvicorn (`watwerkt serve`).

GET /api/search        search (JSON); invalid parameters give 400 with {"fout": "..."} in Dutch
GET /api/openapi.json  OpenAPI 3.1 description of the API
everything else        the built site (StaticFiles, html=True: directory URLs and 404.html)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .index import open_index
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
from .results import SearchResult
from .store import IndexUnavailable

SINGLE = ("q", "page", "page_size")
PARAMS = SINGLE + FACETS
FACET_LABELS = {
    "theme": "Thema",
    "target_group": "Doelgroep",
    "evidence": "Bewijsniveau",
    "status": "Status",
    "year": "Laatst herzien",
}
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


def result_json(result: SearchResult) -> dict:
    pages = max(1, -(-result.total // result.page_size))
    facets = {}
    for name in FACETS:
        chosen = {v.casefold() for v in result.filters.get(name, [])}
        labels = result.labels.get(name, {})
        facets[name] = {
            "label": FACET_LABELS[name],
            "values": [{"value": v, "label": labels.get(v, v), "count": n, "selected": v.casefold() in chosen}
                       for v, n in result.facets.get(name, [])],
        }
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "pages": pages,
        "suggestion": result.suggestion,
        "not_found": result.not_found,
        "filters": result.filters,
        "hits": [
            {"slug": h.slug, "title": h.title, "summary": h.summary, "url": h.url, "score": h.score,
             "snippet": h.snippet, "version": h.version, "matched_all": h.matched_all}
            for h in result.hits
        ],
        "facets": facets,
    }


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
                                "version": {"type": "string"}, "matched_all": {"type": "boolean"}}}},
                            "facets": {"type": "object", "properties": {n: facet_schema for n in FACETS}},
                        }}}}},
                    "400": error,
                    "503": {"description": "Er is (nog) geen zoekindex, of de dienst is even te druk "
                                           "(dan met Retry-After)", "content": error["content"]},
                },
            }},
        },
    }


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


def create_app(site_dir: Path | None, index_root: Path, settings=None) -> Starlette:
    """The app: API routes first, then the static site (when site_dir is given)."""
    index_root = Path(index_root)
    slots = asyncio.Semaphore(MAX_ACTIVE_SEARCHES)
    waiting = 0

    def busy() -> JSONResponse:
        response = _error(503, _BUSY)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def run_search(q: str, filters: dict[str, list[str]], page: int, page_size: int):
        return open_index(index_root, site_dir).search(q, filters, page, page_size)

    async def api_search(request: Request) -> JSONResponse:
        nonlocal waiting
        if len(request.scope.get("query_string", b"")) > _MAX_QUERY_STRING:
            return _error(400, "de zoekopdracht is te lang")
        try:
            q, filters, page, page_size = parse_params(list(request.query_params.multi_items()))
        except InvalidParameter as exc:
            return _error(400, str(exc))
        if waiting >= MAX_WAITING_SEARCHES:
            return busy()
        waiting += 1
        try:
            if not await acquire(slots, MAX_WAIT_SECONDS):
                return busy()
        finally:
            waiting -= 1
        try:
            result = await run_in_threadpool(run_search, q, filters, page, page_size)
        except IndexUnavailable:
            return _error(503, "de zoekdienst heeft nog geen zoekindex; probeer het later opnieuw")
        except InvalidParameter as exc:
            return _error(400, str(exc))
        finally:
            slots.release()
        return JSONResponse(result_json(result), headers=_HEADERS)

    def api_openapi(request: Request) -> JSONResponse:
        return JSONResponse(openapi())

    routes = [
        Route("/api/search", api_search, methods=["GET"]),
        Route("/api/openapi.json", api_openapi, methods=["GET"]),
    ]
    if site_dir is not None:
        routes.append(Mount("/", app=StaticFiles(directory=str(site_dir), html=True), name="site"))
    return Starlette(routes=routes)
