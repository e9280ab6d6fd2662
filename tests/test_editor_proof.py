"""Tests survive an editor: no test file retypes a fact from a sample dossier in dossiers/.

Editors change the samples through pull requests (dates, themes, titles, literature, ...). A test
that needs such a value takes it from the loaded model (conftest.sample_dossiers, sample_with).
This test collects, from every sample dossier: its slug, title, summary sentences, themes, target
groups, authors, effective elements (title, id), example names, literature (title, id, authors)
and every date it holds (dates, changelog), each date in the spellings tests would use: ISO
(YYYY-MM-DD), Dutch as `dutch_date` writes it (D maand YYYY), the same without spaces (as a PDF
test compares normalised text), RIS (YYYY/MM/DD) and Python (YYYY, M, D). None may occur in any
tests/**/*.py file.

Matching ignores case and needs whole tokens (a hyphen counts as part of a token, so the slug
'a-b' does not match inside 'a-b-c'); words may be split by any whitespace.

Skipped, as too short or too generic to mean a sample: values shorter than 4 characters, and
single tokens (no whitespace: one word, a slug, an ISO date) that also occur as a whole token in
the hand-written data under tests/fixtures/, where tests use them for their own reasons (a common
word such as a target group, a fixture's date). A skipped date is skipped in all its spellings.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, sample_dossiers
from watwerkt.view.text import dutch_date

TESTS = ROOT / "tests"
MIN_LENGTH = 4


@functools.lru_cache(maxsize=None)
def _pattern(value: str) -> re.Pattern:
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _date_spellings(day) -> list[str]:
    return [day.isoformat(), dutch_date(day), dutch_date(day).replace(" ", ""),
            day.strftime("%Y/%m/%d"), f"{day.year}, {day.month}, {day.day}"]


def sample_facts() -> dict[str, list[str]]:
    """What the samples say, as {what it is (for the message): [spellings]}."""
    facts: dict[str, list[str]] = {}

    def add(what: str, *spellings: str | None) -> None:
        spellings = [" ".join(s.split()) for s in spellings if s and s.strip()]
        if spellings:
            facts.setdefault(spellings[0], [what, *spellings])

    for d in sample_dossiers():
        add(f"slug of {d.slug}", d.slug)
        add(f"title of {d.slug}", d.title)
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(d.summary.split())):
            add(f"summary of {d.slug}", sentence)
        for theme in d.themes:
            add(f"theme of {d.slug}", theme)
        for group in d.target_groups:
            add(f"target group of {d.slug}", group)
        for author in d.authors:
            add(f"author of {d.slug}", author.name)
        for el in d.effective_elements:
            add(f"effective element of {d.slug}", el.title)
            add(f"effective element id of {d.slug}", el.id)
        for ex in d.examples:
            add(f"example of {d.slug}", ex.name)
        for entry in d.literature:
            add(f"literature title in {d.slug}", entry.title)
            add(f"literature id in {d.slug}", entry.id)
            for author in entry.authors:
                add(f"literature author in {d.slug}", author)
        dates = [d.dates.published, d.dates.reviewed, d.dates.review_due] + [c.date for c in d.changelog]
        for day in filter(None, dates):
            add(f"date in {d.slug}", *_date_spellings(day))
    return facts


def _fixture_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix in (".yml", ".md", ".txt"))


@functools.lru_cache(maxsize=None)
def checked_facts() -> dict[str, list[str]]:
    """sample_facts() without the skipped ones (see the module docstring)."""
    fixtures = _fixture_text()
    out = {}
    for first, (what, *spellings) in sample_facts().items():
        if len(first) < MIN_LENGTH:
            continue
        if not re.search(r"\s", first) and _pattern(first).search(fixtures):
            continue
        out[first] = [what, *spellings]
    return out


def retyped(text: str, facts: dict[str, list[str]]) -> list[tuple[int, str, str]]:
    """(line, what, spelling) of every sample fact found in `text`."""
    found = []
    for what, *spellings in facts.values():
        for spelling in spellings:
            for m in _pattern(spelling).finditer(text):
                found.append((text.count("\n", 0, m.start()) + 1, what, spelling))
    return sorted(found)


def test_no_test_file_retypes_a_sample_dossier():
    facts = checked_facts()
    kinds = {what.split(" of ")[0].split(" in ")[0] for what, *_ in facts.values()}
    # The check is only worth something while it covers the samples: fail loudly if it ever stops.
    assert {"slug", "title", "date", "literature title"} <= kinds, kinds
    files = sorted(TESTS.rglob("*.py"))
    assert Path(__file__).resolve() in files
    problems = [f"{path.relative_to(ROOT)}:{line}: {what}: {spelling!r}"
                for path in files
                for line, what, spelling in retyped(path.read_text(encoding="utf-8"), facts)]
    assert not problems, ("tests retype facts from the sample dossiers; take them from the loaded model "
                          "(conftest.sample_dossiers / sample_with) instead:\n" + "\n".join(problems))


@pytest.mark.parametrize("kind", ["slug", "title", "date", "literature title"])
def test_the_check_finds_a_retyped_value(kind):
    """Proof that the test above can fail: a value of each kind, planted in test source, is found."""
    facts = checked_facts()
    what, *spellings = next(v for v in facts.values() if v[0].startswith(kind + " "))
    for spelling in spellings:
        source = f'def test_x():\n    assert page == "... {spelling.upper()} ..."\n'
        assert retyped(source, facts), spelling
    # Part of a longer token is not the value itself.
    assert not retyped(f'x = "{spellings[0]}-en-meer"\n', {"x": [what, spellings[0]]})
