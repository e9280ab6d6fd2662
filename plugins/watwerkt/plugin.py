"""The MkDocs adapter: events only. Loading, validation and rendering live in the core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .problems import format_text
from .render import dossier_page, overview_page
from .sanitize import sanitize
from .settings import find_settings_file, load_settings, today_from_env
from .validate import check

ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # no .svg: it can carry script


class WatwerktConfig(Config):
    settings = c.Optional(c.Type(str))  # path to watwerkt.yml, relative to mkdocs.yml
    today = c.Optional(c.Type(str))  # fixed 'today' (YYYY-MM-DD) for reproducible builds


class WatwerktPlugin(BasePlugin[WatwerktConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        path = self.root / self.config.settings if self.config.settings else find_settings_file(self.root)
        self.settings = load_settings(path)
        self.dossiers_dir = (self.root / self.settings.dossiers_dir).resolve()
        today = self.config.today or today_from_env()
        self.today = dt.date.fromisoformat(today) if today else dt.date.today()
        return config

    def on_files(self, files: Files, config) -> Files:
        result = check([self.dossiers_dir], self.settings, self.today, base=self.root)
        if result.errors:
            raise PluginError(
                f"{len(result.errors)} fout(en) in de dossiers; de site is niet gebouwd:\n"
                + format_text(result.problems)
            )
        published = [d for d in result.valid_dossiers() if d.status in ("published", "archived")]
        on_site = {d.slug for d in published}
        for d in published:
            files.append(File.generated(config, f"dossiers/{d.slug}/index.md",
                                        content=dossier_page(d, self.settings, on_site)))
            for asset in sorted(d.folder.iterdir()):
                if asset.suffix.lower() in ASSET_SUFFIXES and asset.is_file() and not asset.is_symlink():
                    files.append(File.generated(config, f"dossiers/{d.slug}/{asset.name}",
                                                abs_src_path=str(asset)))
        files.append(File.generated(config, "dossiers/index.md", content=overview_page(published)))
        for f in files:
            if f.src_uri.startswith("dossiers/") and f.generated_by is None and f.abs_src_path is None:
                f.generated_by = "watwerkt"
        return files

    def on_page_content(self, html, page, config, files):
        if page.file.src_uri.startswith("dossiers/") and page.file.abs_src_path is None:
            return sanitize(html)
        return html

    def on_serve(self, server, config, builder):
        server.watch(str(self.dossiers_dir))
        return server
