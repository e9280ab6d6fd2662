"""The search thesaurus as SKOS in Turtle: one concept scheme, a skos:Concept per concept with
its prefLabel, altLabels (language ``nl``), scopeNote and broader concepts.

Written as one triple per line with full IRIs, which is Turtle and also N-Triples, so any RDF
tool (rdflib, Jena, Skosmos) reads it without a prefix table. A concept's IRI is the scheme IRI
with ``#`` and the slug of its voorkeursterm (``-2``, ``-3`` for a slug that is taken).
"""

from __future__ import annotations

from watwerkt.model import thesaurus as T
from watwerkt.model.slug import slugify

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LOCAL_SCHEME = "urn:x-watwerkt:thesaurus"  # when the site has no public address
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def scheme_iri(base_url: str) -> str:
    return f"{base_url}thesaurus" if base_url else LOCAL_SCHEME


def literal(text: str) -> str:
    """A Turtle string literal tagged ``nl``; backslash, quote and line breaks escaped."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + f'"@{T.LANGUAGE}'


def concept_iris(concepts: list[T.Concept], scheme: str) -> list[str]:
    taken: set[str] = set()
    out = []
    for c in concepts:
        base = slugify(c.pref) or "begrip"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        out.append(f"{scheme}#{name}")
    return out


def thesaurus_turtle(concepts: list[T.Concept], base_url: str = "") -> str:
    """The concepts as Turtle; `breder` points to every concept with that voorkeursterm."""
    scheme = scheme_iri(base_url)
    iris = concept_iris(concepts, scheme)
    by_pref: dict[str, list[str]] = {}
    for c, iri in zip(concepts, iris):
        by_pref.setdefault(T.label_key(c.pref), []).append(iri)

    def triple(s: str, p: str, o: str) -> str:
        return f"<{s}> <{p}> {o} ."

    lines = ["# watwerkt-zoekthesaurus als SKOS (Turtle, ook N-Triples)",
             triple(scheme, RDF_TYPE, f"<{SKOS}ConceptScheme>")]
    for c, iri in zip(concepts, iris):
        lines.append(triple(iri, RDF_TYPE, f"<{SKOS}Concept>"))
        lines.append(triple(iri, SKOS + "inScheme", f"<{scheme}>"))
        lines.append(triple(iri, SKOS + "prefLabel", literal(c.pref)))
        lines += [triple(iri, SKOS + "altLabel", literal(a)) for a in c.alt]
        for name in c.broader:
            lines += [triple(iri, SKOS + "broader", f"<{b}>") for b in by_pref.get(T.label_key(name), []) if b != iri]
        if c.note:
            lines.append(triple(iri, SKOS + "scopeNote", literal(c.note)))
    return "\n".join(lines) + "\n"
