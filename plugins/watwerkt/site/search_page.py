"""The search page, shipped in the package so a foreign site gets it too (option search_page)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

PACKAGE = Path(__file__).parent
SEARCH_PAGE = "watwerkt:zoeken"  # generated_by of the page and its assets: our own markup, not sanitised


def add_search_page(files: Files, config, where: str) -> None:
    """The page at `where` (for example "zoeken/") with its script and style; "" adds nothing."""
    if not where:
        return
    src = where.rstrip("/") + ".md"
    if files.get_file_from_path(src) or files.get_file_from_path(where + "index.md"):
        return  # the project's own page at that place wins
    root = "../" * where.count("/")
    text = (PACKAGE / "pages" / "zoeken.md").read_text(encoding="utf-8").replace("{root}", root)
    page = File.generated(config, src, content=text)
    page.generated_by = SEARCH_PAGE  # our own markup (form, script): not sanitised like dossier text
    files.append(page)
    for name in ("zoeken.js", "zoeken.css"):
        asset = File.generated(config, f"assets/watwerkt/{name}", abs_src_path=str(PACKAGE / "assets" / name))
        asset.generated_by = SEARCH_PAGE
        files.append(asset)
