"""The overview tables are written as raw HTML (view/listing.py html_table) because that is
cheaper to convert than a pipe table; they must stay what the tables extension makes."""

from __future__ import annotations

import markdown

from watwerkt.view.escape import attr, esc
from watwerkt.view.listing import href, html_table


def test_html_table_is_what_the_tables_extension_makes_of_a_pipe_table():
    cells = [["<a href=\"x/\">A &amp; B</a>", "1", "0"], ["<em>c</em>", "2", "3"]]
    pipe = "\n".join(["| Dossier | Eén | Twee |", "|---|---:|---:|",
                      *("| " + " | ".join(row) + " |" for row in cells)])
    expected = markdown.markdown(pipe, extensions=["tables"])
    header = [("Dossier", ""), ("Eén", "right"), ("Twee", "right")]
    assert markdown.markdown(html_table(header, cells), extensions=["tables"]).strip() == expected.strip()


def test_href_points_at_a_page_in_either_url_style():
    assert href("bewijs/pagina-2/index.md", "dossiers/a/index.md") == "../../dossiers/a/"
    assert href("bewijs/index.md", "dossiers/a/index.md", directory_urls=False) == "../dossiers/a/index.html"
    assert href("index.md", "dossiers/a/index.md") == "dossiers/a/"
    try:
        href("bewijs/index.md", "feed.xml")
    except ValueError:
        pass
    else:
        raise AssertionError("href is only for generated pages")


def test_a_hostile_title_stays_text_in_the_raw_table():
    title = '<img src=x onerror=alert(1)> *nadruk* [link](javascript:x)'
    cell = f'<a href="x/">{attr(title)}</a>'
    out = markdown.markdown(html_table([("Dossier", "")], [[cell]]), extensions=["tables"])
    assert "<img" not in out and "onerror=alert" in out and "<em>" not in out and "*nadruk*" in out
    assert esc(title) != attr(title)  # the Markdown escape would show its backslashes here
