"""The search page, shipped in the package so a foreign site gets it too (option search_page)."""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from mkdocs.structure.files import File, Files

PACKAGE = Path(__file__).parent
SEARCH_PAGE = "watwerkt:zoeken"  # generated_by of the page and its assets: our own markup, not sanitised


def example_themes(dossiers, count: int = 3) -> list[str]:
    """The themes most dossiers share (ties in alphabetical order): queries with answers."""
    seen = Counter(t for d in dossiers for t in dict.fromkeys(d.themes) if t)
    return [t for t, _ in sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:count]]


def examples_line(themes: list[str]) -> str:
    """The hint under the search field: queries this site's own dossiers answer (its most used
    themes), escaped; a general hint when there are none."""
    if not themes:
        return "Zoek op een onderwerp, een doelgroep of een aanpak."
    return "Bijvoorbeeld: " + ", ".join(escape(t) for t in themes) + "."


def add_search_page(files: Files, config, where: str, themes: list[str] = ()) -> None:
    """The page at `where` (for example "zoeken/") with its script and style; "" adds nothing.
    `themes`: the example queries, from the dossiers on the site."""
    if not where:
        return
    src = where.rstrip("/") + ".md"
    if files.get_file_from_path(src) or files.get_file_from_path(where + "index.md"):
        return  # the project's own page at that place wins
    root = "../" * where.count("/")
    text = (PACKAGE / "pages" / "zoeken.md").read_text(encoding="utf-8").replace("{root}", root)
    text = text.replace("{examples}", examples_line(list(themes)))
    page = File.generated(config, src, content=text)
    page.generated_by = SEARCH_PAGE  # our own markup (form, script): not sanitised like dossier text
    files.append(page)
    for name in ("zoeken.js", "zoeken.css"):
        asset = File.generated(config, f"assets/watwerkt/{name}", abs_src_path=str(PACKAGE / "assets" / name))
        asset.generated_by = SEARCH_PAGE
        files.append(asset)
