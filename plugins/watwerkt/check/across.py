"""Rules across dossiers: folder names (slugs), colliding folders, equal titles, former slugs."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from watwerkt.load.folder import LoadedDossier
from watwerkt.model.problems import Problem
from watwerkt.model.slug import SLUG_RE, fold, reserved_slug, slugify


def check_across(dossiers: list[LoadedDossier], folders: list[Path]) -> list[Problem]:
    out: list[Problem] = []

    def add(shown: str, code: str, message: str, hint: str = "", line: int = 1, col: int = 1) -> None:
        out.append(Problem(shown, line, col, code, message, hint))

    by_fold: dict[str, list[LoadedDossier]] = defaultdict(list)
    for loaded in dossiers:
        by_fold[fold(loaded.slug)].append(loaded)
        if not SLUG_RE.match(loaded.slug):
            add(loaded.shown_yml, "WW605", f"mapnaam '{loaded.slug}' is geen geldige slug",
                f"gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{slugify(loaded.slug) or 'mijn-dossier'}'")
        elif reserved_slug(loaded.slug):
            add(loaded.shown_yml, "WW605", f"mapnaam '{loaded.slug}' is gereserveerd: de site zet daar een "
                "pagina van de dossierlijst", "kies een mapnaam die het onderwerp noemt")
    for group in by_fold.values():
        if len(group) > 1:
            names = ", ".join(sorted(g.slug for g in group))
            for loaded in group:
                add(loaded.shown_yml, "WW604", f"mapnamen botsen als hoofdletters en accenten niet tellen: {names}",
                    "geef elk dossier een duidelijk andere mapnaam")

    by_title: dict[str, list[LoadedDossier]] = defaultdict(list)
    for loaded in dossiers:
        if loaded.dossier and loaded.dossier.title:
            by_title[" ".join(loaded.dossier.title.lower().split())].append(loaded)
    for group in by_title.values():
        if len(group) > 1:
            for loaded in group:
                others = ", ".join(g.slug for g in group if g is not loaded)
                pos = loaded.dossier.where("title")
                add(pos.path, "WW603", f"dossier '{others}' heeft dezelfde titel", "maak de titels verschillend",
                    pos.line, pos.col)

    slugs = {loaded.slug for loaded in dossiers}
    claimed: dict[str, str] = {}
    for loaded in dossiers:
        d = loaded.dossier
        if d is None:
            continue
        for i, old in enumerate(d.former_slugs):
            pos = d.where_item("former_slugs", i)
            if old in slugs:
                add(pos.path, "WW606", f"oude slug '{old}' is de map van een bestaand dossier",
                    "een oude slug mag niet meer als map bestaan", pos.line, pos.col)
            elif old in claimed and claimed[old] != loaded.slug:
                add(pos.path, "WW606", f"oude slug '{old}' wordt ook door dossier '{claimed[old]}' geclaimd",
                    "een oude slug kan maar naar één dossier doorverwijzen", pos.line, pos.col)
            claimed.setdefault(old, loaded.slug)

    # Two spellings of a theme or target group that map to one overview address would share a
    # page silently ("Zorg & welzijn", "zorg welzijn"): name both, at every place they are used.
    for field, label in (("themes", "thema"), ("target_groups", "doelgroep")):
        spellings: dict[str, set[str]] = defaultdict(set)
        for loaded in dossiers:
            for value in (loaded.dossier.__dict__.get(field) or []) if loaded.dossier else []:
                spellings[slugify(value) or "x"].add(value)
        for loaded in dossiers:
            d = loaded.dossier
            for i, value in enumerate((d.__dict__.get(field) or []) if d else []):
                same = spellings[slugify(value) or "x"]
                if len(same) > 1:
                    pos = d.where_item(field, i)
                    others = ", ".join(f"'{v}'" for v in sorted(same) if v != value)
                    add(pos.path, "WW607", f"{label} '{value}' krijgt dezelfde pagina als {others}",
                        f"schrijf de {label} overal op één manier", pos.line, pos.col)
    return out


