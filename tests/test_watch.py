"""The live preview's native file watcher (site/watch.py) on a real MkDocs LiveReloadServer: it
replaces the poller, asks for a rebuild on every kind of save an editor makes, and not on reads."""

from __future__ import annotations

import logging
import os
import time

import pytest
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from mkdocs.livereload import LiveReloadServer

from watwerkt.site.watch import use_native_watcher

pytestmark = pytest.mark.skipif(Observer is PollingObserver, reason="no native observer on this platform")
LOG = logging.getLogger("test_watch")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "dossiers" / "een").mkdir(parents=True)
    (tmp_path / "dossiers" / "een" / "definitie.md").write_text("Tekst.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    assert use_native_watcher(server, [str(tmp_path / "dossiers")], LOG)
    yield tmp_path, server
    server.observer.stop()
    server.observer.join(timeout=5)


def wanted(server, seconds: float = 5.0) -> bool:
    """Whether a rebuild is asked for within `seconds`; resets the flag."""
    deadline = time.monotonic() + seconds
    with server._rebuild_cond:
        while not server._want_rebuild:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            server._rebuild_cond.wait(left)
        server._want_rebuild = False
        return True


def settle(server) -> None:
    while wanted(server, 0.5):
        pass


def test_the_poller_watches_nothing_and_every_path_is_watched_natively(project):
    root, server = project
    assert not isinstance(server.observer, PollingObserver)
    assert server.observer.is_alive()
    assert set(server._watched_paths) == {str(root / "docs"), str(root / "mkdocs.yml"), str(root / "dossiers")}


@pytest.mark.parametrize("save", ["in place", "rename over", "new dossier folder", "removed file"])
def test_each_kind_of_save_asks_for_a_rebuild(project, save):
    root, server = project
    settle(server)
    target = root / "dossiers" / "een" / "definitie.md"
    if save == "in place":
        target.write_text("Andere tekst.\n", encoding="utf-8")
    elif save == "rename over":  # how many editors save: a new file renamed over the old one
        tmp = target.with_name(".definitie.md.swp")
        tmp.write_text("Nieuwe tekst.\n", encoding="utf-8")
        os.replace(tmp, target)
    elif save == "new dossier folder":
        (root / "dossiers" / "twee").mkdir()
        settle(server)
        (root / "dossiers" / "twee" / "dossier.yml").write_text("title: Twee\n", encoding="utf-8")
    else:
        target.unlink()
    assert wanted(server)


def test_mkdocs_yml_saved_by_renaming_keeps_being_watched(project):
    root, server = project
    config = root / "mkdocs.yml"
    for round_ in range(2):  # the second save proves the watch outlived the first rename
        settle(server)
        tmp = root / f".mkdocs.yml.{round_}"
        tmp.write_text(f"site_name: Test {round_}\n", encoding="utf-8")
        os.replace(tmp, config)
        assert wanted(server), f"save {round_ + 1} of mkdocs.yml not seen"


def test_reading_files_and_writing_beside_mkdocs_yml_ask_for_nothing(project):
    root, server = project
    settle(server)
    for path in (root / "dossiers" / "een" / "definitie.md", root / "docs" / "index.md", root / "mkdocs.yml"):
        path.read_text(encoding="utf-8")  # what every rebuild does to every file
    (root / "notities.txt").write_text("naast mkdocs.yml, niet bewaakt\n", encoding="utf-8")
    assert not wanted(server, 1.5)


def test_after_the_first_build_its_garbage_goes_and_what_lives_on_is_frozen():
    import gc
    import weakref

    from watwerkt.site.preview import Preview

    class Node:
        pass

    gc.disable()  # so only settle_heap can collect the cycle
    cycle = Node()
    cycle.me = cycle  # garbage only a full collection finds
    gone = weakref.ref(cycle)
    del cycle
    kept = [Node() for _ in range(1000)]
    gc.unfreeze()
    try:
        Preview.settle_heap()
        assert gone() is None, "the first build's cyclic garbage must be collected, not frozen for good"
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
        gc.enable()
