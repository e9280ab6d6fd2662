"""HTML the site adapter writes itself: redirect pages for former slugs; and the two rewrites of
the written page (what else the plugin adds goes through templates/ and assets/)."""

from __future__ import annotations

import re
from html import escape


def redirect_html(target: str, title: str) -> str:
    t = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<title>Verplaatst: {escape(title)}</title>'
        f'<meta http-equiv="refresh" content="0; url={t}"><link rel="canonical" href="{t}">'
        f'</head><body><p>Dit dossier is verplaatst naar <a href="{t}">{escape(title)}</a>.</p></body></html>\n'
    )


def add_former_slug_redirects(add, d, *inclusion) -> None:
    """dossiers/<former slug>/ leads to the dossier's page (current or withdrawn) after a rename."""
    for old in d.former_slugs:
        add(f"dossiers/{old}/index.html", redirect_html(f"../{d.slug}/", d.title or d.slug), *inclusion)


# Material's Dutch translation keeps the header's landmark label English. A template cannot fix it
# (decisions.md, "Names from assets/landmarks.js"), so the written page is: one exact string,
# Material's own markup; tests/browser/test_a11y.py fails if it stops matching.
_HEADER_EN = '<nav class="md-header__inner md-grid" aria-label="Header">'
_HEADER_NL = '<nav class="md-header__inner md-grid" aria-label="Paginakop">'


# The page title's permalink points at the top of the page it is on: a Tab stop that helps no one
# between the header and the page's first actions (tests/browser/test_keyboard.py counts them).
_TITLE_PERMALINK = re.compile(r'(<h1 id="[^"<>]*">(?:(?!</h1>).)*?)<a class="headerlink" href="#[^"<>]*"'
                              r' title="[^"<>]*">[^<]*</a>(</h1>)', re.S)


def rewrite(html: str) -> str:
    """The written page: Dutch header label, no permalink on the title."""
    html = html.replace(_HEADER_EN, _HEADER_NL, 1) if _HEADER_EN in html else html
    return _TITLE_PERMALINK.sub(r"\1\2", html, count=1)
