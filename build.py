#!/usr/bin/env python3
"""Build the Anki decks, the site and the print pages from the documents in source/."""

import sys

from qapress.cli import main

if __name__ == "__main__":
    sys.exit(main())
