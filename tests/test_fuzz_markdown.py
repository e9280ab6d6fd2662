"""Property: generated Markdown structures (deep nesting, control characters, unusual Unicode)
and YAML values go through check, the page, the search document and the print HTML of the PDF
with only located problems, never an exception (no RecursionError either: nesting is bounded by
the checker before any renderer sees it)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, event, given, settings, strategies as st

from conftest import FIXTURES, PUBLISHED_AT, TODAY
from watwerkt.check import check
from watwerkt.model.problems import Problem
from watwerkt.model.settings import make_settings
from watwerkt.pdf.document import dossier_document
from watwerkt.search.documents import document
from watwerkt.view.dossier_view import MARKDOWN_EXTENSIONS
from watwerkt.view.page import PageOptions, dossier_page
from watwerkt.view.sanitize import sanitize

SETTINGS = make_settings(site_url=PUBLISHED_AT)
HOSTILE = st.sampled_from(["\x00", "\x07", "\x1b", "\u202e", "\u2066"])
UNUSUAL = st.sampled_from(["\ufeff", "\u200b", "\U0001f600", "\u0301", "ﷺ", "\ud7ff", "é", "\t", "\r",
                           "<", ">", "&", "[", "]", "@", "`", "*", ""])
ODD = st.one_of(UNUSUAL, UNUSUAL, UNUSUAL, HOSTILE)  # mostly text that passes, so the renderers get it
WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)


@st.composite
def block(draw, depth: int = 0):
    kind = draw(st.sampled_from(["text", "text", "quote", "list", "html", "brackets", "emphasis", "cite", "admonition"]))
    inner = draw(WORD) + draw(ODD) + draw(WORD)
    n = draw(st.one_of(st.integers(1, 8), st.integers(1, 8), st.integers(1, 60)))  # within and beyond bounds
    if kind == "quote":
        return ">" * n + " " + inner
    if kind == "list":
        return "\n".join("  " * i + "- " + inner for i in range(n))
    if kind == "html":
        tag = draw(st.sampled_from(["div", "span", "p", "em", "details"]))
        return f"<{tag} markdown=\"1\">" * n + inner + f"</{tag}>" * draw(st.integers(0, n))
    if kind == "brackets":
        return "[" * n + inner + "]" * draw(st.integers(0, n))
    if kind == "emphasis":
        return "*" * n + inner + "*" * draw(st.integers(0, n))
    if kind == "cite":
        return draw(st.sampled_from(["[@", "[@ ", "[@]", "[-@", "[zie @", "; @"])) + inner
    if kind == "admonition":
        return "!!! note\n" + "\n".join("    " * (i + 1) + inner for i in range(min(n, 30)))
    return inner


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=st.lists(block(), min_size=1, max_size=4), title=WORD)
def test_generated_markdown_gives_problems_or_renders_never_an_exception(blocks, title):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "dossiers"
        shutil.copytree(FIXTURES / "valid" / "dossiers", root, symlinks=True)
        definitie = root / "voorbeeld" / "definitie.md"
        definitie.write_text(definitie.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(blocks) + "\n",
                             encoding="utf-8", errors="surrogatepass")
        yml = root / "voorbeeld" / "dossier.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace(
            "title: Wat werkt bij het testen van dossiers", "title: " + _yaml_string(title)), encoding="utf-8")

        result = check([root], SETTINGS, TODAY, base=Path(tmp))
        for p in result.problems:
            assert isinstance(p, Problem) and p.line >= 1 and p.col >= 1 and p.message
        on_site = {d.slug for d in result.valid_dossiers()}
        event("voorbeeld rendered" if "voorbeeld" in on_site else "voorbeeld refused with problems")
        for d in result.valid_dossiers():  # what passed the checker must render everywhere
            html = sanitize(markdown.markdown(dossier_page(d, SETTINGS, PageOptions(today=TODAY, on_site=on_site)),
                                              extensions=list(MARKDOWN_EXTENSIONS)))
            assert "<script" not in html
            assert document(d)["slug"] == d.slug
            assert dossier_document(d, SETTINGS, TODAY, on_site).html


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for any text (control characters as escapes)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
