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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, NoReturn, TypeVar, cast

T = TypeVar("T")
Item = TypeVar("Item")

_IN_WORKER = False
_INPUT_ROOM = 1 << 20
"""Pipe room for a small build's input, so that sending it never waits for the worker."""


def cores() -> int:
    """Return how many processes may share a build's work here; 1 means run it all in turn."""
    # A child forked while another thread holds a lock (the server's, the import lock) could
    # wait for it forever; other systems' libraries are not all safe to fork either.
    if _IN_WORKER or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


def free_cores() -> int:
    """Return how many of ``cores()`` no other program is using at this moment."""
    # Workers on a core that another program holds only take turns with it, and each costs a
    # fork and a pickled result: on a busy machine they made a build slower than one process.
    return max(1, cores() - _others_running())


def _others_running() -> int:
    """Return how many other tasks are runnable right now (Linux's /proc/loadavg), 0 if unknown."""
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            running = int(loadavg.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return 0
    return max(0, running - 1)  # this process is one of them


def workers(jobs: int = 0) -> int:
    """Return how many processes to use when the user asked for ``jobs`` (0: every free core)."""
    free = free_cores()
    return max(1, min(jobs or free, free))


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
    return _results(outcomes) + [last]


def _results(outcomes: Sequence[tuple[bool, object]]) -> list[T]:
    for ok, value in outcomes:
        if not ok:
            raise cast(BaseException, value)
    return [cast(T, value) for _, value in outcomes]


@dataclass(slots=True)
class Ahead(Generic[T]):
    """Workers forked before their input exists, readying themselves (loading their libraries)
    while this process prepares it; then each is given the same input and gives one result.

    ``readies`` return the functions to run; the last one is readied and run in this process.
    Where fork is not safe, every function is readied and run here, in turn. Use as a context
    manager: on leaving it, workers that never got their input are let go.
    """

    readies: Sequence[Callable[[], Callable[..., T]]]
    _workers: list[tuple[int, int, int]] = field(default_factory=list)

    def __enter__(self) -> Ahead[T]:
        if len(self.readies) > 1 and cores() > 1:
            sys.stdout.flush()
            sys.stderr.flush()
            for ready in self.readies[:-1]:
                others = [fd for _, to_worker, from_worker in self._workers for fd in (to_worker, from_worker)]
                self._workers.append(_fork_ahead(ready, others))
        return self

    def run(self, *args: Any) -> list[T]:
        """Return each function's result for ``args``, in order."""
        if not self._workers:
            return [ready()(*args) for ready in self.readies]
        data = pickle.dumps(args, pickle.HIGHEST_PROTOCOL)
        for _, to_worker, _ in self._workers:
            _send(to_worker, data)
        try:
            last = self.readies[-1]()(*args)
        finally:
            outcomes = [_collect(pid, from_worker) for pid, _, from_worker in self._workers]
            self._workers = []
        return _results(outcomes) + [last]

    def __exit__(self, *_: object) -> None:
        for pid, to_worker, from_worker in self._workers:
            with contextlib.suppress(OSError):
                os.close(to_worker)  # no input will come: the worker ends
            _collect(pid, from_worker)
        self._workers = []


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
    _in_worker(lambda: _reply(write, _outcome(call)), read)


def _fork_ahead(ready: Callable[[], Callable[..., object]], others: Sequence[int]) -> tuple[int, int, int]:
    import fcntl  # POSIX only, as fork is: forks happen on Linux alone

    to_worker, worker_reads = os.pipe()[::-1]
    worker_writes, from_worker = os.pipe()[::-1]
    with contextlib.suppress(OSError):
        fcntl.fcntl(to_worker, getattr(fcntl, "F_SETPIPE_SZ", 1031), _INPUT_ROOM)
    pid = os.fork()
    if pid:
        os.close(worker_reads)
        os.close(worker_writes)
        return pid, to_worker, from_worker

    def serve() -> None:
        try:
            function = ready()
        except Exception as error:  # noqa: BLE001 - sent back once the input comes
            function = partial(_raise, error)
        with os.fdopen(worker_reads, "rb") as pipe:
            data = pipe.read()
        if data:  # else let go: the input never came
            _reply(worker_writes, _outcome(lambda: function(*pickle.loads(data))))

    # The other workers' pipes are closed here, or a worker would wait for its input's end
    # until every worker forked after it had ended.
    _in_worker(serve, to_worker, from_worker, *others)


def _raise(error: Exception, *_: object) -> NoReturn:
    raise error


def _in_worker(work: Callable[[], None], *close: int) -> NoReturn:
    global _IN_WORKER
    _IN_WORKER = True
    status = 1
    try:
        for fd in close:
            os.close(fd)
        work()
        status = 0
    finally:
        # Never return into the parent's code, nor run its cleanup; only our own output goes out.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def _reply(fd: int, outcome: bytes) -> None:
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(outcome)


def _send(fd: int, data: bytes) -> None:
    # A worker that failed to ready itself has gone; its error is what it sends back.
    with contextlib.suppress(BrokenPipeError), os.fdopen(fd, "wb") as pipe:
        pipe.write(data)


def _outcome(call: Callable[[], object]) -> bytes:
    try:
        return pickle.dumps((True, call()), pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - every failure goes back to the parent
        try:
            return pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an error that cannot be pickled goes back as text
            import traceback

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
