"""genanki comes in without asyncio or PyYAML, and every other import still gets the real modules."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from qapress.render.deck.library import genanki
print(sorted(name for name in ("asyncio", "yaml", "cached_property") if name in sys.modules))
model = genanki.Model(1, "m", fields="- name: Front", templates=[])
print(model.fields)
import yaml
print(hasattr(yaml, "__path__"), yaml.safe_load("a: 1"))
note = genanki.Note(genanki.BASIC_MODEL, ["q", "a"])
print(len(note.cards), note.cards is note.cards)
"""


def test_genanki_loads_neither_asyncio_nor_yaml_and_still_reads_yaml_when_asked() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "[]",  # nothing slow came in with genanki
        "[{'name': 'Front'}]",  # YAML text still works: PyYAML loads on first use
        "True {'a': 1}",  # the real package, submodules and all
        "1 True",  # the standard library's cached_property caches as the backport did
    ]
