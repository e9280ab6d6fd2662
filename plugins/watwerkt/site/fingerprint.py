"""What a site build reads, as one hash: the build's inputs. The plugin stores it in the record of
the site it publishes (api/publicatie.json, key `inputs`); `watwerkt serve` computes it again and
skips the build when the two are equal, so a restart on an unchanged project takes seconds.

In the hash, by content (a git checkout, a copy or a restore gives every file a new modification
time; a hash of what is in the files does not change with it):
- mkdocs.yml, the files it INHERITs, and the environment variables its `!ENV` tags read;
- every file under docs_dir and dossiers_dir (path and content), theme.custom_dir and hook files;
- watwerkt.yml and thesaurus.yml next to mkdocs.yml, when present;
- the watwerkt version and every file of the package itself (code, templates, data), so a code
  change rebuilds; the versions of the libraries that shape the output (PACKAGES);
- the effective `today` (overdue reviews depend on it), SOURCE_DATE_EPOCH, whether earlier
  versions are built and, when they are, the git HEAD commit (they come from its history).
Not in it: what another plugin reads from elsewhere. `watwerkt serve --opnieuw-bouwen` builds anyway.

No MkDocs import here: `site_inputs` reads a loaded configuration by its attributes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import watwerkt
from watwerkt.history.git import GitError, git
from watwerkt.model.settings import today_from_env

FORMAT = "1"  # part of the hash: a change of what goes into it makes every stored one differ
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "weasyprint", "whoosh", "nh3")
PROJECT_FILES = ("watwerkt.yml", "thesaurus.yml")
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", re.M)
_ENV = re.compile(r"!ENV\s*(?:\[([^\]]*)\]|([A-Za-z_]\w*))")
_NAME = re.compile(r"^[A-Za-z_]\w*$")
_MAX_INHERIT = 10


@dataclass(frozen=True)
class BuildInputs:
    config_file: Path
    docs_dir: Path
    dossiers_dir: Path
    today: str  # ISO date, as the build takes it
    versions: bool  # earlier versions from git built (plugin option `versions`, --zonder-versies)
    extra: tuple[Path, ...] = ()  # custom_dir, hook files: a folder is read as a whole


def site_inputs(config, plugin) -> BuildInputs:
    """The inputs of a `build` of a loaded MkDocs configuration with watwerkt `plugin` in it (the
    plugin's options as loaded: the CLI's --zonder-versies already applied)."""
    root = Path(config.config_file_path).resolve().parent
    extra = [config.theme.custom_dir] if config.theme.custom_dir else []
    extra += [getattr(hook, "__file__", None) for hook in (config.hooks or {}).values()]
    return BuildInputs(
        config_file=Path(config.config_file_path).resolve(),
        docs_dir=Path(config.docs_dir).resolve(),
        dossiers_dir=(root / plugin.config.dossiers_dir).resolve(),
        today=plugin.config.today or today_from_env() or dt.date.today().isoformat(),
        # as a build decides it, whatever command this plugin object last ran for (MkDocs keeps
        # one plugin object per process)
        versions=plugin.config.versions is not False,
        extra=tuple(Path(p).resolve() for p in extra if p),
    )


def fingerprint(inputs: BuildInputs) -> str:
    h = hashlib.sha256()

    def part(*values: object) -> None:
        for value in values:
            h.update(str(value).encode("utf-8", "surrogateescape") + b"\0")

    root = inputs.config_file.parent
    part("format", FORMAT, "watwerkt", watwerkt.__version__, package_digest())
    for name in PACKAGES:
        part(name, _installed(name))
    part("today", inputs.today, "SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH"))
    part("versions", inputs.versions, "head", _head(inputs.dossiers_dir) if inputs.versions else "-")
    for path in _config_files(inputs.config_file):
        data = _read(path)
        part("config", _label(path, root), len(data))
        h.update(data)
        for name in _env_names(data):
            part("env", name, os.environ.get(name))
    for name in PROJECT_FILES:
        if (root / name).is_file():
            data = _read(root / name)
            part("project", name, len(data))
            h.update(data)
    walked: list[Path] = []
    for folder in (inputs.docs_dir, inputs.dossiers_dir, *inputs.extra):
        if any(folder == w or w in folder.parents for w in walked):
            continue  # inside a folder read already (dossiers under docs_dir)
        walked.append(folder)
        part("tree", _label(folder, root))
        _add_tree(h, folder)
    return h.hexdigest()


def _add_tree(h, folder: Path) -> None:
    """Every file under `folder` (or the file itself), in a fixed order: relative path, size, bytes.
    Symbolic links are followed, as MkDocs does for docs_dir."""
    if folder.is_file():
        data = _read(folder)
        h.update(b"file\0%d\0" % len(data) + data)
        return
    for current, dirs, names in os.walk(folder, followlinks=True):
        dirs.sort()
        rel = os.path.relpath(current, folder)
        for name in sorted(names):
            data = _read(Path(current, name))
            h.update(f"{rel}/{name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            h.update(data)


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as fd:
            return fd.read()
    except OSError as exc:  # unreadable now: the hash says so (and so differs from a readable file)
        return f"\0unreadable:{exc.errno}".encode()


def _label(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)


def _config_files(config_file: Path) -> list[Path]:
    """mkdocs.yml and the chain of files it INHERITs (relative to the file naming them)."""
    files = [config_file]
    while len(files) <= _MAX_INHERIT:
        match = _INHERIT.search(_read(files[-1]).decode("utf-8", "replace"))
        if not match:
            break
        parent = (files[-1].parent / match.group(1).strip()).resolve()
        if parent in files:
            break
        files.append(parent)
    return files


def _env_names(data: bytes) -> list[str]:
    names = []
    for listed, single in _ENV.findall(data.decode("utf-8", "replace")):
        items = [single] if single else [i.strip().strip("'\"") for i in listed.split(",")]
        names += [i for i in items if _NAME.match(i)]
    return sorted(set(names))


def _head(folder: Path) -> str:
    try:
        return git(["rev-parse", "HEAD"], folder).decode("ascii", "replace").strip()
    except GitError:
        return "-"  # no git, no repository, or no commit yet: the build has no history either


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


@functools.lru_cache(maxsize=1)
def package_digest() -> str:
    """The package's own files (code, templates, data, assets); compiled bytecode left out."""
    h = hashlib.sha256()
    package = Path(watwerkt.__file__).resolve().parent
    for current, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                data = _read(Path(current, name))
                h.update(f"{os.path.relpath(current, package)}/{name}\0{len(data)}\0".encode())
                h.update(data)
    return h.hexdigest()
