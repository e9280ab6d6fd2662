"""HTML the site adapter writes itself: redirects for former slugs, and the accessible names
Material leaves out."""

from __future__ import annotations

import re
from html import escape, unescape


def redirect_html(target: str, title: str) -> str:
    t = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<title>Verplaatst: {escape(title)}</title>'
        f'<meta http-equiv="refresh" content="0; url={t}"><link rel="canonical" href="{t}">'
        f'</head><body><p>Dit dossier is verplaatst naar <a href="{t}">{escape(title)}</a>.</p></body></html>\n'
    )



_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# With navigation.indexes, a section that has an index page is named by its toggle <label>,
# which holds only an icon; name the nested <nav> by the section's visible title instead.
_NESTED_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="(__nav_[\d_]+)_label"'
    r'( aria-expanded="(?:true|false)">\s*<label class="md-nav__title" for="\2">)(.*?)(</label>)',
    re.S,
)


def name_material_landmarks(output: str) -> str:
    """Accessible names Material leaves out (axe-core: aria-dialog-name, landmark-unique)."""
    output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Zoeken">', 1)

    def named(m: re.Match) -> str:
        title = unescape(re.sub(r"<[^>]+>", "", m.group(4))).strip()
        return f'{m.group(1)} aria-label="{escape(title, quote=True)}"{m.group(3)}{m.group(4)}{m.group(5)}'

    return _NESTED_NAV.sub(named, output)
