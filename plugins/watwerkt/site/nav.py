"""Navigation: Dutch titles for the generated sections and a fixed order of the top level."""

from __future__ import annotations

from watwerkt.model.dossier import Dossier
from watwerkt.view.escape import attr
from watwerkt.view.overviews import group_folder

NAV_ORDER = ["index.md", "dossiers", "themas", "doelgroepen", "werkzame-elementen", "bewijs", "literatuur",
             "recent", "zoeken.md", "redactie"]
NAV_TITLES = {"dossiers": "Dossiers", "themas": "Thema's", "doelgroepen": "Doelgroepen",
              "werkzame-elementen": "Werkzame elementen", "bewijs": "Bewijsoverzicht", "literatuur": "Literatuur",
              "recent": "Recent bijgewerkt", "redactie": "Voor redacteuren"}


def arrange(nav, dossiers: list[Dossier]):
    """Give generated sections Dutch titles and a fixed order; the rest keeps MkDocs' order."""
    # Material renders navigation titles as HTML: escape the values from dossier.yml.
    titles = {f"dossiers/{d.slug}": attr(d.title) for d in dossiers}
    for d in dossiers:
        for attr_name, folder in (("themes", "themas"), ("target_groups", "doelgroepen")):
            for value in getattr(d, attr_name):
                titles[group_folder(folder, value)] = attr(value)
    titles.update(NAV_TITLES)

    def folder_of(item) -> str:
        page = item if item.is_page else next((p for p in item.children if p.is_page), None)
        if page is None or page.file is None:
            return ""
        return page.file.src_uri.rsplit("/", 1)[0] if "/" in page.file.src_uri else page.file.src_uri

    def retitle(items) -> None:
        for item in items:
            if item.is_section:
                key = folder_of(item)
                if key in titles:
                    item.title = titles[key]
                retitle(item.children)

    retitle(nav.items)
    rank = {name: i for i, name in enumerate(NAV_ORDER)}
    nav.items.sort(key=lambda item: rank.get(folder_of(item).split("/")[0], len(rank)))
    return nav
