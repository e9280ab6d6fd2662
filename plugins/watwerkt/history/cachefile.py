"""Results kept between builds as pickles in the build's own cache folder (only this build writes
there), one file per key, written atomically. A missing, partial or outdated file is a miss."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

_MISSES = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, IndexError)


def read(folder: Path, key: str):
    """The object stored under `key`, or None."""
    try:
        with open(folder / f"{key}.pickle", "rb") as fh:
            return pickle.load(fh)
    except _MISSES:
        return None


def write(folder: Path, key: str, obj) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / f"{key}.pickle")
