"""What git remembers about the corpus: when each file last changed, and which id, status and classification
each default-language file had at every commit that changed them.

The exports date records from this history, never from the time of the build, and the validator uses it to
keep ids permanent. It is read with two ``git log`` runs along the first-parent line (the order changes
reached the main branch): one for the names of changed files, one for the versions where an entry's id,
status or classification lines changed. Those versions' front matter is read with one ``git cat-file``
and remembered in ``.cache/history.json`` by blob hash, so a later build reads only new versions.

Without git, or in a shallow clone (whose oldest commit seems to add every file), the history is marked
unavailable and every consumer falls back to the front matter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quangba.atomic import write_atomically
from quangba.sources.content import CONTENT_DIR

CACHE_FILE = ".cache/history.json"
_NO_BLOB = "0" * 40
_KEY_LINE = re.compile(r"^(id|status|classification):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Version:
    """One file as one commit left it. ``commit`` indexes :attr:`History.times`; ``id`` is None once deleted."""

    commit: int
    path: str  # relative to the project root, e.g. "content/vi/culture/gong-space.md"
    id: str | None
    status: str | None = None
    classification: str | None = None

    @property
    def public(self) -> bool:
        return self.id is not None and self.status == "published" and self.classification == "public"


@dataclass
class History:
    available: bool
    note: str = ""  # why the history is unavailable, for the build log
    shallow: bool = False  # a shallow clone: history exists but its oldest commit seems to add everything
    times: list[dt.datetime] = field(default_factory=list)  # commit index -> commit time (UTC), oldest first
    changed: dict[str, int] = field(default_factory=dict)  # path -> index of the last commit that changed it
    timelines: dict[str, list[Version]] = field(default_factory=dict)  # default-language path -> versions

    @property
    def head(self) -> int:
        """The index of the newest commit (-1 when there is none)."""
        return len(self.times) - 1

    def time(self, commit: int) -> dt.datetime | None:
        return self.times[commit] if 0 <= commit < len(self.times) else None

    def last_changed(self, paths: list[str]) -> dt.datetime | None:
        """When any of these files last changed in a commit (None if none of them is committed)."""
        commits = [self.changed[p] for p in paths if p in self.changed]
        return self.times[max(commits)] if commits else None


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(
        ["git", "-c", "core.quotePath=false", *args], cwd=root, input=data, capture_output=True, check=True,
        env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
    )
    return result.stdout


def read_history(root: Path, default_language: str) -> History:
    """The history of ``content/`` and ``assets/`` under ``root``; never raises for a missing or odd repository."""
    try:
        inside = git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
        if not inside:
            return History(False, "not a git repository")
        if git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            return History(False, "shallow clone: fetch the full history (fetch-depth: 0) for real dates",
                           shallow=True)
        if not git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"):
            return History(False, "no commit yet")
    except (OSError, subprocess.CalledProcessError):
        return History(False, "not a git repository")
    common = ["log", "--first-parent", "--diff-merges=first-parent", "--relative", "--no-renames", "--reverse"]
    names = git(root, *common, "--format=@@%H %ct", "--name-only", "--", CONTENT_DIR, "assets")
    history = History(True)
    commit_index: dict[str, int] = {}
    for line in names.decode("utf-8", "replace").splitlines():
        if line.startswith("@@"):
            sha, stamp = line[2:].split()
            commit_index[sha] = len(history.times)
            history.times.append(dt.datetime.fromtimestamp(int(stamp), dt.UTC))
        elif line:
            history.changed[line] = len(history.times) - 1
    folder = f"{CONTENT_DIR}/{default_language}/"
    raw = git(root, *common, "--format=@@%H", "--raw", "--no-abbrev",
               "-G", "^(id|status|classification):", "--", folder)
    changes: list[tuple[int, str, str]] = []  # commit, path, new blob (or the null blob when deleted)
    commit = -1
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("@@"):
            commit = commit_index.get(line[2:], -1)
        elif line.startswith(":") and commit >= 0:
            meta, path = line.split("\t", 1)
            if path.endswith(".md"):
                changes.append((commit, path, meta.split()[3]))
    heads = _front_matter_keys(root, {blob for _, _, blob in changes if blob != _NO_BLOB})
    for commit, path, blob in changes:
        keys = heads.get(blob, {})
        version = Version(commit, path, keys.get("id"), keys.get("status"), keys.get("classification"))
        if blob == _NO_BLOB:
            version = Version(commit, path, None)
        history.timelines.setdefault(path, []).append(version)
    return history


def _front_matter_keys(root: Path, blobs: set[str]) -> dict[str, dict[str, str]]:
    """The tracked top-level keys of each blob's front matter, read once per blob ever (blobs never change)."""
    return blob_facts(root, blobs, root / CACHE_FILE, _keys_of)


def blob_facts(root: Path, blobs: set[str], cache_path: Path,
               read: Callable[[str], dict[str, str]]) -> dict[str, dict[str, str]]:
    """What ``read`` makes of each blob's text, worked out once per blob ever and remembered in ``cache_path``:
    a blob's content never changes, so a later run reads only new versions (one ``git cat-file --batch``)."""
    try:
        cache: dict[str, dict[str, str]] = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    missing = sorted(blobs - cache.keys())
    if missing:
        out = git(root, "cat-file", "--batch", data="".join(f"{b}\n" for b in missing).encode())
        position = 0
        for blob in missing:
            header_end = out.index(b"\n", position)
            size = int(out[position:header_end].split()[2])
            body = out[header_end + 1: header_end + 1 + size]
            position = header_end + 1 + size + 1
            cache[blob] = read(body.decode("utf-8", "replace"))
        with contextlib.suppress(OSError):  # a read-only checkout: read again next time
            write_atomically(cache_path, json.dumps(cache, sort_keys=True).encode("utf-8"))
    return {blob: cache[blob] for blob in blobs}


def _keys_of(text: str) -> dict[str, str]:
    """id, status and classification as written at the top level of a file's front matter."""
    return front_matter_keys(text, _KEY_LINE)


def front_matter_keys(text: str, key_line: re.Pattern[str]) -> dict[str, str]:
    """The top-level keys ``key_line`` matches (its groups: key, value) as written in a file's front matter, quotes
    and comments removed: read from a blob's text without parsing its YAML, which may be any old version."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return {}
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[3:], re.MULTILINE)
    head = text[3: 3 + end.start()] if end else text
    keys: dict[str, str] = {}
    for match in key_line.finditer(head):
        keys.setdefault(match.group(1), re.sub(r"\s+#.*$", "", match.group(2)).strip().strip("'\""))
    return keys
