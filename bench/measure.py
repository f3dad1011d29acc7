"""Run a Python script or module as ``python`` would, then write down its peak memory.

    python bench/measure.py REPORT build.py source/ --out /tmp/out
    python bench/measure.py REPORT -m bench.only deck source/autoencoders.md /tmp/out

A build may fork workers, and the kernel reports a process's peak together with its children's
as the larger of the two. Run here, the build is this process, so its own peak and its largest
worker's can be told apart; REPORT gets both, in KiB, and the benchmark adds them up: a bound
from above on what the build held at once.
"""

from __future__ import annotations

import os
import resource
import runpy
import sys
from pathlib import Path
from typing import NoReturn


def main() -> None:
    """Run the command after REPORT in this process; write both peaks to REPORT however it ends."""
    report, command = Path(sys.argv[1]), sys.argv[2:]
    measured, end_now = os.getpid(), os._exit

    def write_report() -> None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        report.write_text(f"{own} {workers}\n", encoding="utf-8")

    def report_then_end(status: int) -> NoReturn:
        # The build ends with os._exit, skipping every cleanup; its workers end so too.
        if os.getpid() == measured:
            write_report()
        end_now(status)

    os._exit = report_then_end
    try:
        if command[0] == "-m":
            sys.argv = command[1:]
            runpy.run_module(command[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = command
            sys.path.insert(0, str(Path(command[0]).resolve().parent))
            runpy.run_path(command[0], run_name="__main__")
    finally:
        write_report()


if __name__ == "__main__":
    main()
