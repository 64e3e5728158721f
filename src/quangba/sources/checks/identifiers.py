"""Identifiers: one id per entry, and once the public has seen an id it never changes, vanishes or moves to
another entry (the national database knows an entry by its id)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from quangba.problems import Problem
from quangba.profile import Profile
from quangba.sources.content import SourceFile
from quangba.sources.lifecycle import Lifecycle


def duplicate_id_problems(sources: list[SourceFile]) -> Iterator[Problem]:
    by_id: dict[str, list[SourceFile]] = defaultdict(list)
    for source in sources:
        value = (source.meta or {}).get("id")
        if isinstance(value, str):
            by_id[value].append(source)
    for value, holders in by_id.items():
        if len(holders) < 2:
            continue
        for holder in holders:
            others = ", ".join(o.path for o in holders if o is not holder)
            yield holder.make(
                "duplicate-id",
                f"Mã định danh `{value}` đã được dùng ở {others}. Mỗi bài một mã riêng: bài mới hãy tạo mã "
                "bằng `quangba new`; không đổi mã của bài đã đăng.",
                f"The id `{value}` is already used by {others}. Every entry needs its own id: give the new "
                "entry one with `quangba new`; never change the id of a published entry.",
                field="id", at=("id",))


def id_history_problems(life: Lifecycle, sources: dict[str, SourceFile], root: Path,
                        profile: Profile) -> Iterator[Problem]:
    """Ids are permanent: the national database knows an entry by its id once it was published."""
    def day(commit: int) -> str:
        moment = life.time(commit)
        return profile.local_date(moment).isoformat() if moment else "?"

    for change in life.changes:
        source = sources.get(change.path)
        if source is not None:
            yield _changed(source, change.old, change.new, day(change.since))
    yield from _reused(life, sources, root, day)


def _changed(source: SourceFile, old: str, new: str, since: str) -> Problem:
    if not new:
        return source.make(
            "id-lost",
            f"Bài này đã mất mã định danh `{old}` (dùng từ ngày {since}). Mã của bài đã "
            f"đăng không bao giờ được bỏ: hãy thêm lại dòng `id: {old}`.",
            f"This entry lost its id `{old}` (held since {since}). A published entry's "
            f"id is never removed: add the line `id: {old}` back.",
            field="id", line=1)
    return source.make(
        "id-changed",
        f"Mã định danh của bài này đã đổi từ `{old}` (dùng từ ngày {since}) thành "
        f"`{new}`. Mã của bài đã đăng không bao giờ được đổi: cơ sở dữ liệu quốc gia nhận ra bài "
        f"bằng mã này. Hãy trả lại `id: {old}`. Muốn thay bài này bằng bài khác, hãy đặt "
        "`status: withdrawn` cho bài cũ và tạo bài mới bằng `quangba new`.",
        f"This entry's id changed from `{old}` (held since {since}) to `{new}`. "
        "A published entry's id never changes: the national database knows the entry by it. Put back "
        f"`id: {old}`. To replace this entry with another, set `status: withdrawn` on it and "
        "create the new one with `quangba new`.",
        field="id", at=("id",))


def _reused(life: Lifecycle, sources: dict[str, SourceFile], root: Path,
            day: Callable[[int], str]) -> Iterator[Problem]:
    for reuse in life.reuses:
        source = sources.get(reuse.path)
        if source is None:
            continue
        deleted = not (root / reuse.holder).exists()
        holder_state = "đã xóa" if deleted else "nay mang mã khác"
        holder_state_en = "since deleted" if deleted else "now another id"
        yield source.make(
            "id-reused",
            f"Mã định danh `{reuse.id}` đã thuộc về bài {reuse.holder} ({holder_state}), đã đăng và được gỡ "
            f"khỏi tệp đó ngày {day(reuse.released)}. Mã đã dùng không bao giờ được dùng lại cho bài khác: "
            "tạo mã mới bằng `quangba new`. Nếu đây chính là bài đó được chuyển chỗ, hãy chuyển tệp (xóa tệp "
            "cũ và tạo tệp mới) trong cùng một commit.",
            f"The id `{reuse.id}` belonged to {reuse.holder} ({holder_state_en}), which was published and let "
            f"it go on {day(reuse.released)}. A used id is never given to another entry: make a new one with "
            "`quangba new`. If this is that same entry moved, move the file (delete the old, add the new) "
            "in one commit.",
            field="id", at=("id",))
