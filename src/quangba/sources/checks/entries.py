"""Rules on one entry that its schema cannot say: classification, the order of its dates, withdrawal fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quangba.model import parse_date
from quangba.problems import Problem
from quangba.sources.content import SourceFile


def classification_problems(source: SourceFile) -> Iterator[Problem]:
    """Only public information may enter the repository (state secrets never: 000 Đ8.1, 001 Đ2.2)."""
    classification = (source.meta or {}).get("classification")
    if isinstance(classification, str) and classification != "public":
        yield source.make(
            "classification",
            f"Độ mật `{classification}`: thông tin không công khai không bao giờ được đưa vào kho nội dung "
            "hay cổng thông tin. Gỡ tệp này khỏi yêu cầu hợp nhất và báo cơ quan quản lý.",
            f"Classification `{classification}`: information that is not public must never enter the "
            "content repository or the portal. Remove this file from the pull request and tell the "
            "managing department.",
            field="classification", at=("classification",))


def date_order_problems(source: SourceFile) -> Iterator[Problem]:
    """Updated and withdrawn come after issued."""
    meta = source.meta or {}
    issued, updated = parse_date(meta.get("issued")), parse_date(meta.get("updated"))
    if issued and updated and updated < issued:
        yield source.make(
            "date-order",
            f"Ngày cập nhật {updated.isoformat()} trước ngày ban hành {issued.isoformat()}; sửa một trong hai.",
            f"The update date {updated.isoformat()} is before the issue date {issued.isoformat()}; "
            "correct one of them.",
            field="updated", at=("updated",))
    withdrawn = parse_date(meta.get("withdrawn"))
    if withdrawn and issued and withdrawn < issued:
        yield source.make(
            "date-order",
            f"Ngày gỡ {withdrawn.isoformat()} trước ngày ban hành {issued.isoformat()}; sửa một trong hai.",
            f"The withdrawal date {withdrawn.isoformat()} is before the issue date {issued.isoformat()}; "
            "correct one of them.",
            field="withdrawn", at=("withdrawn",))


def withdrawal_field_problems(file: SourceFile, status: Any) -> Iterator[Problem]:
    """A withdrawal date or reason on an entry that is not withdrawn would be sent to nobody: say so."""
    if status == "withdrawn":
        return
    for name in ("withdrawn", "withdrawal_reason"):
        if name in (file.meta or {}):
            yield file.make(
                "withdrawal-fields",
                f"Trường `{name}` chỉ dùng cho bài đã gỡ (`status: withdrawn`), nhưng bài đang ở trạng thái "
                f"`{status}`. Xóa trường này, hoặc đặt `status: withdrawn` nếu muốn gỡ bài.",
                f"The field `{name}` is only for a withdrawn entry (`status: withdrawn`), but this entry is "
                f"`{status}`. Remove the field, or set `status: withdrawn` to withdraw the entry.",
                field=name, at=(name,))
