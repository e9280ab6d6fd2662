"""The dossier model: types, field kinds, problem codes, settings and slugs. Imports nothing else of watwerkt; never mkdocs, whoosh or weasyprint."""
