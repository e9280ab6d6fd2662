"""What a reader sees of a dossier: pages and overview pages as Markdown, citations, escaping, sanitising. Imports model; never load, check, site, mkdocs, whoosh or weasyprint."""
