"""The finished HTML of earlier-version pages (and each dossier's list of versions), kept between builds.

An earlier version never changes, yet it is a page like any other: Markdown, sanitiser and
Material's templates cost as much as for a current dossier, so a site with a few versions per
dossier would take several times as long on every build. A version page's HTML is therefore
stored after its first build and reused while nothing it depends on has changed:

- its own Markdown and JSON-LD (the text the adapter generated for it);
- the site around it: mkdocs.yml as written, the files of a custom_dir, the navigation (titles
  and addresses: every page shows the menu), and the versions of watwerkt, MkDocs and Material.

A reused page becomes a plain file holding the stored HTML (on_nav, once the navigation is
known): MkDocs renders nothing for it. So that cold and warm builds write the same site, earlier
versions are never in sitemap.xml (they are not current; each names itself as canonical).
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from watwerkt import __version__

from .fingerprint import package_digest

VERSION_PAGE = re.compile(r"^dossiers/[^/]+/versies/(?:\d{4}-\d{2}-\d{2}/)?index\.md$")  # versions and their list


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def _nav_items(items) -> list:
    out = []
    for item in items or ():
        out.append((type(item).__name__, item.title, getattr(item, "url", None), _nav_items(getattr(item, "children", None))))
    return out


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>[^<]*/dossiers/[^/<]+/versies/[^<]*</loc>.*?</url>", re.S)


def without_versions(sitemap: str) -> str:
    """MkDocs' sitemap.xml without the earlier versions and version lists."""
    return _SITEMAP_URL.sub("", sitemap)


def site_fingerprint(config, nav) -> str:
    """What every page's HTML depends on besides its own content."""
    h = hashlib.sha256()
    # package_digest: the plugin's own templates and assets shape every page, also between releases
    for part in (__version__, package_digest(), _package("mkdocs"), _package("mkdocs-material")):
        h.update(part.encode() + b"\0")
    config_file = config.config_file_path
    if config_file and os.path.isfile(config_file):
        h.update(Path(config_file).read_bytes())
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, dirs, names in sorted(os.walk(custom)):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                st = os.stat(path)
                h.update(f"{os.path.relpath(path, custom)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    h.update(repr(_nav_items(nav.items)).encode())
    return h.hexdigest()


class VersionPageCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.keys: dict[str, str] = {}  # src_uri -> key of a page rendered this build

    def key(self, src_uri: str, markdown: str, jsonld: str | None) -> str:
        h = hashlib.sha256()
        for part in (self.fingerprint, src_uri, markdown, jsonld or ""):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def look_up(self, src_uri: str, markdown: str, jsonld: str | None) -> str | None:
        """The stored HTML of this page, or None (then the key is kept for `store`)."""
        key = self.key(src_uri, markdown, jsonld)
        try:
            html = self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.keys[src_uri] = key
            return None
        return html

    def store(self, src_uri: str, html: str) -> None:
        key = self.keys.pop(src_uri, None)
        if key is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, path)

    # -- the plugin's events, for the pages this cache keeps ------------------------------------
    def swap_in(self, files, config, jsonld: dict) -> int:
        """Replace every version page whose HTML is stored by a plain file holding it, so MkDocs
        renders nothing for it (not even empty Markdown: each page costs MkDocs a Markdown
        instance). The others get their keys, for `output`. Returns how many were swapped."""
        from mkdocs.structure.files import File

        swapped = 0
        for f in list(files.documentation_pages()):
            src = f.src_uri
            if f.generated_by != "watwerkt" or not VERSION_PAGE.match(src):
                continue
            data = jsonld.get(src)
            html = self.look_up(src, f.content_string, data if isinstance(data, str) else repr(data))
            if html is None:
                continue
            files.remove(f)
            static = File.generated(config, f.dest_uri, content=html, inclusion=f.inclusion)
            static.generated_by = "watwerkt"
            files.append(static)
            swapped += 1
        return swapped

    def output(self, page, output: str) -> None:
        """Store a version page's HTML as written (the plugin's last on_post_page)."""
        self.store(page.file.src_uri, output)
