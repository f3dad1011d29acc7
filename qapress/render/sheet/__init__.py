"""The print output: a cheat sheet page per document, and its PDF."""
