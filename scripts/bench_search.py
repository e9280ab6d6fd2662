#!/usr/bin/env python3
"""Search benchmark (not a test): cache-off query latency against bare Whoosh, index build, API load.

    .venv/bin/python scripts/bench_search.py [--count 1000] [--queries 300] [--warmup 30]
                                              [--requests 10000] [--clients 50] [--load-runs 3]
                                              [--load-seconds 600] [--no-load] [--json OUT]

Everything runs with the result cache off (WATWERKT_SEARCH_CACHE=0, in this process and in the
servers), and every query is distinct: no figure here comes from a repeated query.

1. Corpus: scripts/gen_corpus.py `generate(tmp, count, seed)`, loaded with `watwerkt check`.
2. Build: `watwerkt.search.build_index` into a temporary directory; a bare Whoosh index of the
   same dossiers (one TEXT field with Whoosh's Dutch stemming analyzer, `LanguageAnalyzer("nl")`,
   holding title, summary and all text); SQLite FTS5 (tokenizer `unicode61 remove_diacritics 2`).
   Wall time and size on disk of each.
3. Latency: `--queries` distinct queries of 1-4 words sampled by document frequency from the
   corpus text (scripts/gen_queries.py, seeded), after `--warmup` other distinct queries that are
   not timed; the systems interleaved per query, so machine noise hits them alike:
     ours   `SearchIndex.search(q, page_size=10)`: ranking, facet counts, snippets, suggestion,
            as shipped, result cache off. What a version computes when it opens (every term's
            BM25 scores, the snippet word list) is the same whatever is searched; its time is
            reported as "index open".
     whoosh bare Whoosh: `QueryParser("text", group=OrGroup)`, `searcher.search(limit=10)`,
            slugs read; no facets, snippets, thesaurus or prefixes
     fts5   `MATCH` with the query words OR-ed, `ORDER BY bm25(...) LIMIT 10`
   Target, printed PASS/FAIL: p95 of ours <= 1.3 x p95 of bare Whoosh.
4. API load (`--load-runs` runs): `--requests` distinct queries (another seed) sent by `--clients`
   concurrent httpx clients to (a) the real app (`create_app`) and (b) a bare-Whoosh endpoint in
   the same stack (Starlette + uvicorn, one worker, the same 4-at-once thread-pool limit, limit 10,
   slugs as JSON), alternately, each stopped after `--load-seconds`; requests per second and
   errors (non-200 or exception). Target: ours >= 0.8 x bare, 0 errors in every run.

The load average (/proc/loadavg) is printed with every figure: on a shared machine only ratios
measured in the same run are comparable. Progress on stderr, results on stdout; exit 0 whenever
the benchmark ran.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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
from gen_queries import sample_queries  # noqa: E402
from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

TODAY = dt.date(2026, 11, 26)
P95_FACTOR = 1.3
LOAD_FACTOR = 0.8
os.environ["WATWERKT_SEARCH_CACHE"] = "0"  # cache off here and in the servers started from here


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


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
def build_bare(texts: list[tuple[str, str, str, str]], folder: Path) -> None:
    """One TEXT field with Whoosh's Dutch stemming analyzer, holding all the text of a dossier."""
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.filedb.filestore import FileStorage

    folder.mkdir()
    ix = FileStorage(str(folder)).create_index(Schema(slug=ID(stored=True, unique=True),
                                                       text=TEXT(analyzer=LanguageAnalyzer("nl"))))
    writer = ix.writer(limitmb=128)
    for slug, title, summary, body in texts:
        writer.add_document(slug=slug, text="\n".join([title, summary, body]))
    writer.commit()
    ix.close()


class BareWhoosh:
    def __init__(self, folder: Path):
        from whoosh.filedb.filestore import FileStorage
        from whoosh.qparser import OrGroup, QueryParser

        self.ix = FileStorage(str(folder), readonly=True).open_index()
        self.parser = QueryParser("text", self.ix.schema, group=OrGroup)
        self.searcher = self.ix.searcher()

    def search(self, q: str) -> list[str]:
        return [hit["slug"] for hit in self.searcher.search(self.parser.parse(q), limit=10)]

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
from watwerkt.cli.abort_log import AbortLoggingH11
from watwerkt.cli.serving import KEEP_ALIVE_SECONDS
app = create_app(Path({site!r}), Path({index!r}), load_settings(None))
# As `watwerkt serve` runs it: its HTTP protocol (logs aborted connections) and keep-alive.
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False,
            http=AbortLoggingH11, timeout_keep_alive=KEEP_ALIVE_SECONDS)
"""

# The bare-Whoosh endpoint: the same stack and limits as ours (Starlette, run_in_threadpool,
# at most 4 searches at once), one searcher per thread, limit 10, slugs as JSON.
BARE_SERVER = """
import asyncio, sys, threading, uvicorn
sys.path.insert(0, {scripts!r})
from pathlib import Path
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.routing import Route
from bench_search import BareWhoosh
local = threading.local()
slots = asyncio.Semaphore(4)
def run(q):
    bare = getattr(local, "bare", None)
    if bare is None:
        bare = local.bare = BareWhoosh(Path({index!r}))
    return bare.search(q)
async def api_search(request):
    async with slots:
        hits = await run_in_threadpool(run, request.query_params.get("q", ""))
    return JSONResponse({{"hits": hits}})
app = Starlette(routes=[Route("/api/search", api_search)])
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False, timeout_keep_alive=75)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_paths(queries: list[str]) -> list[str]:
    return ["/api/search?" + urlencode([("q", q)]) for q in queries]


async def load(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    import httpx

    total = len(paths)
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
                    r = await c.get(paths[i])  # each query once
                    if r.status_code != 200:
                        errors[f"HTTP {r.status_code}"] = errors.get(f"HTTP {r.status_code}", 0) + 1
                    else:
                        r.json()
                except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                    key = type(exc).__name__
                    errors[key] = errors.get(key, 0) + 1
                latencies.append(time.perf_counter() - t0)
                done += 1
                if done % 2000 == 0:
                    log(f"load: {done}/{total} requests")

    t0 = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - t0
    return {"requests": done, "elapsed_s": elapsed, "req_per_s": done / elapsed if elapsed else 0.0,
            "errors": sum(errors.values()), "error_kinds": errors,
            "p50_ms": pct(latencies, 50) * 1e3, "p95_ms": pct(latencies, 95) * 1e3,
            "p99_ms": pct(latencies, 99) * 1e3, "completed": done == total}


def run_load(code: str, port: int, work: Path, paths: list[str], args, label: str) -> dict:
    import httpx

    proc = subprocess.Popen([sys.executable, "-c", code], cwd=work, env={**os.environ, "WATWERKT_SEARCH_CACHE": "0"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    result: dict | None = None
    try:
        ready_by = time.perf_counter() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{label} server exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(base + "/api/search?q=xylofoonwarmup", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() > ready_by:
                raise RuntimeError(f"{label} server not ready within 60 s")
            time.sleep(0.3)
        log(f"load {label}: {len(paths)} distinct queries, {args.clients} clients, at most {args.load_seconds:.0f} s "
            f"(load average {loadavg()})")
        before = loadavg()
        result = asyncio.run(load(base, paths, args.clients, args.load_seconds))
        result["server_alive"] = proc.poll() is None
        result["loadavg"] = f"{before} -> {loadavg()}"
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        tail = proc.stderr.read() if proc.stderr else ""
        if result is not None and label == "ours":  # the dict returned above, before the caller sees it
            result["aborted_logged"] = tail.count("verbinding afgebroken")
        if tail.strip():
            log(f"{label} server stderr (tail): " + tail[-1500:].replace("\n", " | "))


def load_runs(index_root: Path, bare_dir: Path, work: Path, queries: list[str], args) -> list[dict]:
    site = work / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<!doctype html><title>bench</title>\n", encoding="utf-8")
    module = find_create_app()
    paths = api_paths(queries)
    runs = []
    for r in range(args.load_runs):
        row = {}
        for label in ("ours", "bare") if r % 2 == 0 else ("bare", "ours"):
            port = free_port()
            code = (SERVER.format(plugins=str(ROOT / "plugins"), module=module, site=str(site),
                                  index=str(index_root), port=port) if label == "ours" else
                    BARE_SERVER.format(scripts=str(ROOT / "scripts"), index=str(bare_dir), port=port))
            row[label] = run_load(code, port, work, paths, args, label)
        runs.append(row)
    return runs


# -- main ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=300, help="distinct timed queries")
    parser.add_argument("--warmup", type=int, default=30, help="distinct untimed queries first")
    parser.add_argument("--requests", type=int, default=10_000, help="distinct queries per load run")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-runs", type=int, default=3)
    parser.add_argument("--load-seconds", type=float, default=600.0, help="stop a load run after this")
    parser.add_argument("--no-load", action="store_true", help="skip the API load test")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    from watwerkt.search import build_index, open_index

    out: dict = {"count": args.count, "seed": args.seed, "python": platform.python_version(),
                 "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version, "queries": args.queries,
                 "warmup": args.warmup, "result_cache": "off", "loadavg_start": loadavg()}
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
        out["dossiers_on_site"] = sum(d.public for d in dossiers)
        log(f"loaded {len(dossiers)} valid dossiers in {out['load_s']:.1f} s ({len(result.errors)} errors)")

        index_root = work / "index"
        t0 = time.perf_counter()
        version = build_index(dossiers, settings, index_root)
        out["build_s"] = time.perf_counter() - t0
        out["index_bytes"] = dir_size(version.folder)
        log(f"our index: {out['build_s']:.1f} s, {mb(out['index_bytes'])}")

        t0 = time.perf_counter()
        texts = [fts_texts(d) for d in dossiers if d.public]
        out["fts_extract_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        bare_dir = work / "bare"
        build_bare(texts, bare_dir)
        out["bare_build_s"] = time.perf_counter() - t0
        out["bare_bytes"] = dir_size(bare_dir)
        t0 = time.perf_counter()
        con = build_fts(texts, work / "fts.sqlite")
        out["fts_build_s"] = time.perf_counter() - t0
        out["fts_bytes"] = (work / "fts.sqlite").stat().st_size
        log(f"bare whoosh: {out['bare_build_s']:.1f} s; fts5: {out['fts_build_s']:.1f} s")

        corpus_texts = ["\n".join(t[1:]) for t in texts]
        sample = sample_queries(corpus_texts, args.warmup + args.queries + args.requests, args.seed)
        warmup, timed = sample[:args.warmup], sample[args.warmup:args.warmup + args.queries]
        load_queries = sample[args.warmup + args.queries:]
        out["query_words"] = {n: sum(len(q.split()) == n for q in timed) for n in range(1, 5)}

        t0 = time.perf_counter()
        ours = open_index(index_root)
        ours._version.in_memory()  # made in the background; counted here, not in the first query
        out["open_s"] = time.perf_counter() - t0
        bare = BareWhoosh(bare_dir)
        systems = {
            "ours": lambda q: ours.search(q, page_size=10),
            "whoosh": lambda q: bare.search(q),
            "fts5": lambda q: fts_search(con, q),
        }
        for q in warmup:
            for fn in systems.values():
                fn(q)
        times: dict[str, list[float]] = {name: [] for name in systems}
        hits: dict[str, int] = {name: 0 for name in systems}
        out["loadavg_latency_before"] = loadavg()
        for i, q in enumerate(timed, 1):
            for name, fn in systems.items():
                t0 = time.perf_counter()
                res = fn(q)
                times[name].append(time.perf_counter() - t0)
                hits[name] += (res.total > 0) if name.startswith("ours") else bool(res)
            if i % 100 == 0:
                log(f"latency: {i}/{len(timed)} queries (load average {loadavg()})")
        out["loadavg_latency_after"] = loadavg()
        out["latency_ms"] = {name: {"p50": pct(t, 50) * 1e3, "p95": pct(t, 95) * 1e3, "p99": pct(t, 99) * 1e3,
                                    "mean": statistics.fmean(t) * 1e3, "n": len(t)}
                             for name, t in times.items()}
        out["queries_with_results"] = hits
        bare.close()
        con.close()
        ours.close()

        if not args.no_load:
            try:
                out["load"] = load_runs(index_root, bare_dir, work, load_queries, args)
            except Exception as exc:  # noqa: BLE001 - report it; the other figures still stand
                out["load"] = {"error": f"{type(exc).__name__}: {exc}"}
                log(f"load test not run: {out['load']['error']}")

    report(out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def report(out: dict) -> None:
    lat = out["latency_ms"]
    ratio = lat["ours"]["p95"] / lat["whoosh"]["p95"] if lat["whoosh"]["p95"] else float("inf")
    out["p95_ratio"] = ratio
    print(f"Search benchmark, result cache OFF: {out['dossiers_on_site']} dossiers on the site "
          f"({out['count']} generated, seed {out['seed']}), Python {out['python']}, {out['cpus']} CPUs\n")
    words = ", ".join(f"{n} word{'s' if n > 1 else ''}: {c}" for n, c in out["query_words"].items())
    print(f"Query latency, {out['queries']} distinct queries sampled by document frequency ({words}), "
          f"after {out['warmup']} other untimed ones; load average {out['loadavg_latency_before']} before, "
          f"{out['loadavg_latency_after']} after (ms):\n")
    print("| system | p50 | p95 | p99 | mean | queries with results |\n|---|---:|---:|---:|---:|---:|")
    labels = {"ours": "ours: search() with facets + snippets, result cache off",
              "whoosh": "bare Whoosh (1 field, Dutch stemming, limit 10)", "fts5": "SQLite FTS5 (bm25, limit 10)"}
    for name, m in lat.items():
        print(f"| {labels[name]} | {m['p50']:.1f} | {m['p95']:.1f} | {m['p99']:.1f} | {m['mean']:.1f} | "
              f"{out['queries_with_results'][name]}/{out['queries']} |")
    verdict = "PASS" if ratio <= P95_FACTOR else "FAIL"
    print(f"\n{verdict}: with the result cache off, p95 of ours is {ratio:.2f}x bare Whoosh "
          f"(target <= {P95_FACTOR}x); p50 {lat['ours']['p50'] / lat['whoosh']['p50']:.2f}x\n")
    print("| index | build | size on disk |\n|---|---:|---:|")
    print(f"| ours (Whoosh) | {out['build_s']:.1f} s (index open: {out['open_s']:.1f} s) | {mb(out['index_bytes'])} |")
    print(f"| bare Whoosh | {out['bare_build_s']:.1f} s | {mb(out['bare_bytes'])} |")
    print(f"| SQLite FTS5 | {out['fts_build_s']:.1f} s | {mb(out['fts_bytes'])} |")
    print(f"\n(Markdown to text for bare Whoosh and FTS5: {out['fts_extract_s']:.1f} s; loading and checking "
          f"the dossiers first: {out['load_s']:.1f} s)\n")
    load = out.get("load")
    if not load:
        print("API load: skipped (--no-load)")
        return
    if isinstance(load, dict):
        print(f"API load: not run ({load['error']})")
        return
    ok = True
    print("API load, distinct queries, result cache off, one uvicorn worker each:\n")
    print("| run | system | requests | seconds | req/s | errors | aborts logged | client p50 / p95 ms | load average |\n"
          "|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for i, row in enumerate(load, 1):
        for name in ("ours", "bare"):
            m = row[name]
            print(f"| {i} | {name} | {m['requests']}{'' if m['completed'] else ' (NOT all)'} | {m['elapsed_s']:.1f} | "
                  f"{m['req_per_s']:.1f} | {m['errors']} {m['error_kinds'] or ''} | {m.get('aborted_logged', '-')} | "
                  f"{m['p50_ms']:.0f} / {m['p95_ms']:.0f} | "
                  f"{m['loadavg']} |")
        r = row["ours"]["req_per_s"] / row["bare"]["req_per_s"] if row["bare"]["req_per_s"] else 0.0
        row["ratio"] = r
        good = r >= LOAD_FACTOR and row["ours"]["errors"] == 0 and row["ours"]["completed"]
        ok = ok and good
        print(f"|   | ours / bare | | | {r:.2f}x | | | | |")
    print(f"\n{'PASS' if ok else 'FAIL'}: throughput of ours >= {LOAD_FACTOR}x bare Whoosh with 0 errors, in every run")
    errors_ok = all(row["ours"]["errors"] == 0 and row["ours"]["completed"] for row in load)
    print(f"{'PASS' if errors_ok else 'FAIL'}: 0 errors over {len(load)} runs of {load[0]['ours']['requests']} "
          "distinct queries (ours)")


if __name__ == "__main__":
    sys.exit(main())
