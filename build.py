#!/usr/bin/env python3
"""Build the Anki decks, the site and the print pages from the documents in source/."""

from qapress.cli import run

if __name__ == "__main__":
    run()
