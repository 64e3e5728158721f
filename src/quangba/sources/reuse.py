"""What a preview keeps between two rebuilds: each file as it was read, and each path's check results, with the
file-system facts they were made from, so that saving one entry reads and checks that entry again, not the corpus.

Only ``mkdocs serve`` uses it; a build reads and checks everything. A result is reused only while the profile,
the files of its path (every language) and the photos they name have the same size and modification time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from quangba.problems import Problem
from quangba.sources.content import SourceFile

if TYPE_CHECKING:
    from quangba.sources.checks.validator import Validator

Stamp = tuple[int, int] | None  # (size, modification time in ns), None for a missing file
GroupKey = tuple[Stamp, tuple[tuple[str, Stamp], ...], tuple[tuple[str, Stamp], ...]]


def stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class GroupResults:
    """Files read and paths checked by earlier runs, keyed by the facts they depend on."""

    def __init__(self, root: Path, profile_file: Path) -> None:
        self.root = root
        self.profile_file = profile_file
        self._sources: dict[str, tuple[Stamp, SourceFile]] = {}
        self._groups: dict[str, tuple[GroupKey, tuple[list[Problem], SourceFile | None]]] = {}
        self.read = self.reused = 0  # what the last run did, for the preview's log line
        self.changed: set[str] = set()  # paths (under a language folder) checked again by the last run

    def start(self) -> None:
        self.read = self.reused = 0
        self.changed = set()

    def source(self, rel: str) -> tuple[Stamp, SourceFile | None]:
        """The file at ``rel`` (from the project root) as last read, if it has not changed since."""
        now = stamp(self.root / rel)
        kept = self._sources.get(rel)
        return now, (kept[1] if kept is not None and kept[0] == now and now is not None else None)

    def keep_source(self, rel: str, at: Stamp, source: SourceFile) -> None:
        self._sources[rel] = (at, source)

    def key(self, validator: Validator, files: dict[str, SourceFile]) -> GroupKey:
        from quangba.sources.checks.photos import photo_items

        photos = sorted({p for f in files.values() for p in photo_items(f) if p})
        return (stamp(self.profile_file),
                tuple(sorted((lang, self._sources[f.path][0] if f.path in self._sources else None)
                             for lang, f in files.items())),
                tuple((p, stamp(self.root / p)) for p in photos))

    def get(self, rel_path: str, key: GroupKey | None) -> tuple[list[Problem], SourceFile | None] | None:
        if key is None or any(at is None for _, at in key[1]):
            return None
        kept = self._groups.get(rel_path)
        if kept is None or kept[0] != key:
            return None
        self.reused += 1
        return kept[1]

    def put(self, rel_path: str, key: GroupKey | None, result: tuple[list[Problem], SourceFile | None]) -> None:
        self.changed.add(rel_path)
        if key is not None:
            self._groups[rel_path] = (key, result)
