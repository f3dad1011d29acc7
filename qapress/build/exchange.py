"""Swapping two folders in one step, where the platform allows it, and in two renames elsewhere."""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM}
"""What ``renameat2`` answers where the kernel or the file system cannot exchange."""


def exchange(fresh: Path, out: Path, spare: Path) -> None:
    """Put ``fresh`` at ``out``, leaving the old ``out`` (if any) at ``fresh`` or ``spare``.

    On Linux, an existing ``out`` is swapped with ``fresh`` in one step, so that a crash leaves
    one of the two whole at ``out``. Elsewhere, ``out`` is moved to ``spare`` first, and moved back
    if ``fresh`` cannot take its place.
    """
    if not out.exists():
        fresh.rename(out)
    elif not _exchanged(fresh, out):
        out.rename(spare)
        try:
            fresh.rename(out)
        except BaseException:
            spare.rename(out)
            raise


def _exchanged(first: Path, second: Path) -> bool:
    """Swap two paths with ``renameat2``; say whether it was done (False: not supported here)."""
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


@cache
def _renameat2() -> Any | None:
    """Return the C library's ``renameat2`` (glibc 2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call
