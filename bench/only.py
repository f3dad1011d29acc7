"""Build only the named outputs, the way the command line builds them all.

    python -m bench.only deck source/autoencoders.md /tmp/out

The benchmark runs this in a child process to time one output on its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qapress.build import folder, pipeline, sources
from qapress.build.outputs import OUTPUTS
from qapress.settings import Settings


def main() -> None:
    """Parse the sources, render the chosen outputs and replace the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", help="comma-separated: " + ", ".join(OUTPUTS))
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    outputs = [OUTPUTS[name] for name in args.outputs.split(",")]
    documents = sources.gather(sources.find_sources([args.source])).documents
    settings = Settings(stamp=pipeline.source_stamp(documents))
    folder.replace_folder(args.out, pipeline.render(documents, settings, outputs))


if __name__ == "__main__":
    main()
