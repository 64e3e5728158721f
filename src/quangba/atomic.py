"""Writing a file in one step: a reader (or an interrupted run) never sees half of it.

Files get the mode any ordinary file gets under the process's umask (0644 under the usual 022), not the 0600 of
a temporary file: published files are served by a web server running as another user.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)  # read the umask (it can only be read by setting it) and put it back at once
    os.umask(mask)
    return mask


UMASK = _umask()
FILE_MODE = 0o666 & ~UMASK
DIR_MODE = 0o777 & ~UMASK


def write_atomically(path: Path, data: bytes | bytearray | memoryview | Iterable[bytes]) -> None:
    """Write beside the target, then rename over it (atomic on one file system). ``data`` may come in pieces, each
    written as it is made, so a large export is never held whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes | bytearray | memoryview):
                out.write(data)
            else:
                out.writelines(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
