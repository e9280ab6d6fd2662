"""One atomic publication: a build killed with SIGKILL at any moment leaves the previous
publication current and consistent (every indexed dossier has a page, every PDF link a file),
no process of that build survives, and the next build succeeds without leftovers."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES
from watwerkt.model.publication import read_record
from watwerkt.search.index import SearchIndex

# Log lines of `mkdocs build` that mark its steps; the test kills the build as each appears.
STEPS = ["Cleaning site directory", "Building documentation", "Zoekindex klaar", "PDF's:", "Site klaar"]
RANDOM_KILLS = 4
SEED = 20261201


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid" / "dossiers", project / "dossiers")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://kennisbank.example.org/\ntheme:\n  name: material\n  language: nl\n"
        "plugins:\n  - search\n  - watwerkt:\n      today: '2026-06-01'\n", encoding="utf-8")
    return project


def _change(project: Path, n: int) -> None:
    """Alternate the corpus: add or remove a copy of a dossier (a changed input every build)."""
    copy = project / "dossiers" / "kopie"
    if copy.exists():
        shutil.rmtree(copy)
    else:
        shutil.copytree(project / "dossiers" / "voorbeeld", copy)
        yml = copy / "dossier.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace(
            "title: Wat werkt bij het testen van dossiers", f"title: Wat werkt bij kopie {n}"), encoding="utf-8")


def _start(project: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _kill_at_line(proc: subprocess.Popen, marker: str) -> bool:
    for line in proc.stdout:
        if marker in line:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
    proc.wait()
    return False


def _processes_in(project: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == project:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _no_survivors(project: Path) -> float:
    """Seconds until no process of the build is left (fails after 30 s)."""
    start = time.monotonic()
    while _processes_in(project):
        assert time.monotonic() - start < 30, f"processes of the killed build survive: {_processes_in(project)}"
        time.sleep(0.2)
    return time.monotonic() - start


def _consistent(project: Path) -> None:
    site = project / "site"
    assert (site / "index.html").is_file(), "the previous publication stays current"
    record = read_record(site)
    assert record is not None and record["search_index"], record
    slugs = SearchIndex(project / ".cache" / "search", site).slugs()
    assert slugs and set(slugs) == set(record["dossiers"])
    for slug in slugs:
        page = site / "dossiers" / slug / "index.html"
        assert page.is_file(), f"the index has '{slug}' but its page is missing"
        for href in re.findall(r'href="\.\./\.\./pdf/([^"]+)"', page.read_text(encoding="utf-8")):
            assert (site / "pdf" / href).is_file(), f"{slug} links to a missing PDF {href}"
    assert all((site / "pdf" / name).is_file() for name in record["pdfs"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_build_killed_at_any_moment_leaves_a_consistent_publication(tmp_path):
    project = _project(tmp_path)
    started = time.monotonic()
    first = _start(project)
    out = first.communicate()[0]
    duration = time.monotonic() - started
    assert first.returncode == 0, out
    _consistent(project)

    rng = random.Random(SEED)
    moments = [("step", s) for s in STEPS] + [("after", rng.uniform(0.2, duration)) for _ in range(RANDOM_KILLS)]
    waits = []
    for n, (kind, when) in enumerate(moments):
        _change(project, n)
        proc = _start(project)
        if kind == "step":
            if not _kill_at_line(proc, when):
                assert proc.returncode == 0  # the step was never logged: the build simply finished
        else:
            time.sleep(when)
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
        waits.append(_no_survivors(project))
        _consistent(project)

    last = _start(project)
    out = last.communicate()[0]
    assert last.returncode == 0, out
    _consistent(project)
    assert not list(project.glob("site.watwerkt-*")), "no staging folder left after a successful build"
    print(f"killed {len(moments)} builds; longest wait for their processes to end: {max(waits):.2f} s")
