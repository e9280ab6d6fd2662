"""Test data: the broken fixtures for also-known-as terms (`zoektermen`): WW608 (a term repeating the title
or another term), and WW101, WW107, WW108, WW009 on the new field. Each is a copy of the valid root with one
fault; expected.txt names the file:line:code we mean to report (tests/test_fixtures.py checks it)."""
import shutil
from pathlib import Path

F = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
V = "dossiers/voorbeeld/dossier.yml"
AFTER_GROUPS = "target_groups: [redacteuren]\n"  # line 13; a dossier term list starts on line 14
AFTER_SOURCES = "    sources: [jansen-2020]\n"  # line 20; an element term list starts on line 21


def case(name, edits, expected, note):
    root = F / "broken" / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(F / "valid", root)
    for path, old, new in edits:
        p = root / path
        t = p.read_text(encoding="utf-8")
        assert t.count(old) == 1, (name, old)
        p.write_text(t.replace(old, old + new), encoding="utf-8")  # every edit inserts after `old`
    (root / "expected.txt").write_text(f"# {note}\n" + "".join(f"{e}\n" for e in expected), encoding="utf-8")


def dossier_terms(lines):
    return [(V, AFTER_GROUPS, "".join(f"{line}\n" for line in lines))]


def element_terms(lines):
    return [(V, AFTER_SOURCES, "".join(f"    {line}\n" for line in lines))]


# WW608: a term that adds nothing to search
case("ww608-zoekterm-twice-other-case", dossier_terms(["zoektermen:", "  - proefdraaien", "  - Proefdraaien"]),
     [f"{V}:16 WW608"], "the same term twice, once with a capital: reported at the second")
case("ww608-zoekterm-twice-accents-and-spaces",
     dossier_terms(["zoektermen: [dossiers keuren, proefdraaien, 'dossiers  kéuren']"]),
     [f"{V}:14 WW608"], "an accent and a double space make no other term")
case("ww608-zoekterm-repeats-title", dossier_terms(["zoektermen:", "  - proefdraaien", "  - Het testen van dossiers"]),
     [f"{V}:16 WW608"], "the title without its 'Wat werkt bij'")
case("ww608-element-zoekterm-repeats-element-title",
     element_terms(["zoektermen:", "  - heldere foutmeldingen", "  - duidelijke meldingen"]),
     [f"{V}:23 WW608"], "an element term equal to the element's own title")
case("ww608-element-zoekterm-twice", element_terms(["zoektermen: [heldere foutmeldingen, Heldere foutmeldingen]"]),
     [f"{V}:21 WW608"], "the same element term twice")
# The loader's codes on the new field
case("ww108-empty-zoekterm", dossier_terms(["zoektermen:", "  - proefdraaien", '  - ""']),
     [f"{V}:16 WW108"], "an empty term")
case("ww107-zoekterm-too-long", dossier_terms(["zoektermen:", "  - " + "proefdraaien " * 7]),
     [f"{V}:15 WW107"], "a term of 90 characters (at most 80)")
case("ww107-too-many-zoektermen", dossier_terms(["zoektermen: [" + ", ".join(f"term{i}" for i in range(21)) + "]"]),
     [f"{V}:14 WW107"], "21 terms (at most 20)")
case("ww101-zoektermen-is-text", element_terms(["zoektermen: heldere foutmeldingen"]),
     [f"{V}:21 WW101"], "one text instead of a list")
case("ww009-control-char-in-zoekterm", dossier_terms(['zoektermen: ["proef\\x1bdraaien"]']),
     [f"{V}:14 WW009"], "an escape character inside a term")
