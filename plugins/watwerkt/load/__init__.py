"""Reading dossier folders into the model with file, line and column for every value. Imports only model; never check, view, mkdocs, whoosh or weasyprint."""
