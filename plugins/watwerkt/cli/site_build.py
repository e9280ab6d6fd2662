"""MkDocs' own build, run from the CLI (`watwerkt build`, `watwerkt serve`), with the one option the
CLI may override: `--zonder-versies` (plugin option versions: false, said explicitly)."""

from __future__ import annotations

from pathlib import Path


def load_site_config(config_file: Path, strict: bool = False, without_versions: bool = False):
    """mkdocs.yml loaded as `mkdocs build` loads it, with the CLI's override applied. Raises
    MkDocsException (ConfigurationError) when the file is wrong."""
    from mkdocs.config import load_config

    config = load_config(str(config_file), strict=strict or None)
    if without_versions and "watwerkt" in config.plugins:
        config.plugins["watwerkt"].config["versions"] = False
    return config


def build_site(config_file: Path, strict: bool = False, without_versions: bool = False, config=None) -> Path:
    """Build as `mkdocs build` does; returns the site directory. Raises MkDocsException (or
    SystemExit from MkDocs' strict abort) when the build fails; the published site is kept.
    `config`: one load_site_config already returned (it is not loaded again)."""
    from mkdocs.commands.build import build

    if config is None:
        config = load_site_config(config_file, strict=strict, without_versions=without_versions)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
