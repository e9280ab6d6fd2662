"""The live preview's file watcher: the operating system's change notifications (inotify on
Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows) instead of MkDocs' poller.

MkDocs 1.6 watches with watchdog's PollingObserver, which every half second stats every file
under docs/ and dossiers/: at 1,000 dossiers that is about a fifth of a core while nothing
happens, it competes with the rebuild for the interpreter, and a save waits up to half a second
before it is even seen. A native observer reports a save at once and costs nothing when idle.

MkDocs 1.6.1 is its last release, so the server's attributes used here (observer, _watched_paths,
_watch_refs, _rebuild_cond, _want_rebuild) do not move; should they be missing, or the platform offer no
native observer, or the system refuse more watches, MkDocs' own poller stays as it was."""

from __future__ import annotations

import os

from watchdog import events as ev
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

NEEDED = ("observer", "_watched_paths", "_watch_refs", "_rebuild_cond")
# Changes only: every rebuild reads thousands of files under dossiers/, and each read would
# otherwise be an "opened" and a "closed" event for the watcher's thread to handle.
CHANGES = [ev.FileModifiedEvent, ev.FileCreatedEvent, ev.FileDeletedEvent, ev.FileMovedEvent, ev.FileClosedEvent,
           ev.DirCreatedEvent, ev.DirDeletedEvent, ev.DirMovedEvent]


class _Rebuild(FileSystemEventHandler):
    """Ask the server for a rebuild when a file at or under `path` changes. Files are watched
    through their folder: editors that save by writing a new file and renaming it over the old
    one would otherwise end the watch of the old file's inode."""

    def __init__(self, server, path: str) -> None:
        self.server = server
        self.path = path

    def _concerns(self, p) -> bool:
        p = os.fsdecode(p) if p else ""
        return p == self.path or p.startswith(self.path + os.sep)

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads are not changes; a folder made, moved or removed is (a dossier renamed)
        if not (self._concerns(event.src_path) or self._concerns(getattr(event, "dest_path", ""))):
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def use_native_watcher(server, paths: list[str], log) -> bool:
    """Watch `paths` (and whatever MkDocs already watches) with a native observer, replacing
    MkDocs' poller before it starts. False, with the poller left in place, when that cannot be."""
    if Observer is PollingObserver or not all(hasattr(server, a) for a in NEEDED):
        return False
    old = server.observer
    if old.is_alive():  # too late: the poller already runs
        return False
    wanted = sorted({os.path.abspath(p) for p in [*server._watched_paths, *paths]})
    native = Observer()
    refs = {}
    try:
        for path in wanted:
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            refs[path] = _schedule(native, _Rebuild(server, path), folder, os.path.isdir(path))
        native.start()  # inotify watches are added here; too few allowed raises OSError
    except OSError as exc:
        if native.is_alive():
            native.stop()
        log.info(f"De voorvertoning kijkt elke halve seconde naar de bestanden (geen systeemmelding van "
                 f"wijzigingen beschikbaar: {exc}).")
        return False
    for path in list(server._watch_refs):  # MkDocs' poller gets nothing to walk
        old.unschedule(server._watch_refs.pop(path))
        server._watched_paths.pop(path, None)
    # Later server.watch() calls (mkdocs.yml's watch:) go to the native observer; serve() would
    # start it again, so the started one answers is_alive and start is made harmless.
    native.start = lambda: None
    server.observer = native
    server._watched_paths.update(dict.fromkeys(wanted, 1))
    server._watch_refs.update(refs)  # so server.unwatch() unschedules from the native observer
    return True


def _schedule(observer, handler, folder: str, recursive: bool):
    try:
        return observer.schedule(handler, folder, recursive=recursive, event_filter=CHANGES)
    except TypeError:  # watchdog before 4.0 has no event_filter: the handler filters instead
        return observer.schedule(handler, folder, recursive=recursive)
