"""Facets: per index version, value -> docnums tables in display order; per search, filters and counts."""

from __future__ import annotations

from dataclasses import dataclass

from watwerkt.model.dossier import PUBLIC_STATUSES

from .query import FACETS

STATUS_ORDER = PUBLIC_STATUSES


@dataclass
class FacetTables:
    by_value: dict[str, dict[str, set[int]]]  # facet -> value -> docnums
    folded: dict[str, dict[str, set[int]]]  # facet -> casefolded value -> docnums (for filters)
    values: dict[str, list[str]]  # facet -> every value, in display order


def facet_tables(docs: dict[int, dict], evidence_order: list[str]) -> FacetTables:
    """The tables of the stored documents (docnum -> stored fields), once per index version."""
    tables = FacetTables({}, {}, {})
    for name in FACETS:
        by_value: dict[str, set[int]] = {}
        for n, stored in docs.items():
            for v in set(stored["facets"].get(name, ())):
                by_value.setdefault(v, set()).add(n)
        folded: dict[str, set[int]] = {}
        for v, ns in by_value.items():
            folded.setdefault(v.casefold(), set()).update(ns)
        every = by_value.keys()
        if name == "evidence":
            order = {v: i for i, v in enumerate(evidence_order)}
            values = sorted(every, key=lambda v: (order.get(v, len(order)), v))
        elif name == "status":
            values = sorted(every, key=lambda v: (STATUS_ORDER.index(v) if v in STATUS_ORDER else 9, v))
        elif name == "year":
            values = sorted(every, reverse=True)
        else:
            values = sorted(every, key=lambda v: (v.casefold(), v))  # stable places for checkboxes
        tables.by_value[name], tables.folded[name], tables.values[name] = by_value, folded, values
    return tables


def allowed_docs(tables: FacetTables, filters: dict[str, list[str]]) -> dict[str, set[int]]:
    """Per filtered facet: the docnums with one of its wanted values (OR within a facet)."""
    allowed: dict[str, set[int]] = {}
    for k, vs in filters.items():
        folded = tables.folded.get(k, {})
        allowed[k] = set().union(*(folded.get(w, ()) for w in {v.casefold() for v in vs}))
    return allowed


def facet_counts(tables: FacetTables, ranked_docs: set[int],
                 allowed: dict[str, set[int]]) -> dict[str, list[tuple[str, int]]]:
    """Each value's count among the matching documents that pass the *other* facets' filters."""
    out = {}
    for name in FACETS:
        base = ranked_docs
        for k, ns in allowed.items():
            if k != name:
                base = base & ns
        by_value = tables.by_value[name]
        out[name] = [(v, len(by_value[v] & base) if base else 0) for v in tables.values[name]]
    return out
