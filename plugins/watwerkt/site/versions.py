"""The versions of each dossier on the site: which files the adapter adds for them.

The history comes from the core (history/versions.py), the pages and exports from view/ and
export/; this module only decides the addresses and hands MkDocs the files, all outside the
navigation (InclusionLevel.NOT_IN_NAV) and, through front matter, outside Material's search.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from watwerkt import __version__, export
from watwerkt.export.api import version_json_path
from watwerkt.history import History, Version, Withdrawn, cachefile, dossier_history
from watwerkt.model.dossier import Dossier
from watwerkt.model.settings import Settings
from watwerkt.model.urls import dossier_path, public_url, version_path, versions_path
from watwerkt.pdf.build import version_pdf
from watwerkt.view.dossier_view import Earlier, dossier_view
from watwerkt.view.page import PageOptions, dossier_page, feedback_url
from watwerkt.view.versions import NOT_SEARCHED, VersionEntry, versions_page, withdrawn_page

from .html import add_former_slug_redirects, redirect_html

HIDDEN = InclusionLevel.NOT_IN_NAV  # reachable by link, never in the navigation


def load_history(public: list[Dossier], dossiers_dir, settings: Settings, today: dt.date, cache,
                 max_versions: int, log) -> History | None:
    """Earlier versions from git, or None without a history (said once, in Dutch)."""
    history = dossier_history(public, dossiers_dir, settings, today, cache, max_versions)
    if history.available:
        return history
    if history.shallow:
        # A publication without its version pages would break every permanent address cited so
        # far: stop, unless versions are turned off explicitly.
        raise PluginError(
            f"Eerdere versies van de dossiers kunnen niet gebouwd worden: {history.reason}. Haal de volledige "
            "geschiedenis op (git fetch --unshallow; in GitHub Actions: actions/checkout met fetch-depth: 0), "
            "of bouw bewust alleen de actuele versies: watwerkt build --zonder-versies, of versions: false "
            "onder plugins → watwerkt in mkdocs.yml.")
    log.info(f"Geen eerdere versies van de dossiers gebouwd: {history.reason}. De site toont alleen de actuele versies.")
    return None


@dataclass
class DossierVersions:
    """What the site shows of one dossier's versions."""

    entries: list[VersionEntry] = field(default_factory=list)  # newest first, the current one included
    printed: list[tuple[Dossier, Earlier]] = field(default_factory=list)  # earlier versions with a PDF


def entries(d: Dossier, found: list[Version], current_changes: list[str], settings: Settings,
            pdfs_on: bool, withdrawn: bool = False) -> list[VersionEntry]:
    """The versions page's entries: the current version first, then the earlier ones. A
    withdrawn dossier has no current version, and its list is on its own page, one level up."""
    up, into = ("../../", "versies/") if withdrawn else ("../../../", "")

    def pdf(date: dt.date, current: bool) -> tuple[str | None, str]:
        if not pdfs_on:
            return None, ""
        rel = f"pdf/{d.slug}.pdf" if current else f"pdf/{version_pdf(d.slug, date)}"
        return up + rel, public_url(settings.base_url, rel)

    out = []
    if d.version and not withdrawn:
        href, url = pdf(d.version, True)
        out.append(VersionEntry(d.version, public_url(settings.base_url, version_path(d.slug, d.version)), "../",
                                href, url, tuple(c.summary or "" for c in d.changelog if c.date == d.version),
                                tuple(current_changes), current=True))
    for v in found:
        href, url = pdf(v.date, False) if v.rendered else (None, "")
        out.append(VersionEntry(v.date, public_url(settings.base_url, version_path(d.slug, v.date)),
                                f"{into}{v.date.isoformat()}/" if v.rendered else None, href, url,
                                tuple(v.changelog), tuple(v.changes), v.note))
    return out


def _render(d: Dossier, v: Version, settings: Settings, pdfs_on: bool, on_site: set[str], today: dt.date,
            withdrawn: dt.date | None = None):
    """An earlier version's view and its page, RIS and BibTeX (raises on a renderer fault)."""
    info = Earlier(d.version, v.note, withdrawn)
    vview = dossier_view(v.dossier, settings, today, info)
    opts = PageOptions(
        on_site=on_site, today=today,
        feedback_url=feedback_url(settings, v.dossier, vview.url),
        ris_href="citeer.ris", bib_href="citeer.bib",
        pdf_href=f"../../../../pdf/{version_pdf(d.slug, v.date)}" if pdfs_on else None,
        versions_href="../", current_href="../../index.md", dossier_prefix="../../../",
    )
    return (info, vview, NOT_SEARCHED + dossier_page(v.dossier, settings, opts, vview),
            export.ris(v.dossier, settings, view=vview), export.bibtex(v.dossier, settings, view=vview))


def _render_key(d: Dossier, v: Version, settings: Settings, pdfs_on: bool, on_site: set[str], today: dt.date,
                withdrawn: dt.date | None) -> str:
    """Everything _render reads: the version (its commit and note), the current dossier's slug and
    version, the settings, the other dossiers on the site, today and the package version."""
    h = hashlib.sha256()
    for part in (__version__, d.slug, repr(d.version), v.commit, v.date.isoformat(), v.note or "",
                 repr(settings), str(pdfs_on), repr(sorted(on_site)), today.isoformat(), repr(withdrawn)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _rendered(d: Dossier, found: list[Version], settings: Settings, pdfs_on: bool, on_site: set[str],
              today: dt.date, cache: Path | None, withdrawn: dt.date | None = None) -> dict:
    """Each rendered version's view, page, RIS and BibTeX; kept in `cache` between builds."""
    out = {}
    for v in found:
        if not v.rendered:
            continue
        key = _render_key(d, v, settings, pdfs_on, on_site, today, withdrawn)
        stored = cachefile.read(cache, key) if cache is not None else None
        if isinstance(stored, tuple) and len(stored) == 5:
            out[v.date] = stored
            continue
        try:
            out[v.date] = _render(d, v, settings, pdfs_on, on_site, today, withdrawn)
        except Exception as exc:  # an old version must never stop the build of the current site
            v.dossier, v.note = None, f"Deze versie kon niet worden opgebouwd ({type(exc).__name__})."
            continue
        if cache is not None:
            cachefile.write(cache, key, out[v.date])
    return out


def _left_out_note(found: list[Version], more: int) -> str | None:
    return f"{more} oudere versie(s) staan niet in deze lijst: de site bewaart er hoogstens {len(found)}." if more else None


def _add_version_files(add, add_asset, d: Dossier, found: list[Version], rendered: dict, result: DossierVersions,
                       settings: Settings, pdfs_on: bool, jsonld: dict[str, str]) -> None:
    """Each rendered version's page, RIS, BibTeX, JSON, JSON-LD and images; redirects from former slugs."""
    for v in found:
        for old in d.former_slugs:
            add(f"{version_path(old, v.date)}index.html",
                redirect_html(f"../../../../{version_path(d.slug, v.date)}", d.title or d.slug), HIDDEN)
        if v.date not in rendered:
            continue
        info, vview, page, ris, bib = rendered[v.date]
        base = version_path(d.slug, v.date)
        add(f"{base}index.md", page, HIDDEN)
        add(f"{base}citeer.ris", ris, HIDDEN)
        add(f"{base}citeer.bib", bib, HIDDEN)
        data = export.dossier_json(v.dossier, settings, vview, result.entries)
        add(version_json_path(d.slug, v.date), json.dumps(data, ensure_ascii=False, indent=2) + "\n", HIDDEN)
        jsonld[f"{base}index.md"] = export.json_ld(v.dossier, settings, vview, result.entries)
        add_asset(v.dossier.folder, base, HIDDEN)
        if pdfs_on:
            result.printed.append((v.dossier, info))


def add_versions(add, add_asset, d: Dossier, history: History, settings: Settings, *,
                 pdfs_on: bool, on_site: set[str], today: dt.date, jsonld: dict[str, str],
                 cache: Path | None = None) -> DossierVersions:
    """Add the versions page, each earlier version's page with its RIS, BibTeX, JSON, JSON-LD and
    images, and redirects (the current version's permanent address, former slugs). `add(path,
    content, inclusion)` creates a file, `add_asset(folder, base, inclusion)` copies its images."""
    found = history.versions.get(d.slug, [])
    rendered = _rendered(d, found, settings, pdfs_on, on_site, today, cache)
    result = DossierVersions(entries(d, found, history.current_changes.get(d.slug, []), settings, pdfs_on))
    add(f"{versions_path(d.slug)}index.md",
        versions_page(d, result.entries, _left_out_note(found, history.left_out.get(d.slug, 0))), HIDDEN)
    if d.version:  # the current version's permanent address leads to the current page until it is replaced
        add(f"{version_path(d.slug, d.version)}index.html", redirect_html("../../", d.title or d.slug), HIDDEN)
    _add_version_files(add, add_asset, d, found, rendered, result, settings, pdfs_on, jsonld)
    return result


def add_withdrawn(add, add_asset, w: Withdrawn, settings: Settings, *, pdfs_on: bool, on_site: set[str],
                  today: dt.date, jsonld: dict[str, str], cache: Path | None = None) -> DossierVersions:
    """A dossier removed from dossiers/: the "ingetrokken" page at its address (outside the
    navigation and the search) listing its versions, and each version's files as for any dossier."""
    d = w.last
    rendered = _rendered(d, w.versions, settings, pdfs_on, on_site, today, cache, w.removed)
    result = DossierVersions(entries(d, w.versions, [], settings, pdfs_on, withdrawn=True))
    note = _left_out_note(w.versions, w.left_out)
    add(f"{dossier_path(d.slug)}index.md", withdrawn_page(d, w.removed, result.entries, note), HIDDEN)
    add(f"{versions_path(d.slug)}index.html", redirect_html("../", d.title or d.slug), HIDDEN)
    add_former_slug_redirects(add, d, HIDDEN)
    _add_version_files(add, add_asset, d, w.versions, rendered, result, settings, pdfs_on, jsonld)
    return result
