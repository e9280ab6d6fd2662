#!/usr/bin/env python3
"""Prove that a refactoring changed no behaviour: build two revisions and compare what they make.

    .venv/bin/python scripts/compare_revisions.py BASE [HEAD] [--keep DIR] [--search-only]

BASE and HEAD are git revisions; HEAD defaults to the working tree (tracked and untracked files,
uncommitted changes included). Each side is exported into a temporary folder and run in its own
Python process with that side's package first on the path (the installed dependencies are shared),
so the two never mix. For each side:

  site    the sample knowledge base (mkdocs.yml, dossiers/) built with MkDocs as `mkdocs build`
          does, with a fixed 'today' (WATWERKT_TODAY), a fixed build date (SOURCE_DATE_EPOCH) and
          a real-looking address under a sub-path (site_url https://voorbeeld.nl/kennisbank/);
          search index and PDFs included.
  search  every judged query of tests/fixtures/relevance/ (queries.yml and queries_heldout.yml)
          on the relevance corpus and of tests/fixtures/blind2/ on its corpus (when the tree has
          it), and a fixed set of extra queries (empty query, facets, a typo, a phrase, a
          compound, page 2) on the search test corpus (tests/fixtures/search/), each with
          page_size 50, plus every judged query again with page_size 10 on pages 1 and 2 and with
          a facet filter: total, ranked slugs, scores, snippets, suggestion and facet counts;
          and 150 queries of 1-4 words sampled by document frequency (scripts/gen_queries.py,
          seed 1) on 100 synthetic dossiers (scripts/gen_corpus.py, seed 1), the same way. Both
          the corpus and the queries are made once, by this script, and given to both sides.

`--search-only` skips the site (and its PDFs): for changes inside the search engine.

The sites are compared file by file, byte for byte, after two normalisations: the content hash in
the names of Material's bundled assets (main.<hash>.min.css, bundle.<hash>.min.js, ...) and the
references to those names; and the site's record (api/publicatie.json) without its build time,
index version name and input hash, which differ for every build. The search results must be equal as JSON. Exit 0 when both are equal,
1 when anything differs (the differences are listed), 2 when a side could not be built.

The worker code only uses what both layouts have (the mkdocs.yml entry point of the plugin is
resolved to whichever module exists: watwerkt.site.plugin, or the flat watwerkt.plugin of the
layout before Renovation I).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED_ENV = {
    "WATWERKT_TODAY": "2026-12-01",
    "SOURCE_DATE_EPOCH": "1796083200",  # 2026-12-01T00:00:00Z: sitemap dates and gzip headers
    "NO_MKDOCS_2_WARNING": "1",
    "WATWERKT_SEARCH_CACHE": "0",  # every query answered by the engine itself
    "PYTHONHASHSEED": "0",
}
SITE_URL = "https://voorbeeld.nl/kennisbank/"
# Material names its bundled assets by content hash; a refactoring of ours never changes them,
# but a different Material version would. Normalised in file names and in the files.
_ASSET_HASH = re.compile(r"(?P<stem>(?:main|palette|bundle|workers/search)\.)[0-9a-f]{8,}(?P<ext>\.min\.(?:css|js))")

# -- the worker: runs inside one side's process ----------------------------------------------
WORKER = r'''
import datetime as dt, importlib, importlib.util, json, os, sys
from pathlib import Path

def _find(*names):
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    raise SystemExit("geen van deze modules gevonden: " + ", ".join(names))

def plugin_entry_point():
    import mkdocs.plugins as mp
    from importlib.metadata import EntryPoint
    original = mp.get_plugins
    for target in ("watwerkt.site.plugin:WatwerktPlugin", "watwerkt.plugin:WatwerktPlugin"):
        try:
            if importlib.util.find_spec(target.split(":")[0]) is None:
                continue
        except ModuleNotFoundError:
            continue
        def patched(target=target):
            found = dict(original())
            found["watwerkt"] = EntryPoint("watwerkt", target, "mkdocs.plugins")
            return found
        mp.get_plugins = patched
        return target
    raise SystemExit("de plugin van watwerkt is niet gevonden")

def build_site(tree, out, site_url):
    target = plugin_entry_point()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(str(tree / "mkdocs.yml"), site_dir=str(out), site_url=site_url)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return target

def dump_search(tree, work):
    import yaml
    settings_mod = _find("watwerkt.model.settings", "watwerkt.settings")
    check_mod = _find("watwerkt.check", "watwerkt.validate")
    from watwerkt.search import build_index, open_index
    today = dt.date.fromisoformat("2026-06-01")
    settings = settings_mod.load_settings(None)

    def corpus(folder):
        result = check_mod.check([folder], settings, today, base=folder.parent)
        return result.valid_dossiers()

    def record(index, q, filters=None, page=1, page_size=50):
        r = index.search(q, filters, page, page_size)
        return {"q": q, "filters": filters, "page": page, "page_size": page_size, "total": r.total,
                "suggestion": r.suggestion,
                "hits": [[h.slug, h.score, h.snippet, h.matched_all, h.version] for h in r.hits],
                "facets": r.facets, "labels": r.labels}

    def judged(index, queries):
        rows = []
        for q in queries:
            rows.append(record(index, q["q"]))
            rows.append(record(index, q["q"], None, 1, 10))
            rows.append(record(index, q["q"], None, 2, 10))
            first = next(iter(index.search(q["q"], None, 1, 10).facets["theme"]), None)
            if first:
                rows.append(record(index, q["q"], {"theme": [first[0]]}, 1, 10))
        return rows

    out = {}
    relevance = tree / "tests" / "fixtures" / "relevance"
    index = build_index(corpus(relevance / "dossiers"), settings, work / "relevance")
    index = open_index(work / "relevance")
    for name in ("queries.yml", "queries_heldout.yml"):
        queries = yaml.safe_load((relevance / name).read_text(encoding="utf-8"))["queries"]
        out[name] = judged(index, queries)
    blind2 = tree / "tests" / "fixtures" / "blind2"
    if (blind2 / "queries.yml").is_file():
        index = build_index(corpus(blind2 / "dossiers"), settings, work / "blind2")
        index = open_index(work / "blind2")
        queries = yaml.safe_load((blind2 / "queries.yml").read_text(encoding="utf-8"))["queries"]
        out["blind2/queries.yml"] = judged(index, queries)
    search = tree / "tests" / "fixtures" / "search"
    index = build_index(corpus(search / "dossiers"), settings, work / "search")
    index = open_index(work / "search")
    extra = [("", None, 1), ("", None, 2), ("ouderen", None, 1), ("eenzaamhied", None, 1),
             ('"alleenstaande ouderen"', None, 1), ("armoedebeleid", None, 1), ("schuldhulp", None, 1),
             ("", {"theme": ["welzijn", "schulden"], "evidence": ["aannemelijk"]}, 1),
             ("jongeren", {"status": ["archived"]}, 1), ("organiseern", None, 1), ("title:x AND (*)", None, 1)]
    out["extra"] = [record(index, q, f, p) for q, f, p in extra]
    synthetic = os.environ.get("WATWERKT_COMPARE_SYNTHETIC")
    if synthetic:
        synthetic = Path(synthetic)
        index = build_index(corpus(synthetic / "dossiers"), settings, work / "synthetic")
        index = open_index(work / "synthetic")
        queries = json.loads((synthetic / "queries.json").read_text(encoding="utf-8"))
        out["synthetic"] = judged(index, [{"q": q} for q in queries])
    return out

if __name__ == "__main__":
    tree, out = Path(sys.argv[1]), Path(sys.argv[2])
    if sys.argv[4:] == ["--search-only"]:
        (out / "site").mkdir()
        target = "(geen site gebouwd: --search-only)"
    else:
        target = build_site(tree, out / "site", sys.argv[3])
    (out / "search.json").write_text(json.dumps(dump_search(tree, out / "work"), ensure_ascii=False, indent=1,
                                                sort_keys=True), encoding="utf-8")
    print(target)
'''


def log(msg: str) -> None:
    print(f"compare_revisions: {msg}", file=sys.stderr, flush=True)


def export_revision(rev: str | None, dest: Path) -> str:
    """Write the files of `rev` (None: the working tree) into dest; returns a label."""
    dest.mkdir(parents=True)
    if rev is None:
        names = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                               check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, names):
            source = ROOT / name
            if source.is_file() or source.is_symlink():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name, follow_symlinks=False)
        return "de werkmap"
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT,
                            capture_output=True, text=True)
    if commit.returncode != 0:
        raise SystemExit(f"compare_revisions: onbekende git-revisie '{rev}'")
    archive = subprocess.run(["git", "archive", "--format=tar", commit.stdout.strip()], cwd=ROOT,
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryFile() as fh:
        fh.write(archive)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(dest, filter="data")
    return f"{rev} ({commit.stdout.strip()[:10]})"


def make_synthetic(dest: Path, count: int = 100, queries: int = 150) -> Path:
    """A synthetic corpus and sampled queries (queries.json), made once for both sides."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from gen_corpus import generate
    from gen_queries import sample_queries

    generate(dest, count, 1)
    texts = [p.read_text(encoding="utf-8") for p in sorted((dest / "dossiers").rglob("*"))
             if p.suffix in (".yml", ".md")]
    (dest / "queries.json").write_text(json.dumps(sample_queries(texts, queries, 1), ensure_ascii=False),
                                       encoding="utf-8")
    return dest


def run_side(tree: Path, out: Path, search_only: bool = False, synthetic: Path | None = None) -> str:
    out.mkdir(parents=True)
    (out / "worker.py").write_text(WORKER, encoding="utf-8")
    env = {**os.environ, **FIXED_ENV, "PYTHONPATH": str(tree / "plugins")}
    if synthetic:
        env["WATWERKT_COMPARE_SYNTHETIC"] = str(synthetic)
    extra = ["--search-only"] if search_only else []
    proc = subprocess.run([sys.executable, str(out / "worker.py"), str(tree), str(out), SITE_URL, *extra],
                          cwd=tree, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(2)
    return proc.stdout.strip().splitlines()[-1]


def normalised_files(site: Path) -> dict[str, Path]:
    return {_ASSET_HASH.sub(r"\g<stem>HASH\g<ext>", p.relative_to(site).as_posix()): p
            for p in sorted(site.rglob("*")) if p.is_file()}


def normalised_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.as_posix().endswith("/api/publicatie.json"):
        # The site's record: its build time, index version name and input hash differ per build.
        record = {k: v for k, v in json.loads(data).items() if k not in ("built", "search_index", "inputs")}
        return json.dumps(record, sort_keys=True).encode("utf-8")
    if path.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt"):
        text = data.decode("utf-8", "surrogateescape")
        return _ASSET_HASH.sub(r"\g<stem>HASH\g<ext>", text).encode("utf-8", "surrogateescape")
    return data


def compare_sites(a: Path, b: Path) -> tuple[int, list[str]]:
    fa, fb = normalised_files(a), normalised_files(b)
    differences = [f"alleen in de basis: {n}" for n in sorted(fa.keys() - fb.keys())]
    differences += [f"alleen in de nieuwe versie: {n}" for n in sorted(fb.keys() - fa.keys())]
    same = 0
    for name in sorted(fa.keys() & fb.keys()):
        left, right = normalised_bytes(fa[name]), normalised_bytes(fb[name])
        if left == right:
            same += 1
            continue
        differences.append(f"verschilt: {name}")
        if fa[name].suffix in (".html", ".xml", ".json"):
            diff = difflib.unified_diff(left.decode(errors="replace").splitlines(),
                                        right.decode(errors="replace").splitlines(), lineterm="", n=1)
            differences += ["    " + (line if len(line) <= 160 else line[:157] + "...")
                            for line in list(diff)[2:14]]
    return same, differences


def compare_search(a: Path, b: Path) -> tuple[int, list[str]]:
    left = json.loads(a.read_text(encoding="utf-8"))
    right = json.loads(b.read_text(encoding="utf-8"))
    count, differences = 0, []
    for group in sorted(set(left) | set(right)):
        la, lb = left.get(group, []), right.get(group, [])
        if len(la) != len(lb):
            differences.append(f"{group}: {len(la)} tegen {len(lb)} zoekvragen")
            continue
        for x, y in zip(la, lb):
            count += 1
            if x != y:
                differences.append(f"{group}: zoekvraag {x['q']!r} (filters {x['filters']}, pagina {x['page']}) "
                                   f"geeft een ander resultaat")
    return count, differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw twee revisies en vergelijk site en zoekresultaten.")
    parser.add_argument("base", help="git-revisie van voor de wijziging, bijvoorbeeld main")
    parser.add_argument("head", nargs="?", help="git-revisie van na de wijziging (standaard: de werkmap)")
    parser.add_argument("--keep", type=Path, help="bewaar beide builds in deze (nieuwe) map")
    parser.add_argument("--search-only", action="store_true",
                        help="alleen de zoekresultaten vergelijken, geen site bouwen")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="watwerkt-compare-"))
    try:
        sides = {}
        synthetic = make_synthetic(work / "synthetic")
        for name, rev in (("basis", args.base), ("nieuw", args.head)):
            label = export_revision(rev, work / name / "tree")
            log(f"{name}: {label} bouwen (site, zoekindex, PDF's, zoekvragen)")
            plugin = run_side(work / name / "tree", work / name / "out", args.search_only, synthetic)
            sides[name] = (label, plugin)
        same, site_diff = compare_sites(work / "basis" / "out" / "site", work / "nieuw" / "out" / "site")
        queries, search_diff = compare_search(work / "basis" / "out" / "search.json",
                                              work / "nieuw" / "out" / "search.json")
        for name, (label, plugin) in sides.items():
            print(f"{name}: {label}, plugin {plugin}")
        changed = [d for d in site_diff if not d.startswith("    ")]
        print(f"site: {same} bestanden gelijk, {len(changed)} verschillen "
              "(na normalisatie van Materials asset-hashes)")
        for line in site_diff:
            print("  " + line)
        print(f"zoeken: {queries} zoekvragen vergeleken, {len(search_diff)} verschillen")
        for line in search_diff:
            print("  " + line)
        if args.keep:
            shutil.copytree(work, args.keep, symlinks=True)
            print(f"builds bewaard in {args.keep}")
        return 1 if site_diff or search_diff else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
