"""Translations: every published entry exists in every language, and a translation agrees with its source.

A translation repeats a shared field only to agree with it, gives every photo of the source its own alt text
and caption, and names its reviewer once reviewed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quangba.model import Kind, Scope
from quangba.problems import Problem, Severity
from quangba.profile import Profile
from quangba.sources.checks.entries import withdrawal_field_problems
from quangba.sources.content import SourceFile
from quangba.sources.versions import recorded_version, source_version


def pair_problems(rel_path: str, files: dict[str, SourceFile], profile: Profile) -> Iterator[Problem]:
    """A translation needs its source; a published source needs every translation (a draft may wait)."""
    default = profile.default_language
    source = files.get(default)
    if source is None:
        for translation in files.values():
            yield translation.make(
                "orphan-translation",
                f"Không có bản tiếng gốc `content/{default}/{rel_path}` cho bản dịch này. Thêm bản gốc, "
                "hoặc đặt bản dịch đúng đường dẫn của bản gốc.",
                f"There is no source file `content/{default}/{rel_path}` for this translation. Add the "
                "source, or give the translation the same path as its source.")
        return
    meta = source.meta if isinstance(source.meta, dict) else {}
    draft = meta.get("status") == "draft"
    for language in profile.translation_languages:
        if language not in files:
            yield source.make(
                "missing-translation",
                f"Thiếu bản dịch `content/{language}/{rel_path}`."
                + (" Bản nháp chưa cần ngay, nhưng phải có trước khi đăng." if draft else
                   " Bài đã đăng phải có đủ các ngôn ngữ."),
                f"The translation `content/{language}/{rel_path}` is missing."
                + (" A draft may wait, but it must exist before publishing." if draft else
                   " A published entry must exist in every language."),
                severity=Severity.INFO if draft else Severity.ERROR)  # a draft is not published: nothing to fix yet


def translation_problems(source: SourceFile, translation: SourceFile, kind: Kind) -> Iterator[Problem]:
    meta, other = source.meta or {}, translation.meta or {}
    for field in kind.fields:
        if field.scope is not Scope.SHARED or field.name not in other or field.name not in meta:
            continue
        if field.name == "photos":
            continue
        if other[field.name] != meta[field.name]:
            yield _mismatch(translation, source, field.name, (field.name,), meta[field.name])
    yield from withdrawal_field_problems(translation, meta.get("status"))
    translated = other.get("translation") if isinstance(other.get("translation"), dict) else {}
    if translated.get("status") == "reviewed" and not translated.get("reviewer"):
        yield translation.make(
            "reviewer",
            "Bản dịch đã hiệu đính (`reviewed`) phải ghi người hiệu đính ở `translation.reviewer`.",
            "A reviewed translation must name its reviewer in `translation.reviewer`.",
            field="translation.reviewer", at=("translation",))
    yield from _photo_text_problems(source, translation)


def stale_problems(source: SourceFile, translation: SourceFile, kind: Kind) -> Iterator[Problem]:
    """A translation made from an older version of its source says so (info: the source may be published first,
    in the default language; the translation follows)."""
    recorded = recorded_version(translation.meta)
    if recorded is None or recorded == source_version(source.meta or {}, source.body, kind):
        return
    yield translation.make(
        "translation-stale",
        f"Bản dịch có thể đã cũ: bản gốc {source.path} đã thay đổi từ khi dịch. Trang bản dịch báo điều này cho "
        f"người đọc. Dịch lại phần đã đổi, rồi chạy `quangba translated {translation.path}`.",
        f"The translation may be out of date: its source {source.path} changed since it was translated. The "
        f"translated page tells readers so. Translate what changed, then run `quangba translated {translation.path}`.",
        field="translation.source", at=("translation", "source"), severity=Severity.INFO)


def _photo_text_problems(source: SourceFile, translation: SourceFile) -> Iterator[Problem]:
    photos, photo_texts = (source.meta or {}).get("photos"), (translation.meta or {}).get("photos")
    if not isinstance(photos, list) or not isinstance(photo_texts, list):
        return
    by_file = {p.get("file"): (i, p) for i, p in enumerate(photo_texts) if isinstance(p, dict)}
    source_files = set()
    for photo in photos:
        if not isinstance(photo, dict) or not isinstance(photo.get("file"), str):
            continue
        source_files.add(photo["file"])
        if photo["file"] not in by_file:
            yield translation.make(
                "photo-text-missing",
                f"Ảnh `{photo['file']}` chưa có mô tả thay thế (`alt`) và chú thích (`caption`) trong bản "
                f"{translation.language}. Thêm một mục `- file: {photo['file']}` vào `photos`.",
                f"The photo `{photo['file']}` has no alt text (`alt`) and caption (`caption`) in the "
                f"{translation.language} file. Add an item `- file: {photo['file']}` under `photos`.",
                field="photos", at=("photos",))
            continue
        index, text = by_file[photo["file"]]
        for key in ("credit", "taken"):
            if key in text and key in photo and text[key] != photo[key]:
                yield _mismatch(translation, source, f"photos[{index + 1}].{key}", ("photos", index, key), photo[key])
    for file, (index, _) in by_file.items():
        if file not in source_files:
            yield translation.make(
                "photo-unknown",
                f"Ảnh `{file}` không có trong danh sách ảnh của bản gốc {source.path}; xóa mục này hoặc thêm "
                "ảnh vào bản gốc.",
                f"The photo `{file}` is not among the photos of the source file {source.path}; remove this "
                "item or add the photo to the source.",
                field=f"photos[{index + 1}].file", at=("photos", index, "file"))


def _mismatch(translation: SourceFile, source: SourceFile, name: str, path: tuple[str | int, ...],
              expected: Any) -> Problem:
    return translation.make(
        "shared-mismatch",
        f"Trường `{name}` không phụ thuộc ngôn ngữ nhưng khác với bản gốc {source.path} "
        f"(`{expected}`). Xóa trường này khỏi bản dịch hoặc sửa cho giống bản gốc.",
        f"The field `{name}` does not depend on language but differs from the source {source.path} "
        f"(`{expected}`). Remove it from the translation or make it match the source.",
        field=name, line=translation.line_of(path))
