"""The dossiers' history in git: reading revisions, comparing two states of a dossier, and the published versions of each dossier. Imports model, load and check; never view, site, mkdocs, whoosh or weasyprint.

`watwerkt diff` (editor/review.py) and the site's version pages (site/plugin.py) share these
functions, so an editor's summary and a reader's "Wat is er veranderd" come from one comparison.
"""

from .compare import Change, changes, compare_dossier
from .git import GitError, GitMissing, git, repo_root, verify_revision
from .versions import History, Version, Withdrawn, dossier_history

__all__ = ["Change", "GitError", "GitMissing", "History", "Version", "Withdrawn", "changes", "compare_dossier",
           "dossier_history", "git", "repo_root", "verify_revision"]
