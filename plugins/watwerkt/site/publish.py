"""One atomic publication: the site folder (pages, PDFs, static search files) and the name of the
search index it belongs to become current together, in one rename.

The index version is named inside the site (`api/publicatie.json`), so switching the folder
switches both; `watwerkt serve` follows that record, not the index's own CURRENT pointer. The
folder switch is Linux's renameat2(RENAME_EXCHANGE): the staging folder and the published one
trade places in one step, so `site/` never disappears, not even for a moment. Where that call
is missing (another OS, an old kernel or a file system without it) two renames are used instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

from watwerkt.model.publication import RECORD, read_record, write_record  # noqa: F401 - re-exported
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = _renameat2()


def exchange(new: Path, current: Path) -> bool:
    """Swap two existing folders atomically; False when the system cannot (nothing changed then)."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(current), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(current))


def publish(staging: Path, target: Path) -> None:
    """Make `staging` the published `target`; the previous publication is removed afterwards."""
    if target.exists() and not target.is_symlink() and target.is_dir() and exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous publication
        return
    old = target.with_name(target.name + ".watwerkt-oud")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def leftovers(target: Path) -> list[Path]:
    """Staging and previous-publication folders a killed build may have left next to `target`."""
    return [p for p in (target.with_name(target.name + ".watwerkt-nieuw"),
                        target.with_name(target.name + ".watwerkt-oud")) if p.exists()]
