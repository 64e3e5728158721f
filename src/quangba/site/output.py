"""Where a build writes: never into the published folder itself.

A build writes into a staging folder beside the target (``.site.building-<pid>``, on the same file system) and
the finished, verified site takes the target's place in one step: Linux's ``renameat2(RENAME_EXCHANGE)`` swaps
the two folders atomically, so a reader, a failure or a killed build never sees half a site. A failed or
refused build leaves the last good site as it was, byte for byte; a killed build's staging folder is removed by
the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STAGING = ".{name}.building-"


def staging_for(target: Path) -> Path:
    """The staging folder of this process for ``target``, after removing what killed builds left behind."""
    prefix = _STAGING.format(name=target.name)
    for stale in target.parent.glob(prefix + "*"):
        pid = stale.name.removeprefix(prefix)
        if not pid.isdigit() or not _alive(int(pid)) or int(pid) == os.getpid():
            shutil.rmtree(stale, ignore_errors=True)
    return target.parent / f"{prefix}{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (another OS, an old kernel or C library)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def publish(staging: Path, target: Path) -> None:
    """Put the finished site at ``target``: atomically where the system allows it, else by two renames."""
    if not target.exists() and not target.is_symlink():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now the previous site
        return
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path | None) -> None:
    """Remove a staging folder that will not be published."""
    if staging is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
