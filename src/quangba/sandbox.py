"""Running a parser of untrusted files in a child process, with a time and a memory limit.

Publications arrive by pull request. A PDF can be built to make a parser loop or allocate without end, and
PDFium is native code: either would stop or kill the build in-process. In a child, a stalled parser is stopped
after its time, an allocating one meets its memory limit, and a crash is only the child's; the build reports the
file and goes on.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import Any

_CHILD = ("import importlib, json, sys; module, name = sys.argv[1].split(':'); "
          "print(json.dumps(getattr(importlib.import_module(module), name)(*sys.argv[2:])))")


class Refused(Exception):
    """The child was stopped (``args[0]``: "time" or "memory") or failed."""


def run_limited(function: str, *args: str, seconds: float, memory: int) -> Any:
    """``module:function(*args)`` in a child Python, its JSON-able result returned; raises :class:`Refused`."""

    def limit() -> None:  # in the child, before it runs anything
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        result = subprocess.run([sys.executable, "-c", _CHILD, function, *args], capture_output=True, text=True,
                                timeout=seconds, preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired:
        raise Refused("time") from None
    if result.returncode != 0:
        raise Refused("memory" if "MemoryError" in result.stderr else "failed")
    return json.loads(result.stdout.strip().splitlines()[-1])
