"""Dutch analysis on both sides: compound parts at index and query time from OpenTaal's list
(shipped as package data, part of the index version), protected stems, words not found, and
"Bedoelde u" (tests/fixtures/search/ and, for the misspelling figure, tests/fixtures/relevance/)."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from test_search_support import corpus, project
from watwerkt.search import IndexUnavailable, build_index, open_index, search, store
from watwerkt.search import compounds
from watwerkt.search.analysis import _CHAIN, DUTCH, STEM, STOPWORDS, part_stems
from watwerkt.search.documents import document
from watwerkt.search.inflection import participle_infinitives


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("dutch"))
    dossiers, settings = corpus(root)
    index_root = root / ".cache" / "search"
    build_index(dossiers, settings, index_root)
    return index_root, dossiers


@pytest.fixture(scope="module")
def index(built):
    return built[0]


def slugs(result):
    return [h.slug for h in result.hits]


# -- the word list -------------------------------------------------------------------------------
def test_the_word_list_ships_with_its_licence_as_package_data():
    data = ROOT / "plugins" / "watwerkt" / "search" / "data"
    assert compounds.PARTS_FILE.parent == data and compounds.PARTS_FILE.is_file()
    licence = (data / "opentaal-LICENSE.txt").read_text(encoding="utf-8")
    assert "OpenTaal" in licence and "BSD" in licence and "Creative Commons" in licence
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["watwerkt"]
    assert "**/*.xz" in globs and "**/*.txt" in globs and "**/*.yml" in globs
    # never a system file at run time
    source = (ROOT / "plugins" / "watwerkt" / "search" / "compounds.py").read_text(encoding="utf-8")
    assert "/usr/" not in source and "hunspell" not in source.split('"""', 2)[2]


@pytest.mark.parametrize("word, parts", [
    ("huisuitzetting", ("huis", "uitzetting")),
    ("huurachterstand", ("huur", "achterstand")),
    ("onveiligheidsgevoelens", ("onveiligheid", "gevoelens")),  # linking -s- left out
    ("kindermishandeling", ("kinder", "mishandeling")),          # a form only used in compounds
    ("taalmaatje", ("taal", "maatje")),
])
def test_compounds_split_into_known_parts(word, parts):
    assert compounds.query_parts(word) == parts


@pytest.mark.parametrize("word", [
    "vergeten", "verslaving", "verstaan",   # verg + eten, vers + laving: OpenTaal allows neither
    "combinatie", "waardering",             # never_split in data/analyse.yml
    "regelmatig", "zichtbaar",              # matig, baar: not_last
    "onderwijs",                            # onder is a stop word
    "eenzaam", "dagdeel",                   # too short (words of 8+ letters, parts of 4+)
])
def test_splitting_is_conservative(word):
    assert compounds.splits(word) == ()


def test_every_part_of_a_longer_compound_is_indexed():
    assert set(part_stems("schuldhulpverlening")) == {STEM(w) for w in ("schuld", "hulpverlening", "hulp", "verlening")}
    assert part_stems("onveiligheidsgevoelens") == (STEM("onveiligheid"), STEM("gevoelens"))  # -s- dropped


def test_parts_are_extra_tokens_at_the_words_position_only_when_indexing():
    text = "Een huisuitzetting voorkomen"
    indexed = [(t.text, t.pos, t.startchar, t.endchar) for t in DUTCH(text, positions=True, chars=True, mode="index")]
    assert indexed == [("huisuitzet", 1, 4, 18), ("huis", 1, 4, 18), ("uitzet", 1, 4, 18), ("voorkom", 2, 19, 28)]
    chain = [(t.text, t.pos, t.startchar, t.endchar) for t in _CHAIN(text, positions=True, chars=True, mode="index")]
    assert chain == indexed  # the fused tokenizer and the Whoosh chain agree
    assert [t.text for t in DUTCH(text)] == ["huisuitzet", "voorkom"]  # queries: no parts


def test_protected_words_are_not_merged_with_other_words():
    assert STEM("weten") == STEM("weet") != STEM("wet") == STEM("wetten")
    assert STEM("wonen") == STEM("woont") != STEM("won")
    assert STEM("taal") == STEM("talen") != STEM("tal")
    assert STEM("overheid") == STEM("overheden") != STEM("over")
    assert STEM("mate") != STEM("maat")


# -- index time and query time ---------------------------------------------------------------------
@pytest.mark.parametrize("query, slug", [
    ("kwalificatie", "jongeren-naar-werk"),     # only inside "startkwalificatie"
    ("achterstanden", "schuldhulpverlening"),   # only inside "betalingsachterstanden"
    ("hulpverlening", "schuldhulpverlening"),   # only inside "schuldhulpverlening"
])
def test_a_word_found_inside_compounds_of_the_text(index, query, slug):
    result = search(index, query)
    assert slugs(result) == [slug]
    assert result.not_found == [] and result.suggestion is None


def test_the_whole_compound_is_highlighted(index):
    snippet = search(index, "kwalificatie").hits[0].snippet
    assert re.search(r"<mark>startkwalificatie</mark>", snippet, re.IGNORECASE), snippet


def test_a_query_compound_finds_its_parts_apart(index):
    # the texts never say "kamerbezoek"'s parts together; "betalingsachterstand" they do, in plural
    assert slugs(search(index, "betalingsachterstand"))[0] == "schuldhulpverlening"


def test_phrases_keep_their_positions(index):
    assert slugs(search(index, '"betalingsachterstanden"')) == ["schuldhulpverlening"]
    assert search(index, '"achterstanden betalings"').total == 0


# -- participles -----------------------------------------------------------------------------------
@pytest.mark.parametrize("participle, verb", [
    ("gepest", "pesten"), ("gepeste", "pesten"),            # root ends in -t: no extra -t
    ("gewerkt", "werken"), ("gefietst", "fietsen"),          # 't kofschip
    ("ingeburgerd", "inburgeren"), ("opgelost", "oplossen"),  # separable prefix before ge-; doubled s
    ("gediscrimineerd", "discrimineren"), ("betaald", "betalen"),  # long vowel written single before -en
    ("verslaafd", "verslaven"), ("verslaafden", "verslaven"),  # no ge- after ver-; f -> v
    ("gebruikt", "gebruiken"), ("gereisd", "reizen"),        # s -> z
])
def test_a_participle_gives_its_infinitive(participle, verb):
    assert verb in participle_infinitives(participle)


@pytest.mark.parametrize("word, not_a_verb", [
    ("gevonden", "vinden"),  # a strong verb's vowel change is not guessed
    ("vaakt", "vaken"),      # no ge- and no inseparable prefix: no participle ("vaakt" is a misspelt "raakt")
    ("gewelt", "wellen"),    # a misspelt "geweld": a root of 3 letters ("wel") would find every text
    ("huis", None), ("werkloos", None), ("pest", None),
])
def test_a_word_that_is_no_regular_participle_gives_no_such_verb(word, not_a_verb):
    found = participle_infinitives(word)
    assert (not_a_verb not in found) if not_a_verb else found == []


def _regular_participles(words: set[str]) -> dict[str, str]:
    """participle -> infinitive, made by the forward rule ("ge" + root + d/t by 't kofschip) for
    infinitives of the texts whose root needs no spelling change (it ends in two consonants)."""
    out = {}
    for inf in words:
        root = inf[:-2]
        if (inf.endswith("en") and len(root) >= 4 and root.isalpha() and root[-1] not in "aeiouy"
                and root[-2] not in "aeiouy" and root[-1] != root[-2] and not root.startswith(("be", "ge", "ver", "ont", "her", "er"))):
            out["ge" + root + ("" if root[-1] in "dt" else "t" if root[-1] in "kfschp" else "d")] = inf
    return out


def test_a_participle_that_matches_nothing_finds_its_verb(built):
    index_root, dossiers = built
    texts = {d.slug: {w.lower() for w in re.findall(r"\w+", document(d)["words"])} for d in dossiers if d.public}
    everywhere = set().union(*texts.values())
    handle = open_index(index_root)
    checked = 0
    for participle, inf in sorted(_regular_participles(everywhere).items()):
        if participle in everywhere or STEM(inf) in STOPWORDS:
            continue
        having = {slug for slug, ws in texts.items() if any(STEM(w) == STEM(inf) for w in ws)}
        result = handle.search(participle, page_size=50)
        assert having <= set(slugs(result)), (participle, inf)
        assert result.not_found == [] and result.suggestion is None, participle
        checked += 1
    assert checked >= 5


# -- the index version --------------------------------------------------------------------------
def test_the_marker_names_the_analysis_and_another_is_refused(built, tmp_path, monkeypatch):
    index_root, dossiers = built
    folder = index_root / (index_root / "CURRENT").read_text(encoding="utf-8").strip()
    marker = json.loads((folder / store.MARKER).read_text(encoding="utf-8"))
    assert marker["analysis"] == compounds.ANALYSIS_DIGEST and marker["version"] == store.INDEX_VERSION
    root = project(tmp_path)
    ds, settings = corpus(root)
    first = build_index(ds, settings, root / "idx").folder
    assert build_index(ds, settings, root / "idx").folder == first
    # another word list or other rules: the index is rebuilt, and the old one is not opened
    monkeypatch.setattr(store, "ANALYSIS_DIGEST", "0" * 64)
    with pytest.raises(IndexUnavailable, match="woordenlijst"):
        store.open_version_files(first)
    second = build_index(ds, settings, root / "idx")
    assert second.rebuilt and second.folder != first


# -- not found -----------------------------------------------------------------------------------
def test_a_word_that_matches_nothing_is_named(index):
    result = search(index, "eenzaamheid xqzvwk")
    assert slugs(result) == slugs(search(index, "eenzaamheid")) != []  # the unknown word removes nothing
    assert result.not_found == ["xqzvwk"]
    assert search(index, '"ouderen xqzvwk"').not_found == ["ouderen xqzvwk"]
    assert search(index, "eenzaamheid ouderen").not_found == []
    # a misspelling that its likely spelling finds is not "not found": "Bedoelde u" says more
    typo = search(index, "eenzaamhied")
    assert typo.not_found == [] and typo.suggestion == "eenzaamheid"


# -- Bedoelde u ----------------------------------------------------------------------------------
def test_never_a_suggestion_for_an_indexed_word(built):
    index_root, dossiers = built
    words = sorted({w.lower() for d in dossiers if d.public for w in re.findall(r"\w+", document(d)["words"])
                    if len(w) >= 5 and w.isalpha()})
    assert len(words) > 100
    handle = open_index(index_root)
    offered = {w: s for w in words if (s := handle.search(w, page_size=1).suggestion) is not None}
    assert offered == {}


def test_the_word_table_corrects_as_whooshs_reader_corrector(built, tmp_path):
    """The spelling words are a table of their own (search/spelling.py), not an index field. Over
    the same texts, its counts must equal what Whoosh's words field gave (doc_frequency and
    frequency) and WordCorrector's candidates, in order, what ReaderCorrector gave on that field,
    for every kind of misspelling and both settings suggestions.py asks for."""
    import random

    from whoosh.fields import TEXT, Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.spelling import ReaderCorrector

    from watwerkt.search.analysis import WORDS
    from watwerkt.search.spelling import WordCorrector, WordTable, count_words, write_words

    _, dossiers = built
    texts = [document(d)["words"] for d in dossiers if d.public]
    ix = FileStorage(str(tmp_path)).create_index(Schema(words=TEXT(analyzer=WORDS, phrase=False)))
    with ix.writer() as writer:
        for text in texts:
            writer.add_document(words=text)
    write_words(tmp_path, count_words(texts))
    table = WordTable(tmp_path)
    rng = random.Random(3)
    letters = "abcdeilnorstuvwz"
    with ix.reader() as reader:
        lexicon = [w.decode("utf-8") for w in reader.lexicon("words")]
        assert table.words == lexicon and len(lexicon) > 100
        for w in lexicon:
            assert (table.doc_frequency(w), table.frequency(w)) == (reader.doc_frequency("words", w),
                                                                    reader.frequency("words", w)), w
        theirs, ours = ReaderCorrector(reader, "words", reader.schema["words"]), WordCorrector(table)
        probes = ["x", "ebter", "zzzzzzzzz", "éénzaam"]
        for w in rng.sample([w for w in lexicon if len(w) >= 4], 60):
            i = rng.randrange(len(w))
            probes += [w[:i] + w[i + 1:], w[:i] + rng.choice(letters) + w[i:], w[:i] + rng.choice(letters) + w[i + 1:],
                       w[:i] + w[i + 1:i + 2] + w[i:i + 1] + w[i + 2:]]
        compared = 0
        for probe in probes:
            for limit, maxdist, prefix in ((30, 1, 0), (30, 2, 1), (5, 2, 0)):
                expected = theirs.suggest(probe, limit=limit, maxdist=maxdist, prefix=prefix)
                assert ours.suggest(probe, limit=limit, maxdist=maxdist, prefix=prefix) == expected, probe
                compared += len(expected)
        assert compared > 500
    ix.close()


def _bench():
    spec = importlib.util.spec_from_file_location("bench_spelling", ROOT / "scripts" / "bench_spelling.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_edit_misspellings_are_restored(capsys):
    bench = _bench()
    restored, rows = bench.measure(count=200, seed=1)
    assert len(rows) == 200
    assert all(len(word) >= 5 and wrong != word for word, wrong, _ in rows)
    share = restored / len(rows)
    print(f"one-edit misspellings restored: {restored} of {len(rows)} ({share:.1%})")
    assert share >= 0.80, [r for r in rows if r[2] != r[0]]


def test_edit_distance_counts_a_swap_as_one():
    from watwerkt.search.suggestions import edit_distance

    assert edit_distance("ebter", "beter") == 1
    assert edit_distance("beter", "beter") == 0
    assert edit_distance("vrienden", "vriende") == 1
    assert edit_distance("kat", "tak") == 2


def test_snippet_matches_are_the_snippet_analyzers_matching_tokens():
    """A search finds its snippet matches without analysing text: SnippetWords (made once per index
    version from every stored text) gives the raw words of the query's stems and prefixes, and
    snippet_matches finds them. The result must be exactly the tokens SNIP gives in snippet mode
    (stop words kept, compound parts at the word's offsets) that a query stem or prefix matches,
    on every test dossier's text, for stems and prefixes taken from that text and on odd input."""
    import random

    from watwerkt.search.analysis import SNIP, word_texts
    from watwerkt.search.snippets import SnippetWords, snippet_matches

    root = Path(__file__).resolve().parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for folder in ("relevance", "blind2")
             for p in sorted((root / folder / "dossiers").rglob("*.md"))]
    texts += ["", "  ", "Huisuitzetting, kindermishandeling én schuldhulpverlening!", "ÉÉN één_twee 123 x²"]
    assert len(texts) > 60
    words = SnippetWords(texts)
    rng = random.Random(7)
    compared = 0
    for text in texts:
        tokens = [(t.text, t.startchar, t.endchar) for t in SNIP(text, chars=True, removestops=False, mode="snippet")]
        vocabulary = sorted({t[0] for t in tokens}) or ["huis"]
        parts = sorted({p for t in tokens for p in word_texts(text[t[1]:t[2]])[1:]})
        for _ in range(3):
            terms = set(rng.sample(vocabulary, min(4, len(vocabulary)))) | set(parts[:1]) | {"nergensvoorkomend"}
            prefixes = tuple(sorted({w[:6] for w in rng.sample(vocabulary, min(2, len(vocabulary))) if len(w) >= 6}))
            expected = sorted({(s, e, t) for t, s, e in tokens if t in terms or (prefixes and t.startswith(prefixes))})
            found = snippet_matches(text, words.wanted(terms, prefixes))
            assert found == sorted(set(found)) == expected
            compared += len(expected)
    assert compared > 1000


def test_match_stems_are_the_match_analyzers_tokens():
    """The static index matches the thesaurus with analysis.match_stems, a fast path that must
    give exactly MATCH's tokens (stop words kept and stemmed, no compound parts)."""
    from watwerkt.search.analysis import MATCH, match_stems

    root = Path(__file__).resolve().parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for folder in ("relevance", "blind2")
             for p in sorted((root / folder / "dossiers").rglob("*"))
             if p.suffix in (".md", ".yml")]
    texts += ["", "alleen zijn", "Huisuitzetting, kindermishandeling én schuldhulpverlening!", "ÉÉN één_twee 123 x²"]
    assert len(texts) > 60
    for text in texts:
        assert match_stems(text) == [t.text for t in MATCH(text)]


# -- a word that matches nothing: its start without the ending ------------------------------------
def test_a_word_that_matches_nothing_finds_its_start_without_the_ending(tmp_path):
    # Test data: English loans the stemmer leaves apart from their Dutch verb (checked first),
    # more than two edits apart (no spelling correction) and no compounds.
    from test_search_support import write_dossier
    from watwerkt.search.expansion import without_ending
    from watwerkt.search.suggestions import edit_distance

    pairs = {"screenings": "screenen", "coachings": "coachen"}
    root = tmp_path / "project"
    for n, text in enumerate(pairs, 1):
        write_dossier(root / "dossiers", f"testdossier-{n}", f"Testdossier {n}", "Een testdossier.", f"Het gaat om {text}.")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "thesaurus.yml").write_text("standaardthesaurus: vervangen\nbegrippen: []\n", encoding="utf-8")
    build_index(*corpus(root), root / "idx")
    for n, (text, query) in enumerate(pairs.items(), 1):
        assert STEM(query) != STEM(text) and edit_distance(query, text) > 2 and not compounds.splits(query)
        assert STEM(text).startswith(without_ending(query))
        assert slugs(search(root / "idx", query)) == [f"testdossier-{n}"], query
    assert without_ending("zorg") is None and without_ending("huis-en") is None
