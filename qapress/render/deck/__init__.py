"""The Anki output: one ``.apkg`` package per document."""
