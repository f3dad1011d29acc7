"""Turn Markdown Q&A documents into an Anki deck, an offline searchable site and a print sheet."""

from __future__ import annotations

__version__ = "0.1.0"
