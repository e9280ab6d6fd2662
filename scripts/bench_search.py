#!/usr/bin/env python3
"""Search benchmark (not a test): index build, query latency and API load at 1,000 synthetic dossiers.

    .venv/bin/python scripts/bench_search.py [--count 1000] [--rounds 40] [--requests 10000]
                                              [--clients 50] [--load-seconds 600] [--json OUT]

1. Corpus: scripts/gen_corpus.py `generate(tmp, count, seed=1)`, loaded with `watwerkt check`
   (only valid dossiers are indexed; drafts are skipped by the index itself).
2. Build: `watwerkt.search.build_index` into a temporary directory; wall time and size on disk of
   the version directory. The same texts go into SQLite FTS5 (stdlib sqlite3, tokenizer
   `unicode61 remove_diacritics 2`, one row per dossier), timed and measured the same way.
3. Latency over a fixed query mix (words, phrases, sentences, accents, typos, a miss; a third
   with facet filters), each query `--rounds` times after one warm-up round, the three systems
   interleaved per query so machine noise hits them alike:
     ours   `SearchIndex.search(q, filters)`: ranking, facet counts, snippets, suggestion
     whoosh bare Whoosh on the same index directory: MultifieldParser (OR) over the text fields
            with the same field boosts, `searcher.search(limit=10)`, slugs read; no facets,
            snippets or thesaurus
     fts5   `MATCH` with the query words OR-ed, `ORDER BY bm25(...) LIMIT 10`
4. API load: the real app (`create_app(site_dir, index_root, settings)`) in uvicorn, in a
   subprocess on 127.0.0.1 and a free port; `--clients` concurrent httpx.AsyncClient clients send
   `--requests` GET /api/search requests in total (the same query mix, with facet parameters),
   stopped after `--load-seconds`; requests per second and errors (non-200 or exception).

Targets, printed PASS/FAIL: p95 of ours <= 4 x p95 of bare Whoosh; zero errors under load.
Progress on stderr, results on stdout; exit 0 whenever the benchmark ran.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
P95_FACTOR = 4.0

# (query, filters). Words come from gen_corpus's fixed vocabulary, so every query but the miss
# and the typos finds dossiers; filters use values the generator produces.
QUERY_MIX: list[tuple[str, dict[str, list[str]]]] = [
    ("mantelzorg", {}),
    ("schuldhulp", {}),
    ("eenzaamheid ouderen", {}),
    ("participatie", {"theme": ["participatie"]}),
    ("jeugdhulp jongeren", {}),
    ("wijkteams", {"target_group": ["gemeenten"]}),
    ("dagbesteding", {}),
    ("vrijwilligers", {"evidence": ["aangetoond"]}),
    ("lokale aanpak", {}),
    ("gezamenlijke ondersteuning", {"status": ["published"]}),
    ("informele netwerk", {}),
    ("professionals in de wijk", {"theme": ["sociaal domein", "samenwerking"]}),
    ('"sociale samenwerking"', {}),
    ('"lokale mantelzorg"', {}),
    ("hoe versterkt de gemeente de betrokkenheid van bewoners", {}),
    ("wat werkt bij preventieve schuldhulp voor jongeren", {"target_group": ["jongeren"]}),
    ("coöperatie", {}),
    ("cooperatie hierarchie", {}),
    ("mantelzrog", {}),
    ("particpatie", {}),
    ("xylofoon", {}),
    ("armoedebestrijding", {"theme": ["armoede en schulden"], "year": ["2024", "2025"]}),
    ("werktoeleiding", {"evidence": ["aanwijzingen", "aannemelijk"]}),
    ("buurtbemiddeling netwerk", {}),
]

FTS_WORD = __import__("re").compile(r"\w+")


def log(msg: str) -> None:
    print(f"bench_search: {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of `values`, in the same unit."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


# -- SQLite FTS5 -----------------------------------------------------------------------------
def fts_texts(d) -> tuple[str, str, str, str]:
    from watwerkt.view.text import plain  # the index's Markdown -> text, so both index the same text

    sections = [plain(s.text) for s in d.sections.values()]
    elements = [" ".join(filter(None, [e.title, plain(e.description), e.effect])) for e in d.effective_elements]
    examples = [" ".join(filter(None, [x.name, x.organisation, plain(x.description)])) for x in d.examples]
    tags = [*d.themes, *d.target_groups]
    body = "\n".join([*sections, *elements, *examples, *tags])
    return d.slug, d.title or "", d.summary or "", body


def build_fts(texts: list[tuple[str, str, str, str]], path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, summary, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    with con:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", texts)
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.commit()
    return con


def fts_query(q: str) -> str | None:
    words = FTS_WORD.findall(q.lower())
    return " OR ".join(f'"{w}"' for w in words) or None


def fts_search(con: sqlite3.Connection, q: str) -> list[str]:
    match = fts_query(q)
    if not match:
        return []
    rows = con.execute("SELECT slug FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 1.5, 1.0) LIMIT 10",
                       (match,)).fetchall()
    return [r[0] for r in rows]


# -- bare Whoosh ------------------------------------------------------------------------------
class BareWhoosh:
    def __init__(self, version_dir: Path):
        from whoosh.index import open_dir
        from whoosh.qparser import MultifieldParser, OrGroup

        from watwerkt.search.schema import FIELD_BOOSTS

        self.ix = open_dir(str(version_dir))
        names = set(self.ix.schema.names())
        fields = [f for f in FIELD_BOOSTS if f in names]
        self.parser = MultifieldParser(fields, self.ix.schema,
                                       fieldboosts={f: FIELD_BOOSTS[f] for f in fields}, group=OrGroup)
        self.searcher = self.ix.searcher()

    def search(self, q: str) -> list[str]:
        query = self.parser.parse(q)
        return [hit["slug"] for hit in self.searcher.search(query, limit=10)]

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


# -- API load -----------------------------------------------------------------------------------
def find_create_app() -> str:
    """Module path of the app factory `create_app` in watwerkt.search (its module may vary)."""
    import watwerkt.search as pkg

    if hasattr(pkg, "create_app"):
        return "watwerkt.search"
    for f in sorted(Path(pkg.__file__).parent.glob("*.py")):
        if "def create_app" in f.read_text(encoding="utf-8"):
            return f"watwerkt.search.{f.stem}"
    raise RuntimeError("create_app not found in watwerkt.search")


SERVER = """
import sys, uvicorn
from pathlib import Path
sys.path.insert(0, {plugins!r})
from watwerkt.model.settings import load_settings
from {module} import create_app
app = create_app(Path({site!r}), Path({index!r}), load_settings(None))
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_paths() -> list[str]:
    out = []
    for q, filters in QUERY_MIX:
        params = [("q", q)] + [(k, v) for k, vs in filters.items() for v in vs]
        out.append("/api/search?" + urlencode(params))
    return out


async def load(base: str, total: int, clients: int, seconds: float) -> dict:
    import httpx

    paths = api_paths()
    counter = iter(range(total))
    latencies: list[float] = []
    errors: dict[str, int] = {}
    done = 0
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        nonlocal done
        async with httpx.AsyncClient(base_url=base, timeout=30.0,
                                     limits=httpx.Limits(max_connections=1)) as c:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                t0 = time.perf_counter()
                try:
                    r = await c.get(paths[i % len(paths)])
                    if r.status_code != 200:
                        errors[f"HTTP {r.status_code}"] = errors.get(f"HTTP {r.status_code}", 0) + 1
                    else:
                        r.json()
                except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                    key = type(exc).__name__
                    errors[key] = errors.get(key, 0) + 1
                latencies.append(time.perf_counter() - t0)
                done += 1
                if done % 1000 == 0:
                    log(f"load: {done}/{total} requests")

    t0 = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - t0
    return {"requests": done, "elapsed_s": elapsed, "req_per_s": done / elapsed if elapsed else 0.0,
            "errors": sum(errors.values()), "error_kinds": errors,
            "p50_ms": pct(latencies, 50) * 1e3, "p95_ms": pct(latencies, 95) * 1e3,
            "p99_ms": pct(latencies, 99) * 1e3, "completed": done == total}


def run_load(index_root: Path, work: Path, args) -> dict:
    import httpx

    module = find_create_app()
    site = work / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<!doctype html><title>bench</title>\n", encoding="utf-8")
    port = free_port()
    code = SERVER.format(plugins=str(ROOT / "plugins"), module=module, site=str(site),
                         index=str(index_root), port=port)
    log(f"starting uvicorn ({module}.create_app) on 127.0.0.1:{port}")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=work,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        ready_by = time.perf_counter() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(base + "/api/search?q=mantelzorg", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() > ready_by:
                raise RuntimeError("server not ready within 60 s")
            time.sleep(0.3)
        log(f"load: {args.requests} requests, {args.clients} concurrent clients, at most {args.load_seconds:.0f} s")
        result = asyncio.run(load(base, args.requests, args.clients, args.load_seconds))
        result["server_alive"] = proc.poll() is None
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        tail = proc.stderr.read() if proc.stderr else ""
        if tail.strip():
            log("server stderr (tail): " + tail[-1500:].replace("\n", " | "))


# -- main ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=40, help="timed rounds over the query mix")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=600.0, help="stop the load test after this")
    parser.add_argument("--no-load", action="store_true", help="skip the API load test")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    from watwerkt.search import build_index, open_index

    out: dict = {"count": args.count, "seed": args.seed, "python": platform.python_version(),
                 "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version, "queries": len(QUERY_MIX),
                 "rounds": args.rounds}
    with tempfile.TemporaryDirectory(prefix="watwerkt-bench-") as tmp:
        work = Path(tmp)
        log(f"generating {args.count} synthetic dossiers")
        generate(work / "corpus", args.count, args.seed)
        settings = load_settings(None)
        t0 = time.perf_counter()
        result = check([work / "corpus" / "dossiers"], settings, TODAY)
        dossiers = result.valid_dossiers()
        out["load_s"] = time.perf_counter() - t0
        out["dossiers_valid"] = len(dossiers)
        out["dossiers_on_site"] = sum(d.status in ("published", "archived") for d in dossiers)
        log(f"loaded {len(dossiers)} valid dossiers in {out['load_s']:.1f} s ({len(result.errors)} errors)")

        index_root = work / "index"
        t0 = time.perf_counter()
        version = build_index(dossiers, settings, index_root)
        out["build_s"] = time.perf_counter() - t0
        out["index_bytes"] = dir_size(Path(version))
        log(f"our index: {out['build_s']:.1f} s, {mb(out['index_bytes'])}")

        t0 = time.perf_counter()
        texts = [fts_texts(d) for d in dossiers if d.status in ("published", "archived")]
        out["fts_extract_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        con = build_fts(texts, work / "fts.sqlite")
        out["fts_build_s"] = time.perf_counter() - t0
        out["fts_bytes"] = (work / "fts.sqlite").stat().st_size
        log(f"fts5 index: {out['fts_build_s']:.1f} s, {mb(out['fts_bytes'])}")

        ours = open_index(index_root)
        bare = BareWhoosh(Path(version))
        systems = {
            "ours": lambda q, f: ours.search(q, filters=f or None, page_size=10),
            "whoosh": lambda q, f: bare.search(q),
            "fts5": lambda q, f: fts_search(con, q),
        }
        times: dict[str, list[float]] = {name: [] for name in systems}
        hits: dict[str, int] = {name: 0 for name in systems}
        for r in range(args.rounds + 1):  # round 0 warms caches and is not timed
            for q, filters in QUERY_MIX:
                for name, fn in systems.items():
                    t0 = time.perf_counter()
                    res = fn(q, filters)
                    elapsed = time.perf_counter() - t0
                    if r:
                        times[name].append(elapsed)
                    elif name == "ours":
                        hits[name] += res.total > 0
                    else:
                        hits[name] += bool(res)
            if r and r % 10 == 0:
                log(f"latency: round {r}/{args.rounds}")
        out["latency_ms"] = {name: {"p50": pct(t, 50) * 1e3, "p95": pct(t, 95) * 1e3, "p99": pct(t, 99) * 1e3,
                                    "mean": statistics.fmean(t) * 1e3, "n": len(t)}
                             for name, t in times.items()}
        out["queries_with_results"] = hits
        bare.close()
        con.close()
        close = getattr(ours, "close", None)
        if close:
            close()

        if not args.no_load:
            try:
                out["load"] = run_load(index_root, work, args)
            except Exception as exc:  # noqa: BLE001 - report it; the other figures still stand
                out["load"] = {"error": f"{type(exc).__name__}: {exc}"}
                log(f"load test not run: {out['load']['error']}")

    report(out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def report(out: dict) -> None:
    lat = out["latency_ms"]
    print(f"Search benchmark: {out['dossiers_on_site']} dossiers on the site ({out['count']} generated, "
          f"seed {out['seed']}), Python {out['python']}, {out['cpus']} CPUs, SQLite {out['sqlite']}\n")
    print("| index | build | size on disk |\n|---|---:|---:|")
    print(f"| ours (Whoosh) | {out['build_s']:.1f} s | {mb(out['index_bytes'])} |")
    print(f"| SQLite FTS5 | {out['fts_build_s']:.1f} s (+ {out['fts_extract_s']:.1f} s Markdown to text) | {mb(out['fts_bytes'])} |")
    print(f"\n(loading and checking the dossiers first: {out['load_s']:.1f} s)\n")
    print(f"Query latency, {out['queries']} queries x {out['rounds']} rounds (ms):\n")
    print("| system | p50 | p95 | p99 | mean | queries with results |\n|---|---:|---:|---:|---:|---:|")
    labels = {"ours": "ours: search() with facets + snippets", "whoosh": "bare Whoosh (parse + search)",
              "fts5": "SQLite FTS5 (bm25, limit 10)"}
    for name, m in lat.items():
        print(f"| {labels[name]} | {m['p50']:.1f} | {m['p95']:.1f} | {m['p99']:.1f} | {m['mean']:.1f} | "
              f"{out['queries_with_results'][name]}/{out['queries']} |")
    ratio = lat["ours"]["p95"] / lat["whoosh"]["p95"] if lat["whoosh"]["p95"] else float("inf")
    out["p95_ratio"] = ratio
    load = out.get("load")
    print()
    if load and "error" not in load:
        print(f"API load: {load['requests']} requests ({'all' if load['completed'] else 'NOT all'} of the planned), "
              f"{load['elapsed_s']:.1f} s, {load['req_per_s']:.0f} req/s, errors {load['errors']} "
              f"{load['error_kinds'] or ''}; client latency p50 {load['p50_ms']:.0f} ms, "
              f"p95 {load['p95_ms']:.0f} ms, p99 {load['p99_ms']:.0f} ms\n")
    elif load:
        print(f"API load: not run ({load['error']})\n")
    else:
        print("API load: skipped (--no-load)\n")
    verdict = "PASS" if ratio <= P95_FACTOR else "FAIL"
    print(f"{verdict}: p95 with facets and snippets is {ratio:.1f}x bare Whoosh (target <= {P95_FACTOR:.0f}x)")
    if load and "error" not in load:
        ok = load["errors"] == 0 and load["completed"]
        print(f"{'PASS' if ok else 'FAIL'}: {load['errors']} errors under load"
              + ("" if load["completed"] else f" (only {load['requests']} requests within the time bound)"))
    elif load:
        print("FAIL: load test did not run")
    else:
        print("(no load target checked: --no-load)")


if __name__ == "__main__":
    sys.exit(main())
