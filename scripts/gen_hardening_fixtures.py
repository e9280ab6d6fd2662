"""Test data: make the broken fixtures for the codes of the Hardening issue (WW009, WW109, WW305, WW503, WW607): each a copy of the valid root
with one fault; expected.txt names the file:line:code we mean to report (checked afterwards)."""
import shutil
from pathlib import Path
F = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
V = "dossiers/voorbeeld/dossier.yml"
D = "dossiers/voorbeeld/definitie.md"
A = "dossiers/ander-dossier/dossier.yml"

def case(name, edits, expected, note):
    root = F / "broken" / name
    if root.exists(): shutil.rmtree(root)
    shutil.copytree(F / "valid", root)
    for path, old, new in edits:
        p = root / path
        t = p.read_text(encoding="utf-8")
        if old is None:
            t = t + new
        else:
            assert t.count(old) == 1, (name, old)
            t = t.replace(old, new)
        p.write_text(t, encoding="utf-8")
    (root / "expected.txt").write_text(f"# {note}\n" + "".join(f"{e}\n" for e in expected), encoding="utf-8")

# WW009 control characters
case("ww009-control-char-in-markdown", [(D, "validator te testen", "validator\x07 te testen")],
     [f"{D}:1 WW009"], "a BEL character inside a sentence")
case("ww009-bidi-override-in-markdown", [(D, None, "\nDit lijkt \u202egewone\u202c tekst.\n")],
     [f"{D}:5 WW009", f"{D}:5 WW009"], "a right-to-left override and its pop: both reported")
case("ww009-escaped-control-char-in-title", [(V, "title: Wat werkt bij het testen van dossiers",
     'title: "Wat werkt bij het testen\\x1b van dossiers"')], [f"{V}:2 WW009"], "an escape in a double-quoted YAML title")
case("ww009-bidi-in-yaml-markdown-field", [(V, "Een project dat als voorbeeld dient.", "Een project dat\u202e als voorbeeld dient.")],
     [f"{V}:24 WW009"], "a right-to-left override YAML itself accepts, in a Markdown field")
# WW109 nesting
case("ww109-deep-blockquote", [(D, None, "\n" + ">" * 40 + " diep\n")], [f"{D}:5 WW109"], "40 nested block quotes")
case("ww109-deep-html", [(D, None, "\n" + "<div>" * 60 + "x" + "</div>" * 60 + "\n")], [f"{D}:5 WW109"], "60 nested divs")
case("ww109-deep-list", [(D, None, "\n" + "".join("  " * i + "- x\n" for i in range(30)))],
     [f"{D}:{5 + 13} WW109"], "a list 30 levels deep; the first item past 12 levels is reported")
case("ww109-deep-brackets", [(D, None, "\n" + "[" * 20 + "x" + "]" * 20 + "\n")], [f"{D}:5 WW109"], "20 nested brackets")
# WW305 implausible dates
case("ww305-published-far-past", [(V, "published: 2025-01-15", "published: 1025-01-15")], [f"{V}:9 WW305"],
     "a typo in the year: 1025")
case("ww305-reviewed-in-the-future", [(V, "reviewed: 2025-06-01", "reviewed: 2030-06-01"),
                                      (V, "review_due: 2027-06-01", "review_due: 2031-06-01")],
     [f"{V}:10 WW305"], "last reviewed four years after 'today' (2026-06-01)")
case("ww305-review-due-far-ahead", [(V, "review_due: 2027-06-01", "review_due: 2207-06-01")], [f"{V}:11 WW305"],
     "the next review two centuries ahead")
case("ww305-changelog-in-the-future", [(V, "  - date: 2025-06-01\n    summary: Eerste versie.",
                                        "  - date: 2029-06-01\n    summary: Eerste versie.")], [f"{V}:44 WW305"],
     "a changelog entry dated three years ahead")
case("ww305-literature-year", [(V, "    year: 2021\n", "    year: 2921\n")], [f"{V}:39 WW305"], "a publication from 2921")
# WW503 malformed citations
case("ww503-citation-not-closed", [(D, "[@testbureau-2021].", "[@testbureau-2021.")], [f"{D}:1 WW503", f"{V}:36 WW502"],
     "the closing bracket is missing (so the source also counts as never cited)")
case("ww503-citation-space-after-at", [(D, "[@testbureau-2021]", "[@ testbureau-2021]")], [f"{D}:1 WW503", f"{V}:36 WW502"],
     "a space between @ and the key (so the source also counts as never cited)")
case("ww503-citation-empty", [(D, None, "\nZie [@].\n")], [f"{D}:5 WW503"], "no key at all")
case("ww503-citation-second-key-bad", [(D, "[@testbureau-2021]", "[@testbureau-2021; @ jansen-2020]")],
     [f"{D}:1 WW503"], "the second key of a group starts with a space")
# WW607 theme/target-group collisions
case("ww607-theme-spellings-collide", [(V, "themes: [testen]", "themes: [Zorg & welzijn]"),
                                       (A, "status: published", "status: published\nthemes: [zorg welzijn]")],
     [f"{V}:12 WW607", f"{A}:5 WW607"], "two spellings, one address themas/zorg-welzijn")
case("ww607-target-group-accents", [(V, "target_groups: [redacteuren]", "target_groups: [Ouders én kinderen]"),
                                    (A, "status: published", "status: published\ntarget_groups: [ouders en kinderen]")],
     [f"{V}:13 WW607", f"{A}:5 WW607"], "an accent and capitals make no other address")
case("ww607-within-one-dossier", [(V, "themes: [testen]", "themes: [wonen, Wonen]")],
     [f"{V}:12 WW607", f"{V}:12 WW607"], "two spellings in the same list")
# WW001 in Dutch, at the place a construct was opened
case("ww001-yaml-unclosed-quote", [(V, 'summary: Een klein testdossier dat alle velden gebruikt.',
                                    "summary: 'Een klein testdossier dat alle velden gebruikt.")],
     [f"{V}:3 WW001"], "a quoted text never closed: reported where it opens")
case("ww001-yaml-unclosed-flow-mapping", [(V, "    recognition:\n      level: goed-beschreven\n      date: 2024-03-01",
                                           "    recognition: {level: goed-beschreven, date: 2024-03-01")],
     [f"{V}:26 WW001"], "a { mapping never closed: reported where it opens")
