"""The package layout is the pipeline (docs/development/architecture.md): each subpackage imports
only what comes before it in the data flow, the heavy libraries stay in the one subpackage that
needs them, every subpackage says in its first line what it owns, and no module grows past the
size a reader can hold in mind."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "watwerkt"
MAX_LINES = 400

# Which of our own subpackages each subpackage may import (itself always allowed).
ALLOWED = {
    "model": set(),
    "load": {"model"},
    "check": {"model", "load"},
    "view": {"model"},
    "export": {"model", "view"},
    "pdf": {"model", "view"},
    "history": {"model", "load", "check"},
    "search": {"model", "view", "check"},
    "static_search": {"model", "view", "search"},
    "editor": {"model", "load", "check", "history"},
    "site": {"model", "load", "check", "history", "view", "export", "pdf", "search", "static_search"},
    "cli": {"model", "load", "check", "history", "view", "export", "pdf", "search", "static_search", "editor", "site"},  # site.config: one configuration
}
# Third-party libraries that belong to one place only.
CONFINED = {
    "mkdocs": {"site", "cli"},  # the adapter, and `watwerkt serve` which runs a build
    "whoosh": {"search"},  # frozen upstream: swapping engines touches one subpackage
    "weasyprint": {"pdf"},
    "starlette": {"search"},
    "pagefind": {"static_search"},  # the static index; its binary comes with the extra statisch
    "uvicorn": {"cli"},
    "jinja2": {"pdf", "site"},  # print templates; and the loader of MkDocs' own template environment
}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def subpackage(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else None


def imported(path: Path) -> set[str]:
    return imported_by(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))


def imported_by(source: str, rel: Path) -> set[str]:
    """Absolute module names a module at `rel` (inside the package) imports; relative resolved."""
    tree = ast.parse(source)
    package = ["watwerkt", *rel.with_suffix("").parts][:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{alias.name}" for alias in node.names)  # `from watwerkt import export`
    return out


def test_every_subpackage_is_known_to_these_rules():
    found = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert found == set(ALLOWED), "nieuwe of verdwenen subpackage: pas ALLOWED en architecture.md aan"


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_subpackage_says_what_it_owns_and_must_not_import(name):
    doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{name}/__init__.py heeft geen docstring"
    first = doc.splitlines()[0]
    assert any(word in first for word in ("never", "must not", "only", "Imports")), first


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_pipeline(path):
    own = subpackage(path)
    names = imported(path)
    ours = {n.split(".")[1] for n in names if n.startswith("watwerkt.") and len(n.split(".")) > 1}
    ours -= {"__version__"}
    if own is not None:
        wrong = ours - ALLOWED[own] - {own}
        assert not wrong, f"{own} mag {sorted(wrong)} niet importeren"
    for library, places in CONFINED.items():
        uses = any(n == library or n.startswith(library + ".") for n in names)
        assert not uses or own in places, f"{library} hoort alleen in {sorted(places)}"


def test_nothing_outside_the_command_line_imports_it():
    for path in modules():
        if subpackage(path) != "cli":
            assert not any(n.startswith("watwerkt.cli") for n in imported(path)), path


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_size(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} regels; splits de module op naar wat ze doet"


def test_no_hidden_thread_state():
    for path in modules():
        assert "threading.local" not in path.read_text(encoding="utf-8"), path


def test_the_rules_see_forbidden_imports():
    """The walker resolves what a forbidden import in the model would look like."""
    names = imported_by("from watwerkt.view.escape import esc\nfrom ..site import plugin\n"
                        "from . import kinds\nimport whoosh.fields\n", Path("model/dossier.py"))
    assert {"watwerkt.view.escape", "watwerkt.site", "watwerkt.site.plugin", "watwerkt.model.kinds",
            "whoosh.fields"} <= names
