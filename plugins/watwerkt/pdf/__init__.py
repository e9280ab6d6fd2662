"""Offline PDFs (WeasyPrint): one per public dossier, and the collection in bounded parts. Imports model and view; never mkdocs or whoosh. The site adapter and `watwerkt pdf` both call build_pdfs()."""

from .build import PdfFailure, PdfReport, build_pdfs
from .document import COLLECTION_NAME, MAX_IMAGE_BYTES
from .parts import PART_LIMIT, Part, collection_parts

__all__ = ["build_pdfs", "PdfReport", "PdfFailure", "COLLECTION_NAME", "MAX_IMAGE_BYTES", "PART_LIMIT", "Part",
           "collection_parts"]
