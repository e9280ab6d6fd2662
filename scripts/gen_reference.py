"""Regenerate the editor reference pages in docs/redactie/ from the model and the code table."""

from pathlib import Path

from watwerkt.editor.reference import PAGES
from watwerkt.model.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    settings = load_settings(None)
    for rel, make in PAGES.items():
        (ROOT / rel).write_text(make(settings), encoding="utf-8")
        print(f"geschreven: {rel}")
