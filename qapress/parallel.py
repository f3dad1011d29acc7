"""Independent parts of a build, run side by side in forked processes where forking is safe.

A forked child starts with everything the parent has already parsed and imported, so nothing is
sent to it; only its result comes back, pickled through a pipe. Where fork is unsafe (not Linux,
other threads running, already inside a worker) or only one core is free, the parts run here
one after another, with the same results.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

T = TypeVar("T")
Item = TypeVar("Item")

_IN_WORKER = False


def cores() -> int:
    """Return how many processes may share a build's work here; 1 means run it all in turn."""
    # A child forked while another thread holds a lock (the server's, the import lock) could
    # wait for it forever; other systems' libraries are not all safe to fork either.
    if _IN_WORKER or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


def workers(jobs: int = 0) -> int:
    """Return how many processes to use when the user asked for ``jobs`` (0: as many as cores)."""
    return max(1, min(jobs or cores(), cores()))


def run(calls: Sequence[Callable[[], T]]) -> list[T]:
    """Return every call's result in order; all calls but the last run in forked workers."""
    if len(calls) < 2 or cores() < 2:
        return [call() for call in calls]
    sys.stdout.flush()
    sys.stderr.flush()
    workers = [_fork(call) for call in calls[:-1]]
    try:
        last = calls[-1]()
    finally:
        # Collected even when this process failed, so that no worker is left behind.
        outcomes = [_collect(*worker) for worker in workers]
    for ok, value in outcomes:
        if not ok:
            raise cast(BaseException, value)
    return [cast(T, value) for _, value in outcomes] + [last]


def split(items: Sequence[Item], parts: int, weight: Callable[[Item], int] = lambda _: 1) -> list[list[Item]]:
    """Cut ``items`` into at most ``parts`` runs of about equal weight, keeping their order."""
    total = sum(weight(item) for item in items)
    runs: list[list[Item]] = [[]]
    done = 0
    for item in items:
        if runs[-1] and done >= total * len(runs) / parts and len(runs) < parts:
            runs.append([])
        runs[-1].append(item)
        done += weight(item)
    return [run for run in runs if run]


def _fork(call: Callable[[], object]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    global _IN_WORKER
    _IN_WORKER = True
    status = 1
    try:
        os.close(read)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(_outcome(call))
        status = 0
    finally:
        # Never return into the parent's code, nor run its cleanup; only our own output goes out.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def _outcome(call: Callable[[], object]) -> bytes:
    try:
        return pickle.dumps((True, call()), pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - every failure goes back to the parent
        try:
            return pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an error that cannot be pickled goes back as text
            return pickle.dumps((False, RuntimeError(traceback.format_exc())))


def _collect(pid: int, read: int) -> tuple[bool, object]:
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not data:
        code = os.waitstatus_to_exitcode(status)
        return False, RuntimeError(f"a build worker ended (status {code}) without its result")
    outcome: tuple[bool, object] = pickle.loads(data)
    return outcome
