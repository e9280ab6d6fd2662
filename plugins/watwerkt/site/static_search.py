"""The site's side of searching without the service: the header search box and its scripts, the
fate of Material's own quick search, and the static bundle written into the staging site.

Material's `search` plugin fetches its whole search_index.json on every page load (many MB at
1,000 dossiers), so watwerkt's own mkdocs.yml leaves it out and the header box is ours
(templates/partials/watwerkt-header-search.html). A foreign site that keeps Material's plugin keeps
Material's header search: the plugin never removes another plugin; it says so once in the log.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from watwerkt.static_search import StaticSearchUnavailable, write_bundle
from watwerkt.static_search.bundle import BUNDLE_DIR

ENGINE_JS = "assets/watwerkt/zoekmotor.js"  # the once-per-page-load choice of service or bundle
HEADER_JS = "assets/watwerkt/kopzoeken.js"  # the header box
SCRIPTS = {ENGINE_JS: "zoekmotor.js", HEADER_JS: "kopzoeken.js"}
# What Pagefind writes that a reader never needs: its ready-made UIs and the wasm for pages
# without a language (every record is Dutch).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")


def material_search_on(config) -> bool:
    return "material/search" in config.plugins or "search" in config.plugins


def configure(config, log) -> None:
    """Add the scripts of the header box and the search page's engine to every page."""
    listed = [str(j) for j in config.extra_javascript]
    for path in SCRIPTS:
        if path not in listed:  # the files themselves come with the plugin's other assets (plugin.on_files)
            config.extra_javascript.append(path)
    if material_search_on(config):
        log.info("Material's plugin search staat aan: de zoekbox bovenaan blijft Materials snelzoeken, dat op elke "
                 "pagina het hele search/search_index.json ophaalt. Haal search weg onder plugins in mkdocs.yml "
                 "voor de zoekbox van watwerkt (zoekdienst of statische zoekindex).")


def header_search(config, search_page: str) -> str:
    """The page the header box opens (its form's action), or "" for no header box: without a
    search page, or when Material's quick search holds the header."""
    return "" if not search_page or material_search_on(config) else search_page


def write(site_dir: Path, public, settings, log) -> None:
    """The static bundle of the public dossiers into `site_dir/pagefind/`."""
    try:
        report = write_bundle(public, settings, site_dir)
    except StaticSearchUnavailable as exc:
        raise PluginError(f"{exc} De site is niet bijgewerkt.") from None
    for name in UNUSED:
        (report.folder / name).unlink(missing_ok=True)
    log.info(f"Statische zoekindex klaar: {report.records} dossiers in {BUNDLE_DIR}/")
