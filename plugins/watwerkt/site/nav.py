"""Navigation that stays the same size however many dossiers there are.

The menu holds the fixed sections only: the home page, one entry per overview (Dossiers, Thema's,
Doelgroepen, Werkzame elementen, Bewijsoverzicht, Literatuur, Recent bijgewerkt), search and the
project's own pages. Dossier pages, theme and target-group pages and the further pages of a
listing are not in the menu (`in_menu`); they are reached from the bounded listing pages. On such
a page the menu shows its section with that one page under it (`page_nav`), so the reader sees
where they are and Material puts the page's table of contents in the phone menu.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

NAV_ORDER = ["index.md", "dossiers", "themas", "doelgroepen", "werkzame-elementen", "bewijs", "literatuur",
             "recent", "zoeken.md", "redactie"]
NAV_TITLES = {"dossiers": "Dossiers", "themas": "Thema's", "doelgroepen": "Doelgroepen",
              "werkzame-elementen": "Werkzame elementen", "bewijs": "Bewijsoverzicht", "literatuur": "Literatuur",
              "recent": "Recent bijgewerkt", "redactie": "Voor redacteuren"}
GENERATED = frozenset(NAV_TITLES) - {"redactie"}  # folders whose pages the plugin writes


def in_menu(src_uri: str) -> bool:
    """Whether a generated page has its own menu entry: only the first page of each overview."""
    folder, _, rest = src_uri.partition("/")
    return folder not in GENERATED or rest == "index.md"


def _folder(item) -> str:
    page = item if item.is_page else next((p for p in item.children if p.is_page), None)
    if page is None or page.file is None:
        return ""
    uri = page.file.src_uri
    return uri.split("/", 1)[0] if "/" in uri else uri


def arrange(nav: Navigation) -> Navigation:
    """Fixed order and Dutch titles; a section holding only its index page becomes that page, so
    no menu entry opens an empty list."""
    items = []
    for item in nav.items:
        if item.is_section:
            pages = [c for c in item.children if c.is_page]
            if len(item.children) == 1 and pages and pages[0].is_index:
                item = pages[0]
                item.parent = None
            elif _folder(item) in NAV_TITLES:
                item.title = NAV_TITLES[_folder(item)]
        items.append(item)
    rank = {name: i for i, name in enumerate(NAV_ORDER)}
    items.sort(key=lambda item: rank.get(_folder(item), len(rank)))
    pages = [p for item in items for p in _pages(item)]
    for a, b in zip(pages, pages[1:]):  # previous/next follow the menu as it now is
        a.next_page, b.previous_page = b, a
    return Navigation(items, pages)


def _pages(item) -> list:
    if item.is_page:
        return [item]
    return [p for child in getattr(item, "children", None) or [] for p in _pages(child)]


def page_nav(nav: Navigation, page) -> Navigation:
    """The menu for one page: unchanged for pages in it; for a page outside it, the page's section
    with this one page under it (built per page, never stored in the shared navigation)."""
    if page.file is None or in_menu(page.file.src_uri) or page in nav.pages:
        return nav
    folder = page.file.src_uri.split("/", 1)[0]
    items = []
    for item in nav.items:
        if item.is_page and _folder(item) == folder:
            section = Section(item.title, [item, page])
            section.active = True
            item = section
        items.append(item)
    return Navigation(items, nav.pages)
