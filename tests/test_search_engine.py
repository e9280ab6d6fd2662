"""Index and query unit tests on the search test corpus (tests/fixtures/search/)."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from conftest import TODAY
from test_search_support import DRAFT, ON_SITE, corpus, project, project_settings, write_dossier, write_one_word_or_both
from watwerkt.check import check
from watwerkt.search import (
    FACETS,
    IndexBuild,
    IndexUnavailable,
    InvalidParameter,
    build_index,
    open_index,
    search,
)
from watwerkt.search import store
from watwerkt.model.settings import SettingsError


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("search"))
    dossiers, settings = corpus(root)
    index_root = root / ".cache" / "search"
    build_index(dossiers, settings, index_root)
    return index_root


def slugs(result):
    return [h.slug for h in result.hits]


# -- what is indexed -----------------------------------------------------------------------------
def test_only_published_and_archived_dossiers_are_indexed(index):
    everything = search(index, "", page_size=50)
    assert set(slugs(everything)) == ON_SITE
    assert search(index, "geheimconceptwoord").total == 0
    assert DRAFT not in slugs(search(index, "buurtkamers"))
    assert DRAFT not in slugs(search(index, "vereenzaming", page_size=50))


def test_hits_carry_display_fields(index):
    hit = search(index, "schuldhulpverlening").hits[0]
    assert hit.slug == "schuldhulpverlening"
    assert hit.title == "Wat werkt bij schuldhulpverlening"
    assert hit.url == "dossiers/schuldhulpverlening/"
    assert hit.summary.startswith("Testdossier over schuldhulpverlening")
    assert hit.version == "2025-05-01"
    assert hit.score > 0


@pytest.mark.parametrize("query, slug", [
    ("Visser", "eenzaamheid-ouderen"),             # literature author
    ("Samen minder alleen", "eenzaamheid-ouderen"),  # literature title
    ("Budgetcafe", "schuldhulpverlening"),          # example name, accent folded ("Budgetcafé")
    ("startkwalificatie", "jongeren-naar-werk"),    # summary of an archived dossier
    ("leerwerkplek", "jongeren-naar-werk"),         # effective element
    ("hofjes", "wonen-alleenstaande-ouderen"),
])
def test_fields_are_searchable(index, query, slug):
    assert slugs(search(index, query))[0] == slug


def test_title_outweighs_body(index):
    # "schuldhulpverlening" is in one title; "vrijwilliger(s)" only in bodies: the title match wins.
    result = search(index, "schuldhulpverlening vrijwilligers")
    assert slugs(result)[0] == "schuldhulpverlening"


# -- Dutch analysis and the thesaurus ------------------------------------------------------------
def test_stemming_and_accent_folding(index):
    assert slugs(search(index, "betalingsachterstand"))[0] == "schuldhulpverlening"  # plural in text
    assert slugs(search(index, "schuld"))[0] == "schuldhulpverlening"
    assert slugs(search(index, "EENZAAMHÉID"))[0] == "eenzaamheid-ouderen"


def test_compound_schuldhulp_finds_schuldhulpverlening(index):
    result = search(index, "schuldhulp")
    assert slugs(result)[0] == "schuldhulpverlening"
    assert "<mark>" in result.hits[0].snippet


def test_derivation_vereenzaming_finds_eenzaamheid(index):
    result = search(index, "vereenzaming")
    assert slugs(result) == ["eenzaamheid-ouderen"]
    assert "<mark>Eenzaamheid</mark>" in result.hits[0].snippet or "<mark>eenzaamheid</mark>" in result.hits[0].snippet


def test_alleenstaande_and_eenzame_ouderen_meet(index):
    alone = search(index, "alleenstaande ouderen")
    lonely = search(index, "eenzame ouderen")
    by_slug = {h.slug: h for h in alone.hits}
    assert by_slug["eenzaamheid-ouderen"].matched_all  # has no "alleenstaande" at all
    by_slug = {h.slug: h for h in lonely.hits}
    assert by_slug["wonen-alleenstaande-ouderen"].matched_all  # has no "eenzame" at all
    assert set(slugs(alone)[:2]) == set(slugs(lonely)[:2]) == {"eenzaamheid-ouderen", "wonen-alleenstaande-ouderen"}


def test_practitioner_sentence(index):
    result = search(index, "ouderen die alleen zijn")
    assert slugs(result)[0] == "eenzaamheid-ouderen"
    assert "jongeren-naar-werk" not in slugs(result)[:2]


def test_project_thesaurus_extends_the_default(tmp_path):
    # "zilverhof" (made up) is in no dossier and not in the default thesaurus; "hofjes" is in one dossier
    extra = "begrippen:\n  - voorkeursterm: zilverhof\n    ook: [hofjes]\n"
    for thesaurus, expected in ((None, []), (extra, ["wonen-alleenstaande-ouderen"])):
        root = project(tmp_path / ("met" if thesaurus else "zonder"), thesaurus)
        dossiers, settings = corpus(root)
        build_index(dossiers, settings, root / "idx")
        assert slugs(search(root / "idx", "zilverhof")) == expected
        # the default thesaurus still applies next to the project's
        assert slugs(search(root / "idx", "schuldhulp"))[0] == "schuldhulpverlening"


@pytest.mark.parametrize("text, code", [
    ("begrippen: [a, b]\n", "WW952"),
    ("groepen:\n  - voorkeursterm: a\n", "WW951"),
    ("begrippen:\n  - ook: [alleen]\n", "WW953"),
    ("- voorkeursterm: a\n", "WW952"),
    ("begrippen:\n  - voorkeursterm: a\n    ook: [b, {c: d}]\n", "WW952"),
    ("begrippen: [[a, b\n", "WW001"),
    ("synonyms:\n  - [a, b]\n", "WW959"),
])
def test_a_broken_project_thesaurus_is_a_settings_error(tmp_path, text, code):
    root = project(tmp_path, text)
    settings = project_settings(root)
    dossiers = check([root / "dossiers"], settings, TODAY, base=root).valid_dossiers()
    with pytest.raises(SettingsError, match=f"thesaurus.yml:\\d+:\\d+: fout {code} "):
        build_index(dossiers, settings, root / "idx")
    assert not (root / "idx" / "CURRENT").exists()


# -- the query grammar ---------------------------------------------------------------------------
def test_phrases_need_the_words_in_order(index):
    assert "eenzaamheid-ouderen" in slugs(search(index, '"eenzame ouderen"'))
    assert search(index, '"ouderen eenzame"').total == 0
    assert search(index, "ouderen eenzame").total >= 1
    assert slugs(search(index, "\u201cvaste contactpersoon\u201d")) == ["schuldhulpverlening"]  # typographic quotes


def test_no_field_syntax_wildcards_or_operators(index):
    plain = slugs(search(index, "eenzaamheid"))
    assert slugs(search(index, "title:eenzaamheid")) == slugs(search(index, "title eenzaamheid"))
    assert slugs(search(index, "eenzaamheid*")) == plain
    assert slugs(search(index, "(eenzaamheid)")) == plain
    assert search(index, "eenzaam*").total == search(index, "eenzaam").total
    # NOT/OR are words, not operators: they cannot remove or add dossiers
    assert set(slugs(search(index, "eenzaamheid NOT ouderen"))) >= set(plain)
    assert search(index, "*").total == 0


# Only "ouderen (65+" holds a word of the corpus; syntax, stop words and strangers find nothing.
ANSWERS = {"ouderen (65+": {"eenzaamheid-ouderen", "wonen-alleenstaande-ouderen"}}


@pytest.mark.parametrize("query", ['"', '""', '"""', "((", ")", "*", "?", ":", "title:", "AND", "OR NOT",
                                   "~2", "^3", "[a TO z]", "{}", "\\", "'", "-", "+", "ouderen (65+", "é",
                                   "\u200b", "\U0001f600", "a" * 200, "de het een", "NULL", "<script>"])
def test_anything_typed_gets_an_answer(index, query):
    result = search(index, query)
    assert result.page == 1
    assert set(slugs(result)) == ANSWERS.get(query, set())
    assert result.total == len(result.hits)


def test_a_missing_word_does_not_empty_the_results(index):
    result = search(index, "eenzaamheid xyzzyqwv")
    assert slugs(result)[0] == "eenzaamheid-ouderen"
    assert not result.hits[0].matched_all


def test_dossiers_matching_all_words_rank_first(index):
    result = search(index, "ouderen hofjes")
    assert slugs(result)[0] == "wonen-alleenstaande-ouderen"
    assert result.hits[0].matched_all
    flags = [h.matched_all for h in result.hits]
    assert flags == sorted(flags, reverse=True) and not all(flags)


def test_the_score_is_weighed_by_the_squared_share_of_words_matched(index):
    # Two-word queries from the titles: a hit with one of the two words counts a quarter of its
    # score, so it is below every hit with both unless it scores four times as high.
    titles = [h.title for h in search(index, "", page_size=50).hits]
    words = sorted({w for t in titles for w in re.findall(r"[a-z]{5,}", t.lower())})
    checked = 0
    for first, second in itertools.combinations(words, 2):
        hits = search(index, f"{first} {second}", page_size=50).hits
        weighed = [h.score * (1 if h.matched_all else 0.25) for h in hits]
        assert all(a >= b - 1e-3 for a, b in zip(weighed, weighed[1:])), (first, second)
        checked += len({h.matched_all for h in hits}) == 2
    assert checked >= 3


def test_a_dossier_about_one_word_can_outrank_one_that_only_mentions_both(tmp_path):
    root = tmp_path / "project"
    query, about_slug, mentions_slug = write_one_word_or_both(root / "dossiers")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    build_index(*corpus(root), root / "idx")
    hits = search(root / "idx", query, page_size=50).hits
    by_slug = {h.slug: h for h in hits}
    about, mentions = by_slug[about_slug], by_slug[mentions_slug]
    assert not about.matched_all and mentions.matched_all
    assert about.score > 4 * mentions.score
    assert [h.slug for h in hits][:2] == [about_slug, mentions_slug]


def test_empty_query_lists_everything_alphabetically(index):
    result = search(index, "   ")
    titles = [h.title for h in result.hits]
    assert result.total == len(ON_SITE) and titles == sorted(titles, key=str.casefold)


# -- facets --------------------------------------------------------------------------------------
def counts(result, facet):
    return dict(result.facets[facet])


def test_facet_values_and_counts(index):
    result = search(index, "")
    assert list(result.facets) == list(FACETS)
    assert counts(result, "theme") == {"armoede": 1, "eenzaamheid": 1, "schulden": 1, "welzijn": 2,
                                        "werk": 1, "wonen": 1}
    assert counts(result, "status") == {"published": 3, "archived": 1}
    assert counts(result, "evidence") == {"verondersteld": 2, "aanwijzingen": 2, "aannemelijk": 1, "aangetoond": 1}
    assert [v for v, _ in result.facets["evidence"]] == ["verondersteld", "aanwijzingen", "aannemelijk", "aangetoond"]
    # year last reviewed, else published
    assert counts(result, "year") == {"2026": 1, "2025": 2, "2023": 1}
    assert result.labels["evidence"]["aanwijzingen"] == "Eerste aanwijzingen"
    assert result.labels["status"]["archived"] == "Gearchiveerd"


def test_facet_counts_follow_the_query(index):
    result = search(index, "ouderen")
    assert counts(result, "target_group")["ouderen"] == 2
    assert counts(result, "theme")["schulden"] == 0


def test_or_within_a_group_and_across_groups(index):
    assert set(slugs(search(index, "", {"theme": ["welzijn"]}))) == {"eenzaamheid-ouderen", "wonen-alleenstaande-ouderen"}
    both = search(index, "", {"theme": ["welzijn", "schulden"]})
    assert both.total == 3
    narrowed = search(index, "", {"theme": ["welzijn", "schulden"], "evidence": ["aannemelijk"]})
    assert slugs(narrowed) == ["schuldhulpverlening"]
    assert search(index, "", {"theme": ["welzijn"], "status": ["archived"]}).total == 0
    assert search(index, "", {"theme": ["bestaat-niet"]}).total == 0


def test_a_groups_counts_ignore_its_own_filter_but_not_the_others(index):
    result = search(index, "", {"theme": ["welzijn"], "evidence": ["aanwijzingen"]})
    assert result.total == 2
    # theme counts: under the evidence filter only, so other themes show what ticking them adds
    assert counts(result, "theme") == {"armoede": 0, "eenzaamheid": 1, "schulden": 0, "welzijn": 2,
                                        "werk": 0, "wonen": 1}
    # evidence counts: under the theme filter only
    assert counts(result, "evidence") == {"verondersteld": 1, "aanwijzingen": 2, "aannemelijk": 0, "aangetoond": 0}
    assert result.filters == {"theme": ["welzijn"], "evidence": ["aanwijzingen"]}


# -- snippets ------------------------------------------------------------------------------------
def test_snippets_are_escaped_with_marks(index):
    hit = search(index, "aanhalingstekens").hits[0]
    assert "<mark>aanhalingstekens</mark>" in hit.snippet
    assert "&lt;" in hit.snippet and "&amp;" in hit.snippet
    assert "<" not in re.sub(r"</?mark>", "", hit.snippet)


def test_snippet_without_match_in_text_falls_back_to_summary(index):
    hit = search(index, "Visser").hits[0]  # found through the literature, not the text
    assert "<mark>" not in hit.snippet and hit.snippet.startswith("Testdossier")


def test_the_snippet_shows_the_readers_own_word_before_its_alternatives(tmp_path):
    # Test data written here: a thesaurus concept with a one-word and a three-word alternative.
    # The text has the alternatives' words close together first and the query word far after.
    root = tmp_path / "project"
    write_dossier(root / "dossiers", "hofje", "Een testdossier", "Over wonen.",
                  "Een woongroep is een manier van samen wonen met buren, en in een woongroep "
                  "kennen buren elkaar. " + "Dit gaat over iets anders. " * 12
                  + "Een zilverhof is een woonvorm met een gedeelde tuin.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text(
        "standaardthesaurus: vervangen\nbegrippen:\n  - voorkeursterm: zilverhof\n"
        "    ook: [woongroep, samen wonen met buren]\n", encoding="utf-8")
    build_index(*corpus(root), root / "idx")
    own = search(root / "idx", "zilverhof").hits[0].snippet
    assert "<mark>zilverhof</mark>" in own and "woongroep" not in own
    # searched by the alternative, the window is where that word is
    alternative = search(root / "idx", "woongroep").hits[0].snippet
    assert "<mark>woongroep</mark>" in alternative and "zilverhof" not in alternative


# -- suggestions ---------------------------------------------------------------------------------
def test_suggestion_for_a_typo(index):
    result = search(index, "eenzaamhied")
    assert result.suggestion == "eenzaamheid"
    # a word that matches nothing is also searched as its likely spelling: the same dossiers, lower
    right = search(index, "eenzaamheid")
    assert slugs(result) == slugs(right) and slugs(right)[0] == "eenzaamheid-ouderen"
    assert result.hits[0].score < right.hits[0].score


def test_no_suggestion_and_no_results_for_gibberish(index):
    result = search(index, "xyzzyqwv")
    assert (result.total, result.suggestion) == (0, None)


@pytest.mark.parametrize("query, slug", [
    ("eenzaamheidsbestrijding", "eenzaamheid-ouderen"),  # known part + linking s + unknown part
    ("ouderenhuisbezoek", "eenzaamheid-ouderen"),        # two known parts
    ("hofjesbeleid", "wonen-alleenstaande-ouderen"),
])
def test_unknown_compounds_are_split_into_known_parts(index, query, slug):
    assert slugs(search(index, query))[0] == slug


def test_known_words_are_not_split_or_corrected(index):
    # "schuldhulpverlening" is a known word: no fallback may add the eenzaamheid dossier
    assert slugs(search(index, "schuldhulpverlening")) == ["schuldhulpverlening"]


def test_suggestion_keeps_the_rest_of_the_query(index):
    assert search(index, "eenzaamhied ouderen").suggestion == "eenzaamheid ouderen"
    assert search(index, "schuldhulpverleninng").suggestion == "schuldhulpverlening"
    # "werk" is a fine word: few results do not turn it into the commoner "werkt"
    assert search(index, "jongren werk").suggestion == "jongeren werk"


def test_no_suggestion_for_known_words(index):
    assert search(index, "schuldhulpverlening").suggestion is None
    assert search(index, "").suggestion is None


# -- bounds --------------------------------------------------------------------------------------
def test_pagination(index):
    first = search(index, "", page=1, page_size=3)
    second = search(index, "", page=2, page_size=3)
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert first.total == second.total == 4
    assert not set(slugs(first)) & set(slugs(second))
    assert search(index, "", page=7, page_size=3).hits == []


@pytest.mark.parametrize("kwargs", [
    {"page": 0}, {"page": -1}, {"page": 1001}, {"page": 10**12}, {"page": "2"}, {"page": True},
    {"page_size": 0}, {"page_size": 51}, {"page_size": 1.5},
    {"q": "a" * 201}, {"q": "ouderen\x00"}, {"q": "een\nregel"}, {"q": None},
    {"filters": {"onbekend": ["x"]}}, {"filters": {"theme": "a" * 201}}, {"filters": {"theme": ["x"] * 51}},
])
def test_out_of_bounds_parameters_are_refused(index, kwargs):
    args = {"q": "ouderen", **kwargs}
    with pytest.raises(InvalidParameter) as info:
        search(index, args.pop("q"), **args)
    assert isinstance(info.value, ValueError) and str(info.value)


def test_longest_allowed_query_is_answered(index):
    assert search(index, ("eenzaamheid " * 20)[:200]).hits


# -- build, pointer, pruning, refusal -------------------------------------------------------------
@pytest.mark.parametrize("where", ["while-adding-documents", "before-the-marker"])
def test_a_failed_build_leaves_the_previous_index_in_use(tmp_path, monkeypatch, where):
    from whoosh.writing import SegmentWriter

    root = project(tmp_path)
    dossiers, settings = corpus(root)
    idx = root / "idx"
    first = build_index(dossiers, settings, idx).folder
    handle = open_index(idx)
    assert handle.search("").total == 4
    calls = []
    if where == "while-adding-documents":
        real_add = SegmentWriter.add_document

        def add(self, **fields):
            calls.append(fields["slug"])
            if len(calls) == 2:
                raise RuntimeError("stroomstoring")
            return real_add(self, **fields)

        monkeypatch.setattr(SegmentWriter, "add_document", add)
    else:
        real_write = store._write_atomic

        def write(path, text):
            if path.name == store.MARKER:
                raise RuntimeError("stroomstoring")
            return real_write(path, text)

        monkeypatch.setattr(store, "_write_atomic", write)
    with pytest.raises(RuntimeError, match="stroomstoring"):
        build_index(dossiers, settings, idx, force=True)
    assert (idx / "CURRENT").read_text(encoding="utf-8").strip() == first.name
    assert sorted(p.name for p in idx.iterdir() if p.name.startswith("v")) == [first.name]
    assert handle.search("").total == 4
    assert search(idx, "schuldhulp").hits

    monkeypatch.undo()
    smaller = [d for d in dossiers if d.slug != "schuldhulpverlening"]
    second = build_index(smaller, settings, idx)
    assert second.rebuilt and second.folder != first
    assert handle.search("").total == 3  # the cached handle follows the pointer
    assert search(idx, "schuldhulpverlening").total == 0


def test_old_versions_are_pruned(tmp_path):
    root = project(tmp_path)
    dossiers, settings = corpus(root)
    built = [build_index(dossiers, settings, root / "idx", force=True).folder for _ in range(4)]
    left = sorted(p.name for p in (root / "idx").iterdir() if p.is_dir())
    assert left == sorted(p.name for p in built[-2:])
    assert (root / "idx" / "CURRENT").read_text(encoding="utf-8").strip() == built[-1].name


def test_unchanged_input_is_not_rebuilt_and_says_so(tmp_path):
    root = project(tmp_path)
    dossiers, settings = corpus(root)
    first = build_index(dossiers, settings, root / "idx")
    assert first.rebuilt and first.dossiers == 4 and first.folder.parent == root / "idx"
    again = build_index(dossiers, settings, root / "idx")
    assert again == IndexBuild(first.folder, 4, rebuilt=False)
    assert (root / "idx" / "CURRENT").read_text(encoding="utf-8").strip() == first.folder.name
    changed = [d for d in dossiers if d.slug != "jongeren-naar-werk"]
    third = build_index(changed, settings, root / "idx")
    assert third.rebuilt and third.folder != first.folder and third.dossiers == 3
    forced = build_index(changed, settings, root / "idx", force=True)
    assert forced.rebuilt and forced.folder != third.folder


def test_the_marker_is_ours(index):
    folder = index / (index / "CURRENT").read_text(encoding="utf-8").strip()
    marker = json.loads((folder / "watwerkt-index.json").read_text(encoding="utf-8"))
    assert marker["format"] == store.INDEX_FORMAT and marker["version"] == store.INDEX_VERSION


def _refuse_whoosh(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("Whoosh opened a directory that is not ours")
    monkeypatch.setattr(store.FileStorage, "open_index", boom)


@pytest.mark.parametrize("case", ["no-pointer", "no-marker", "other-format", "other-version",
                                  "bad-json", "pointer-escapes", "pointer-garbage"])
def test_foreign_directories_are_never_opened(tmp_path, monkeypatch, case):
    from whoosh.fields import TEXT, Schema
    from whoosh.filedb.filestore import FileStorage

    idx = tmp_path / "idx"
    idx.mkdir()
    name = "v" + "1" * 20 + "-abcdef01"
    folder = idx / name
    folder.mkdir()
    FileStorage(str(folder)).create_index(Schema(t=TEXT(stored=True))).writer().commit()
    marker = {"format": store.INDEX_FORMAT, "version": store.INDEX_VERSION}
    pointer = name
    if case == "no-pointer":
        pointer = None
    elif case == "other-format":
        marker["format"] = "iets-anders"
    elif case == "other-version":
        marker["version"] = store.INDEX_VERSION + 1
    elif case == "pointer-escapes":
        pointer = "../" + name
    elif case == "pointer-garbage":
        pointer = "\x00\xff"
    if case == "bad-json":
        (folder / store.MARKER).write_text("{niet json", encoding="utf-8")
    elif case != "no-marker":
        (folder / store.MARKER).write_text(json.dumps(marker), encoding="utf-8")
    if pointer is not None:
        (idx / "CURRENT").write_text(pointer, encoding="utf-8")
    _refuse_whoosh(monkeypatch)
    with pytest.raises(IndexUnavailable) as info:
        open_index(idx)
    assert "watwerkt" in str(info.value)
    with pytest.raises(IndexUnavailable):
        search(idx, "ouderen")
