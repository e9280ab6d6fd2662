"""Offline PDFs of the dossiers (WeasyPrint): one per published or archived dossier, and the collection.

No MkDocs here. The plugin and `watwerkt pdf` both call build_pdfs().
"""

from .build import PdfFailure, PdfReport, build_pdfs
from .document import COLLECTION_NAME, MAX_IMAGE_BYTES

__all__ = ["build_pdfs", "PdfReport", "PdfFailure", "COLLECTION_NAME", "MAX_IMAGE_BYTES"]
