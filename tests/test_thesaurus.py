"""The search thesaurus as SKOS concepts: reading thesaurus.yml (voorkeursterm/ook/breder/notitie),
the rules of check/thesaurus.py, what search does with altLabels and skos:broader, and the
package default (converted from the old groups, with the same expansion)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from test_search_support import corpus, write_dossier
from watwerkt.check import check
from watwerkt.check.thesaurus import check_thesaurus, default_thesaurus, project_thesaurus
from watwerkt.editor.review import only_changed
from watwerkt.load.thesaurus import read_thesaurus
from watwerkt.model import thesaurus as T
from watwerkt.model.settings import SettingsError
from watwerkt.search import build_index, search
from watwerkt.search.analysis import MATCH
from watwerkt.search import open_index
from watwerkt.search.expansion import (ALTERNATIVES_MAX, NARROWER_BOOST, PARTIAL_MAX, SYNONYM_BOOST, compile_partial,
                                         compile_thesaurus, units)
from watwerkt.search.thesaurus import load_thesaurus, stored_form
from watwerkt.site.config import load_project


def read(tmp_path: Path, text: str):
    path = tmp_path / "thesaurus.yml"
    path.write_text(text, encoding="utf-8")
    return read_thesaurus(path, "thesaurus.yml")


def codes(problems):
    return sorted((p.line, p.code) for p in problems)


# -- reading -------------------------------------------------------------------------------------
def test_a_concept_maps_onto_skos_labels_broader_and_note(tmp_path):
    thesaurus, problems = read(tmp_path, (
        "# testdata\n"
        "begrippen:\n"
        "  - voorkeursterm: vervoer\n"
        "    ook: [mobiliteit,  'reizen  met het ov']\n"
        "  - voorkeursterm: belbus\n"
        "    ook: buurtbus\n"
        "    breder: vervoer\n"
        "    notitie: Vervoer op afroep.\n"
        "  - voorkeursterm: opstapper\n"
        "    breder: [belbus, vervoer]\n"))
    assert problems == []
    vervoer, belbus, opstapper = thesaurus.concepts
    assert vervoer.labels == ["vervoer", "mobiliteit", "reizen met het ov"]  # runs of spaces collapse
    assert (belbus.pref, belbus.alt, belbus.broader, belbus.note) == ("belbus", ["buurtbus"], ["vervoer"],
                                                                      "Vervoer op afroep.")
    assert opstapper.broader == ["belbus", "vervoer"]
    assert (belbus.pref_where.line, belbus.pref_where.col) == (5, 20)
    assert [w.line for w in vervoer.alt_where] == [4, 4]
    assert not thesaurus.replaces_default
    assert T.SKOS_PROPERTY == {"voorkeursterm": "skos:prefLabel", "ook": "skos:altLabel",
                               "breder": "skos:broader", "notitie": "skos:scopeNote"}


@pytest.mark.parametrize("text", ["", "# alleen commentaar\n", "begrippen:\n", "begrippen: []\n"])
def test_an_empty_thesaurus_has_no_concepts_and_no_problems(tmp_path, text):
    thesaurus, problems = read(tmp_path, text)
    assert thesaurus.concepts == [] and problems == []


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    _, problems = read(tmp_path, (
        "begrippen:\n"
        "  - voorkeursterm: a\n"
        "    ok: [b]\n"                      # 3: unknown key
        "  - ook: [c]\n"                     # 4: no voorkeursterm
        "  - voorkeursterm: [d, e]\n"        # 5: more than one voorkeursterm
        "  - voorkeursterm: ''\n"            # 6: empty
        "  - voorkeursterm: f\n"
        "    ook: {g: h}\n"                  # 8: a mapping, not terms
        "standaardthesaurus: soms\n"))       # 9: neither aanvullen nor vervangen
    assert codes(problems) == [(3, "WW951"), (4, "WW953"), (5, "WW952"), (6, "WW958"), (8, "WW952"),
                               (9, "WW952")]
    assert all(p.path == "thesaurus.yml" and p.col >= 1 and p.message and p.hint for p in problems
               if p.code != "WW952" or p.line != 9) and problems[0].hint == "bedoelde u 'ook'?"


def test_the_old_synonyms_format_is_refused_with_its_conversion(tmp_path):
    _, problems = read(tmp_path, "synonyms:\n  - [jeugdhulp, jeugdzorg]\n")
    assert codes(problems) == [(1, "WW959")]
    assert "- {voorkeursterm: jeugdhulp, ook: [jeugdzorg]}" in problems[0].hint


@pytest.mark.parametrize("text, code", [
    ("begrippen:\n  - voorkeursterm: !!python/name:os.system a\n", "WW006"),
    ("begrippen:\n  - &x {voorkeursterm: a}\n  - *x\n", "WW005"),
    ("begrippen: [{voorkeursterm: a}\n", "WW001"),
    ("begrippen:\n\t- voorkeursterm: a\n", "WW001"),
])
def test_unsafe_or_broken_yaml_is_a_located_problem_never_an_object(tmp_path, text, code):
    thesaurus, problems = read(tmp_path, text)
    assert [p.code for p in problems] == [code] and thesaurus.concepts == []


def test_a_file_over_the_size_bound_is_not_read(tmp_path):
    text = "begrippen:\n" + "  - voorkeursterm: woord\n" * (T.MAX_FILE_BYTES // 24 + 1)
    thesaurus, problems = read(tmp_path, text)
    assert [(p.code, p.line) for p in problems] == [("WW004", 1)] and thesaurus.concepts == []


# -- rules across concepts -----------------------------------------------------------------------
def test_breder_may_name_a_concept_of_the_default(tmp_path):
    own, problems = read(tmp_path, "begrippen:\n  - voorkeursterm: huurschuld\n    breder: Schulden\n")
    assert problems == []
    default, _ = default_thesaurus()
    assert check_thesaurus(own, default.concepts) == []
    assert [p.code for p in check_thesaurus(own)] == ["WW956"]  # without the default it is unknown


def test_a_project_term_already_in_the_default_is_no_warning(tmp_path):
    # Extending a default concept from the project is what the project file is for.
    (tmp_path / "thesaurus.yml").write_text("begrippen:\n  - voorkeursterm: schuldhulp\n    ook: [budgetcoaching]\n",
                                            encoding="utf-8")
    concepts, problems = project_thesaurus(tmp_path, tmp_path)
    assert problems == []
    assert concepts[0].labels == ["schuldhulp", "budgetcoaching"]  # the project's own concepts come first


def test_standaardthesaurus_vervangen_leaves_the_default_out(tmp_path):
    (tmp_path / "thesaurus.yml").write_text("standaardthesaurus: vervangen\nbegrippen:\n"
                                            "  - voorkeursterm: inloop\n    ook: [soos]\n", encoding="utf-8")
    assert load_thesaurus(tmp_path) == {"groups": [["inloop", "soos"]], "narrower": []}
    (tmp_path / "thesaurus.yml").write_text("standaardthesaurus: vervangen\nbegrippen:\n"
                                            "  - voorkeursterm: huurschuld\n    breder: schulden\n", encoding="utf-8")
    assert [p.code for p in project_thesaurus(tmp_path, tmp_path)[1]] == ["WW956"]


def test_a_broken_thesaurus_is_refused_with_every_located_error(tmp_path):
    (tmp_path / "thesaurus.yml").write_text(
        "begrippen:\n  - voorkeursterm: a\n    breder: b\n  - voorkeursterm: c\n    breder: c\n"
        "  - voorkeursterm: d\n    ook: [e]\n  - voorkeursterm: f\n    ook: [e]\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_thesaurus(tmp_path, tmp_path)
    message = str(caught.value)
    assert "thesaurus.yml:3:13: fout WW956 " in message and "thesaurus.yml:5:13: fout WW957 " in message
    assert "WW955" not in message  # a warning does not stop the index


def test_check_reports_the_thesaurus_and_check_changed_keeps_it(tmp_path):
    root = tmp_path / "project"
    (root / "dossiers").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text("begrippen:\n  - voorkeursterm: a\n    breder: b\n", encoding="utf-8")
    result = check([root / "dossiers"], load_project(root / "mkdocs.yml"), TODAY, base=root)
    assert [(p.path, p.line, p.code) for p in result.problems] == [("thesaurus.yml", 3, "WW956")]
    assert result.errors and result.valid_dossiers() == []
    assert only_changed(result, set()) == result.problems


# -- the package default -------------------------------------------------------------------------
def test_the_default_has_no_errors_and_one_deliberate_shared_term():
    default, problems = default_thesaurus()
    assert [(p.code, p.message) for p in problems] == [("WW955", "'armoede' staat ook bij het begrip 'verarming'")]
    prefs = {c.pref for c in default.concepts}
    assert len(prefs) == len(default.concepts)  # one concept per preferred term
    assert all(b in prefs for c in default.concepts for b in c.broader)  # the hierarchy stays inside it
    assert project_thesaurus(None)[1] == []  # a project's editors do not see that warning


def _expands(stored, word):
    compiled, _ = compile_thesaurus(stored)
    return compiled.get(tuple(t.text for t in MATCH(word)), [])


def test_a_term_holding_all_the_keys_words_is_no_alternative_of_it():
    stored = {"groups": [["buurtbus", "elektrische buurtbus", "belbus"]], "narrower": []}
    # "elektrische buurtbus" can only match where "buurtbus" does: it would add no dossier
    assert [w for w, _ in _expands(stored, "buurtbus")] == ["belbus"]
    assert [w for w, _ in _expands(stored, "belbus")] == ["buurtbus", "elektrische buurtbus"]
    assert [w for w, _ in _expands(stored, "elektrische buurtbus")] == ["buurtbus", "belbus"]


def test_the_default_keeps_the_old_groups_behaviour_for_armoede():
    # Old format: [armoede, verarming] and [armoede, minima, lage inkomens], not merged.
    # The default has since grown (more terms in the second concept); the two stay apart.
    # Both concepts have since grown too; what stays is who finds whom.
    stored = load_thesaurus(None)
    armoede = dict(_expands(stored, "armoede"))
    assert all(armoede.get(w) == SYNONYM_BOOST for w in ("verarming", "minima", "lage inkomens"))
    verarming = dict(_expands(stored, "verarming"))
    assert verarming.get("armoede") == SYNONYM_BOOST
    assert "minima" not in verarming and "lage inkomens" not in verarming
    minima = dict(_expands(stored, "minima"))
    assert minima.get("armoede") == SYNONYM_BOOST and minima.get("lage inkomens") == SYNONYM_BOOST
    assert "verarming" not in minima


# -- search on a hand-written corpus (test data) -------------------------------------------------
WORDS = {"inloop": "de inloop", "soos": "de soos", "vervoer": "het vervoer", "mobiliteit": "de mobiliteit",
         "belbus": "de belbus", "buurtbus": "de buurtbus", "opstapper": "de opstapper"}
THESAURUS = """# testdata: alleen deze begrippen, zonder de standaardthesaurus
standaardthesaurus: vervangen
begrippen:
  - voorkeursterm: inloop
    ook: [soos]
  - voorkeursterm: vervoer
    ook: [mobiliteit]
  - voorkeursterm: belbus
    ook: [buurtbus]
    breder: vervoer
  - voorkeursterm: opstapper
    breder: belbus
"""


def _index(tmp_path: Path, thesaurus: str, words: dict[str, str] = WORDS) -> Path:
    root = tmp_path / "project"
    for n, (slug, text) in enumerate(words.items(), 1):
        write_dossier(root / "dossiers", slug, f"Testdossier {n}", "Een testdossier.", f"Dit testdossier beschrijft {text}.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text(thesaurus, encoding="utf-8")
    build_index(*corpus(root), root / "idx")
    return root / "idx"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return _index(tmp_path_factory.mktemp("skos"), THESAURUS)


def ranked(index, q):
    return [(h.slug, round(h.score, 6)) for h in search(index, q).hits]


def test_preflabel_and_altlabel_find_each_other_the_exact_word_first(index):
    for q, other in (("inloop", "soos"), ("soos", "inloop")):
        (first, top), (second, lower) = ranked(index, q)
        assert (first, second) == (q, other) and top > lower


def test_a_broader_concept_finds_its_narrower_concepts_lower_than_its_own_terms(index):
    for q, own in (("vervoer", "mobiliteit"), ("mobiliteit", "vervoer")):
        hits = ranked(index, q)
        assert [s for s, _ in hits[:2]] == [q, own]
        assert {s for s, _ in hits[2:]} == {"belbus", "buurtbus"}  # not opstapper: one level only
        assert hits[1][1] > hits[2][1] == hits[3][1]


def test_a_narrower_concept_does_not_find_the_broader_one(index):
    assert [s for s, _ in ranked(index, "belbus")] == ["belbus", "buurtbus", "opstapper"]
    assert [s for s, _ in ranked(index, "buurtbus")] == ["buurtbus", "belbus", "opstapper"]
    assert [s for s, _ in ranked(index, "opstapper")] == ["opstapper"]


def test_without_breder_the_broader_query_finds_only_its_own_terms(tmp_path):
    idx = _index(tmp_path, THESAURUS.replace("    breder: vervoer\n", ""))
    assert [s for s, _ in ranked(idx, "vervoer")] == ["vervoer", "mobiliteit"]


def test_the_stored_form_links_broader_to_narrower_by_index(tmp_path):
    (tmp_path / "thesaurus.yml").write_text(THESAURUS, encoding="utf-8")
    concepts, problems = project_thesaurus(tmp_path, tmp_path)
    assert problems == []
    assert stored_form(concepts) == {"groups": [["inloop", "soos"], ["vervoer", "mobiliteit"],
                                                ["belbus", "buurtbus"], ["opstapper"]],
                                     "narrower": [[1, 2], [2, 3]]}
    assert _expands(stored_form(concepts), "mobiliteit") == [
        ("vervoer", SYNONYM_BOOST), ("belbus", NARROWER_BOOST), ("buurtbus", NARROWER_BOOST)]
    assert NARROWER_BOOST < SYNONYM_BOOST


# -- the editors' guide --------------------------------------------------------------------------
GUIDE = Path(__file__).resolve().parent.parent / "docs" / "redactie" / "zoeken.md"


def _blocks(text: str, opening: str) -> list[str]:
    parts = text.split(opening + "\n")[1:]
    return [p.split("```\n")[0] for p in parts]


def test_the_guide_example_is_valid_and_its_message_is_what_check_prints(tmp_path):
    from watwerkt.model.problems import format_text

    section = GUIDE.read_text(encoding="utf-8").split("## De thesaurus")[1]
    example = _blocks(section, "```yaml")[0]
    (tmp_path / "thesaurus.yml").write_text(example, encoding="utf-8")
    concepts, problems = project_thesaurus(tmp_path, tmp_path)
    own, _ = read_thesaurus(tmp_path / "thesaurus.yml", "thesaurus.yml")
    assert problems == [] and concepts[len(own.concepts) - 1].broader == ["vervoer"]
    shown = _blocks(section, "```")[1]  # the message under "Controleren"
    (tmp_path / "thesaurus.yml").write_text(example.replace("breder: vervoer", "breder: vervoersaanbod"), encoding="utf-8")
    assert format_text(project_thesaurus(tmp_path, tmp_path)[1]) + "\n" == shown


# -- SKOS export (Turtle, one triple per line) ---------------------------------------------------
_TRIPLE = __import__("re").compile(r'^<([^<>"\s]+)> <([^<>"\s]+)> (<[^<>"\s]+>|"(?:[^"\\\n]|\\[\\"nrt])*"@nl) \.$')
SKOS = "http://www.w3.org/2004/02/skos/core#"


def triples(text: str) -> set[tuple[str, str, str]]:
    out = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = _TRIPLE.match(line)
        assert m, f"not a triple: {line!r}"
        out.add(m.groups())
    return out


def test_the_skos_export_has_one_triple_per_key(tmp_path):
    from watwerkt.export.skos import RDF_TYPE, thesaurus_turtle

    thesaurus, problems = read(tmp_path, (
        "begrippen:\n"
        "  - voorkeursterm: vervoer\n"
        "    ook: [mobiliteit]\n"
        "  - voorkeursterm: Belbus\n"
        "    ook: ['bus \"op afroep\"']\n"
        "    breder: vervoer\n"
        "    notitie: \"Twee regels:\\nen een \\\\.\"\n"))
    assert problems == []
    got = triples(thesaurus_turtle(thesaurus.concepts, "https://kennisbank.example.org/"))
    scheme = "https://kennisbank.example.org/thesaurus"
    v, b = f"{scheme}#vervoer", f"{scheme}#belbus"
    assert got == {
        (scheme, RDF_TYPE, f"<{SKOS}ConceptScheme>"),
        (v, RDF_TYPE, f"<{SKOS}Concept>"), (v, SKOS + "inScheme", f"<{scheme}>"),
        (v, SKOS + "prefLabel", '"vervoer"@nl'), (v, SKOS + "altLabel", '"mobiliteit"@nl'),
        (b, RDF_TYPE, f"<{SKOS}Concept>"), (b, SKOS + "inScheme", f"<{scheme}>"),
        (b, SKOS + "prefLabel", '"Belbus"@nl'), (b, SKOS + "altLabel", '"bus \\"op afroep\\""@nl'),
        (b, SKOS + "broader", f"<{v}>"), (b, SKOS + "scopeNote", '"Twee regels:\\nen een \\\\."@nl'),
    }


def test_the_default_exports_every_label_once_and_the_cli_prints_it(tmp_path, monkeypatch, capsys):
    from watwerkt.cli import main

    default, _ = default_thesaurus()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["thesaurus"]) == 0
    got = triples(capsys.readouterr().out)
    labels = [o for _, p, o in got if p in (SKOS + "prefLabel", SKOS + "altLabel")]
    assert len(labels) == sum(len(c.labels) for c in default.concepts)
    assert len({s for s, p, _ in got if p == SKOS + "prefLabel"}) == len(default.concepts) > 0
    (tmp_path / "thesaurus.yml").write_text("begrippen:\n  - voorkeursterm: a\n    breder: b\n", encoding="utf-8")
    assert main(["thesaurus"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "thesaurus.yml:3:13: fout WW956" in captured.err


def test_each_ring_of_breder_is_reported_once_and_a_long_ring_shortly(tmp_path):
    ring = [f"stap{i}" for i in range(30)]
    text = "begrippen:\n" + "".join(f"  - {{voorkeursterm: {a}, breder: {b}}}\n"
                                    for a, b in zip(ring, ring[1:] + ring[:1]))
    text += "  - {voorkeursterm: x, breder: [y, stap3]}\n  - {voorkeursterm: y, breder: x}\n"
    own, problems = read(tmp_path, text)
    assert problems == []
    found = check_thesaurus(own)
    assert codes(found) == [(2, "WW957"), (32, "WW957")]
    assert found[0].message == ("'breder' maakt een kring: stap0 → stap1 → stap2 → stap3 → stap4 → stap5 → "
                                "stap6 → stap7 → … (30 begrippen) → stap0")
    assert found[1].message == "'breder' maakt een kring: x → y → x"


@pytest.mark.parametrize("text", [
    "? [a]\n: b\n", "1: a\n", "begrippen: {a: b}\n", "begrippen: [null, 1, [a], {voorkeursterm: {a: b}}]\n",
    "begrippen:\n  - voorkeursterm: a\n    breder: {x: y}\n", "begrippen:\n  - voorkeursterm: a\n    notitie: [x]\n",
    "\x00", "[" * 200 + "]" * 200, "\ufeffbegrippen: []\n", "begrippen: !!binary aGFsbG8=\n", "'a'\n",
    "begrippen:\n  - voorkeursterm: a\n    ook: [[b]]\n", "begrippen:\n  - {voorkeursterm: a, ook: [null]}\n",
    "standaardthesaurus: [vervangen]\n", "begrippen:\n  - voorkeursterm: a\n    breder: [a, a]\n",
])
def test_odd_input_gives_located_problems_never_a_traceback(tmp_path, text):
    from watwerkt.model.codes import CODES

    own, problems = read(tmp_path, text)
    problems += check_thesaurus(own)
    assert all(p.code in CODES and p.line >= 1 and p.col >= 1 and p.message for p in problems)
    assert text.strip("\ufeff") == "begrippen: []\n" or problems


def test_bytes_that_are_not_utf8_are_a_located_problem(tmp_path):
    (tmp_path / "thesaurus.yml").write_bytes(b"begrippen:\n  - voorkeursterm: caf\xe9\n")
    _, problems = read_thesaurus(tmp_path / "thesaurus.yml", "thesaurus.yml")
    assert [(p.code, p.line, p.col) for p in problems] == [("WW003", 2, 23)]


def test_watwerkt_index_refuses_a_broken_thesaurus_with_the_check_message(tmp_path, monkeypatch, capsys):
    from watwerkt.cli import main

    root = tmp_path / "project"
    write_dossier(root / "dossiers", "inloop", "Testdossier 1", "Een testdossier.", "Dit testdossier beschrijft de inloop.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text("begrippen:\n  - voorkeursterm: inloop\n    breder: soos\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["check", "--today", str(TODAY)]) == 1
    checked = capsys.readouterr().out
    assert checked.startswith("thesaurus.yml:3:13: fout WW956 breder begrip 'soos' bestaat niet")
    assert main(["index", "--today", str(TODAY)]) == 1
    assert checked in capsys.readouterr().err
    assert not (root / ".cache" / "search" / "CURRENT").exists()
    (root / "thesaurus.yml").write_text("begrippen:\n  - voorkeursterm: inloop\n    ook: [soos]\n", encoding="utf-8")
    assert main(["index", "--today", str(TODAY)]) == 0
    assert [h.slug for h in search(root / ".cache" / "search", "soos").hits] == ["inloop"]


def test_the_default_still_expands_everything_the_old_groups_did():
    """The old compiler (groups, not merged) on the default before the conversion to SKOS, against
    the new one on data/thesaurus.yml, which has grown since: every old expansion is still there,
    in the same order and at the same weight (but for terms holding all the key's words)."""
    import yaml

    from conftest import FIXTURES

    old = yaml.safe_load((FIXTURES / "thesaurus" / "default-before-skos.yml").read_text(encoding="utf-8"))["synonyms"]
    expected: dict = {}
    for group in old:
        keys = [tuple(t.text for t in MATCH(entry)) for entry in group]
        for key in keys:
            if key:
                alts = expected.setdefault(key, [])
                # a term holding every word of the key adds no dossier, and is left out
                alts += [(e, SYNONYM_BOOST) for e, k in zip(group, keys)
                         if k != key and k and (e, SYNONYM_BOOST) not in alts and not set(key) <= set(k)]
    compiled, longest = compile_thesaurus(load_thesaurus(None))
    kept = {key: [alt for alt in compiled.get(key, []) if alt in alts] for key, alts in expected.items()}
    assert kept == expected
    assert longest >= max(len(k) for k in expected) == 3


# -- a word that is only part of longer terms ------------------------------------------------------
PART_WORDS = {"lopen": "het lopen in het park", "wandelclub": "een wandelclub in de wijk",
              "gedeelde-maaltijd": "een gedeelde en warme maaltijd", "maaltijd": "een maaltijd",
              "boekenkast": "een boekenkast"}
PART_THESAURUS = """# testdata: alleen deze begrippen, zonder de standaardthesaurus
standaardthesaurus: vervangen
begrippen:
  - voorkeursterm: wandelclub
    ook: [samen lopen]
  - voorkeursterm: buurtmaaltijd
    ook: [samen koken, gedeelde maaltijd]
"""


@pytest.fixture(scope="module")
def part_index(tmp_path_factory):
    return _index(tmp_path_factory.mktemp("part"), PART_THESAURUS, PART_WORDS)


def test_a_word_of_a_longer_term_finds_that_concept_after_its_own_texts(part_index):
    hits = ranked(part_index, "lopen")  # no term itself, a word of "samen lopen"
    assert [s for s, _ in hits] == ["lopen", "wandelclub"] and hits[0][1] > hits[1][1]


def test_a_two_word_term_counts_when_both_words_occur_not_only_as_a_phrase(part_index):
    # "koken" is a word of "samen koken": the concept's "gedeelde maaltijd" is found where both
    # words occur, also apart ("een gedeelde en warme maaltijd"), but not for "maaltijd" alone
    assert [s for s, _ in ranked(part_index, "koken")] == ["gedeelde-maaltijd"]


def test_a_word_that_is_a_term_itself_gets_only_its_own_concept(part_index):
    assert [s for s, _ in ranked(part_index, "wandelclub")] == ["wandelclub"]
    assert ranked(part_index, "fietsen") == []  # in no text and no term: nothing


def test_a_word_of_many_terms_gets_at_most_partial_max_alternatives(tmp_path):
    many = [f"woord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(3 * PARTIAL_MAX)]
    thesaurus = ("standaardthesaurus: vervangen\nbegrippen:\n"
                 + "".join(f"  - voorkeursterm: samen {w}\n    ook: [{w}]\n" for w in many))
    idx = _index(tmp_path, thesaurus, {"iets": "iets"})
    compiled, _ = compile_thesaurus(load_thesaurus(tmp_path / "project"))
    stem = next(iter(MATCH("samen"))).text
    assert len([k for k in compiled if stem in k]) == len(many)  # "samen" is a word of every term
    assert len(compile_partial(compiled)[stem]) == PARTIAL_MAX
    wanted = {next(iter(MATCH(w))).text for w in many}
    with open_index(idx)._version.context() as ctx:
        (unit,) = units(ctx, "samen")
    got = {q.text for q in unit.query.subqueries if getattr(q, "text", None) in wanted}
    assert len(got) == PARTIAL_MAX


def test_a_broad_concept_gives_at_most_alternatives_max_own_terms_first():
    # Test data: a broad concept with two terms of its own and many narrower concepts.
    narrow = [[f"soortvervoer{chr(97 + i // 26)}{chr(97 + i % 26)}", f"ander{chr(97 + i // 26)}{chr(97 + i % 26)}"]
              for i in range(ALTERNATIVES_MAX)]
    stored = {"groups": [["vervoer", "mobiliteit", "verplaatsing"]] + narrow,
              "narrower": [(0, i + 1) for i in range(len(narrow))]}
    got = _expands(stored, "vervoer")
    assert len(got) == ALTERNATIVES_MAX < 2 * len(narrow)
    assert got[:2] == [("mobiliteit", SYNONYM_BOOST), ("verplaatsing", SYNONYM_BOOST)]
    assert {b for _, b in got[2:]} == {NARROWER_BOOST}
    assert len(_expands(stored, narrow[0][0])) == 1  # a narrow concept's own term is untouched


def test_a_project_concept_comes_before_the_default_for_a_term_they_share(tmp_path, monkeypatch):
    # Alternatives are capped per term in concept order (expansion.ALTERNATIVES_MAX); a term of a
    # large default concept that the institute also puts in its own concept must still lead to
    # the institute's own words.
    from watwerkt.cli import main
    from watwerkt.search.expansion import ALTERNATIVES_MAX

    default, _ = default_thesaurus()
    big = next(c for c in default.concepts if len(c.labels) > ALTERNATIVES_MAX + 1 and " " not in c.labels[-1])
    shared = big.labels[-1]
    root = tmp_path / "project"
    write_dossier(root / "dossiers", "kwebbel", "Testdossier 1", "Een testdossier.", "Dit testdossier beschrijft de kwebbelkamer.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text(f"begrippen:\n  - voorkeursterm: kwebbelkamer\n    ook: [{shared}]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["index", "--today", str(TODAY)]) == 0
    assert [h.slug for h in search(root / ".cache" / "search", shared).hits] == ["kwebbel"]


def test_a_dossier_is_found_by_a_label_its_text_implies_beyond_the_query_cap(tmp_path):
    # Query expansion gives a term at most ALTERNATIVES_MAX others, so in a large concept the
    # first term does not reach the last one. The index's thesaurus field turns this round: the
    # dossier whose text names the last term holds the concept's other labels, the first among them.
    default, _ = default_thesaurus()
    compiled, _ = compile_thesaurus(load_thesaurus(None))
    single = lambda t: " " not in t and len(list(MATCH(t))) == 1
    big = next(c for c in default.concepts if len(c.labels) > ALTERNATIVES_MAX + 2
               and single(c.labels[0]) and single(c.labels[-1]))
    first, last = big.labels[0], big.labels[-1]
    reached = {t for t, _ in compiled[tuple(x.text for x in MATCH(first))]}
    assert last not in reached  # the query side alone would not find it
    root = tmp_path / "project"
    write_dossier(root / "dossiers", "testdossier", "Testdossier", "Een testdossier.", f"Hier gaat het om {last}.")
    write_dossier(root / "dossiers", "ander", "Ander testdossier", "Een testdossier.", "Hier gaat het om iets anders.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    build_index(*corpus(root), root / "idx")
    assert [h.slug for h in search(root / "idx", first).hits] == ["testdossier"]


def test_the_static_records_hold_the_services_labels_and_the_broader_concepts():
    # One home for what the text implies: the service's thesaurus field and the static record's
    # hidden labels come from labels.ThesaurusLabels over the same document; the static search
    # also gets the broader concepts' terms (it cannot expand a query to the narrower ones).
    from watwerkt.search.documents import build_input
    from watwerkt.static_search.bundle import records_for

    dossiers, settings = corpus(Path(__file__).resolve().parents[1])
    docs = {d["url"]: d for d in build_input(dossiers, settings).documents}
    records = records_for(dossiers, settings)
    assert records and all(docs[r.url.lstrip("/")]["thesaurus"] for r in records)
    wider = 0
    for r in records:
        service = set(docs[r.url.lstrip("/")]["thesaurus"].splitlines())
        assert service <= set(r.labels)
        wider += len(set(r.labels) - service)
    assert wider  # the samples name narrower concepts of the default thesaurus
