"""What changed between two states of one dossier, as located facts with two wordings: the editor's
line (`watwerkt diff`) and the reader's sentence ("Wat is er veranderd" on the versions page).

Each change has a rank, so readers see evidence-level changes first, then effective elements,
sections and the rest; the editor's lines keep the order of the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from watwerkt.model.dossier import SECTIONS, STATUS_LABELS, Dossier
from watwerkt.model.settings import Settings

ELEMENT_PARTS = (("title", "titel"), ("description", "beschrijving"), ("effect", "effect"), ("sources", "bronnen"))
DATE_LABELS = {"published": "gepubliceerd", "reviewed": "laatst herzien", "review_due": "volgende herziening"}
# Reader order: evidence levels first (what a practitioner relies on), then the elements, the texts,
# the literature and examples, the rest; the changelog itself is shown beside the summary.
RANKS = {"evidence": 0, "element": 1, "section": 2, "title": 3, "literature": 4, "examples": 5,
         "meta": 6, "status": 7, "dates": 8, "changelog": 9}


@dataclass(frozen=True)
class Change:
    kind: str  # a key of RANKS
    text: str  # the editor's line, as `watwerkt diff` prints it
    reader: str  # the same change as a Dutch sentence for readers
    content: bool = True  # a change of what the dossier says (not only dates, status, changelog)

    @property
    def rank(self) -> int:
        return RANKS[self.kind]


def _shown(value) -> str:
    """A value as an editor reads it: 'geen' for a missing one, never 'None'."""
    return "geen" if value is None or value == "" else str(value)


def status_text(value: str | None) -> str:
    return f"{value} ({STATUS_LABELS[value].lower()})" if value in STATUS_LABELS else _shown(value)


def _evidence(value: str | None, settings: Settings) -> str:
    level = settings.evidence(value or "")
    return level.label if level else _shown(value)


def _heading(file_name: str) -> str:
    stem = file_name[:-3] if file_name.endswith(".md") else file_name
    return SECTIONS.get(stem, stem)


def _terms_changed(old: list[str], new: list[str], whose: str, of: str) -> list[Change]:
    """Also-known-as terms added and removed, each quoted as written, in file order. They do not change
    what the dossier says, so no changelog entry is asked for."""
    added = [t for t in new if t not in old]
    removed = [t for t in old if t not in new]
    out = []
    for verb, reader, found in (("toegevoegd", "Nieuwe zoektermen", added), ("verwijderd", "Zoektermen vervallen", removed)):
        if found:
            quoted = ", ".join(f"'{t}'" for t in found)
            out.append(Change("meta", f"Zoektermen {verb}{whose}: {quoted}", f"{reader}{of}: {quoted}.", False))
    return out


def changes(old: Dossier, new: Dossier, old_files: dict, new_files: dict, settings: Settings) -> list[Change]:
    """Every change from `old` to `new` (section files as name -> bytes), in comparison order."""
    out: list[Change] = []

    def add(kind: str, text: str, reader: str, content: bool = True) -> None:
        out.append(Change(kind, text, reader, content))

    if old.title != new.title:
        add("title", f"Titel gewijzigd: '{_shown(old.title)}' -> '{_shown(new.title)}'",
            f"De titel is nu '{_shown(new.title)}' (was '{_shown(old.title)}').")
    if old.summary != new.summary:
        add("title", "Samenvatting gewijzigd", "De samenvatting is herschreven.")
    if old.status != new.status:
        add("status", f"Status gewijzigd: {status_text(old.status)} -> {status_text(new.status)}",
            f"Status: {STATUS_LABELS.get(new.status or '', _shown(new.status)).lower()}.", False)
    out += _terms_changed(old.zoektermen, new.zoektermen, "", "")

    changed = [n for n in sorted(set(old_files) & set(new_files)) if old_files[n] != new_files[n]]
    added = sorted(set(new_files) - set(old_files))
    removed = sorted(set(old_files) - set(new_files))
    for label, reader, found in (("Secties gewijzigd", "Tekst herzien", changed),
                                 ("Secties toegevoegd", "Nieuwe sectie", added),
                                 ("Secties verwijderd", "Sectie verwijderd", removed)):
        if found:
            add("section", f"{label}: {', '.join(found)}", f"{reader}: {', '.join(map(_heading, found))}.")

    old_el = {e.id: e for e in old.effective_elements if e.id}
    new_el = {e.id: e for e in new.effective_elements if e.id}
    for eid in [e for e in new_el if e not in old_el]:
        e = new_el[eid]
        add("element", f"Werkzaam element toegevoegd: {eid} ({_shown(e.title)}), bewijsniveau {_evidence(e.evidence, settings)}",
            f"Nieuw werkzaam element '{_shown(e.title)}', bewijsniveau {_evidence(e.evidence, settings)}.")
    for eid in [e for e in old_el if e not in new_el]:
        add("element", f"Werkzaam element verwijderd: {eid} ({_shown(old_el[eid].title)})",
            f"Werkzaam element '{_shown(old_el[eid].title)}' is vervallen.")
    for eid in [e for e in new_el if e in old_el]:
        a, b = old_el[eid], new_el[eid]
        if a.evidence != b.evidence:
            add("evidence", f"Bewijsniveau gewijzigd: {eid}: {_evidence(a.evidence, settings)} -> {_evidence(b.evidence, settings)}",
                f"Bewijsniveau van '{_shown(b.title)}': {_evidence(a.evidence, settings)} → "
                f"{_evidence(b.evidence, settings)}.")
        parts = [label for name, label in ELEMENT_PARTS if getattr(a, name) != getattr(b, name)]
        if parts:
            add("element", f"Werkzaam element gewijzigd: {eid} ({', '.join(parts)})",
                f"Werkzaam element '{_shown(b.title)}' herzien ({', '.join(parts)}).")
        out += _terms_changed(a.zoektermen, b.zoektermen, f" bij werkzaam element {eid}", f" bij '{_shown(b.title)}'")

    old_lit = {e.id: e for e in old.literature if e.id}
    new_lit = {e.id: e for e in new.literature if e.id}
    for lid in [i for i in new_lit if i not in old_lit]:
        e = new_lit[lid]
        add("literature", f"Literatuur toegevoegd: {lid} ({_shown(e.title)}, {_shown(e.year)})",
            f"Nieuwe bron: {_shown(e.title)} ({_shown(e.year)}).")
    for lid in [i for i in old_lit if i not in new_lit]:
        e = old_lit[lid]
        add("literature", f"Literatuur verwijderd: {lid} ({_shown(e.title)}, {_shown(e.year)})",
            f"Bron vervallen: {_shown(e.title)} ({_shown(e.year)}).")
    for lid in [i for i in new_lit if i in old_lit and old_lit[i] != new_lit[i]]:
        add("literature", f"Literatuur gewijzigd: {lid}", f"Bron bijgewerkt: {_shown(new_lit[lid].title)}.")

    if old.examples != new.examples:
        add("examples", "Goede voorbeelden gewijzigd", "De goede voorbeelden zijn bijgewerkt.")
    if old.authors != new.authors:
        add("meta", "Auteurs gewijzigd", "De auteurs zijn gewijzigd.")
    if (old.themes, old.target_groups) != (new.themes, new.target_groups):
        add("meta", "Thema's of doelgroepen gewijzigd", "De thema's of doelgroepen zijn gewijzigd.")

    if old.dates != new.dates:
        for name, label in DATE_LABELS.items():
            a = getattr(old.dates, name, None)
            b = getattr(new.dates, name, None)
            if a != b:
                add("dates", f"Datum {label} ({name}) gewijzigd: {a or 'geen'} -> {b or 'geen'}",
                    f"Datum {label} bijgewerkt.", False)

    old_log = {(c.date, c.summary) for c in old.changelog}
    for c in [c for c in new.changelog if (c.date, c.summary) not in old_log]:
        add("changelog", f"Wijziging toegevoegd aan changelog: {_shown(c.date)}: {_shown(c.summary)}",
            f"Wijziging: {_shown(c.summary)}", False)
    new_log = {(n.date, n.summary) for n in new.changelog}
    if len(new.changelog) < len(old.changelog) or any((c.date, c.summary) not in new_log for c in old.changelog):
        add("changelog", "Changelog: een bestaande regel is gewijzigd of verwijderd",
            "Een eerdere regel van de wijzigingen is aangepast.", False)
    return out


def compare_dossier(old: Dossier, new: Dossier, old_files: dict, new_files: dict,
                    settings: Settings) -> tuple[list[str], bool, bool]:
    """(editor lines, content changed, changelog entry added) for one dossier present on both sides."""
    found = changes(old, new, old_files, new_files, settings)
    logged = any(c.text.startswith("Wijziging toegevoegd aan changelog") for c in found)
    return [c.text for c in found], any(c.content for c in found), logged


def reader_summary(old: Dossier, new: Dossier, old_files: dict, new_files: dict,
                   settings: Settings) -> list[str]:
    """The reader's sentences, evidence-level changes first; the changelog is shown beside them."""
    found = [c for c in changes(old, new, old_files, new_files, settings) if c.kind != "changelog"]
    return [c.reader for c in sorted(found, key=lambda c: c.rank)]  # sorted() keeps order within a rank
