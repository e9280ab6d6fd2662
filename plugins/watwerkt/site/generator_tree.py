"""`watwerkt source`: the whole site source as plain pages, for a Material-compatible generator
that does not run this plugin (Zensical, or MkDocs itself without it).

The tree is what the plugin hands MkDocs, written out: docs/ with the plugin's markers filled in,
the generated dossier and overview pages (view/tree.py wrote them), the assets and the dossiers'
images, and a generator config (mkdocs.yml) without the watwerkt plugin, with the menu the plugin
arranges written out as `nav`. The check runs first, as for a build; a dossier page is written only
when sanitising its rendered HTML would remove nothing, because the generator will not sanitise it.
PDFs, the search index, earlier versions and publication are not part of the tree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS
from watwerkt.view.sanitize import sanitize
from watwerkt.view.tree import SourceTree

_ALIGN = re.compile(r"text-align: (left|right|center);")
TREE_COMMAND = "source"  # what the plugin sees as MkDocs' command while the tree is written
PLUGIN = "watwerkt"


class TreeError(Exception):
    """The tree could not be written; the message is Dutch and says what to do."""


@dataclass
class TreeReport:
    folder: Path
    config: Path
    pages: int
    files: int
    changed: int
    removed: int


class _Tags(HTMLParser):
    """The (tag, attribute) pairs and tags of an HTML fragment, to see what sanitising removes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add((tag, ""))
        # The tables extension aligns columns with a style the sanitiser drops: harmless either way.
        self.seen.update((tag, name) for name, value in attrs
                         if not (name == "style" and tag in ("td", "th") and _ALIGN.fullmatch(value or "")))


def _tags(html: str) -> set[tuple[str, str]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.seen


def unsafe_parts(page_markdown: str) -> list[str]:
    """What the sanitiser would take out of this page's HTML ("<script>", "a@onclick"): empty when
    the page is safe to hand to a generator that does not sanitise."""
    html = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(page_markdown)
    lost = _tags(html) - _tags(sanitize(html))
    # nh3 drops an href with a scheme it refuses: that shows as a lost (a, href) pair too.
    return sorted(f"<{tag}>" if not name else f"{tag}@{name}" for tag, name in lost)


def _nav_entries(items) -> list:
    out = []
    for item in items:
        if item.is_page:
            uri = item.file.src_uri if item.file is not None else item.url
            out.append({item.title: uri} if item.title else uri)
        elif item.is_section:
            out.append({item.title: _nav_entries(item.children)})
        else:  # a link
            out.append({item.title: item.url})
    return out


def generator_config(data: dict, config, nav: list, not_in_nav: list[str], site_dir: Path) -> dict:
    """The project's mkdocs.yml as a generator without the plugin needs it: the plugin gone, its
    additions (extensions, styles, scripts, copyright) written in, docs_dir the tree's docs/."""
    out = {k: v for k, v in data.items() if k not in ("INHERIT", "plugins", "docs_dir", "site_dir", "nav",
                                                      "not_in_nav", "exclude_docs", "hooks")}
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # relative to the project, not to the tree
        out["theme"] = {**theme, "custom_dir": str(Path(config.config_file_path).parent / theme["custom_dir"])}
    out["docs_dir"] = "docs"
    out["site_dir"] = str(site_dir)
    plugins = data.get("plugins") or []
    items = list(plugins.items()) if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins]
    out["plugins"] = [{name: opts} if opts else name for name, opts in items if name != PLUGIN]
    extensions = []
    for name in config.markdown_extensions:
        opts = config.mdx_configs.get(name)
        extensions.append({name: dict(opts)} if opts else name)
    out["markdown_extensions"] = extensions
    out["extra_css"] = list(config.extra_css)
    out["extra_javascript"] = [str(j) for j in config.extra_javascript]
    out["extra"] = dict(config.extra)
    if config.copyright:
        out["copyright"] = config.copyright
    out["nav"] = nav
    out["not_in_nav"] = "\n".join("/" + p for p in sorted(not_in_nav))
    return out


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (not_in_nav, copyright) as literal blocks, readable in the file."""


_Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))


def write_generator_tree(config_file: Path, out: Path, site_dir: Path | None = None, progress=None) -> TreeReport:
    """Write the tree into `out` (docs/ and mkdocs.yml). Raises TreeError, or MkDocs' PluginError
    / ConfigurationError (Dutch from the plugin) when the project or a dossier is wrong."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files
    from mkdocs.structure.nav import get_navigation

    from .config import read_file
    from .nav import arrange

    config_file = Path(config_file).resolve()
    out = Path(out).resolve()
    if out == config_file.parent or config_file.parent.is_relative_to(out):
        raise TreeError(f"{out}: kies een eigen map voor de bron, niet de map van het project of een map erboven")
    config = load_config(str(config_file))
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise TreeError(f"{config_file}: watwerkt staat niet onder plugins; zonder de plugin is er geen bron te schrijven")
    docs = Path(config.docs_dir).resolve()
    if out.is_relative_to(docs):
        raise TreeError(f"{out}: de bron mag niet in docs_dir ({docs}) staan")
    config.plugins.on_startup(command=TREE_COMMAND, dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = arrange(get_navigation(files, config))
        tree = SourceTree(out / "docs")
        pages = 0
        not_in_nav = []
        for f in files:
            if f.inclusion.is_excluded():
                continue
            data = f.content_bytes
            if f.is_documentation_page():
                pages += 1
                text = data.decode("utf-8")
                if f.generated_by is None:
                    data = plugin.fill_markers(text, f.src_uri).encode("utf-8")
                elif f.generated_by == PLUGIN:
                    lost = unsafe_parts(text)
                    if lost:
                        raise TreeError(f"{f.src_uri}: de pagina bevat HTML die de site zou verwijderen "
                                        f"({', '.join(lost)}); de bron is niet geschreven. Haal dit uit het dossier.")
                if f.inclusion == InclusionLevel.NOT_IN_NAV:
                    not_in_nav.append(f.src_uri)
            tree.write(f.src_uri, data)
            if progress is not None and len(tree.written) % 500 == 0:
                progress(len(tree.written))
        removed = tree.prune()
        target = Path(site_dir).resolve() if site_dir else out / "site"
        settings = generator_config(read_file(config_file), config, _nav_entries(nav.items), not_in_nav, target)
        # beside docs/, through the same atomic, content-addressed writer
        config_path = SourceTree(out).write("mkdocs.yml", "# Geschreven door `watwerkt source`; niet met de hand "
                                            "bewerken.\n" + yaml.dump(settings, Dumper=_Dumper, allow_unicode=True,
                                                                       sort_keys=False))
    finally:
        config.plugins.on_shutdown()
    return TreeReport(out / "docs", config_path, pages, len(tree.written), len(tree.changed), removed)
