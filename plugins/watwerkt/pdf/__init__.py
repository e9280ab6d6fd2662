"""Offline PDFs (WeasyPrint): one per public dossier, and the collection. Imports model and view; never mkdocs or whoosh. The site adapter and `watwerkt pdf` both call build_pdfs()."""

from .build import PdfFailure, PdfReport, build_pdfs
from .document import COLLECTION_NAME, MAX_IMAGE_BYTES

__all__ = ["build_pdfs", "PdfReport", "PdfFailure", "COLLECTION_NAME", "MAX_IMAGE_BYTES"]
