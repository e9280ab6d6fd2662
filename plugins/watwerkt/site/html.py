"""HTML the site adapter writes itself: redirect pages for former slugs. (Material's own HTML is
never edited here: what the plugin adds goes through templates/ and assets/.)"""

from __future__ import annotations

from html import escape


def redirect_html(target: str, title: str) -> str:
    t = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<title>Verplaatst: {escape(title)}</title>'
        f'<meta http-equiv="refresh" content="0; url={t}"><link rel="canonical" href="{t}">'
        f'</head><body><p>Dit dossier is verplaatst naar <a href="{t}">{escape(title)}</a>.</p></body></html>\n'
    )

