"""The markers the plugin fills in on pages of docs/ (plugin.fill_markers). The live preview
renders such a page again on every save (site/preview.py); a docs/ page without one is left to
MkDocs' own dirty check."""

HOME_MARKER = "<!-- watwerkt:dossiers -->"  # the home page's list (index.md gets one without it too)
# The editors' guide names the project's own scales; the plugin fills these markers in.
EVIDENCE_TABLE_MARKER = "<!-- watwerkt:bewijsniveaus -->"
RECOGNITION_LIST_MARKER = "<!-- watwerkt:erkenningsniveaus -->"
FILLED = (HOME_MARKER, EVIDENCE_TABLE_MARKER, RECOGNITION_LIST_MARKER)
