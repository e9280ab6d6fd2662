"""Model -> Markdown pages. No MkDocs here: the plugin only hands these pages to MkDocs.

Every value from dossier.yml is escaped before it enters the page; Markdown fields are
passed as Markdown, and the rendered HTML is sanitised afterwards (sanitize.py).
"""

from __future__ import annotations

import html
import re

from .citations import anchor, reference, render_citations
from .model import SECTIONS, Dossier
from .settings import Settings

# `../slug/` in editor Markdown -> the generated page, so MkDocs resolves it (also under a sub-path).
# A link to a dossier that is not on the site (a draft) keeps its text and loses the link.
_DOSSIER_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/?(#[^)\s]*)?\)")
STATUS_LABELS = {"draft": "Concept", "published": "Gepubliceerd", "archived": "Gearchiveerd"}
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def esc(value: object) -> str:
    """Escape a plain YAML value for Markdown-with-HTML output."""
    text = html.escape(str(value), quote=False)
    # Neutralise Markdown syntax so a title cannot become a link, emphasis or attribute list.
    for ch in "\\`*_{}[]()!|":
        text = text.replace(ch, "\\" + ch)
    return text


def dutch_date(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else "onbekend"


def _dossier_link(match: re.Match, on_site: set[str] | None) -> str:
    text, slug, fragment = match.group(1), match.group(2), match.group(3) or ""
    if on_site is not None and slug not in on_site:
        return text
    return f"[{text}](../{slug}/index.md{fragment})"


def dossier_page(d: Dossier, settings: Settings, on_site: set[str] | None = None) -> str:
    """The page of one dossier; `on_site` are the slugs that get a page (links to others are dropped)."""
    literature = {e.id: e for e in d.literature if e.id}

    def md(text: str) -> str:
        text = _DOSSIER_LINK.sub(lambda m: _dossier_link(m, on_site), text)
        return render_citations(text, literature)

    out = [f"# {esc(d.title)}", "", f"{esc(d.summary)}", ""]
    meta = [
        ("Status", STATUS_LABELS.get(d.status or "", d.status)),
        ("Auteurs", ", ".join(esc(a.name) + (f" ({esc(a.organisation)})" if a.organisation else "") for a in d.authors)),
        ("Thema's", ", ".join(map(esc, d.themes)) or "geen"),
        ("Doelgroepen", ", ".join(map(esc, d.target_groups)) or "geen"),
        ("Versie", dutch_date(d.version)),
    ]
    if d.dates:
        meta += [
            ("Gepubliceerd", dutch_date(d.dates.published)),
            ("Laatst herzien", dutch_date(d.dates.reviewed)),
            ("Volgende herziening", dutch_date(d.dates.review_due)),
        ]
    out += [f"- **{label}:** {value}" for label, value in meta] + [""]

    for key, heading in SECTIONS.items():
        section = d.sections.get(key)
        if section:
            out += [f"## {heading}", "", md(section.text).strip(), ""]

    if d.effective_elements:
        out += ["## Werkzame elementen", ""]
        for el in d.effective_elements:
            level = settings.evidence(el.evidence or "")
            out += [
                f"### {esc(el.title)} {{#element-{el.id}}}",
                "",
                f"**Bewijsniveau:** {esc(level.label if level else el.evidence)}",
                "",
            ]
            if el.effect:
                out += [f"**Effect:** {esc(el.effect)}", ""]
            out += [md(el.description or "").strip(), ""]
            if el.sources:
                links = "; ".join(f"[{esc(s)}](#{anchor(s)})" for s in el.sources)
                out += [f"Bronnen: {links}", ""]

    if d.examples:
        out += ["## Goede voorbeelden", ""]
        for ex in d.examples:
            out += [f"### {esc(ex.name)}", ""]
            if ex.organisation:
                out += [f"*{esc(ex.organisation)}*", ""]
            if ex.recognition:
                lvl = settings.recognition(ex.recognition.level or "")
                when = f", {dutch_date(ex.recognition.date)}" if ex.recognition.date else ""
                out += [f"**Erkend:** {esc(lvl.label if lvl else ex.recognition.level)}{when}", ""]
            out += [md(ex.description or "").strip(), ""]
            if ex.url:
                out += [f"[Meer informatie]({ex.url})", ""]

    if d.literature:
        out += ["## Literatuur", ""]
        for entry in sorted(d.literature, key=lambda e: reference(e).lower()):
            out += [f'<span id="{anchor(entry.id)}"></span>{reference(entry)}', ""]

    if d.changelog:
        out += ["## Wijzigingen", ""]
        for change in sorted(d.changelog, key=lambda c: c.date or 0, reverse=True):
            out += [f"- **{dutch_date(change.date)}:** {esc(change.summary)}"]
        out.append("")
    return "\n".join(out)


def overview_page(dossiers: list[Dossier]) -> str:
    out = ["# Dossiers", ""]
    for d in sorted(dossiers, key=lambda d: (d.title or "").lower()):
        out += [f"## [{esc(d.title)}]({d.slug}/index.md)", "", esc(d.summary), "",
                f"Versie {dutch_date(d.version)}", ""]
    return "\n".join(out)
