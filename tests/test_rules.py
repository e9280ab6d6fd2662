"""One focused test per validation rule (check/ and the value rules in load/walker.py), each with
a case that must pass and a case that must fail, on a copy of the valid fixture root."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, copy_valid, edit, settings_with_options
from watwerkt.model.settings import load_settings
from watwerkt.check import check

V_YML = "dossiers/voorbeeld/dossier.yml"
A_YML = "dossiers/ander-dossier/dossier.yml"
FEITEN = "dossiers/voorbeeld/feiten.md"
FIRST_APPENDED_LINE = 5  # feiten.md has three lines; append_md adds a blank line, then the text


# -- helpers ----------------------------------------------------------------------


def run(root: Path, settings=None, today: dt.date = TODAY):
    return check([root / "dossiers"], settings or load_settings(None), today, base=root)


def where(result) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.code) for p in result.problems]


def codes(result) -> list[str]:
    return sorted(p.code for p in result.problems)


def show(result) -> str:
    return "\n".join(f"{p.path}:{p.line}:{p.col} {p.code} {p.message}" for p in result.problems)


@pytest.fixture
def root(tmp_path):
    return copy_valid(tmp_path)


@pytest.fixture
def yml(root):
    return root / "dossiers" / "voorbeeld" / "dossier.yml"


@pytest.fixture
def other_yml(root):
    return root / "dossiers" / "ander-dossier" / "dossier.yml"


@pytest.fixture
def append_md(root):
    def append(text: str, name: str = "feiten.md") -> None:
        path = root / "dossiers" / "voorbeeld" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")

    return append


def test_copy_of_valid_root_is_clean(root):
    result = run(root)
    assert result.problems == [], show(result)


# -- dates (WW301-WW304) -------------------------------------------------------------------
def test_ww301_leap_day_2024_is_a_valid_date(root, yml):
    edit(yml, "published: 2025-01-15", "published: 2024-02-29")
    result = run(root)
    assert result.problems == [], show(result)
    loaded = {d.slug: d.dossier for d in result.dossiers}
    assert loaded["voorbeeld"].dates.published == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("2023-02-29", "bestaat niet als datum"),  # not a leap year
        ("2025-02-30", "bestaat niet als datum"),
        ("2025-13-01", "bestaat niet als datum"),
        ("15-01-2025", "JJJJ-MM-DD"),
        ("2025-1-15", "JJJJ-MM-DD"),
        ("2025-01-15T10:00:00", "JJJJ-MM-DD"),
    ],
)
def test_ww301_invalid_dates(root, yml, value, fragment):
    edit(yml, "published: 2025-01-15", f"published: {value}")
    result = run(root)
    assert where(result) == [(V_YML, 9, 14, "WW301")], show(result)
    assert fragment in result.problems[0].message
    assert f"'{value}'" in result.problems[0].message


def test_ww302_reviewed_before_published(root, yml):
    edit(yml, "reviewed: 2025-06-01", "reviewed: 2025-01-14")
    result = run(root)
    assert where(result) == [(V_YML, 10, 13, "WW302")], show(result)


def test_ww302_reviewed_on_publication_day_is_fine(root, yml):
    edit(yml, "reviewed: 2025-06-01", "reviewed: 2025-01-15")
    assert run(root).problems == []


def test_ww303_review_due_yesterday_is_a_warning(root, yml):
    edit(yml, "review_due: 2027-06-01", "review_due: 2026-05-31")
    result = run(root)
    assert where(result) == [(V_YML, 11, 15, "WW303")], show(result)
    assert result.problems[0].severity == "warning"
    assert result.errors == []


def test_ww303_review_due_today_is_not_overdue(root, yml):
    edit(yml, "review_due: 2027-06-01", f"review_due: {TODAY.isoformat()}")
    assert run(root).problems == []


def test_ww303_follows_the_today_argument(root):
    assert run(root, today=dt.date(2027, 6, 1)).problems == []
    result = run(root, today=dt.date(2027, 6, 2))
    assert where(result) == [(V_YML, 11, 15, "WW303")]


def test_ww304_review_due_before_reviewed(root, yml):
    edit(yml, "review_due: 2027-06-01", "review_due: 2025-05-31")
    result = run(root, today=dt.date(2025, 1, 1))  # so the date is not also overdue
    assert where(result) == [(V_YML, 11, 15, "WW304")], show(result)


def test_ww304_review_due_equal_to_reviewed_is_fine(root, yml):
    edit(yml, "review_due: 2027-06-01", "review_due: 2025-06-01")
    assert run(root, today=dt.date(2025, 1, 1)).problems == []


# -- evidence (WW401-WW404) ------------------------------------------------------------------
@pytest.mark.parametrize("level", ["verondersteld", "aanwijzingen", "aannemelijk", "aangetoond"])
def test_ww401_every_default_level_is_accepted(root, yml, level):
    edit(yml, "evidence: verondersteld", f"evidence: {level}")
    assert run(root).problems == []


def test_ww401_unknown_level(root, yml):
    edit(yml, "evidence: verondersteld", "evidence: bewezen")
    result = run(root)
    assert where(result) == [(V_YML, 19, 15, "WW401")], show(result)
    assert "'bewezen'" in result.problems[0].message


def test_ww401_close_misspelling_gets_a_suggestion(root, yml):
    edit(yml, "evidence: verondersteld", "evidence: Aangetoond")
    result = run(root)
    assert codes(result) == ["WW401"]
    assert result.problems[0].hint == "bedoelde u 'aangetoond'?"


def test_ww402_empty_sources(root, yml):
    edit(yml, "sources: [jansen-2020]", "sources: []")
    result = run(root)
    assert where(result) == [(V_YML, 15, 5, "WW402")], show(result)  # at the element


def test_ww402_missing_sources_is_not_ww102(root, yml):
    edit(yml, "    sources: [jansen-2020]\n", "")
    result = run(root)
    assert codes(result) == ["WW402"], show(result)


def test_ww403_source_not_in_literature(root, yml):
    edit(yml, "sources: [jansen-2020]", "sources: [jansen-2020, jansen-2021]")
    result = run(root)
    assert where(result) == [(V_YML, 20, 28, "WW403")], show(result)  # at the second item
    assert result.problems[0].hint == "bedoelde u 'jansen-2020'?"


def test_ww403_source_from_literature_is_fine(root, yml):
    edit(yml, "sources: [jansen-2020]", "sources: [jansen-2020, testbureau-2021]")
    assert run(root).problems == []


@pytest.mark.parametrize(
    "level",
    ["goed-beschreven", "goed-onderbouwd", "effectief-eerste-aanwijzingen",
     "effectief-goede-aanwijzingen", "effectief-sterke-aanwijzingen"],
)
def test_ww404_every_recognition_level_is_accepted(root, yml, level):
    edit(yml, "level: goed-beschreven", f"level: {level}")
    assert run(root).problems == []


def test_ww404_unknown_recognition_level(root, yml):
    edit(yml, "level: goed-beschreven", "level: erkend")
    result = run(root)
    assert where(result) == [(V_YML, 27, 14, "WW404")], show(result)


def test_evidence_scale_comes_from_the_settings(root, yml, tmp_path):
    custom = settings_with_options(
        tmp_path, "evidence_scale:\n  - {id: sterk, label: Sterk}\n  - {id: zwak, label: Zwak}\n")
    edit(yml, "evidence: verondersteld", "evidence: sterk")
    assert codes(run(root)) == ["WW401"]  # unknown on the default scale
    result = run(root, settings=custom)
    # 'sterk' is now fine; ander-dossier's 'aanwijzingen' is not on the custom scale.
    assert where(result) == [(A_YML, 13, 15, "WW401")], show(result)


# -- citations (WW501, WW502) -------------------------------------------------------------------
def test_ww501_unknown_citation_in_markdown_file(root, append_md):
    append_md("Zie [@onbekend-2000].\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, 6, "WW501")], show(result)
    assert "[@onbekend-2000]" in result.problems[0].message


def test_ww501_unknown_citation_in_yaml_literal_block(root, yml):
    edit(yml, "regel [@jansen-2020].", "regel [@jansen-2020].\n      Tweede regel [@onbekend].")
    result = run(root)
    # line 19 is '      Tweede regel [@onbekend].': the '@' is in column 21
    assert where(result) == [(V_YML, 19, 21, "WW501")], show(result)


def test_ww501_unknown_citation_in_folded_description(root, yml):
    edit(
        yml,
        "    description: Een project dat als voorbeeld dient.\n",
        "    description: >-\n      Een project dat als\n      voorbeeld dient [@jansen-2020; @onbekend].\n",
    )
    result = run(root)
    # line 26 is '      voorbeeld dient [@jansen-2020; @onbekend].'
    assert where(result) == [(V_YML, 26, 38, "WW501")], show(result)


def test_ww501_multiple_citation_group(root, append_md):
    append_md("Twee bronnen [@jansen-2020; @onbekend] en [@testbureau-2021; @jansen-2020].\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, 29, "WW501")], show(result)
    assert "[@onbekend]" in result.problems[0].message


def test_ww501_citation_with_locator(root, append_md):
    append_md("Met pagina [@onbekend, p. 12] en [@jansen-2020, pp. 3-4].\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, 13, "WW501")], show(result)
    assert "[@onbekend]" in result.problems[0].message


def test_ww501_known_citations_in_all_forms_are_fine(root, append_md):
    append_md("A [@jansen-2020; @testbureau-2021]. B [@testbureau-2021, p. 12]. "
              "C [zie @jansen-2020]. D [-@jansen-2020].\n")
    result = run(root)
    assert result.problems == [], show(result)


def test_ww501_citations_in_code_are_ignored(root, append_md):
    append_md("Schrijf `[@onbekend]` voor een verwijzing.\n\n"
              "```markdown\nZo: [@ook-onbekend].\n```\n\n"
              "~~~\n[@nog-een]\n~~~\n")
    result = run(root)
    assert result.problems == [], show(result)


def test_ww501_email_and_link_text_are_not_citations(root, append_md):
    append_md("Mail [info@example.org](mailto:info@example.org) of [@handle](https://example.org).\n")
    result = run(root)
    assert result.problems == [], show(result)


def test_ww502_uncited_literature_is_a_warning(root, yml):
    edit(
        yml,
        "changelog:\n",
        "  - id: ongebruikt-2022\n    type: webpage\n    year: 2022\n    title: Nergens aangehaald\n"
        "changelog:\n",
    )
    result = run(root)
    assert where(result) == [(V_YML, 43, 5, "WW502")], show(result)
    assert result.problems[0].severity == "warning"
    assert "[@ongebruikt-2022]" in result.problems[0].hint


def test_ww502_citing_only_as_element_source_counts(root, yml):
    # testbureau-2021 is otherwise only cited in definitie.md
    (root / "dossiers" / "voorbeeld" / "definitie.md").write_text("Alleen tekst.\n", encoding="utf-8")
    assert codes(run(root)) == ["WW502"]
    edit(yml, "sources: [jansen-2020]", "sources: [jansen-2020, testbureau-2021]")
    result = run(root)
    assert result.problems == [], show(result)


# -- identity (WW601-WW606) ------------------------------------------------------------------------
def test_ww601_duplicate_element_id(root, yml):
    edit(
        yml,
        "examples:\n",
        "  - id: duidelijke-meldingen\n    title: Nog een\n    description: Tekst.\n"
        "    evidence: aangetoond\n    sources: [jansen-2020]\n"
        "examples:\n",
    )
    result = run(root)
    assert where(result) == [(V_YML, 21, 9, "WW601")], show(result)


def test_ww601_distinct_element_ids_are_fine(root, yml):
    edit(
        yml,
        "examples:\n",
        "  - id: andere-meldingen\n    title: Nog een\n    description: Tekst.\n"
        "    evidence: aangetoond\n    sources: [jansen-2020]\n"
        "examples:\n",
    )
    assert run(root).problems == []


def test_ww602_duplicate_literature_id(root, yml):
    edit(yml, "  - id: testbureau-2021\n", "  - id: jansen-2020\n")
    (root / "dossiers" / "voorbeeld" / "definitie.md").write_text("Tekst [@jansen-2020].\n", encoding="utf-8")
    result = run(root)
    assert where(result) == [(V_YML, 36, 9, "WW602")], show(result)


def test_ww603_duplicate_title_ignores_case_and_spacing(root, other_yml):
    edit(other_yml, "title: Wat werkt bij een ander dossier",
         "title: wat werkt bij HET   testen van dossiers")
    result = run(root)
    assert where(result) == [(A_YML, 2, 8, "WW603"), (V_YML, 2, 8, "WW603")], show(result)
    messages = {p.path: p.message for p in result.problems}
    assert "'voorbeeld'" in messages[A_YML] and "'ander-dossier'" in messages[V_YML]


def test_ww603_different_titles_are_fine(root, other_yml):
    edit(other_yml, "title: Wat werkt bij een ander dossier", "title: Wat werkt bij het testen van mappen")
    assert run(root).problems == []


def test_ww604_folder_names_differing_in_case_and_accent(root):
    dossiers = root / "dossiers"
    shutil.copytree(dossiers / "ander-dossier", dossiers / "Ánder-dossier")
    edit(dossiers / "Ánder-dossier" / "dossier.yml", "title: Wat werkt bij een ander dossier",
         "title: Wat werkt bij een derde dossier")
    result = run(root)
    ww604 = sorted(p.path for p in result.problems if p.code == "WW604")
    assert ww604 == [A_YML, "dossiers/Ánder-dossier/dossier.yml"], show(result)
    assert codes(result) == ["WW604", "WW604", "WW605"]


def test_ww605_folder_name_not_a_slug(root):
    dossiers = root / "dossiers"
    (dossiers / "ander-dossier").rename(dossiers / "Ander_Dossier")
    edit(dossiers / "voorbeeld" / "definitie.md", "../ander-dossier/", "../Ander_Dossier/")
    result = run(root)
    assert where(result) == [("dossiers/Ander_Dossier/dossier.yml", 1, 1, "WW605")], show(result)
    assert result.problems[0].message == "mapnaam 'Ander_Dossier' is geen geldige slug"
    assert "'ander-dossier'" in result.problems[0].hint


def test_ww606_former_slug_unused_is_fine(root, yml):
    edit(yml, "status: published\n", "status: published\nformer_slugs: [oud-dossier]\n")
    assert run(root).problems == []


def test_ww606_former_slug_equal_to_an_existing_folder(root, yml):
    edit(yml, "status: published\n", "status: published\nformer_slugs: [oud-dossier, ander-dossier]\n")
    result = run(root)
    assert where(result) == [(V_YML, 5, 29, "WW606")], show(result)
    assert "'ander-dossier'" in result.problems[0].message


def test_ww606_former_slug_claimed_by_two_dossiers(root, yml, other_yml):
    edit(yml, "status: published\n", "status: published\nformer_slugs: [oud-dossier]\n")
    edit(other_yml, "status: published\n", "status: published\nformer_slugs: [oud-dossier]\n")
    result = run(root)
    # ander-dossier is checked first and claims it; voorbeeld's claim is the conflict
    assert where(result) == [(V_YML, 5, 16, "WW606")], show(result)
    assert "'ander-dossier'" in result.problems[0].message


# -- links and files (WW701-WW705) ------------------------------------------------------------------
def test_links_that_are_fine(root, append_md):
    folder = root / "dossiers" / "voorbeeld"
    (folder / "beelden").mkdir()
    shutil.copy(folder / "grafiek.png", folder / "beelden" / "grafiek 2.png")
    append_md(
        "[web](http://example.org/pagina) [veilig](https://example.org/a_(b)?q=1#x)\n"
        "[mail](mailto:redactie@example.org) [bel](tel:+31201234567)\n"
        "[anker](#anker) [definitie](definitie.md) [deel](definitie.md#kop)\n"
        "[ander](../ander-dossier/) [ander anker](../ander-dossier/#x) [zonder slash](../ander-dossier)\n"
        "![In een submap](beelden/grafiek%202.png) ![Met hoekhaken](<beelden/grafiek 2.png>)\n"
        '[met titel](https://example.org "Titel")\n'
    )
    result = run(root)
    assert result.problems == [], show(result)


@pytest.mark.parametrize("url", ["https://", "ftp://example.org/x", "//example.org/x", "https://voorbeeld"])
def test_ww701_bad_web_address_in_markdown(root, append_md, url):
    append_md(f"Zie [hier]({url}).\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, 12, "WW701")]  # at the URL, show(result)


def test_ww701_mailto_is_not_an_image(root, append_md):
    append_md("![Logo](mailto:x@example.org)\n")
    assert codes(run(root)) == ["WW701"]


def test_ww701_bad_url_in_yaml(root, yml):
    edit(yml, "url: https://example.org/project", "url: www.example.org/project")
    result = run(root)
    assert where(result) == [(V_YML, 25, 10, "WW701")], show(result)


def test_ww702_invalid_doi(root, yml):
    edit(yml, "doi: 10.1234/test.2021.1", "doi: 11.1234/test")
    result = run(root)
    assert where(result) == [(V_YML, 42, 10, "WW702")], show(result)


def test_ww702_doi_forms_that_are_fine(root, yml):
    edit(yml, "doi: 10.1234/test.2021.1", "doi: doi:10.1234/test.2021.1")
    assert run(root).problems == []


@pytest.mark.parametrize(
    "markdown, col",
    [
        ("[x](ontbreekt.md)", 5),
        ("[x](../bestaat-niet/)", 5),
        ("[x](Definitie.md)", 5),  # case matters
        ("![Grafiek](ontbreekt.png)", 12),
    ],
)
def test_ww703_missing_target(root, append_md, markdown, col):
    append_md(markdown + "\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, col, "WW703")], show(result)


def test_ww703_link_to_a_folder_that_is_not_a_dossier(root, append_md):
    (root / "dossiers" / "leeg").mkdir()
    append_md("[x](../leeg/)\n")
    result = run(root)
    assert (FEITEN, FIRST_APPENDED_LINE, 5, "WW703") in where(result), show(result)


@pytest.mark.parametrize("markdown, col", [("![](grafiek.png)", 7), ("![ ](grafiek.png)", 7)])
def test_ww704_image_without_alt(root, append_md, markdown, col):
    append_md("Tekst " + markdown + "\n")
    result = run(root)
    # The position is that of the image itself, where the alt text belongs.
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE, col, "WW704")], show(result)


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](/etc/passwd)",
        "[x](../ander-dossier/definitie.md)",
        "[x](../../README.md)",
        "![Grafiek](../ander-dossier/grafiek.png)",
    ],
)
def test_ww705_path_outside_the_dossier(root, append_md, markdown):
    append_md(markdown + "\n")
    assert codes(run(root)) == ["WW705"]


# -- unsafe content (WW801-WW803) --------------------------------------------------------------------
@pytest.mark.parametrize(
    "markdown, code, col",
    [
        ("<SCRIPT>alert(1)</SCRIPT>", "WW801", 1),
        ("Tekst <Iframe src=https://example.org></Iframe>", "WW801", 7),
        ("<style>body{display:none}</style>", "WW801", 1),
        ('<a href="https://example.org" onclick="steel()">x</a>', "WW802", 31),
        ('Alinea.\n{: onclick="steel()"}', "WW802", 1),
        ('<img src="https://example.org/x.png" alt="x" ONMOUSEOVER=steel()>', "WW802", 46),
        ("[x](JAVASCRIPT:alert(1))", "WW803", 5),
        ("[x](&#x6A;avascript:alert(1))", "WW803", 5),
        ("[x]( javascript:alert(1))", "WW803", 6),
        ("[x](<javascript:alert(1)>)", "WW803", 5),
        ("![Grafiek](data:image/png;base64,iVBORw0KGgo=)", "WW803", 12),
        ("[x]: javascript:alert(1)", "WW803", 6),
        ('<a href="vbscript:msgbox(1)">x</a>', "WW803", 4),
        ('{: href="javascript:alert(1)"}', "WW803", 1),
    ],
)
def test_unsafe_markdown(root, append_md, markdown, code, col):
    append_md(markdown + "\n")
    result = run(root)
    line = FIRST_APPENDED_LINE + (1 if code == "WW802" and markdown.startswith("Alinea") else 0)
    assert where(result) == [(FEITEN, line, col, code)], show(result)


def test_ww802_handler_on_the_next_line_of_a_tag(root, append_md):
    append_md('<img src=x\n  onerror="alert(1)">\n')
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE + 1, 3, "WW802")], show(result)
    assert "'onerror'" in result.problems[0].message


def test_unsafe_html_in_a_yaml_description(root, yml):
    edit(yml, "regel [@jansen-2020].", 'regel [@jansen-2020]. <img src="x.png" alt="" onerror="x()">')
    result = run(root)
    assert where(result) == [(V_YML, 18, 82, "WW802")], show(result)


def test_harmless_html_is_not_flagged(root, append_md):
    append_md(
        '<abbr title="Wet maatschappelijke ondersteuning">Wmo</abbr> en H<sub>2</sub>O.\n\n'
        '<a href="https://example.org" title="on hold">link</a> <span class="note">x</span>\n\n'
        '<details><summary>Meer</summary>Tekst</details> 3 < 4 en 5 > 2.\n\n'
        "# Kop {: #kop .klasse }\n\n"
        "Een woord als onderwerp=x of javascript: in lopende tekst.\n"
    )
    result = run(root)
    assert result.problems == [], show(result)


def test_unsafe_html_in_code_is_not_flagged(root, append_md):
    append_md("Gebruik nooit `<script>` in een dossier.\n\n```html\n<script>alert(1)</script>\n```\n")
    result = run(root)
    assert result.problems == [], show(result)


def test_ww801_script_between_stray_backticks_in_separate_paragraphs(root, append_md):
    append_md("Een losse backtick ` hier.\n\n<script>alert(1)</script>\n\nNog een ` hier.\n")
    result = run(root)
    assert where(result) == [(FEITEN, FIRST_APPENDED_LINE + 2, 1, "WW801")], show(result)


def test_ww801_script_after_abruptly_closed_comment(root, append_md):
    append_md("<!--><script>alert(1)</script><!-- x -->\n")
    result = run(root)
    assert codes(result) == ["WW801"], show(result)


@pytest.mark.parametrize("container", ["> ", "- "])
def test_ww803_reference_definition_inside_a_container(root, append_md, container):
    append_md(f"{container}[x]: javascript:alert(1)\n\n[klik][x]\n")
    result = run(root)
    assert codes(result) == ["WW803"], show(result)


def test_ww803_javascript_url_in_yaml(root, yml):
    edit(yml, "url: https://example.org/project", "url: ' JavaScript:alert(1)'")
    result = run(root)
    assert where(result) == [(V_YML, 25, 10, "WW803")], show(result)


# -- limits (WW107) -----------------------------------------------------------------------------------
@pytest.fixture
def small_limits(tmp_path):
    return settings_with_options(tmp_path, "limits:\n  max_list_items: 3\n")


def test_ww107_too_many_list_items_from_settings(root, yml, small_limits):
    edit(yml, "themes: [testen]", "themes: [a, b, c, d]")
    result = run(root, settings=small_limits)
    assert where(result) == [(V_YML, 12, 9, "WW107")], show(result)
    assert result.problems[0].message == "themes heeft 4 items; het maximum is 3"
    assert codes(run(root)) == []  # the default limit is 200


def test_ww107_list_at_the_limit_is_fine(root, yml, small_limits):
    edit(yml, "themes: [testen]", "themes: [a, b, c]")
    assert run(root, settings=small_limits).problems == []


def test_ww107_title_too_long(root, yml):
    edit(yml, "title: Wat werkt bij het testen van dossiers", "title: " + "x" * 201)
    result = run(root)
    assert where(result) == [(V_YML, 2, 8, "WW107")], show(result)
    assert "201 tekens" in result.problems[0].message and "200" in result.problems[0].message


def test_ww107_title_at_the_limit_is_fine(root, yml):
    edit(yml, "title: Wat werkt bij het testen van dossiers", "title: " + "x" * 200)
    assert run(root).problems == []


def test_ww107_max_text_chars_setting_lowers_the_limit(root, yml, tmp_path):
    result = run(root, settings=settings_with_options(tmp_path, "limits:\n  max_text_chars: 10\n"))
    assert (V_YML, 2, 8, "WW107") in where(result), show(result)


# -- sections (WW203) ----------------------------------------------------------------------------------
def test_ww203_unknown_file_lists_the_sections(root):
    (root / "dossiers" / "voorbeeld" / "notities.md").write_text("Aantekeningen.\n", encoding="utf-8")
    result = run(root)
    assert where(result) == [("dossiers/voorbeeld/notities.md", 1, 1, "WW203")], show(result)
    p = result.problems[0]
    assert p.severity == "warning"
    assert p.hint == "secties: definitie.md, feiten.md, beleid.md, trends.md, discussies.md"


def test_ww203_misspelled_section_gets_a_suggestion(root):
    (root / "dossiers" / "voorbeeld" / "discusies.md").write_text("Tekst.\n", encoding="utf-8")
    result = run(root)
    assert codes(result) == ["WW203"]
    assert result.problems[0].hint == "bedoelde u 'discussies.md'?"


def test_ww203_hidden_files_are_fine_other_files_are_named(root):
    folder = root / "dossiers" / "voorbeeld"
    (folder / ".notities.md").write_text("verborgen\n", encoding="utf-8")
    (folder / "beleid.md").write_text("Beleid.\n", encoding="utf-8")
    assert run(root).problems == []
    (folder / "bijlage.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "logo.svg").write_text("<svg/>", encoding="utf-8")
    result = run(root)
    assert [(p.path, p.code, p.severity) for p in result.problems] == [
        ("dossiers/voorbeeld/bijlage.pdf", "WW203", "warning"), ("dossiers/voorbeeld/logo.svg", "WW203", "warning")]
    assert "niet gepubliceerd" in result.problems[0].message and "script" in result.problems[1].message


def test_citation_wrapped_over_two_lines_counts_as_cited(root, append_md):
    append_md("Twee bronnen [@jansen-2020;\n@testbureau-2021] in één verwijzing.\n")
    result = run(root)
    assert "WW502" not in codes(result) and "WW501" not in codes(result), show(result)


def test_citation_does_not_cross_a_paragraph_break(root, append_md):
    from watwerkt.check.mdscan import scan

    assert scan("[zie\n\n@jansen-2020]").citations == []
    assert [c.key for c in scan("[zie\n@jansen-2020]").citations] == ["jansen-2020"]
