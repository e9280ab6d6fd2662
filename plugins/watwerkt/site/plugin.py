"""The MkDocs adapter: events only. Loading, validation, rendering and exports live in the core.
Build flow: validate every dossier in on_config (before MkDocs cleans anything) and stop with the
located lines of `watwerkt check`; build into a staging folder; swap it in when all has succeeded."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import jinja2

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_theme_dir

from watwerkt import export
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import SettingsError, today_from_env
from watwerkt.pdf import build_pdfs, collection_parts
from watwerkt.search.store import switch_current
from watwerkt.search.worker import IndexBuildFailed, IndexJob, start_index_build
from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS
from watwerkt.view.escape import attr, esc
from watwerkt.view.overviews import PdfLink, home_level, home_list, newest_change, overview_parts
from watwerkt.view.sanitize import sanitize
from watwerkt.view.tree import SourceTree
from watwerkt.view.scales import level_list, scale_css, scale_table

from .dossier_files import dossier_files
from .config import WatwerktConfig, legacy_settings, option_problems, read_file, settings_for_site
from .fingerprint import fingerprint, site_inputs
from .generator_tree import TREE_COMMAND
from .html import add_former_slug_redirects, rewrite
from .images import dossier_images
from .nav import arrange, in_menu, page_nav
from .report import as_json, pdf_progress, strict_warnings
from .publish import leftovers, publish, read_record, write_record
from .preview import Preview
from .markers import EVIDENCE_TABLE_MARKER, HOME_MARKER, RECOGNITION_LIST_MARKER
from .search_page import add_search_page, example_themes
from . import static_search as static
from .page_cache import VersionPageCache, site_fingerprint, without_versions
from .versions import add_versions, add_withdrawn, load_history
from .watch import use_native_watcher

log = get_plugin_logger(__name__)
PACKAGE = Path(__file__).parent
CSS = "assets/watwerkt/watwerkt.css"
SCALE_CSS = "assets/watwerkt/bewijsniveaus.css"  # generated from evidence_scale
LANDMARKS_JS = "assets/watwerkt/landmarks.js"
CITE_JS = "assets/watwerkt/citeer.js"  # the copy button of "Citeer dit dossier"
# Material's own templates under a prefix, so our base.html can extend Material's (on_env).
MATERIAL_PREFIX = "material-theme"
# What the plugin puts into every page's head (templates/base.html); a substring check per page
JSONLD_MARKER = '<script type="application/ld+json">'  # tells when a project's template hides it
FEED_MARKER = 'type="application/atom+xml"'
REQUIRED_EXTENSIONS = list(MARKDOWN_EXTENSIONS)  # the view's one set, also used by the PDFs


class WatwerktPlugin(BasePlugin[WatwerktConfig]):
    """Event priorities: MkDocs runs plugins in list order at equal priority. Events that set
    one say why (first or last); the others do not depend on the order of plugins."""

    supports_multiple_instances = False

    def __init__(self):
        self.command = "build"
        self.option_errors: list[str] = []
        self.index_job: IndexJob | None = None
        self.hidden: dict[str, str] = {}  # what a project's template hid -> first page
        self.staging: Path | None = None
        self.target: Path | None = None
        self.printed: list = []  # earlier versions that get a PDF
        self.preview = Preview()  # kept through every rebuild of one `mkdocs serve`

    def on_startup(self, *, command, dirty):
        self.command = command

    def load_config(self, options, config_file_path=None):
        # MkDocs' Config classes validate our options; their problems are raised by on_config as
        # one Dutch PluginError naming file, line, key and what is allowed (MkDocs' own report of
        # plugin option errors is an English line per problem).
        failed, warnings = super().load_config(options, config_file_path)
        self.option_errors = option_problems(self.config, failed, warnings)
        return [], []

    # -- configuration and validation ------------------------------------------------
    # First: the dossiers are checked, and site_dir points at the staging folder, before any other
    # plugin acts on the configuration; a failed check leaves everything untouched.
    @event_priority(100)
    def on_config(self, config):
        if self.option_errors:
            raise PluginError("De instellingen van watwerkt in mkdocs.yml kloppen niet; de site is niet "
                              "gebouwd:\n" + "\n".join(self.option_errors))
        self.root = Path(config.config_file_path or ".").resolve().parent
        if config.theme.name != "material":
            raise PluginError(f"watwerkt werkt met het thema Material for MkDocs (theme: name: material), "
                              f"niet met '{config.theme.name}'.")
        self.hidden = {}
        self.page_cache = None  # set in on_nav, once the navigation is known
        legacy = legacy_settings(self.root)
        if legacy:
            raise PluginError(legacy)
        # Live preview rewrites site_url to its own address; identifiers keep the published one.
        site_url = config.site_url
        if self.command == "serve":
            try:
                site_url = read_file(Path(config.config_file_path)).get("site_url") or ""
            except SettingsError as exc:
                raise PluginError(str(exc)) from None
        self.settings = settings_for_site(config, self.config, site_url=site_url)
        if not self.settings.published and self.command != "serve":
            # A warning, so `mkdocs build --strict` (CI, the PR workflow) stops on it.
            log.warning("site_url in mkdocs.yml ontbreekt of wijst naar deze computer "
                        f"({site_url or 'leeg'}): citaties, RIS/BibTeX, JSON-LD, de feed en de PDF's "
                        "krijgen geen publiek adres. Zet site_url op het adres waar de site gepubliceerd wordt.")
        self.dossiers_dir = (self.root / self.settings.dossiers_dir).resolve()
        today = self.config.today or today_from_env()
        try:
            self.today = dt.date.fromisoformat(today) if today else dt.date.today()
        except ValueError:
            raise PluginError(f"WATWERKT_TODAY='{today}' is geen datum in de vorm JJJJ-MM-DD") from None
        self.cache_dir = (self.root / self.config.cache_dir).resolve()
        if self.pdfs_on and importlib.util.find_spec("weasyprint") is None:
            # WeasyPrint is the `pdf` extra: a light install builds pages and search without it.
            raise PluginError("Voor de PDF's is WeasyPrint nodig: installeer watwerkt[pdf] "
                              "(pip install 'watwerkt[pdf]'), of zet pdf: false onder plugins → watwerkt.")

        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("permalink", True)
        toc.setdefault("permalink_title", "Vaste link naar dit kopje")  # Python-Markdown's default is English
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "templates"))
        for css in (CSS, SCALE_CSS):
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in (LANDMARKS_JS, CITE_JS):
            if js not in [str(j) for j in config.extra_javascript]:
                config.extra_javascript.append(js)
        static.configure(config, log)  # the header box's scripts; Material's quick search, if on, stays
        config.extra.setdefault("generator", False)  # Material's low-contrast "Made with" line
        if not config.copyright:
            config.copyright = (
                f'Inhoud onder licentie <a href="{attr(self.settings.licence_url)}">'
                f"{attr(self.settings.licence_name)}</a>"
            )

        self.inputs = fingerprint(site_inputs(config, self)) if self.publishing else None
        # A failed check stops the build; in the live preview it is shown on the pages instead.
        self.checked = self.preview.checked([self.dossiers_dir], self.settings, self.today, self.root, self.command, log)

        if self.publishing:
            # Build elsewhere; on_post_build swaps the result in only when everything worked.
            self.target = Path(config.site_dir).resolve()
            self.staging = self.target.with_name(self.target.name + ".watwerkt-nieuw")
            for stale in leftovers(self.target):  # a killed earlier build may have left these
                shutil.rmtree(stale, ignore_errors=True)
            config.site_dir = str(self.staging)
        return config

    @property
    def publishing(self) -> bool:
        # build and gh-deploy publish the full site; the preview (serve) and the generator tree
        # (site/generator_tree.py) leave PDFs, versions and the index out unless mkdocs.yml asks.
        return self.command not in ("serve", TREE_COMMAND)

    def _on(self, option) -> bool:  # an option left unset follows the command
        return option if option is not None else self.publishing

    pdfs_on = property(lambda self: self._on(self.config.pdf))
    versions_on = property(lambda self: self._on(self.config.versions))
    index_on = property(lambda self: self._on(self.config.search_index))
    static_on = property(lambda self: self._on(self.config.static_search))

    def _dossiers(self) -> list[Dossier]:
        loaded = self.checked
        show_drafts = self.config.drafts == "show" or (self.config.drafts == "auto" and self.command == "serve")
        return [d for d in loaded if d.public or (show_drafts and d.status == "draft")]

    # -- files ----------------------------------------------------------------------------
    @event_priority(50)  # early: plugins that work on files (redirects, blogs) see our generated pages
    def on_files(self, files: Files, config) -> Files:
        # Material's source maps are for its developers; they cost bytes and name a loopback host.
        for f in [f for f in files if f.src_uri.endswith(".js.map") and f.generated_by is None]:
            files.remove(f)
        self.dossiers = self._dossiers()
        public = [d for d in self.dossiers if d.public]
        if self.index_on:
            # Whoosh indexing is CPU-bound and independent of the pages: run it in a child process
            # while MkDocs renders, and wait for it in on_post_build. A plain child process, not a
            # spawn pool: spawn re-imports the caller's __main__ (search/worker.py).
            # The version the published site names is never pruned, whatever happens to this build.
            published = (read_record(self.target) or {}).get("search_index") if self.target else None
            self.index_job = start_index_build(public, self.settings, self.cache_dir / "search",
                                               keep=(published,) if isinstance(published, str) else ())
        on_site = {d.slug for d in self.dossiers}
        self.jsonld: dict[str, str] = {}
        root = self.cache_dir / "bron" / self.command  # one writer; serve and build apart
        tree = SourceTree(root, self.preview.known(root, self.command))

        def add(path: str, content: str | bytes, inclusion=None) -> None:
            # Dossier, theme and further listing pages are reached from the listings, not the menu.
            if inclusion is None:
                inclusion = InclusionLevel.UNDEFINED if in_menu(path) else InclusionLevel.NOT_IN_NAV
            try:
                written = tree.write(path, content)
            except OSError as exc:  # e.g. cache_dir is a file or read-only: say so, in Dutch, with the path
                raise PluginError(f"De gegenereerde bron van de site kon niet worden geschreven in {tree.root}: "
                                  f"{type(exc).__name__}: {exc}") from None
            f = File.generated(config, path, abs_src_path=str(written), inclusion=inclusion)
            f.generated_by = "watwerkt"
            files.append(f)

        def add_assets(folder: Path, base: str, inclusion=InclusionLevel.UNDEFINED) -> None:
            for asset in dossier_images(folder):
                f = File.generated(config, f"{base}{asset.relative_to(folder).as_posix()}",
                                   abs_src_path=str(asset), inclusion=inclusion)
                f.generated_by = "watwerkt"
                files.append(f)

        history = None
        if self.versions_on:
            history = load_history(public, self.dossiers_dir, self.settings, self.today,
                                   self.cache_dir / "versies", self.config.max_versions, log)
        listed: dict[str, list] = {}  # slug -> its versions (api/dossiers.json)
        self.printed = []
        for d in self.dossiers:
            versions = None
            if history is not None and d.public:
                def versions(opts, d=d):
                    found = add_versions(add, add_assets, d, history, self.settings, pdfs_on=self.pdfs_on,
                                         on_site=on_site, today=self.today, jsonld=self.jsonld,
                                         cache=self.cache_dir / "versies" / "weergaven")
                    self.printed += found.printed
                    opts.versions_href = "versies/"
                    listed[d.slug] = found.entries
                    return found.entries
            made, self.jsonld[f"dossiers/{d.slug}/index.md"] = self.preview.dossier_files(
                d, (self.today, self.pdfs_on, frozenset(on_site)), versions is None,
                lambda d=d, versions=versions: dossier_files(d, self.settings, self.today, on_site, self.pdfs_on, versions))
            for path, content in made.items():
                add(path, content)
            add_assets(d.folder, f"dossiers/{d.slug}/")
            add_former_slug_redirects(add, d)

        for w in (history.withdrawn.values() if history is not None else ()):
            self.printed += add_withdrawn(add, add_assets, w, self.settings, pdfs_on=self.pdfs_on, on_site=on_site,
                                          today=self.today, jsonld=self.jsonld,
                                          cache=self.cache_dir / "versies" / "weergaven").printed

        drafts = [d for d in self.dossiers if not d.public]  # only when the preview shows them
        self.pdf_links = [PdfLink(part.title, f"pdf/{part.name}.pdf", len(part.dossiers), part.theme)
                          for part in collection_parts(public)] if self.pdfs_on else []
        parts = overview_parts(public, self.settings, drafts, self.pdf_links, config.use_directory_urls)
        for page in self.preview.overviews(parts, self.command):
            add(page.path, page.markdown)
        updated = newest_change(public) or self.today
        add("api/dossiers.json", as_json(export.dossiers_json(public, self.settings, updated,
                                                            listed if history is not None else None)))
        add("feed.xml", export.atom_feed(public, self.settings, updated))
        for path, source in ((CSS, "watwerkt.css"), (LANDMARKS_JS, "landmarks.js"), (CITE_JS, "citeer.js"),
                             *static.SCRIPTS.items()):
            f = File.generated(config, path, abs_src_path=str(PACKAGE / "assets" / source))
            f.generated_by = "watwerkt"
            files.append(f)
        add(SCALE_CSS, scale_css(self.settings.evidence_scale))
        add_search_page(files, config, self.config.search_page, example_themes(public))
        if files.get_file_from_path("index.md") is None:
            # A site without a home page of its own (a new project) gets one: the name and the list.
            add("index.md", f"# {esc(config.site_name or 'Wat werkt')}\n")
        tree.prune(walk=self.preview.walk_tree(root, self.command))
        self.preview.refresh(files, self.command)  # pages a dirty rebuild must render anyway
        return files

    def on_env(self, env, config, files):
        # Material's templates also answer under "material-theme/", so templates/base.html can
        # extend Material's base.html by name while itself being the "base.html" that every
        # main.html (Material's, or a project's in custom_dir) extends.
        material = jinja2.FileSystemLoader(get_theme_dir("material"))
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({MATERIAL_PREFIX: material})])
        env.globals["watwerkt_header_search"] = static.header_search(config, self.config.search_page)  # also 404.html
        if self.command == "serve":  # compiled templates kept between rebuilds, checked against their source
            env.bytecode_cache = self.preview.templates
        return env

    def on_nav(self, nav, config, files):
        nav = arrange(nav)
        self.page_cache = VersionPageCache(self.cache_dir / "versiepaginas", site_fingerprint(config, nav))
        self.page_cache.swap_in(files, config, self.jsonld)
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        return self.fill_markers(markdown, page.file.src_uri)

    def fill_markers(self, markdown: str, src_uri: str) -> str:
        """A docs/ page with the plugin's markers filled (also for the generator tree)."""
        if EVIDENCE_TABLE_MARKER in markdown or RECOGNITION_LIST_MARKER in markdown:
            # The editors' guide: the scales of this project, not a retyped copy of the defaults.
            markdown = markdown.replace(EVIDENCE_TABLE_MARKER, scale_table(self.settings.evidence_scale))
            markdown = markdown.replace(RECOGNITION_LIST_MARKER, level_list(self.settings.recognition_scale))
        if src_uri == "index.md" and self.config.home_list:
            public = [d for d in self.dossiers if d.public]
            listing = home_list(public, pdfs=self.pdf_links, level=home_level(markdown, HOME_MARKER))
            if HOME_MARKER in markdown:
                return markdown.replace(HOME_MARKER, listing)
            return markdown.rstrip() + "\n\n" + listing  # no marker: the list closes the home page
        return markdown

    @event_priority(100)  # first: other plugins only ever see the sanitised HTML of our pages
    def on_page_content(self, html, page, config, files):
        html = sanitize(html) if page.file.generated_by == "watwerkt" else html
        return self.preview.banner() + html  # a broken save in the live preview: its problems on top

    @event_priority(-100)  # last: check the page as it is written, after every other plugin
    def on_post_page(self, output, page, config):
        output = rewrite(output)
        if self.page_cache is not None:
            self.page_cache.output(page, output)
        # A project's own template (custom_dir/base.html, or a block site_meta without super())
        # can hide what the plugin adds. Substring checks only; the page is not parsed.
        for what, marker, needed in (("de JSON-LD van de dossiers", JSONLD_MARKER, page.file.src_uri in self.jsonld),
                                     ("de link naar de feed", FEED_MARKER, True)):
            if needed and marker not in output:
                self.hidden.setdefault(what, page.file.src_uri)
        return output

    def on_post_template(self, output_content, template_name, config):
        if template_name == "sitemap.xml":
            return without_versions(output_content)
        return rewrite(output_content)  # 404.html

    def on_page_context(self, context, page, config, nav):
        context["watwerkt_jsonld"] = self.jsonld.get(page.file.src_uri)
        context["watwerkt_feed"] = "feed.xml"  # relative: the template's url filter resolves it per page
        context["nav"] = page_nav(nav, page)  # a page outside the menu shows under its section
        return context

    # -- finishing -------------------------------------------------------------------------
    @event_priority(-100)  # after every other plugin (search writes its index in on_post_build)
    def on_post_build(self, config):
        if self.hidden:
            seen = ", ".join(f"{what} (bijvoorbeeld op {where})" for what, where in self.hidden.items())
            log.warning(f"Het thema van dit project laat weg wat watwerkt in de <head> zet: {seen}. Een eigen "
                        "base.html in theme.custom_dir, of een block site_meta zonder {{ super() }}, verbergt "
                        "het; laat base.html weg uit custom_dir en gebruik block extrahead voor eigen "
                        "toevoegingen.")
        public = [d for d in self.dossiers if d.public]
        index = None
        if self.index_job is not None:
            # The Whoosh index lives outside the public site; `watwerkt serve` answers from the
            # version this publication names (site/publish.py).
            job, self.index_job = self.index_job, None
            try:
                index = job.result()
            except IndexBuildFailed as exc:
                raise PluginError(f"De zoekindex kon niet worden gebouwd; de site is niet bijgewerkt: {exc}") from None
            log.info(f"Zoekindex klaar: {index.folder}" + ("" if index.rebuilt else " (ongewijzigd)"))
        pdfs: list[str] = []
        if self.pdfs_on:
            report = build_pdfs(public, self.settings, Path(config.site_dir) / "pdf", today=self.today,
                                cache_dir=self.cache_dir / "pdf", progress=pdf_progress, earlier=self.printed)
            log.info(report.summary())
            if report.failed:
                # The pages already link to these PDFs: publishing would give readers broken links.
                raise PluginError("PDF's konden niet worden gemaakt; de site is niet bijgewerkt:\n"
                                  + "\n".join(f"- {failure}" for failure in report.failed))
            pdfs = sorted(p.name for p in (Path(config.site_dir) / "pdf").glob("*.pdf"))
        if self.static_on:  # into the staging folder: published with the pages, in one step
            static.write(Path(config.site_dir), public, self.settings, log)
        if self.staging is None or self.target is None:
            return
        if config.strict and strict_warnings():
            # MkDocs aborts right after this event (strict mode): the published site stays as it was.
            return
        write_record(self.staging, index and index.folder.name, [d.slug for d in public], pdfs, self.inputs)
        publish(self.staging, self.target)  # one atomic step: pages, PDFs, static search and index name
        if index is not None:
            switch_current(self.cache_dir / "search", index.folder.name)  # for `watwerkt search` and older servers
        config.site_dir = str(self.target)
        log.info(f"Site klaar in {self.target}")

    def on_build_error(self, error):
        if self.index_job is not None:
            self.index_job.stop()
        self.index_job = None
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def on_serve(self, server, config, builder):  # after the first build, before the server starts
        self.preview.settle_heap()
        if not use_native_watcher(server, [str(self.dossiers_dir)], log):  # site/watch.py: why
            server.watch(str(self.dossiers_dir))
        return server

