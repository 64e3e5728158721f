"""Ids over time: which file held which id and when, and what became of every id the public has seen.

Built from the git history plus the working tree, taken as one more version after the newest commit, so a
pull request's commits and an editor's uncommitted edits are judged by the same rules:

- an id belongs to the entry that first held it; moving the file in one commit keeps it;
- an id the public has seen (it was published) and that no file holds any more, while the file that held it
  is still there with another id or none, was changed or lost: an error;
- an id taken up by a file after its earlier holder let it go in an earlier commit is reused: an error
  (unless that file held it before: then it is restored);
- every id the public has seen and that is no longer published becomes a tombstone, dated from the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from quangba.sources.history import History, Version


@dataclass
class Span:
    """One stretch of commits during which one file held one id."""

    id: str
    path: str
    start: int  # the commit (or the working tree) where the file took the id
    end: int | None = None  # the commit where it lost it (changed or deleted); None: it still holds it
    public_since: int | None = None  # the first commit in the span where it was published and public
    legitimate: bool = True  # False: the id was taken after its earlier holder had let it go

    @property
    def seen(self) -> bool:
        """The public saw this id through this file."""
        return self.public_since is not None


@dataclass(frozen=True)
class IdChange:
    path: str
    old: str
    new: str
    since: int  # the commit from which the old id was held


@dataclass(frozen=True)
class IdReuse:
    path: str
    id: str
    holder: str  # the file that held the id before
    released: int  # the commit where that file let it go


@dataclass(frozen=True)
class Departure:
    """An id the public has seen that no file holds any more."""

    id: str
    path: str  # the last file that held it
    at: int  # the commit (or the working tree) where it was let go


@dataclass
class Lifecycle:
    history: History
    spans: dict[str, list[Span]] = field(default_factory=dict)  # id -> spans, oldest first
    current: dict[str, Span] = field(default_factory=dict)  # path -> the span it is in now
    present: set[str] = field(default_factory=set)  # every default-language entry file of the working tree
    status_since: dict[str, int] = field(default_factory=dict)  # path -> commit its status/visibility began
    changes: list[IdChange] = field(default_factory=list)
    reuses: list[IdReuse] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)

    @property
    def working_tree(self) -> int:
        return len(self.history.times)

    def time(self, commit: int | None) -> dt.datetime | None:
        """The time of a commit; the working tree counts as the newest commit (its changes are not dated)."""
        if commit is None:
            return None
        return self.history.time(min(commit, self.history.head))

    def first_public(self, entry_id: str) -> int | None:
        starts = [s.public_since for s in self.spans.get(entry_id, [])
                  if s.legitimate and s.public_since is not None]
        return min(starts, default=None)

    def seen(self, entry_id: str) -> bool:
        return self.first_public(entry_id) is not None


def build_lifecycle(history: History, now: dict[str, tuple[str | None, str | None, str | None]]) -> Lifecycle:
    """``now``: every default-language file of the working tree -> its (id, status, classification)."""
    life = Lifecycle(history)
    if not history.available:
        return life
    tree = life.working_tree
    life.present = set(now)
    timelines = {path: list(versions) for path, versions in history.timelines.items()}
    for path in sorted(set(timelines) | set(now)):
        versions = timelines.setdefault(path, [])
        last = versions[-1] if versions else None
        state = now.get(path)
        if state is None:
            if last is not None and last.id is not None:
                versions.append(Version(tree, path, None))
        elif last is None or (last.id, last.status, last.classification) != state:
            versions.append(Version(tree, path, *state))
    for path, versions in timelines.items():
        span: Span | None = None
        visibility: tuple[str | None, bool] | None = None
        for version in versions:
            if span is not None and version.id != span.id:
                span.end = version.commit
                span = None
            if span is None and version.id is not None:
                span = Span(version.id, path, version.commit)
                life.spans.setdefault(version.id, []).append(span)
            if span is not None and version.public and span.public_since is None:
                span.public_since = version.commit
            state = (version.status, version.public)
            if state != visibility:
                visibility = state
                life.status_since[path] = version.commit
        if span is not None and span.end is None:
            life.current[path] = span
    for entry_id, spans in life.spans.items():
        spans.sort(key=lambda s: (s.start, s.path))
        _judge(life, entry_id, spans)
    return life


def _judge(life: Lifecycle, entry_id: str, spans: list[Span]) -> None:
    """Mark reuses, then find changed ids and departures among the spans of one id."""
    legitimate: list[Span] = []
    for span in spans:
        # Taken up again by a file that held it before, it is restored, not reused.
        gone = legitimate and all(s.end is not None and s.end < span.start and s.path != span.path
                                  for s in legitimate)
        if gone and any(s.seen for s in legitimate):
            span.legitimate = False
            if span.end is None:
                holder = max(legitimate, key=lambda s: s.end or 0)
                life.reuses.append(IdReuse(span.path, entry_id, holder.path, holder.end or 0))
            continue
        legitimate.append(span)
    if any(s.end is None for s in legitimate) or not any(s.seen for s in legitimate):
        return
    last = max(legitimate, key=lambda s: (s.end or 0, s.path))
    successor = life.current.get(last.path)
    restored = successor is not None and any(
        s.path == last.path and s.start < last.start for s in life.spans.get(successor.id, []))
    if successor is not None and successor.start == last.end and successor.id != entry_id and not restored:
        life.changes.append(IdChange(last.path, entry_id, successor.id, last.start))
    elif successor is None and last.path in life.present:  # the file is there, its id is not: it was removed
        life.changes.append(IdChange(last.path, entry_id, "", last.start))
    else:
        life.departures.append(Departure(entry_id, last.path, last.end or 0))
