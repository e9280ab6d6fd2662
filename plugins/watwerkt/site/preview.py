"""A broken save during the live preview (`mkdocs serve`): the editor sees its located Dutch
problems in the open browser tab, on top of every page, while the preview keeps showing the last
good version of the dossier they broke. Outside serve a failed check stops the build as before.

The plugin object lives through every rebuild of one `mkdocs serve` (it has on_startup), so the
last good models, and the per-dossier check results of unchanged dossiers, are simply kept on it."""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from watwerkt.check.cache import CheckCache
from watwerkt.check.run import CheckResult, check
from watwerkt.model.dossier import Dossier
from watwerkt.model.problems import HINT_WORD, Problem, format_text
from watwerkt.view.escape import esc
from watwerkt.view.overviews import part_pages

from .markers import FILLED

BANNER_CLASS = "ww-voorbeeldfout"


class TemplateCache(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory. MkDocs makes a new environment on every rebuild and
    would parse and compile Material's templates again (about 0.3 s); Jinja checks each entry
    against its template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Preview:
    def __init__(self) -> None:
        self.last_good: dict[Path, Dossier] = {}
        self.problems: list[Problem] = []
        self.cache = CheckCache()  # per-dossier results between saves
        self.shown_banner = ""  # the problems box of the last build
        # slug -> (model, context, files): the model object is the check cache's, so an unchanged
        # dossier comes back as the same object and its files need not be made again.
        self.made: dict[str, tuple[Dossier, object, tuple]] = {}
        # tree root -> digests of what this process last wrote there (view/tree.py). Per root:
        # MkDocs keeps one plugin object for every build in a process, of any project.
        self.written: dict[Path, dict[str, tuple]] = {}
        self.templates = TemplateCache()
        self.shown_overviews: dict[str, tuple] = {}  # part name -> (key, pages) of the last rebuild
        self.projections: dict[tuple[str, str], tuple] = {}  # (part, slug) -> (model, what the part shows of it)
        self.walked: set[Path] = set()  # trees walked for leftovers once in this process

    @staticmethod
    def settle_heap() -> None:
        """After the first build of `mkdocs serve`: what it leaves alive (the models, the kept
        pages, MkDocs' and Material's modules) stays for the whole session, so it is moved out
        of the garbage collector's sight. Otherwise every third save or so pays a full
        collection over all of it, 0.25-0.5 s at 1,000 dossiers; now 0.05 s."""
        gc.collect()  # the first build's own garbage goes first, or it would be kept for good
        gc.freeze()

    def checked(self, paths: list[Path], settings, today, base: Path, command: str, log) -> list[Dossier]:
        """Check the dossiers (in the preview only what changed, plus every cross-dossier rule)."""
        return self.accept(check(paths, settings, today, base=base, cache=self.cache if command == "serve" else None),
                           command, log)

    def accept(self, result: CheckResult, command: str, log) -> list[Dossier]:
        """The dossiers to build from this check. Outside serve any error stops the build; in
        serve a dossier with errors stays as it last was (a new one with errors is left out)."""
        errors = result.errors
        if errors and command != "serve":
            raise PluginError(f"{len(errors)} fout(en) in de dossiers of de thesaurus; de site is niet gebouwd "
                              "en de vorige versie blijft staan:\n" + format_text(result.problems))
        valid = result.valid_dossiers()
        if errors:
            log.warning(f"{len(errors)} fout(en) in de dossiers of de thesaurus; de voorvertoning toont de laatste goede "
                        "versie en de fouten bovenaan elke pagina:\n" + format_text(errors))
        shown = {d.folder for d in valid}
        kept = [d for folder, d in self.last_good.items() if folder not in shown and folder.is_dir()] if errors else []
        self.problems = errors
        dossiers = sorted(valid + kept, key=lambda d: str(d.folder)) if kept else valid
        self.last_good = {d.folder: d for d in dossiers}
        return dossiers

    def dossier_files(self, d: Dossier, context, cacheable: bool, make):
        """make() -> (files, JSON-LD), kept per dossier while the same model comes back in the same
        context (date, PDFs on, the slugs on the site). Not with earlier versions (cacheable False):
        making them also adds their own files."""
        entry = self.made.get(d.slug)
        if cacheable and entry is not None and entry[0] is d and entry[1] == context:
            return entry[2]
        result = make()
        if cacheable:
            self.made[d.slug] = (d, context, result)
        return result

    def overviews(self, parts: list, command: str) -> list:
        """The overview pages, part by part (view/overviews.py); in the live preview a part's
        pages are kept while its key (everything they are made from) is unchanged, so a new
        sentence keeps them all and a changed evidence level remakes only the parts showing it."""
        pages = []
        for part in parts:
            if command != "serve":
                pages += part_pages(part)
                continue
            key = (part.extra, tuple(self._projection(part, d) for d in part.members))
            kept = self.shown_overviews.get(part.name)
            if kept is None or kept[0] != key:
                kept = self.shown_overviews[part.name] = (key, part_pages(part))
            pages += kept[1]
        return pages

    def _projection(self, part, d: Dossier) -> tuple:
        """part.each(d), kept while the check cache hands back the same model object."""
        entry = self.projections.get((part.name, d.slug))
        if entry is None or entry[0] is not d:
            entry = self.projections[(part.name, d.slug)] = (d, part.each(d))
        return entry[1]

    def known(self, root: Path, command: str) -> dict[str, tuple] | None:
        """What the source tree at root may take as already written: in the live preview, what
        this process last wrote there; in a build nothing (each build compares with the disk)."""
        return self.written.setdefault(root, {}) if command == "serve" else None

    def walk_tree(self, root: Path, command: str) -> bool:
        """Whether pruning the source tree must walk it: once per tree and process in the live
        preview (after that, what it wrote last time and not this time is known), always else."""
        if command != "serve" or root not in self.walked:
            if command == "serve":
                self.walked.add(root)
            return True
        return False

    def refresh(self, files, command: str) -> None:
        """Under `mkdocs serve --dirty` MkDocs renders only pages whose source is newer than their
        output. Generated pages are written content-addressed (view/tree.py), so they take care of
        themselves; these are rendered anyway by removing their output: the pages of docs/ the
        plugin fills in (the home page, and pages with a marker: site/markers.py), and every page
        when the problems box changed (it stands on every page). Other docs/ pages (the editors'
        guide, a reference of hundreds of codes) are MkDocs' own dirty check's."""
        if command != "serve":
            return
        banner = self.banner()
        changed, self.shown_banner = banner != self.shown_banner, banner
        for f in files.documentation_pages():
            if changed or (f.generated_by is None and self._filled(f)):
                Path(f.abs_dest_path).unlink(missing_ok=True)

    @staticmethod
    def _filled(f) -> bool:
        if f.src_uri == "index.md":
            return True
        try:
            text = Path(f.abs_src_path).read_text(encoding="utf-8", errors="replace")
        except (OSError, TypeError):
            return True  # not readable as a file: render it, as before
        return any(marker in text for marker in FILLED)

    def banner(self) -> str:
        """The problems as the first thing on the page, or "" when the last save was good."""
        if not self.problems:
            return ""
        n = len(self.problems)
        items = "".join(
            f"<li><code>{esc(p.path)}:{p.line}:{p.col}</code> <strong>{esc(p.code)}</strong> {esc(p.message)}"
            + (f"<br><em>{HINT_WORD}: {esc(p.hint)}</em>" if p.hint else "") + "</li>"
            for p in self.problems
        )
        return (f'<div class="admonition failure {BANNER_CLASS}" role="alert">'
                f'<p class="admonition-title">De laatste wijziging is niet overgenomen: '
                f'{n} {"fout" if n == 1 else "fouten"}</p>'
                "<p>Deze voorvertoning toont de laatste goede versie. Herstel het volgende en sla het "
                f"bestand opnieuw op; de pagina ververst vanzelf.</p><ul>{items}</ul></div>")
