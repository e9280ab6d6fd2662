"""The static search bundle (static_search/): what goes into Pagefind's records and what stays out.

Expectations come from the loaded model and from the service's own analysis (compounds.all_parts,
the thesaurus as loaded), never from literal sample text. Builds write under tmp only.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site, sample_dossiers, sample_with
from watwerkt.model.settings import load_settings
from watwerkt.search import compounds
from watwerkt.search.analysis import STOPWORDS, fold
from watwerkt.search.thesaurus import load_thesaurus
from watwerkt.search.labels import ThesaurusLabels
from watwerkt.static_search.analysis_text import compound_parts
from watwerkt.static_search.bundle import BUNDLE_DIR, QUERY_RULES, records_for
from watwerkt.static_search.probe_words import inner_parts
from watwerkt.static_search.records import record

pytest.importorskip("pagefind")


@pytest.fixture(scope="module")
def samples():
    return sample_dossiers()


@pytest.fixture(scope="module")
def thesaurus():
    return ThesaurusLabels(load_thesaurus(None))


def bundle_fragments(site: Path) -> list[dict]:
    """Every record Pagefind wrote (its fragments: gzip, 'pagefind_dcd' + JSON)."""
    out = []
    for path in sorted((site / BUNDLE_DIR / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        out.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return out


def test_a_draft_gets_no_record(samples, thesaurus):
    d = samples[0]
    assert record(d, thesaurus) is not None
    assert record(dataclasses.replace(d, status="draft"), thesaurus) is None
    drafts = [dataclasses.replace(x, status="draft") for x in samples[:2]]
    assert {r.url for r in records_for(drafts + samples[2:], load_settings(None))} == {
        f"/dossiers/{x.slug}/" for x in samples[2:] if x.public}


def test_hidden_text_holds_the_compound_parts_of_the_words(samples, thesaurus):
    d = sample_with(samples, "with a word that splits into compound parts",
                    lambda x: compound_parts(record(x, thesaurus).readable))
    r = record(d, thesaurus)
    words = {fold(w) for w in re.findall(r"\w+", r.readable)}
    expected = {p for w in words for p in compounds.all_parts(w) if p not in words and p not in STOPWORDS}
    assert expected and set(r.parts) == expected
    hidden = r.html.split("</h1>", 1)[1]
    for part in expected:
        assert re.search(rf"\b{re.escape(part)}\b", hidden), part


def test_hidden_text_holds_the_zoektermen_weighted(samples, thesaurus):
    d = sample_with(samples, "with zoektermen", lambda x: x.zoektermen)
    html = record(d, thesaurus).html
    block = re.search(r'<p data-pagefind-weight="5.0">([^<]*)</p>', html)
    assert block, html[:500]
    for term in d.zoektermen:
        assert " ".join(term.split()) in block.group(1).replace("&amp;", "&")


def test_thesaurus_labels_of_the_groups_the_text_uses(samples, thesaurus):
    d = sample_with(samples, "whose text uses a thesaurus label", lambda x: record(x, thesaurus).labels)
    r = record(d, thesaurus)
    # every label written is a member of a group that one of the text's own entries belongs to
    members = {e for alts in thesaurus.entries.values() for e in alts}
    assert set(r.labels) <= members


def test_untrusted_text_is_escaped(samples, thesaurus):
    d = dataclasses.replace(samples[0], title='<script>alert("x")</script>', summary='"><img src=x onerror=alert(1)>')
    html = record(d, thesaurus).html
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_inner_parts_are_not_words_of_any_text(samples):
    records = records_for(samples, load_settings(None))
    found = inner_parts(records)
    assert found
    part, count = found[0]
    holders = [r for r in records if part in r.parts]
    assert len(holders) == count and all(part not in {fold(w) for w in re.findall(r"\w+", r.readable)}
                                         for r in records)


# -- a real build: drafts, redirect pages and older versions stay out -------------------------
@pytest.fixture(scope="module")
def versioned_site(tmp_path_factory):
    from test_versions import NEW, ONLY_IN_V1, history_repo, project

    root = history_repo(tmp_path_factory.mktemp("static") / "kennisbank")
    draft = root / "dossiers" / "concept-dossier"
    shutil.copytree(root / "dossiers" / "ander-dossier", draft)
    yml = draft / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    assert text.count("status: published\n") == 1
    text = re.sub(r"^title: .*$", "title: Concept van een ander dossier", text, count=1, flags=re.M)
    yml.write_text(text.replace("status: published\n", "status: draft\n"), encoding="utf-8")
    config = project(root, "pdf: false\nsearch_index: false\nversions: true\nstatic_search: true")
    site = build_site(config, tmp_path_factory.mktemp("static-site") / "site")
    return site, NEW, ONLY_IN_V1


def test_the_bundle_holds_the_current_public_dossiers_only(versioned_site):
    site, new_slug, only_in_v1 = versioned_site
    assert (site / "dossiers" / new_slug / "versies").is_dir(), "the build has older versions"
    assert (site / "dossiers" / "voorbeeld" / "index.html").is_file(), "the build has a redirect page"
    urls = sorted(f["url"] for f in bundle_fragments(site))
    assert urls == sorted(["/dossiers/ander-dossier/", f"/dossiers/{new_slug}/"])
    for fragment in bundle_fragments(site):
        assert only_in_v1 not in fragment["content"]
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 2
    rules = json.loads((site / BUNDLE_DIR / QUERY_RULES).read_text(encoding="utf-8"))
    assert set(rules["stopwoorden"]) == set(STOPWORDS)
    # Pagefind's own UIs are not published: the site has its own
    assert not list((site / BUNDLE_DIR).glob("pagefind-ui*"))


def test_no_material_search_index_on_our_site():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = text.split("\nplugins:\n", 1)[1].split("\n\n", 1)[0]
    assert not re.search(r"^\s+- search\b", plugins, re.M)


def test_thesaurus_labels_follow_the_services_directions():
    """Test data: one concept with a broader one. A text with a term gets its concept's other
    terms and the broader concept's terms (a query for the broader one finds it, as the service's
    does); a text with the broader term does not get the narrower's (nor does the service's)."""
    stored = {"groups": [["armoede", "geldgebrek"], ["kinderarmoede", "arme kinderen"]], "narrower": [[0, 1]]}
    t = ThesaurusLabels(stored)
    assert set(t.labels_for("Over kinderarmoede in de wijk.")) >= {"arme kinderen", "armoede", "geldgebrek"}
    assert "kinderarmoede" not in t.labels_for("Over armoede in de wijk.")
    assert "geldgebrek" in t.labels_for("Over armoede in de wijk.")
    assert "armoede" in t.labels_for("Geldgebrek is het begin.")


def test_the_records_reach_pagefind_in_one_request_with_every_fragment(samples, tmp_path, monkeypatch):
    """Pagefind's Python API answers one request per 0.1 s; one request per record made a
    1,000-dossier build wait 100 s. The records go as one folder, and every one is indexed at
    its own address."""
    from pagefind.index import PagefindIndex

    from watwerkt.static_search.bundle import write_bundle

    sent = []
    for name in ("add_html_file", "add_directory", "add_custom_record"):
        original = getattr(PagefindIndex, name)

        async def spy(self, *args, __original=original, __name=name, **kwargs):
            sent.append(__name)
            return await __original(self, *args, **kwargs)
        monkeypatch.setattr(PagefindIndex, name, spy)
    settings = load_settings(None)
    report = write_bundle(samples, settings, tmp_path)
    assert sent == ["add_directory"]
    expected = {r.url: r.readable for r in records_for(samples, settings)}
    fragments = {f["url"]: f for f in bundle_fragments(tmp_path)}
    assert set(fragments) == set(expected) and report.records == len(expected)
    for url, fragment in fragments.items():
        title = expected[url].splitlines()[0]
        assert fragment["meta"]["title"] == title


def test_a_record_address_outside_the_bundle_is_refused(samples, tmp_path, monkeypatch):
    from watwerkt.static_search import bundle

    good = bundle.records_for(samples, load_settings(None))
    monkeypatch.setattr(bundle, "records_for", lambda *a: [dataclasses.replace(good[0], url="/../../buiten/")])
    with pytest.raises(bundle.StaticSearchUnavailable, match="geen geldig adres"):
        bundle.write_bundle(samples, load_settings(None), tmp_path / "site")
    assert not (tmp_path / "buiten").exists()
