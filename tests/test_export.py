"""Exports (citations, JSON API, Atom feed, JSON-LD) from the sample dossiers and the valid fixture.

Exact layouts (APA, RIS, BibTeX) are checked on the hand-written fixture dossiers, where literal
expectations are fine; on the samples every expected value comes from the loaded model.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURES, PUBLISHED_AT, ROOT, TODAY
from watwerkt import export
from watwerkt.view.citations import reference
from watwerkt.model.dossier import ChangelogEntry
from watwerkt.model.settings import make_settings
from watwerkt.check import check
from watwerkt.view.text import dutch_date
from watwerkt.view.escape import esc

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
NASTY_TITLE = "</script><script>alert(1)</script> & <b>"


@pytest.fixture(scope="module")
def cfg():
    return make_settings(site_url=PUBLISHED_AT)


@pytest.fixture(scope="module")
def samples(cfg):
    return check([ROOT / "dossiers"], cfg, TODAY).valid_dossiers()


@pytest.fixture(scope="module")
def fixture_dossiers(cfg):
    return check([FIXTURES / "valid" / "dossiers"], cfg, TODAY).valid_dossiers()


def by_slug(dossiers, slug):
    return next(d for d in dossiers if d.slug == slug)


@pytest.fixture
def voorbeeld(fixture_dossiers):
    return copy.deepcopy(by_slug(fixture_dossiers, "voorbeeld"))


def raw_yml(folder):
    return yaml.safe_load((folder / "dossier.yml").read_text(encoding="utf-8"))


def parse_ris(text):
    records, current = [], []
    for line in text.splitlines():
        if not line:
            continue
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not a RIS line: {line!r}"
        current.append((m.group(1), m.group(2)))
        if m.group(1) == "ER":
            records.append(current)
            current = []
    assert not current, "record without ER"
    return records


def braces_balanced(text):
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


# -- basics ---------------------------------------------------------------------
def test_samples_load(samples):
    folders = {p.name for p in (ROOT / "dossiers").iterdir() if (p / "dossier.yml").is_file()}
    assert folders and {d.slug for d in samples} == folders


def test_dossier_url(samples, fixture_dossiers, cfg):
    assert export.dossier_url(by_slug(fixture_dossiers, "voorbeeld"), cfg) == cfg.base_url + "dossiers/voorbeeld/"
    for d in samples:
        assert export.dossier_url(d, cfg) == cfg.base_url + f"dossiers/{d.slug}/"


# -- APA ------------------------------------------------------------------------
def test_apa_citation_exact(voorbeeld, cfg):
    assert export.apa_citation(voorbeeld, cfg) == (
        "Redactie Test. (2025). *Wat werkt bij het testen van dossiers* (versie 1 juni 2025). "
        f'Wat werkt. <a href="{cfg.base_url}dossiers/voorbeeld/">{cfg.base_url}dossiers/voorbeeld/</a>'
        # an explicit anchor: a link on the page and in print, on every Markdown version
    )


def test_apa_citation_of_every_sample(samples, cfg):
    for d in samples:
        text = export.apa_citation(d, cfg)
        assert text.startswith(esc(d.authors[0].name))
        assert f" ({d.version.year}). *{esc(' '.join(d.title.split()))}* (versie {dutch_date(d.version)}). " in text
        url = export.dossier_url(d, cfg)
        assert text.endswith(f'<a href="{url}">{url}</a>')


def test_apa_citation_uses_latest_changelog_date(voorbeeld, cfg):
    voorbeeld.changelog.append(ChangelogEntry(date=dt.date(2027, 3, 9), summary="Herzien."))
    text = export.apa_citation(voorbeeld, cfg)
    assert "(2027)." in text
    assert "(versie 9 maart 2027)" in text
    assert text.startswith("Redactie Test. (2027). *Wat werkt bij het testen van dossiers*")


def test_apa_citation_several_authors_and_escaping(voorbeeld, cfg):
    voorbeeld.authors[0].name = "Anna de Vries"
    extra = copy.deepcopy(voorbeeld.authors[0])
    extra.name = "Bram Jansen"
    voorbeeld.authors.append(extra)
    voorbeeld.title = "Wat werkt bij *sterren* en [links](x)"
    text = export.apa_citation(voorbeeld, cfg)
    assert text.startswith("Anna de Vries, & Bram Jansen. (2025).")
    assert r"\*sterren\*" in text and r"\[links\]\(x\)" in text


# -- RIS ------------------------------------------------------------------------
def test_ris_tags(voorbeeld, cfg):
    voorbeeld.themes = ["testen", "kwaliteit"]
    text = export.ris(voorbeeld, cfg)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    [record] = parse_ris(text)
    tags = {}
    for tag, value in record:
        tags.setdefault(tag, []).append(value)
    assert record[0] == ("TY", "ELEC")
    assert record[-1] == ("ER", "")
    assert tags["TI"] == ["Wat werkt bij het testen van dossiers"]
    assert tags["AU"] == ["Redactie Test"]
    assert tags["PY"] == ["2025"]
    assert tags["DA"] == ["2025/06/01"]
    assert tags["PB"] == ["Wat werkt"]
    assert tags["UR"] == [cfg.base_url + "dossiers/voorbeeld/"]
    assert tags["AB"] == ["Een klein testdossier dat alle velden gebruikt."]
    assert tags["KW"] == ["testen", "kwaliteit"]
    assert tags["LA"] == ["nl"]
    assert tags["ET"] == ["Versie 1 juni 2025"]


def test_ris_values_stay_on_one_line(voorbeeld, cfg):
    voorbeeld.title = "Regel een\nER  - regel twee"
    [record] = parse_ris(export.ris(voorbeeld, cfg))
    assert ("TI", "Regel een ER - regel twee") in record
    assert [t for t, _ in record].count("ER") == 1


# -- BibTeX ---------------------------------------------------------------------
def test_bibtex_fixture(voorbeeld, cfg):
    text = export.bibtex(voorbeeld, cfg)
    assert text.startswith("@misc{watwerkt-voorbeeld-2025,\n")
    assert braces_balanced(text)
    assert "author = {{Redactie Test}}" in text  # editorial team kept as one name
    assert "title = {{Wat werkt bij het testen van dossiers}}" in text
    assert "year = {2025}" in text and "month = jun" in text
    assert "note = {Versie 1 juni 2025}" in text
    assert f"url = {{{cfg.base_url}dossiers/voorbeeld/}}" in text
    assert "urldate" not in text  # a file on a static site cannot know when it was read
    assert "keywords = {testen}" in text
    assert "language = {dutch}" in text


def test_bibtex_of_every_sample(samples, cfg):
    for d in samples:
        text = export.bibtex(d, cfg)
        assert text.startswith(f"@misc{{watwerkt-{d.slug}-{d.version.year},\n")
        assert braces_balanced(text)
        assert f"title = {{{{{export.bibtex_escape(d.title)}}}}}" in text
        assert f"note = {{Versie {dutch_date(d.version)}}}" in text


def test_bibtex_escapes_specials(voorbeeld, cfg):
    voorbeeld.title = "50% & {x}_#"
    text = export.bibtex(voorbeeld, cfg)
    assert braces_balanced(text)
    title = re.search(r"title = \{\{(.*)\}\},", text).group(1)
    for special in "%&#_":
        assert f"\\{special}" in title
        assert re.search(rf"(?<!\\){re.escape(special)}", title) is None
    assert title == r"50\% \& \textbraceleft{}x\textbraceright{}\_\#"


def test_bibtex_lone_brace_and_backslash_stay_balanced(voorbeeld, cfg):
    voorbeeld.title = "open { \\ $ ^ ~ zonder sluiten"
    text = export.bibtex(voorbeeld, cfg)
    assert braces_balanced(text)
    assert r"\textbackslash{}" in text and r"\$" in text and r"\^{}" in text and r"\~{}" in text


def test_bibtex_persons_and_organisations(voorbeeld, cfg):
    voorbeeld.authors[0].name = "Anna de Vries"
    org = copy.deepcopy(voorbeeld.authors[0])
    org.name = "Stichting Samen & Co"
    voorbeeld.authors.append(org)
    text = export.bibtex(voorbeeld, cfg, accessed=dt.date(2026, 1, 2))
    assert r"author = {Anna de Vries and {Stichting Samen \& Co}}" in text
    assert "urldate = {2026-01-02}" in text
    assert braces_balanced(text)


# -- JSON -----------------------------------------------------------------------
def test_dossier_json_matches_yaml(samples, cfg):
    for d in samples:
        raw = raw_yml(ROOT / "dossiers" / d.slug)
        data = export.dossier_json(d, cfg)
        json.dumps(data)  # serialisable as is
        assert data["format_version"] == 1
        assert data["slug"] == d.slug
        assert data["url"] == cfg.base_url + f"dossiers/{d.slug}/"
        assert data["title"] == raw["title"]
        assert data["summary"] == raw["summary"]
        assert data["status"] == raw["status"]
        assert data["authors"] == [
            {"name": a["name"], "organisation": a.get("organisation")} for a in raw["authors"]
        ]
        for key in ("published", "reviewed", "review_due"):
            value = raw["dates"].get(key)
            assert data["dates"][key] == (value.isoformat() if value else None)
        assert data["version"] == max(c["date"] for c in raw["changelog"]).isoformat()
        assert data["themes"] == raw.get("themes", [])
        assert data["target_groups"] == raw.get("target_groups", [])
        assert [e["id"] for e in data["effective_elements"]] == [e["id"] for e in raw["effective_elements"]]
        assert [e["evidence"]["id"] for e in data["effective_elements"]] == [
            e["evidence"] for e in raw["effective_elements"]
        ]
        assert [e["sources"] for e in data["effective_elements"]] == [
            e["sources"] for e in raw["effective_elements"]
        ]
        assert [e["description"] for e in data["effective_elements"]] == [
            e["description"] for e in raw["effective_elements"]
        ]
        assert [lit["id"] for lit in data["literature"]] == [lit["id"] for lit in raw["literature"]]
        assert [c["date"] for c in data["changelog"]] == sorted(
            (c["date"].isoformat() for c in raw["changelog"]), reverse=True
        )


def test_dossier_json_fixture_details(fixture_dossiers, cfg):
    d = by_slug(fixture_dossiers, "voorbeeld")
    data = export.dossier_json(d, cfg)
    [el] = data["effective_elements"]
    assert el["evidence"] == {"id": "verondersteld", "label": "Verondersteld"}
    assert el["description"].strip() == "Een melding noemt bestand en regel [@jansen-2020]."
    [ex] = data["examples"]
    assert ex["recognition"] == {
        "level": {"id": "goed-beschreven", "label": "Goed beschreven"},
        "databank": None,
        "date": "2024-03-01",
    }
    assert ex["url"] == "https://example.org/project"
    lit = {e["id"]: e for e in data["literature"]}
    assert lit["jansen-2020"]["authors"] == ["Jansen, A."]
    assert lit["jansen-2020"]["year"] == "2020"
    assert lit["jansen-2020"]["publisher"] == "Testuitgeverij"
    assert lit["testbureau-2021"]["doi"] == "10.1234/test.2021.1"
    assert lit["testbureau-2021"]["journal"] == "Tijdschrift voor Tests"
    for entry in d.literature:
        assert lit[entry.id]["apa"] == reference(entry)
    assert "at" not in lit["jansen-2020"] and "pos" not in lit["jansen-2020"]
    assert data["changelog"] == [{"date": "2025-06-01", "summary": "Eerste versie."}]
    other = export.dossier_json(by_slug(fixture_dossiers, "ander-dossier"), cfg)
    assert other["dates"] == {"published": "2025-02-01", "reviewed": None, "review_due": None}
    assert other["examples"] == [] and other["themes"] == []


def test_dossiers_json_sorted_and_complete(samples, fixture_dossiers, cfg):
    given = list(reversed(samples)) + list(fixture_dossiers)
    data = export.dossiers_json(given, cfg, dt.date(2026, 12, 1))
    assert data["format_version"] == 1
    assert data["generated"] == "2026-12-01"
    slugs = [d["slug"] for d in data["dossiers"]]
    assert slugs == sorted(d.slug for d in given)
    items = {d["slug"]: d for d in data["dossiers"]}
    assert items["voorbeeld"] == {
        "slug": "voorbeeld",
        "title": "Wat werkt bij het testen van dossiers",
        "summary": "Een klein testdossier dat alle velden gebruikt.",
        "url": cfg.base_url + "dossiers/voorbeeld/",
        "json_url": cfg.base_url + "api/dossiers/voorbeeld.json",
        "version": "2025-06-01",
        "themes": ["testen"],
        "target_groups": ["redacteuren"],
        "status": "published",
    }
    for d in samples:
        assert items[d.slug] == {
            "slug": d.slug, "title": d.title, "summary": d.summary,
            "url": cfg.base_url + f"dossiers/{d.slug}/",
            "json_url": cfg.base_url + f"api/dossiers/{d.slug}.json",
            "version": d.version.isoformat(), "themes": d.themes, "target_groups": d.target_groups,
            "status": d.status,
        }
    # Deterministic: the same input in another order gives the same output.
    assert export.dossiers_json(list(reversed(given)), cfg, dt.date(2026, 12, 1)) == data
    assert export.dossiers_json([], cfg, dt.date(2026, 12, 1))["dossiers"] == []


# -- Atom -----------------------------------------------------------------------
def test_atom_feed_parses_newest_first(fixture_dossiers, voorbeeld, cfg):
    ander = by_slug(fixture_dossiers, "ander-dossier")
    voorbeeld.changelog.append(ChangelogEntry(date=dt.date(2027, 1, 5), summary="Nieuwste wijziging."))
    voorbeeld.changelog.append(ChangelogEntry(date=dt.date(2027, 1, 5), summary="Tweede op dezelfde dag."))
    text = export.atom_feed([ander, voorbeeld], cfg, dt.date(2027, 1, 6))
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert root.findtext(f"{ATOM}title") == "Wat werkt — recent bijgewerkt"
    assert root.findtext(f"{ATOM}id") == cfg.base_url
    assert root.findtext(f"{ATOM}updated") == "2027-01-06T00:00:00Z"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Wat werkt"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1 + 3  # one change in ander-dossier, three in voorbeeld
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert all(RFC3339.match(u) for u in updated)
    assert updated == sorted(updated, reverse=True)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Wat werkt bij het testen van dossiers: Nieuwste wijziging."
    assert first.find(f"{ATOM}link").get("href") == cfg.base_url + "dossiers/voorbeeld/"
    assert first.findtext(f"{ATOM}summary") == "Nieuwste wijziging."


def test_atom_feed_escapes_markup(voorbeeld, cfg):
    voorbeeld.title = "<script>alert('x')</script> & co"
    voorbeeld.changelog[0].summary = "Nieuw: <b>vet</b> & \x01meer " + "x" * 100
    text = export.atom_feed([voorbeeld], cfg, dt.date(2026, 1, 1))
    assert "<script>" not in text and "<b>" not in text
    root = ET.fromstring(text)
    [entry] = root.findall(f"{ATOM}entry")
    title = entry.findtext(f"{ATOM}title")
    assert title.startswith("<script>alert('x')</script> & co: Nieuw: <b>vet</b> & meer ")
    assert len(title) - len("<script>alert('x')</script> & co: ") <= 80
    assert title.endswith("…")
    assert entry.findtext(f"{ATOM}summary") == "Nieuw: <b>vet</b> & meer " + "x" * 100


def test_atom_feed_max_50_entries(voorbeeld, cfg):
    start = dt.date(2025, 1, 1)
    voorbeeld.changelog = [
        ChangelogEntry(date=start + dt.timedelta(days=i), summary=f"Wijziging {i}.") for i in range(60)
    ]
    root = ET.fromstring(export.atom_feed([voorbeeld], cfg, dt.date(2025, 3, 1)))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 50
    assert entries[0].findtext(f"{ATOM}summary") == "Wijziging 59."
    assert entries[-1].findtext(f"{ATOM}summary") == "Wijziging 10."


# -- JSON-LD --------------------------------------------------------------------
def test_json_ld_values(samples, fixture_dossiers, cfg):
    for d in samples + fixture_dossiers:
        data = json.loads(export.json_ld(d, cfg))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Article"
        assert data["headline"] == d.title
        assert data["description"] == d.summary
        assert data["inLanguage"] == "nl"
        assert data["datePublished"] == d.dates.published.isoformat()
        assert data["dateModified"] == d.version.isoformat()
        assert data["url"] == cfg.base_url + f"dossiers/{d.slug}/"
        assert data["publisher"]["name"] == cfg.site_name
        assert data["license"] == cfg.licence_url
        assert len(data["citation"]) == len(d.literature)
        assert data.get("keywords", []) == d.themes


def test_json_ld_citations(fixture_dossiers, cfg):
    data = json.loads(export.json_ld(by_slug(fixture_dossiers, "voorbeeld"), cfg))
    jansen, testbureau = data["citation"]
    assert jansen["name"] == "Over het testen van dossiers"
    assert jansen["datePublished"] == "2020"
    assert jansen["author"] == [{"@type": "Person", "name": "Jansen, A."}]
    assert testbureau["author"] == [{"@type": "Organization", "name": "Testbureau"}]
    assert testbureau["sameAs"] == "https://doi.org/10.1234/test.2021.1"
    assert data["author"] == [{"@type": "Organization", "name": "Redactie Test"}]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "redacteuren"}]


def test_json_ld_no_year_for_zd(voorbeeld, cfg):
    voorbeeld.literature[1].year = "z.d."
    jansen, undated = json.loads(export.json_ld(voorbeeld, cfg))["citation"]
    assert jansen["datePublished"] == "2020"
    assert undated["name"] == "Meer over testen" and "datePublished" not in undated


def test_json_ld_cannot_break_out_of_script(voorbeeld, cfg):
    voorbeeld.title = NASTY_TITLE
    voorbeeld.summary = "regel\u2028scheiding\u2029 & <!-- commentaar -->"
    voorbeeld.literature[0].title = "</SCRIPT>"
    text = export.json_ld(voorbeeld, cfg)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    data = json.loads(text)
    assert data["headline"] == NASTY_TITLE
    assert data["description"] == voorbeeld.summary
    assert data["citation"][0]["name"] == "</SCRIPT>"
