#!/usr/bin/env python3
"""Relevance evaluation: our search against the site's built-in quick search, on the judged set.

    .venv/bin/python scripts/eval_search.py [--queries FILE.yml] [--corpus DOSSIERS_DIR]
                                            [--json OUT.json] [--no-lunr]

Corpus and judgments: tests/fixtures/relevance/ by default (test data, see its README); another
judged set is evaluated with `--queries` and `--corpus` (its dossiers folder), e.g. the second
blind set: `--queries tests/fixtures/blind2/queries.yml --corpus tests/fixtures/blind2/dossiers`.
The dossiers are indexed exactly as they are in that folder (nothing is added). Categories are
taken from the query file, in the order they first appear. For every query the script computes nDCG@10 (gain 2^grade - 1) and MRR@10 (reciprocal rank of the
first dossier with grade >= 2) and prints them per category and overall for three systems:

  ours           watwerkt.search: index built into a temporary directory, search(q, page_size=10)
  ours+sugg      the same, but a query without results is searched again with its suggestion
                 ("Bedoelde u ...?"), as a person clicking it would
  quick          Material for MkDocs' quick search as this site configures it (`lang: nl`, its
                 default pipeline): the site of the test corpus is built with MkDocs into a
                 temporary directory, its search/search_index.json is loaded into lunr.js 2.3.9
                 (npm, with lunr-languages 1.14.0 for the Dutch support) and queried the way
                 Material's search worker does (every word becomes a prefix query `word*`);
                 see scripts/lunr_eval.js
  quick+stemmer  the same with lunr's Dutch stemmer switched on (`pipeline` plus `stemmer`)
  static         the static search (`--static`): the same built site with its Pagefind bundle
                 (pagefind/, our analysis as weighted hidden text), served by `python -m
                 http.server` under a sub-path and searched in headless Chromium through the
                 site's own frontend logic (assets/watwerkt/zoekmotor.js); scripts/static_eval.py

`--cross-check` also runs Material's own shipped search worker (executed from the installed
mkdocs-material package in a Node vm sandbox) on the same input and reports on how many queries
its ranking equals the emulation's. Only the dossier pages of the built site are given to lunr, so all systems see the same
documents. Node packages are installed on first use into .cache/lunr-eval/ (gitignored).
Progress goes to stderr, the table to stdout; exit 0 whenever the evaluation ran (a system that
could not run is reported as such).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from watwerkt.model.settings import load_settings  # noqa: E402
from watwerkt.check import check  # noqa: E402

RELEVANCE = ROOT / "tests" / "fixtures" / "relevance"
CORPUS = RELEVANCE / "dossiers"
QUERIES = RELEVANCE / "queries.yml"
TODAY = dt.date(2026, 6, 1)  # fixed, like the tests: the verdict of `check` never depends on the calendar
K = 10
RELEVANT_GRADE = 2  # MRR counts the first hit with at least this grade

NODE_CACHE = ROOT / ".cache" / "lunr-eval"
NODE_PACKAGES = ("lunr@2.3.9", "lunr-languages@1.14.0")  # exact pins
LUNR_SCRIPT = ROOT / "scripts" / "lunr_eval.js"


def log(msg: str) -> None:
    print(f"eval_search: {msg}", file=sys.stderr, flush=True)


# -- data --------------------------------------------------------------------------------------
def load_queries(path: Path = QUERIES) -> list[dict]:
    """The judged queries as {id, q, category, judgments}. Blind set 9 was written with the keys
    of its brief (`query`, `relevant`, no id); it is read as written (its hash is recorded), each
    query numbered in file order."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out = []
    for n, q in enumerate(data["queries"], 1):
        if "query" in q:
            q = {"id": f"{Path(path).parent.name}-{n:03d}", "q": q["query"], "category": q["category"],
                 "judgments": q["relevant"]}
        out.append(q)
    return out


def load_corpus(corpus: Path = CORPUS):
    """(settings, dossiers, check result) of the test corpus."""
    settings = load_settings(None)
    result = check([corpus], settings, TODAY, base=corpus.parent)
    return settings, result.valid_dossiers(), result


# -- metrics -----------------------------------------------------------------------------------
def ndcg(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** judgments.get(slug, 0) - 1) / math.log2(i + 2) for i, slug in enumerate(ranked[:k]))
    ideal = sorted(judgments.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    for i, slug in enumerate(ranked[:k]):
        if judgments.get(slug, 0) >= RELEVANT_GRADE:
            return 1.0 / (i + 1)
    return 0.0


def categories(queries: list[dict]) -> list[str]:
    """The categories of a query set, in the order they first appear in its file."""
    return list(dict.fromkeys(q["category"] for q in queries))


def summarise(queries: list[dict], rankings: list[list[str]]) -> dict[str, dict[str, float]]:
    """{category or 'overall': {'ndcg', 'mrr', 'empty', 'n'}}, categories in file order."""
    groups: dict[str, list[tuple[float, float, bool]]] = {c: [] for c in categories(queries)}
    groups["overall"] = []
    for q, ranked in zip(queries, rankings):
        row = (ndcg(ranked, q["judgments"]), reciprocal_rank(ranked, q["judgments"]), not ranked)
        groups.setdefault(q["category"], []).append(row)
        groups["overall"].append(row)
    out = {}
    for name, rows in groups.items():
        if rows:
            out[name] = {
                "ndcg": sum(r[0] for r in rows) / len(rows),
                "mrr": sum(r[1] for r in rows) / len(rows),
                "empty": sum(r[2] for r in rows),
                "n": len(rows),
            }
    return out


# -- our search ----------------------------------------------------------------------------------
def run_ours(queries: list[dict], settings, dossiers, workdir: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Rankings as searched, and with the suggestion followed when a query found nothing
    (what a person gets after clicking "Bedoelde u ...?")."""
    from watwerkt.search import build_index, open_index

    index_root = workdir / "index"
    t0 = time.perf_counter()
    build_index(dossiers, settings, index_root)
    log(f"our index built in {time.perf_counter() - t0:.2f} s")
    index = open_index(index_root)
    try:
        plain, followed = [], []
        for q in queries:
            res = index.search(q["q"], page_size=K)
            ranked = [h.slug for h in res.hits]
            plain.append(ranked)
            if not ranked and res.suggestion:
                ranked = [h.slug for h in index.search(res.suggestion, page_size=K).hits]
            followed.append(ranked)
        return plain, followed
    finally:
        close = getattr(index, "close", None)
        if close:
            close()


# -- Material quick search -------------------------------------------------------------------
def material_search_index(corpus: Path, workdir: Path) -> dict:
    """Build the site of `corpus` with the project's MkDocs configuration (plus Material's `search`
    plugin as the site had it before issue 15: `lang: nl`, for the quick-search emulation); return
    its search index. The built site stays in workdir/site-project/site (the static search uses it)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    proj = workdir / "site-project"
    (proj / "docs").mkdir(parents=True)
    (proj / "docs" / "index.md").write_text("# Testsite\n", encoding="utf-8")
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = str(proj / "site")
    cfg.pop("exclude_docs", None)
    cfg.pop("nav", None)
    plugins = []
    for p in cfg.get("plugins", []):
        name = p if isinstance(p, str) else next(iter(p))
        if name == "watwerkt":
            p = {"watwerkt": {"dossiers_dir": str(corpus.resolve()), "today": TODAY.isoformat(), "pdf": False}}
        plugins.append(p)
    cfg["plugins"] = plugins
    if not any((p if isinstance(p, str) else next(iter(p))) == "search" for p in plugins):
        plugins.insert(0, {"search": {"lang": "nl"}})
    search_cfg = next((p["search"] for p in plugins if isinstance(p, dict) and "search" in p), None)
    log(f"quick search configured in mkdocs.yml as: {search_cfg}")
    with open(proj / "mkdocs.yml", "w", encoding="utf-8") as fh:
        yaml.safe_dump(cfg, fh, allow_unicode=True, sort_keys=False)
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(proj / "mkdocs.yml")],
                         cwd=proj, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{run.stderr[-3000:]}")
    log(f"test site built with MkDocs in {time.perf_counter() - t0:.1f} s")
    with open(proj / "site" / "search" / "search_index.json", encoding="utf-8") as fh:
        return json.load(fh)


def ensure_node_packages() -> Path:
    modules = NODE_CACHE / "node_modules"
    wanted = {spec.rsplit("@", 1)[0]: spec.rsplit("@", 1)[1] for spec in NODE_PACKAGES}
    ok = all((modules / name / "package.json").is_file()
             and json.loads((modules / name / "package.json").read_text())["version"] == version
             for name, version in wanted.items())
    if not ok:
        if not shutil.which("npm"):
            raise RuntimeError("npm not found")
        log(f"installing {' '.join(NODE_PACKAGES)} into {NODE_CACHE}")
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(NODE_CACHE), "--no-audit", "--no-fund",
                        "--save-exact", *NODE_PACKAGES], check=True, stdout=sys.stderr)
    return modules


def slug_of(location: str) -> str | None:
    parts = location.split("#")[0].strip("/").split("/")
    return parts[1] if len(parts) == 2 and parts[0] == "dossiers" else None


MATERIAL_ASSETS = Path(__import__("material").__file__).parent / "templates" / "assets" / "javascripts"


def run_quick(queries: list[dict], index: dict, workdir: Path, extra_pipeline: list[str],
              material_worker: bool = False) -> tuple[list[list[str]], list[str]]:
    """Rankings of the quick search: our emulation with npm lunr, or (material_worker=True)
    Material's own shipped worker run in Node, for the cross-check."""
    modules = ensure_node_packages()
    docs = [d for d in index["docs"] if slug_of(d["location"])]
    payload = {"config": index["config"], "docs": docs, "queries": [q["q"] for q in queries],
               "extra_pipeline": extra_pipeline}
    inp = workdir / f"lunr-input-{'-'.join(extra_pipeline) or 'default'}.json"
    inp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    cmd = ["node", str(LUNR_SCRIPT), str(modules), str(inp)]
    if material_worker:
        cmd = ["node", str(LUNR_SCRIPT), "--material-worker", str(MATERIAL_ASSETS), str(inp)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"lunr_eval.js failed:\n{run.stderr[-3000:]}")
    out = json.loads(run.stdout)
    rankings = [[s for s in (slug_of(loc) for loc in ranked) if s] for ranked in out["results"]]
    return rankings, out["pipeline"]


# -- report ----------------------------------------------------------------------------------
def table(systems: dict[str, dict[str, dict[str, float]]]) -> str:
    names = list(systems)
    head = f"| {'category':<10} | {'n':>2} | " + " | ".join(f"{n} nDCG@10 | {n} MRR | {n} empty" for n in names) + " |"
    sep = "|" + "|".join(("-" * (len(c) - 1) + ":") if i >= 1 else "-" * len(c)
                         for i, c in enumerate(head[1:-1].split("|"))) + "|"
    lines = [head, sep]
    first_system = next(iter(systems.values()))
    for cat in first_system:  # categories in file order, then "overall" (summarise adds it last)
        first = first_system.get(cat)
        if not first:
            continue
        cells = []
        for n in names:
            m = systems[n].get(cat)
            w = len(n)
            cells += [f"{m['ndcg']:.3f}".rjust(w + 8), f"{m['mrr']:.3f}".rjust(w + 4), f"{m['empty']}".rjust(w + 6)] if m else ["-"] * 3
        label = f"**{cat}**" if cat == "overall" else cat
        lines.append(f"| {label:<10} | {first['n']:>2} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES,
                        help=f"judged query set to evaluate (default: {QUERIES.relative_to(ROOT)})")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help=f"folder of the judged set's dossiers (default: {CORPUS.relative_to(ROOT)})")
    parser.add_argument("--json", type=Path, help="also write per-query rankings and metrics here")
    parser.add_argument("--no-lunr", action="store_true", help="only evaluate our search")
    parser.add_argument("--static", action="store_true",
                        help="also evaluate the static search (Pagefind bundle, in headless Chromium)")
    parser.add_argument("--per-query", action="store_true", help="print every query's top 3 per system")
    parser.add_argument("--cross-check", action="store_true",
                        help="also run Material's own search worker (from the installed package) in Node "
                             "and count the queries where it ranks exactly like the emulation")
    args = parser.parse_args(argv)

    queries = load_queries(args.queries)
    settings, dossiers, result = load_corpus(args.corpus)
    log(f"{len(queries)} queries, {len(dossiers)} dossiers ({len(result.errors)} errors in the corpus)")
    systems: dict[str, list[list[str]] | None] = {}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="watwerkt-eval-") as tmp:
        work = Path(tmp)
        try:
            systems["ours"], systems["ours+sugg"] = run_ours(queries, settings, dossiers, work)
        except Exception as exc:  # noqa: BLE001 - report, keep evaluating the others
            notes.append(f"ours: not run ({type(exc).__name__}: {exc})")
        if not args.no_lunr or args.static:
            try:
                index = material_search_index(args.corpus, work)
            except Exception as exc:  # noqa: BLE001
                index = None
                notes.append(f"site build: failed ({type(exc).__name__}: {exc})")
        if args.static and index is not None:
            try:
                from static_eval import run_static

                systems["static"], engines = run_static([q["q"] for q in queries], work / "site-project" / "site", K)
                notes.append(f"static: engines used {sorted(set(engines))} (statisch = the Pagefind bundle)")
            except Exception as exc:  # noqa: BLE001
                notes.append(f"static: not run ({type(exc).__name__}: {exc})")
        if not args.no_lunr and index is not None:
            try:
                log(f"quick search config: {index['config']}")
                systems["quick"], pipe = run_quick(queries, index, work, [])
                notes.append(f"quick: lang={index['config']['lang']} pipeline={pipe} "
                             f"separator={index['config']['separator']!r} fields={index['config']['fields']}")
                systems["quick+stem"], pipe = run_quick(queries, index, work, ["stemmer"])
                notes.append(f"quick+stem: pipeline={pipe}")
                if args.cross_check:
                    for name, extra in (("quick", []), ("quick+stem", ["stemmer"])):
                        real, _ = run_quick(queries, index, work, extra, material_worker=True)
                        same = sum(a == b for a, b in zip(systems[name], real))
                        notes.append(f"cross-check {name}: Material's shipped worker gives identical rankings "
                                     f"for {same} of {len(queries)} queries")
            except Exception as exc:  # noqa: BLE001
                notes.append(f"quick search: not run ({type(exc).__name__}: {exc})")

    ran = {name: r for name, r in systems.items() if r is not None}
    metrics = {name: summarise(queries, r) for name, r in ran.items()}
    print(f"Relevance on {len(queries)} judged queries, {len(dossiers)} test dossiers "
          f"(nDCG@{K}; MRR@{K} of the first hit with grade >= {RELEVANT_GRADE}; empty = queries without results)\n")
    if metrics:
        print(table(metrics))
    for note in notes:
        print(f"\n{note}")
    if args.per_query:
        print()
        for i, q in enumerate(queries):
            print(f"{q['id']:<32} {q['q']!r}")
            for name, r in ran.items():
                top = ", ".join(f"{s}({q['judgments'].get(s, 0)})" for s in r[i][:3])
                print(f"    {name:<11} ndcg={ndcg(r[i], q['judgments']):.2f} {top}")
    if args.json:
        args.json.write_text(json.dumps({
            "metrics": metrics,
            "queries": [{"id": q["id"], "q": q["q"], "category": q["category"],
                         **{name: r[i] for name, r in ran.items()}} for i, q in enumerate(queries)],
            "notes": notes,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
