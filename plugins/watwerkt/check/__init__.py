"""The rules beyond the shape of a file, within one dossier and across dossiers; every finding a located Problem. Imports model and load; never view, site, mkdocs, whoosh or weasyprint."""

from .placeholders import PLACEHOLDER
from .run import CheckResult, InputError, check, dossier_folders

__all__ = ["PLACEHOLDER", "CheckResult", "InputError", "check", "dossier_folders"]
