#!/usr/bin/env python3
"""Generate a deterministic synthetic corpus of "Wat werkt bij ..." dossiers for benchmarks and tests.

    python scripts/gen_corpus.py OUT_DIR --count N [--seed S] [--overdue K]

writes OUT_DIR/dossiers/<slug>/ (dossier.yml plus 3-5 section files) and OUT_DIR/SYNTHETIC.txt.
The dossiers are shaped like the real samples in dossiers/ and pass `watwerkt check` without
problems, but their text is filler built from a fixed word list: nothing in them is real.
Every title starts with "[SYNTHETISCH]" and every dossier.yml starts with a comment saying so.
--overdue K gives the first K published dossiers a review date of OVERDUE_DUE (2026-11-21), so
they show the "herziening verlopen" banner on any later day (tests and benchmarks use 2026-11-26).

Same seed and count give byte-identical output: all randomness comes from random.Random
seeded per dossier, nothing depends on the clock, and iteration is over lists only.
Standard library only, so tests and other benchmarks can import `generate` without extras.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from pathlib import Path

MARK = "[SYNTHETISCH]"
HEADER = "# Synthetisch testdossier, gegenereerd door scripts/gen_corpus.py; geen echte inhoud.\n"
NOTICE = (
    "*Synthetisch testdossier: deze tekst is automatisch gegenereerd uit een vaste woordenlijst "
    "en heeft geen inhoudelijke betekenis.*"
)

# -- fixed vocabulary ------------------------------------------------------------------
# Slug-safe (ASCII) words for topics, so slugs need no transliteration.
TOPIC_ADJECTIVES = (
    "lokale buurtgerichte digitale informele integrale preventieve regionale gezamenlijke "
    "duurzame inclusieve outreachende collectieve vroegtijdige wijkgerichte laagdrempelige"
).split()
TOPIC_NOUNS = (
    "mantelzorg schuldhulp jeugdhulp participatie armoedebestrijding eenzaamheid "
    "wijkteams vrijwilligerswerk burgerinitiatieven woonbegeleiding dagbesteding "
    "opvoedondersteuning taalonderwijs buurtbemiddeling werktoeleiding"
).split()
NOUNS = (
    "aanpak gemeente wijk buurt bewoners professionals organisatie samenwerking netwerk "
    "ondersteuning beleid praktijk onderzoek vraagstuk oplossing ervaring kennis instelling "
    "partners doelgroep financiering regie uitvoering evaluatie vernieuwing betrokkenheid "
    "vertrouwen ruimte middelen opgave resultaten verantwoordelijkheid zorgverlening hulpvraag "
    "coöperatie hiërarchie deskundigheid begeleiding inwoners jongeren ouderen mantelzorgers "
    "vrijwilligers ketenpartners"
).split()
VERBS = (
    "versterkt ondersteunt bevordert vraagt verbindt verkent ontwikkelt benut stimuleert "
    "organiseert verbetert beïnvloedt vergroot beschrijft verandert begeleidt draagt bouwt "
    "betrekt toetst"
).split()
ADJECTIVES = (
    "lokale sociale nieuwe gezamenlijke professionele informele duidelijke bestaande "
    "maatschappelijke praktische brede concrete financiële structurele kleinschalige "
    "laagdrempelige betrokken zelfstandige passende"
).split()
SMALL = (
    "de het een en van in op met voor door bij als dat niet ook maar om naar over tot "
    "zij wordt worden kan kunnen moet meer vaak daarbij daarom samen"
).split()
HEADINGS = (
    "Achtergrond", "Wat verstaan we eronder?", "Cijfers en ontwikkelingen", "Rol van de gemeente",
    "Samenwerking in de wijk", "Knelpunten", "Kansen", "Landelijk beleid", "Lokaal beleid",
    "Nieuwe ontwikkelingen", "Verschillende opvattingen", "Open vragen", "Ervaringen uit de praktijk",
)
THEMES = (
    "sociaal domein", "samenwerking", "lokaal beleid", "participatie", "zorg en welzijn",
    "wonen", "onderwijs", "armoede en schulden", "sociale innovatie",
)
TARGET_GROUPS = (
    "gemeenten", "professionals", "beleidsmakers", "bestuurders", "maatschappelijke organisaties",
    "burgers", "vrijwilligers", "jongeren", "ouderen",
)
EVIDENCE = ("verondersteld", "aanwijzingen", "aannemelijk", "aangetoond")
EVIDENCE_WEIGHTS = (40, 30, 20, 10)
RECOGNITION = (
    "goed-beschreven", "goed-onderbouwd", "effectief-eerste-aanwijzingen",
    "effectief-goede-aanwijzingen", "effectief-sterke-aanwijzingen",
)
SURNAMES = (
    "jansen", "de-vries", "bakker", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters",
    "hendriks", "dekker", "brouwer", "dijkstra", "kok",
)
ORGANISATIONS = (
    "Kenniscentrum Synthetisch Welzijn", "Stichting Voorbeeldwijk", "Instituut voor Testonderzoek",
    "Landelijk Platform Proefdossiers", "Bureau Fictief Advies",
)
LIT_TYPES = ("report", "book", "article", "chapter", "webpage", "other")
SECTION_ORDER = ("definitie", "feiten", "beleid", "trends", "discussies")
FIRST_DATE = dt.date(2019, 1, 1).toordinal()
LAST_DATE = dt.date(2026, 11, 20).toordinal()
OVERDUE_DUE = dt.date(2026, 11, 21)  # after every generated date: overdue from the next day on


# -- text helpers ----------------------------------------------------------------------
def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _words(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.38:
            out.append(rng.choice(SMALL))
        elif r < 0.68:
            out.append(rng.choice(NOUNS))
        elif r < 0.85:
            out.append(rng.choice(ADJECTIVES))
        else:
            out.append(rng.choice(VERBS))
    return out


def _sentence(rng: random.Random, cite: str = "", lo: int = 8, hi: int = 18) -> list[str]:
    """One sentence as tokens; a citation group is one token so wrapping never splits it."""
    words = _words(rng, rng.randint(lo, hi))
    words[0] = words[0][:1].upper() + words[0][1:]
    if cite:
        words.append(cite + ".")
    else:
        words[-1] += "."
    return words


def _cite(keys: list[str], rng: random.Random) -> str:
    if len(keys) == 1 and rng.random() < 0.1:
        return f"[@{keys[0]}, p. {rng.randint(3, 120)}]"
    return "[" + "; ".join("@" + k for k in keys) + "]"


def _wrap(tokens: list[str], indent: str, width: int = 92) -> str:
    lines, line = [], indent
    for tok in tokens:
        if len(line) > len(indent) and len(line) + 1 + len(tok) > width:
            lines.append(line)
            line = indent + tok
        else:
            line = line + (" " if len(line) > len(indent) else "") + tok
    lines.append(line)
    return "\n".join(lines) + "\n"


class _Citer:
    """Hands out literature ids to cite, covering every id before repeating at random."""

    def __init__(self, ids: list[str], rng: random.Random):
        self.ids, self.rng = ids, rng
        self.todo = list(ids)
        rng.shuffle(self.todo)

    def take(self, n: int = 1) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            key = self.todo.pop() if self.todo else self.rng.choice(self.ids)
            if key not in out:
                out.append(key)
            elif len(out) >= len(self.ids):
                break
        return out


def _paragraph(rng: random.Random, citer: _Citer, n_sentences: int, p_cite: float = 0.35) -> tuple[list[str], int]:
    tokens: list[str] = []
    for j in range(n_sentences):
        cite = ""
        if rng.random() < p_cite or j == n_sentences - 1:
            cite = _cite(citer.take(2 if rng.random() < 0.15 else 1), rng)
        tokens += _sentence(rng, cite)
    return tokens, sum(1 for t in tokens if not t.startswith("[@") and not t.startswith("@"))


# -- one dossier -----------------------------------------------------------------------
def _topics(count: int, seed: int) -> list[tuple[str, str, str]]:
    """(slug, topic, title) per dossier; numbered, so slugs and titles are always unique."""
    rng = random.Random(f"watwerkt-corpus:{seed}:topics")
    width = max(4, len(str(count)))
    out = []
    for i in range(count):
        topic = f"{rng.choice(TOPIC_ADJECTIVES)} {rng.choice(TOPIC_NOUNS)}"
        number = str(i + 1).zfill(width)
        slug = topic.replace(" ", "-") + "-" + number
        out.append((slug, topic, f"{MARK} Wat werkt bij {topic} (nr. {number})"))
    return out


def _literature(rng: random.Random) -> tuple[list[str], str]:
    n = rng.randint(4, 8)
    ids: list[str] = []
    lines = ["literature:\n"]
    for k in range(n):
        kind = rng.choice(LIT_TYPES)
        year = "z.d." if kind == "webpage" and rng.random() < 0.4 else str(rng.randint(2005, 2026))
        surname = rng.choice(SURNAMES)
        key = f"{surname}-{year.replace('.', '')}" if year != "z.d." else f"{surname}-zd"
        while key in ids:
            key = f"{key}-{k + 1}"
        ids.append(key)
        title = " ".join(_words(rng, rng.randint(4, 9)))
        lines.append(f"  - id: {key}\n    type: {kind}\n")
        if not (kind == "webpage" and rng.random() < 0.3):
            authors = []
            for _ in range(rng.randint(1, 3)):
                name = rng.choice(SURNAMES).replace("-", " ")
                if name.startswith("de "):
                    authors.append(f"{name[3:].capitalize()}, {rng.choice('ABCDEFGHJKLMNPRSTW')}. de")
                else:
                    authors.append(f"{name.capitalize()}, {rng.choice('ABCDEFGHJKLMNPRSTW')}.")
            if rng.random() < 0.2:
                authors = [rng.choice(ORGANISATIONS)]
            lines.append("    authors: [" + ", ".join(_q(a) for a in authors) + "]\n")
        lines.append(f"    year: {year}\n    title: {_q(MARK + ' ' + title[:1].upper() + title[1:])}\n")
        if kind in ("report", "book"):
            lines.append(f"    publisher: {_q(rng.choice(ORGANISATIONS))}\n")
        if kind == "book" and rng.random() < 0.4:
            lines.append(f"    edition: {_q(str(rng.randint(2, 5)) + 'e druk')}\n")
        if kind in ("article", "chapter"):
            journal = "Tijdschrift voor " + rng.choice(NOUNS) if kind == "article" else "Handboek " + rng.choice(NOUNS)
            lines.append(f"    journal: {_q(journal)}\n")
            start = rng.randint(1, 200)
            lines.append(f"    pages: {_q(f'{start}-{start + rng.randint(5, 30)}')}\n")
        if kind == "article":
            lines.append(f"    volume: {_q(str(rng.randint(1, 60)))}\n    issue: {_q(str(rng.randint(1, 12)))}\n")
            if rng.random() < 0.5:
                lines.append(f"    doi: 10.5555/synthetisch.{rng.randint(1000, 99999)}\n")
        if kind in ("webpage", "report") and rng.random() < 0.7:
            lines.append(f"    url: https://example.org/synthetisch/{key}\n")
    return ids, "".join(lines)


def _dossier_yml(rng: random.Random, slug: str, topic: str, title: str, lit_ids: list[str],
                 lit_yaml: str, citer: _Citer) -> str:
    out = [HEADER, "format_version: 1\n", f"title: {_q(title)}\n"]
    summary = _sentence(rng) + _sentence(rng) + (_sentence(rng) if rng.random() < 0.5 else [])
    summary = [f"Dit synthetische dossier gaat over {topic}."] + summary
    out.append("summary: >-\n" + _wrap(summary, "  "))
    out.append(f"status: {'draft' if rng.random() < 0.1 else 'published'}\n")
    out.append("authors:\n  - name: Redactie Synthetisch\n    organisation: watwerkt-testcorpus\n")
    if rng.random() < 0.3:
        out.append(f"  - name: {_q(rng.choice(SURNAMES).replace('-', ' ').title() + ', T.')}\n")

    # Changelog dates, oldest first; published is the oldest, reviewed the newest.
    n_changes = rng.randint(1, 4)
    day = rng.randint(FIRST_DATE, LAST_DATE - 400)
    dates = [day]
    for _ in range(n_changes - 1):
        day = min(day + rng.randint(10, 300), LAST_DATE)
        dates.append(day)
    dd = [dt.date.fromordinal(d) for d in dates]
    due = dt.date(rng.randint(2030, 2032), rng.randint(1, 12), rng.randint(1, 28))
    out.append(f"dates:\n  published: {dd[0]}\n")
    if n_changes > 1 or rng.random() < 0.5:
        out.append(f"  reviewed: {dd[-1]}\n")
    out.append(f"  review_due: {due}\n")
    themes = rng.sample(THEMES, rng.randint(1, 4))
    groups = rng.sample(TARGET_GROUPS, rng.randint(1, 4))
    out.append("themes: [" + ", ".join(themes) + "]\n")
    out.append("target_groups: [" + ", ".join(groups) + "]\n")

    out.append("effective_elements:\n")
    used: list[str] = []
    for k in range(rng.randint(4, 6)):
        words = _words(rng, rng.randint(2, 5))
        el_id = "-".join(w for w in words if w.isascii()) or "element"
        el_id = f"{el_id}-{k + 1}"
        sources = citer.take(2 if rng.random() < 0.3 else 1)
        tokens: list[str] = []
        n_sent = rng.randint(3, 5)
        for j in range(n_sent):
            cite = _cite(sources, rng) if j == n_sent - 1 else ""
            tokens += _sentence(rng, cite, 7, 14)
        el_title = " ".join(_words(rng, rng.randint(3, 7)))
        out.append(f"  - id: {el_id}\n    title: {_q(MARK + ' ' + el_title[:1].upper() + el_title[1:])}\n")
        out.append("    description: |\n" + _wrap(tokens, "      "))
        out.append(f"    evidence: {rng.choices(EVIDENCE, EVIDENCE_WEIGHTS)[0]}\n")
        if rng.random() < 0.25:
            out.append(f"    effect: {_q(' '.join(_words(rng, rng.randint(5, 12))))}\n")
        out.append("    sources: [" + ", ".join(sources) + "]\n")
        used += sources

    n_examples = rng.randint(0, 3)
    if n_examples:
        out.append("examples:\n")
    for k in range(n_examples):
        name = " ".join(_words(rng, rng.randint(2, 4)))
        out.append(f"  - name: {_q(MARK + ' ' + name[:1].upper() + name[1:])}\n")
        out.append("    description: >-\n" + _wrap(_sentence(rng, "", 6, 14) + _sentence(rng, "", 6, 14), "      "))
        if rng.random() < 0.6:
            out.append(f"    organisation: {_q(rng.choice(ORGANISATIONS))}\n")
        if rng.random() < 0.5:
            out.append(f"    url: https://example.org/synthetisch/{slug}/voorbeeld-{k + 1}\n")
        if rng.random() < 0.4:
            out.append(f"    recognition:\n      level: {rng.choice(RECOGNITION)}\n")
            if rng.random() < 0.7:
                out.append(f"      databank: https://example.org/databank/{slug}-{k + 1}\n")
            if rng.random() < 0.7:
                out.append(f"      date: {dt.date.fromordinal(rng.randint(FIRST_DATE, LAST_DATE))}\n")

    out.append(lit_yaml)
    out.append("changelog:\n")
    for k, d in reversed(list(enumerate(dd))):
        summary = "Eerste versie van het dossier." if k == 0 else " ".join(_sentence(rng, "", 5, 10))
        out.append(f"  - date: {d}\n    summary: {_q(summary)}\n")
    return "".join(out)


def _sections(rng: random.Random, citer: _Citer, others: list[tuple[str, str]]) -> dict[str, str]:
    n = rng.randint(3, 5)
    keys = ["definitie"] + sorted(rng.sample(SECTION_ORDER[1:], n - 1), key=SECTION_ORDER.index)
    budget = rng.randint(760, 1400)
    shares = [rng.randint(2, 4) for _ in keys]
    targets = [budget * s // sum(shares) for s in shares]
    link_at = rng.randrange(len(keys)) if others and rng.random() < 0.35 else -1
    out: dict[str, str] = {}
    for idx, (key, target) in enumerate(zip(keys, targets)):
        blocks: list[str] = [NOTICE] if key == "definitie" else []
        written = 0
        first = key != "definitie"
        while written < target - 45:
            if first or rng.random() < 0.3:
                blocks.append("### " + rng.choice(HEADINGS))
                first = False
            if rng.random() < 0.2:
                items = []
                for _ in range(rng.randint(2, 4)):
                    tokens, n_words = _paragraph(rng, citer, rng.randint(1, 2))
                    items.append("- " + " ".join(tokens))
                    written += n_words
                blocks.append("\n".join(items))
            else:
                tokens, n_words = _paragraph(rng, citer, rng.randint(3, 6))
                blocks.append(" ".join(tokens))
                written += n_words
        if idx == link_at:
            other_slug, other_topic = others[0]
            blocks.append(f"Zie ook het synthetische dossier [over {other_topic}](../{other_slug}/).")
        out[key] = "\n\n".join(blocks) + "\n"
    return out


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def benchmark_config(today: str, plugin_options: str = "") -> str:
    """The mkdocs.yml of a benchmark project over a generated corpus: the sample site's theme
    features and extensions; `plugin_options` are further lines under `- watwerkt:`."""
    return ("site_name: Benchmark\nsite_url: https://kennisbank.example.org/\n"
            "theme:\n  name: material\n  language: nl\n  font: false\n"
            "  features: [navigation.prune, navigation.indexes, navigation.top]\n"
            "markdown_extensions: [attr_list, md_in_html, admonition, tables, {toc: {permalink: true}}]\n"
            f"plugins:\n  - search:\n      lang: nl\n  - watwerkt:\n      today: '{today}'\n" + plugin_options)


def generate(out_dir: Path, count: int, seed: int = 1, overdue: int = 0) -> list[Path]:
    """Write `count` synthetic dossiers to out_dir/dossiers/; return their folders in order.
    The first `overdue` published ones are due for review on OVERDUE_DUE.

    An existing out_dir/dossiers/ is only replaced when out_dir holds our SYNTHETIC.txt.
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    out_dir = Path(out_dir)
    root = out_dir / "dossiers"
    marker = out_dir / "SYNTHETIC.txt"
    if root.exists() and any(root.iterdir()):
        if not marker.is_file():
            raise FileExistsError(f"{root} exists and is not a synthetic corpus (no {marker.name})")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    _write(marker, (
        "SYNTHETISCH / SYNTHETIC\n\n"
        "Alle dossiers in dossiers/ zijn synthetische testdossiers, gegenereerd door\n"
        "scripts/gen_corpus.py uit een vaste woordenlijst. Ze hebben geen echte inhoud;\n"
        "namen, bronnen, data en webadressen (example.org) zijn verzonnen.\n\n"
        "Every dossier in dossiers/ is synthetic test data generated by scripts/gen_corpus.py\n"
        "from a fixed word list, for benchmarks and tests only. Nothing in it is real.\n\n"
        f"count: {count}\nseed: {seed}\noverdue: {overdue}\n"
        f"command: python scripts/gen_corpus.py OUT_DIR --count {count} --seed {seed} --overdue {overdue}\n"
    ))
    topics = _topics(count, seed)
    folders = []
    for i, (slug, topic, title) in enumerate(topics):
        rng = random.Random(f"watwerkt-corpus:{seed}:{i}")
        others = []
        if count > 1:
            j = rng.randrange(count - 1)
            j = j + 1 if j >= i else j
            others = [(topics[j][0], topics[j][1])]
        lit_ids, lit_yaml = _literature(rng)
        citer = _Citer(lit_ids, rng)
        yml = _dossier_yml(rng, slug, topic, title, lit_ids, lit_yaml, citer)
        if overdue > 0 and "\nstatus: published\n" in yml:
            yml = re.sub(r"(?m)^  review_due: .*$", f"  review_due: {OVERDUE_DUE}", yml, count=1)
            overdue -= 1
        sections = _sections(rng, citer, others)
        if citer.todo:  # every literature entry must be cited somewhere
            sections["definitie"] += "\n" + " ".join(_sentence(rng, _cite(sorted(citer.todo), rng))) + "\n"
            citer.todo.clear()
        folder = root / slug
        folder.mkdir()
        _write(folder / "dossier.yml", yml)
        for key, text in sections.items():
            _write(folder / f"{key}.md", text)
        folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="output folder; dossiers go to OUT_DIR/dossiers/")
    parser.add_argument("--count", type=int, required=True, help="number of dossiers")
    parser.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    parser.add_argument("--overdue", type=int, default=0, help="published dossiers past their review date")
    args = parser.parse_args(argv)
    try:
        folders = generate(args.out_dir, args.count, args.seed, args.overdue)
    except (FileExistsError, ValueError) as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"gen_corpus: {len(folders)} synthetic dossiers in {args.out_dir / 'dossiers'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
