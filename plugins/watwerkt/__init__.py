"""watwerkt: a static site generator for "Wat werkt bij ..." knowledge dossiers."""

__version__ = "0.1.0"
