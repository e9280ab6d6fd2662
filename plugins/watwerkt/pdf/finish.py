"""The last touches on each PDF, through WeasyPrint's finisher hook (weasyprint's pydyf objects)."""

from __future__ import annotations

_DC = b'xmlns:dc="http://purl.org/dc/elements/1.1/"'
_RDF_END = b"</rdf:RDF>"


def finish_pdf(document, pdf) -> None:
    """What WeasyPrint leaves out: the bookmarks panel open when the PDF opens, and the language
    (from <html lang>) in the XMP metadata as dc:language next to the catalog's /Lang."""
    pdf.catalog["PageMode"] = "/UseOutlines"
    lang = (document.metadata.lang or "").encode("ascii", "ignore")
    reference = pdf.catalog.get("Metadata")
    if not lang or not reference:
        return
    number = int((reference.decode() if isinstance(reference, bytes) else str(reference)).split()[0])
    stream = next((o for o in pdf.objects if getattr(o, "number", None) == number), None)
    if stream is None or not getattr(stream, "stream", None):
        return
    language = (b'<rdf:Description rdf:about="" ' + _DC + b"><dc:language><rdf:Bag><rdf:li>" + lang
                + b"</rdf:li></rdf:Bag></dc:language></rdf:Description>")
    stream.stream = [part.replace(_RDF_END, language + _RDF_END, 1) if isinstance(part, bytes) else part
                     for part in stream.stream]
