"""What a preview keeps between two rebuilds: each file as it was read, and each path's check results, with the
file-system facts they were made from, so that saving one entry reads and checks that entry again, not the corpus.

Only ``mkdocs serve --dirty`` uses it; a build reads and checks everything. A result is reused only while the
profile, the files of its path (every language) and the photos they name have the same size and modification time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from quangba.problems import Problem
from quangba.profile import PROFILE_FILE
from quangba.sources.checks.photos import photo_items
from quangba.sources.content import SourceFile

Stamp = tuple[int, int] | None  # (size, modification time in ns), None for a missing file
GroupKey = tuple[Stamp, tuple[tuple[str, Stamp], ...], tuple[tuple[str, Stamp], ...]]
GroupResult = tuple[list[Problem], SourceFile | None]  # a path's problems, and its entry's default-language file


def stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class GroupResults:
    """Files read and paths checked by earlier runs, keyed by the facts they depend on."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sources: dict[str, tuple[Stamp, SourceFile]] = {}
        self._groups: dict[str, tuple[GroupKey, GroupResult]] = {}
        self.read = self.reused = 0  # what the last run did, for the preview's log line
        self.changed: set[str] = set()  # paths (under a language folder) checked again by the last run

    def start(self) -> None:
        self.read = self.reused = 0
        self.changed = set()

    def source(self, rel: str, read: Callable[[], SourceFile]) -> SourceFile:
        """The file at ``rel`` (from the project root) as last read if it has not changed since, else ``read()``."""
        now = stamp(self.root / rel)
        kept = self._sources.get(rel)
        if kept is not None and now is not None and kept[0] == now:
            return kept[1]
        source = read()
        self._sources[rel] = (now, source)
        self.read += 1
        return source

    def check(self, rel_path: str, files: dict[str, SourceFile],
              check: Callable[[str, dict[str, SourceFile]], GroupResult]) -> GroupResult:
        """The results of a path's files as last checked if nothing they depend on changed since, else ``check``'s."""
        key = self._key(files)
        kept = self._groups.get(rel_path)
        if kept is not None and kept[0] == key and all(at is not None for _, at in key[1]):
            self.reused += 1
            return kept[1]
        result = check(rel_path, files)
        self._groups[rel_path] = (key, result)
        self.changed.add(rel_path)
        return result

    def _key(self, files: dict[str, SourceFile]) -> GroupKey:
        photos = sorted({p for f in files.values() for p in photo_items(f) if p})
        kept = {f.path: self._sources[f.path][0] if f.path in self._sources else None for f in files.values()}
        return (stamp(self.root / PROFILE_FILE),
                tuple(sorted((lang, kept[f.path]) for lang, f in files.items())),
                tuple((p, stamp(self.root / p)) for p in photos))
