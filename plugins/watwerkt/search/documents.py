"""The input of an index build: model dossiers as index documents, facet labels, the thesaurus."""

from __future__ import annotations

from dataclasses import dataclass

from watwerkt.model.dossier import PUBLIC_STATUSES, SECTIONS, STATUS_LABELS, Dossier
from watwerkt.model.settings import Settings
from watwerkt.view.dossier_view import also_known_as, terms
from watwerkt.view.text import plain

from .labels import ThesaurusLabels
from .thesaurus import load_thesaurus

SNIPPET_SOURCE_CHARS = 20_000  # snippets come from the first part of the text; only that is stored


@dataclass
class BuildInput:
    """Everything an index version is built from (and whose digest says whether to rebuild)."""
    documents: list[dict]
    thesaurus: dict  # search/thesaurus.py's stored form
    labels: dict[str, dict[str, str]]
    evidence_order: list[str]


def build_input(dossiers, settings: Settings) -> BuildInput:
    """The published and archived dossiers as documents, sorted by slug; labels and thesaurus."""
    thesaurus = load_thesaurus(settings.root)
    labels = {
        "evidence": {lvl.id: lvl.label for lvl in settings.evidence_scale},
        "status": {k: v for k, v in STATUS_LABELS.items() if k in PUBLIC_STATUSES},
    }
    labeller = ThesaurusLabels(thesaurus, broader=False)  # see labels.py
    documents = [document(d, labeller) for d in sorted(dossiers, key=lambda d: d.slug) if d.public]
    return BuildInput(documents, thesaurus, labels, settings.evidence_ids)


def document(d: Dossier, labeller: ThesaurusLabels | None = None) -> dict:
    """One dossier as the fields of schema.schema(); `labeller` fills the thesaurus field (empty without)."""
    sections = [plain(d.sections[k].text) for k in SECTIONS if k in d.sections]
    elements = [" ".join(filter(None, [e.title, plain(e.description), e.effect])) for e in d.effective_elements]
    # Also-known-as terms, the dossier's and its elements', in a field of their own (schema.FIELD_BOOSTS);
    # the stored text carries them as the page shows them, so a snippet can mark a match on one.
    zoektermen = [*terms(d.zoektermen), *(t for e in d.effective_elements for t in terms(e.zoektermen))]
    shown_elements = [" ".join(filter(None, [_with_terms(e.title, e.zoektermen), plain(e.description), e.effect]))
                      for e in d.effective_elements]
    examples = [" ".join(filter(None, [x.name, x.organisation, plain(x.description)])) for x in d.examples]
    literature = [" ".join([*e.authors, e.title or ""]) for e in d.literature]
    tags = [*d.themes, *d.target_groups]
    reviewed = (d.dates.reviewed or d.dates.published) if d.dates else None
    facets = {
        "theme": sorted(set(d.themes)),
        "target_group": sorted(set(d.target_groups)),
        "evidence": sorted({e.evidence for e in d.effective_elements if e.evidence}),
        "status": [d.status or ""],
        "year": [str(reviewed.year)] if reviewed else [],
    }
    summary = d.summary or ""
    body = "\n".join([summary, *sections, *elements, *examples])
    aka = also_known_as(terms(d.zoektermen))
    shown = "\n".join([summary, *([aka + "."] if aka else []), *sections, *shown_elements, *examples])
    # What the reader sees, literature aside (a title there names a study, not the dossier's subject).
    readable = "\n".join([d.title or "", *zoektermen, summary, *tags, *sections, *elements, *examples])
    implied = labeller.labels_for(readable) if labeller else []
    return dict(
        slug=d.slug, title=d.title or d.slug, summary=summary, tags="\n".join(tags),
        sections="\n".join(sections), elements="\n".join(elements), examples="\n".join(examples),
        literature="\n".join(literature), zoektermen="\n".join(zoektermen), thesaurus="\n".join(implied),
        words="\n".join([d.title or "", body, "\n".join(tags), "\n".join(literature), "\n".join(zoektermen)]),
        url=f"dossiers/{d.slug}/", version=d.version.isoformat() if d.version else "",
        facets=facets, text=shown[:SNIPPET_SOURCE_CHARS],  # the full text is indexed, not stored
    )


def _with_terms(title: str | None, zoektermen: list[str]) -> str | None:
    """An element's title as a snippet shows it: 'Titel. Ook bekend als: a, b.' with terms, else the title."""
    aka = also_known_as(terms(zoektermen))
    return f"{title}. {aka}." if aka and title else title or aka
