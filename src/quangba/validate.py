"""The rules an editor's files must satisfy, each reported as a bilingual :class:`Problem`.

Schema rules come from the JSON Schema derived from the field declarations; the rules a schema cannot
express (pairs of files, paths, photos on disk, ids across the corpus) are written here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import fastjsonschema
import jsonschema
from PIL import Image

from quangba.content import SourceFile
from quangba.lifecycle import Lifecycle
from quangba.model import ALL_KIND_CODES, PAGE_KIND, VOCABULARY_NAMES, Field, Kind, Scope, kind_of
from quangba.problems import Problem, Severity
from quangba.profile import Profile
from quangba.schema import Role, kind_schema

ASSETS_DIR = "assets"
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TYPE_NAMES = {
    "string": ("chữ", "text"),
    "number": ("số", "a number"),
    "integer": ("số nguyên", "a whole number"),
    "array": ("danh sách (mỗi dòng bắt đầu bằng `- `)", "a list (each line starting with `- `)"),
    "object": ("nhóm trường lồng nhau", "a group of nested fields"),
    "boolean": ("đúng/sai", "true/false"),
}


def ascii_slug(text: str) -> str:
    """The ASCII kebab-case form of a name: what we suggest when a file name breaks the rule."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _field_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _declared(kind: Kind, path: tuple[str | int, ...]) -> Field | None:
    fields, found = kind.fields, None
    for part in path:
        if isinstance(part, int):
            continue
        found = next((f for f in fields if f.name == part), None)
        if found is None:
            return None
        fields = found.fields
    return found


def _label(field: Field | None, name: str) -> tuple[str, str]:
    if field is None:
        return f"`{name}`", f"`{name}`"
    return f"`{name}` ({field.label['vi']})", f"`{name}` ({field.label['en']})"


class Validator:
    """Checks files against the content model and the province profile."""

    def __init__(self, root: Path, profile: Profile) -> None:
        self.root = root
        self.profile = profile
        self._schemas: dict[tuple[str, Role], tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]] = {}
        self._photo_facts: dict[str, tuple[bool, bool]] = {}
        self._headers: dict[str, list[tuple[str, str, str, Severity]]] = {}

    def _schema(self, kind: Kind, role: Role) -> tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]:
        """Two validators of one schema: a compiled one that says quickly whether a file is valid (most are),
        and jsonschema, which lists every error with its path for the files that are not."""
        key = (kind.code, role)
        if key not in self._schemas:
            schema = kind_schema(kind, self.profile, role)
            fast = _compiled(json.dumps(schema, sort_keys=True))
            full = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker(["date"]))
            self._schemas[key] = (fast, full)
        return self._schemas[key]

    @cached_property
    def _assets_root(self) -> Path:
        return (self.root / ASSETS_DIR).resolve()

    # -- one file -------------------------------------------------------------------------------------

    def check_schema(self, source: SourceFile, kind: Kind, role: Role) -> None:
        assert source.meta is not None
        fast, full = self._schema(kind, role)
        try:
            fast(source.meta)
            return
        except fastjsonschema.JsonSchemaException:
            pass
        for error in full.iter_errors(source.meta):
            self._report_schema_error(source, kind, error)

    def _report_schema_error(self, source: SourceFile, kind: Kind, error: jsonschema.ValidationError) -> None:
        path = tuple(error.absolute_path)
        name = _field_path(path)
        field = _declared(kind, path)
        line = source.line_of(path)
        keyword = error.validator
        if keyword == "required":
            for missing in error.validator_value:
                if isinstance(error.instance, dict) and missing not in error.instance:
                    sub = _declared(kind, (*path, missing))
                    full = _field_path((*path, missing))
                    vi, en = _label(sub, full)
                    hint_vi = f" {sub.help['vi']}" if sub else ""
                    hint_en = f" {sub.help['en']}" if sub else ""
                    source.problem("required", f"Thiếu trường bắt buộc {vi}.{hint_vi}",
                                   f"The required field {en} is missing.{hint_en}", field=full, line=line)
            return
        if keyword == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for extra in error.instance:
                if extra in allowed:
                    continue
                full = _field_path((*path, extra))
                close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
                vi = f"Trường `{full}` không có trong mô hình nội dung của loại `{kind.code}`."
                en = f"The field `{full}` is not part of the content model for kind `{kind.code}`."
                if close:
                    vi += f" Có phải ý bạn là `{close[0]}`?"
                    en += f" Did you mean `{close[0]}`?"
                else:
                    vi += f" Các trường được phép: {', '.join(allowed)}."
                    en += f" Allowed fields: {', '.join(allowed)}."
                source.problem("unknown-field", vi, en, field=full, at=(*path, extra))
            return
        label_vi, label_en = _label(field, name)
        value = error.instance
        if keyword == "enum" and field is not None and field.vocabulary and path and isinstance(value, str):
            vocab_vi, vocab_en = VOCABULARY_NAMES[field.vocabulary]["vi"], VOCABULARY_NAMES[field.vocabulary]["en"]
            codes = list(error.validator_value)
            close = difflib.get_close_matches(value, codes, n=1, cutoff=0.6)
            suggestion_vi = f" Có phải ý bạn là `{close[0]}`?" if close else ""
            suggestion_en = f" Did you mean `{close[0]}`?" if close else ""
            source.problem(
                f"unknown-{vocab_en}",
                f"Mã {vocab_vi} `{value}` không có trong hồ sơ tỉnh (province.yml).{suggestion_vi} "
                f"Các mã hợp lệ: {', '.join(codes)}.",
                f"The {vocab_en} code `{value}` is not in the province profile (province.yml).{suggestion_en} "
                f"Valid codes: {', '.join(codes)}.",
                field=name, line=line)
            return
        if keyword == "enum":
            choices = ", ".join(f"`{c}`" for c in error.validator_value)
            source.problem("invalid-value",
                           f"Giá trị `{value}` của {label_vi} không hợp lệ. Chọn một trong: {choices}.",
                           f"The value `{value}` of {label_en} is not valid. Choose one of: {choices}.",
                           field=name, line=line)
        elif keyword in ("format", "pattern") and field is not None and field.value.get("format") == "date":
            source.problem(
                "date",
                f"{label_vi}: `{value}` không phải ngày có thật. Viết dạng NĂM-THÁNG-NGÀY, ví dụ 2025-07-01.",
                f"{label_en}: `{value}` is not a real date. Write it as YEAR-MONTH-DAY, for example 2025-07-01.",
                field=name, line=line)
        elif keyword == "pattern":
            source.problem(
                "code-format",
                f"{label_vi}: `{value}` chỉ được dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ "
                f"`{ascii_slug(str(value)) or 'ma-moi'}`.",
                f"{label_en}: `{value}` may only use lower-case ASCII letters, digits and hyphens, for example "
                f"`{ascii_slug(str(value)) or 'new-code'}`.",
                field=name, line=line)
        elif keyword == "type":
            want = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
            type_vi, type_en = _TYPE_NAMES.get(want, (want, want))
            source.problem(
                "type",
                f"{label_vi} phải là {type_vi}, không phải `{value}`. Nếu là chữ, hãy đặt trong ngoặc kép.",
                f"{label_en} must be {type_en}, not `{value}`. If it is text, put it in double quotes.",
                field=name, line=line)
        elif keyword == "minItems":
            source.problem("too-few", f"{label_vi} cần ít nhất {error.validator_value} mục.",
                           f"{label_en} needs at least {error.validator_value} items.", field=name, line=line)
        elif keyword == "minLength":
            source.problem("empty", f"{label_vi} không được để trống.", f"{label_en} must not be empty.",
                           field=name, line=line)
        elif keyword == "maxLength":
            source.problem("too-long", f"{label_vi} dài quá {error.validator_value} ký tự; hãy rút gọn.",
                           f"{label_en} is longer than {error.validator_value} characters; shorten it.",
                           field=name, line=line)
        elif keyword in ("minimum", "maximum"):
            help_vi, help_en = (field.help["vi"], field.help["en"]) if field else ("", "")
            source.problem("out-of-range", f"{label_vi}: `{value}` nằm ngoài khoảng cho phép. {help_vi}",
                           f"{label_en}: `{value}` is out of range. {help_en}",
                           field=name, line=line)
        elif keyword == "uniqueItems":
            source.problem("duplicate-item", f"{label_vi} có mục bị lặp lại; xóa mục trùng.",
                           f"{label_en} lists an item twice; remove the duplicate.", field=name, line=line)
        else:
            source.problem("schema", f"{label_vi}: {error.message}", f"{label_en}: {error.message}",
                           field=name, line=line)

    def kind_for(self, source: SourceFile) -> Kind | None:
        """The kind a default-language file declares, reporting it when missing or unknown."""
        assert source.meta is not None
        code = source.meta.get("kind")
        kind = kind_of(code) if isinstance(code, str) else None
        if kind is None:
            choices = ", ".join(f"`{c}`" for c in ALL_KIND_CODES)
            if code is None:
                source.problem("required", f"Thiếu trường bắt buộc `kind` (Loại bài). Chọn một trong: {choices}.",
                               f"The required field `kind` is missing. Choose one of: {choices}.", field="kind")
            else:
                source.problem("invalid-value", f"Loại bài `{code}` không hợp lệ. Chọn một trong: {choices}.",
                               f"The kind `{code}` is not valid. Choose one of: {choices}.", field="kind",
                               at=("kind",))
        return kind

    def check_path(self, source: SourceFile, kind: Kind) -> None:
        """File and folder names are ASCII kebab-case; an entry lives in its category's folder."""
        parts = PurePosixPath(source.rel_path).parts
        names = [*parts[:-1], PurePosixPath(parts[-1]).stem]
        bad = [n for n in names if not _SLUG.match(n)]
        if bad or not parts[-1].endswith(".md"):
            suggestion = "/".join(ascii_slug(n) or "ten-moi" for n in names) + ".md"
            source.problem(
                "file-name",
                f"Tên tệp hoặc thư mục `{source.rel_path}` phải là chữ thường không dấu, số và gạch nối. "
                f"Đổi tên thành `{suggestion}`.",
                f"The file or folder name `{source.rel_path}` must be lower-case ASCII, digits and hyphens. "
                f"Rename it to `{suggestion}`.")
        if kind is PAGE_KIND:
            if len(parts) == 2 and parts[0] in self.profile.categories and parts[1] == "index.md":
                source.problem(
                    "generated-page",
                    f"Trang danh sách `{parts[0]}/index.md` do hệ thống tự sinh; xóa tệp này.",
                    f"The listing page `{parts[0]}/index.md` is generated; delete this file.")
            return
        category = source.meta.get("category") if source.meta else None
        misplaced = len(parts) != 2 or parts[0] != category or parts[1] == "index.md"
        if isinstance(category, str) and category in self.profile.categories and misplaced:
                source.problem(
                "location",
                f"Bài thuộc lĩnh vực `{category}` phải nằm trong thư mục `content/{source.language}/{category}/`"
                f", ví dụ `content/{source.language}/{category}/{PurePosixPath(parts[-1]).stem}.md`.",
                f"An entry in category `{category}` must live in `content/{source.language}/{category}/`, "
                f"e.g. `content/{source.language}/{category}/{PurePosixPath(parts[-1]).stem}.md`.",
                field="category", at=("category",))

    def check_entry_rules(self, source: SourceFile) -> None:
        """Rules on one default-language entry file that a schema cannot say."""
        meta = source.meta or {}
        classification = meta.get("classification")
        if isinstance(classification, str) and classification != "public":
            source.problem(
                "classification",
                f"Độ mật `{classification}`: thông tin không công khai không bao giờ được đưa vào kho nội dung "
                "hay cổng thông tin. Gỡ tệp này khỏi yêu cầu hợp nhất và báo cơ quan quản lý.",
                f"Classification `{classification}`: information that is not public must never enter the "
                "content repository or the portal. Remove this file from the pull request and tell the "
                "managing department.",
                field="classification", at=("classification",))
        issued, updated = _date(meta.get("issued")), _date(meta.get("updated"))
        if issued and updated and updated < issued:
            source.problem(
                "date-order",
                f"Ngày cập nhật {updated.isoformat()} trước ngày ban hành {issued.isoformat()}; sửa một trong hai.",
                f"The update date {updated.isoformat()} is before the issue date {issued.isoformat()}; "
                "correct one of them.",
                field="updated", at=("updated",))
        withdrawn = _date(meta.get("withdrawn"))
        if withdrawn and issued and withdrawn < issued:
            source.problem(
                "date-order",
                f"Ngày gỡ {withdrawn.isoformat()} trước ngày ban hành {issued.isoformat()}; sửa một trong hai.",
                f"The withdrawal date {withdrawn.isoformat()} is before the issue date {issued.isoformat()}; "
                "correct one of them.",
                field="withdrawn", at=("withdrawn",))
        self.check_withdrawal_fields(source, meta.get("status"))
        photos = meta.get("photos")
        if isinstance(photos, list):
            for index, photo in enumerate(photos):
                if isinstance(photo, dict) and isinstance(photo.get("file"), str):
                    self.check_photo_file(source, photo["file"], index)

    def check_withdrawal_fields(self, file: SourceFile, status: Any) -> None:
        """A withdrawal date or reason on an entry that is not withdrawn would be sent to nobody: say so."""
        if status == "withdrawn":
            return
        for name in ("withdrawn", "withdrawal_reason"):
            if name in (file.meta or {}):
                file.problem(
                    "withdrawal-fields",
                    f"Trường `{name}` chỉ dùng cho bài đã gỡ (`status: withdrawn`), nhưng bài đang ở trạng thái "
                    f"`{status}`. Xóa trường này, hoặc đặt `status: withdrawn` nếu muốn gỡ bài.",
                    f"The field `{name}` is only for a withdrawn entry (`status: withdrawn`), but this entry is "
                    f"`{status}`. Remove the field, or set `status: withdrawn` to withdraw the entry.",
                    field=name, at=(name,))

    def check_photo_file(self, source: SourceFile, file: str, index: int) -> None:
        at = ("photos", index, "file")
        name = f"photos[{index + 1}].file"
        posix = PurePosixPath(file)
        if file not in self._photo_facts:  # many entries share a photo
            resolved = (self.root / file).resolve()
            self._photo_facts[file] = (resolved.is_relative_to(self._assets_root), resolved.is_file())
        inside, exists = self._photo_facts[file]
        if posix.is_absolute() or ".." in posix.parts or not inside:
            source.problem(
                "photo-outside-assets",
                f"Ảnh `{file}` phải nằm trong thư mục `{ASSETS_DIR}/` và ghi đường dẫn từ thư mục gốc, ví dụ "
                f"`{ASSETS_DIR}/photos/{ascii_slug(posix.stem) or 'anh'}{posix.suffix.lower()}`.",
                f"The photo `{file}` must be inside the `{ASSETS_DIR}/` folder, written as a path from the "
                f"project root, e.g. `{ASSETS_DIR}/photos/{ascii_slug(posix.stem) or 'photo'}{posix.suffix.lower()}`.",
                field=name, at=at)
            return
        if posix.suffix.lower() not in PHOTO_EXTENSIONS:
            source.problem(
                "photo-format",
                f"Ảnh `{file}` có đuôi không được chấp nhận; dùng {', '.join(PHOTO_EXTENSIONS)}.",
                f"The photo `{file}` has an extension that is not accepted; use {', '.join(PHOTO_EXTENSIONS)}.",
                field=name, at=at)
        bad = [p for p in [*posix.parts[:-1], posix.stem] if not _SLUG.match(p)]
        if bad:
            suggestion = "/".join([*(ascii_slug(p) for p in posix.parts[:-1]), ascii_slug(posix.stem)])
            source.problem(
                "photo-name",
                f"Tên ảnh `{file}` phải là chữ thường không dấu, số và gạch nối; đổi thành "
                f"`{suggestion}{posix.suffix.lower()}`.",
                f"The photo name `{file}` must be lower-case ASCII, digits and hyphens; rename it to "
                f"`{suggestion}{posix.suffix.lower()}`.",
                field=name, at=at)
        if exists:
            if file not in self._headers:
                self._headers[file] = self._media_problems(file)
            for rule, vi, en, severity in self._headers[file]:
                source.problem(rule, vi, en, field=name, at=at, severity=severity)
        else:
            folder = (self.root / file).resolve().parent
            siblings = [p.name for p in folder.iterdir()] if folder.is_dir() else []
            close = difflib.get_close_matches(posix.name, siblings, n=1, cutoff=0.6)
            hint_vi = f" Có phải là `{posix.parent / close[0]}`?" if close else " Thêm ảnh vào yêu cầu hợp nhất."
            hint_en = f" Did you mean `{posix.parent / close[0]}`?" if close else " Add the photo to the pull request."
            source.problem("photo-missing", f"Không tìm thấy ảnh `{file}`.{hint_vi}",
                           f"The photo `{file}` does not exist.{hint_en}", field=name, at=at)

    def _media_problems(self, file: str) -> list[tuple[str, str, str, Severity]]:
        """The media policy, checked from the file's size and header alone: nothing is decoded here."""
        policy = self.profile.media
        path = self.root / file
        size = path.stat().st_size
        mb = f"{size / 2**20:.1f} MB"
        if size > policy.max_bytes:
            limit = f"{policy.max_bytes / 2**20:.0f} MB"
            return [("photo-too-large",
                     f"Ảnh `{file}` nặng {mb}, quá giới hạn {limit}. Xuất lại ảnh JPEG chất lượng 85–90.",
                     f"The photo `{file}` is {mb}, over the {limit} limit. Export it again as JPEG at quality 85–90.",
                     Severity.ERROR)]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    fmt, (width, height), mode = (image.format or "").lower(), image.size, image.mode
                    frames = getattr(image, "n_frames", 1)
        except Image.DecompressionBombError:
            fmt, width, height, mode, frames = "", 10**6, 10**6, "", 1
        except (OSError, SyntaxError, ValueError):
            return [("photo-not-image",
                     f"Tệp `{file}` không phải ảnh đọc được (SVG, HEIC, PDF hay tệp hỏng?). Xuất lại dạng JPEG.",
                     f"The file `{file}` is not a readable photo (SVG, HEIC, PDF or a damaged file?). Export it "
                     "again as JPEG.", Severity.ERROR)]
        found: list[tuple[str, str, str, Severity]] = []
        pixels = width * height
        if pixels > policy.max_pixels:
            size_text = f"{width} × {height}" if width < 10**6 else "quá lớn / too large"
            return [("photo-too-many-pixels",
                     f"Ảnh `{file}` có {size_text} điểm ảnh, quá giới hạn {policy.max_pixels / 1e6:.0f} megapixel "
                     "(có thể là ảnh bom giải nén). Thu nhỏ ảnh trước khi tải lên.",
                     f"The photo `{file}` is {size_text} pixels, over the {policy.max_pixels / 1e6:.0f} megapixel "
                     "limit (perhaps a decompression bomb). Scale it down before uploading.", Severity.ERROR)]
        accepted = ", ".join(policy.formats).upper()
        if fmt not in policy.formats:
            found.append(("photo-format",
                          f"Ảnh `{file}` ở định dạng {fmt.upper() or '?'}, không được chấp nhận; dùng {accepted}.",
                          f"The photo `{file}` is in {fmt.upper() or '?'} format, which is not accepted; use "
                          f"{accepted}.", Severity.ERROR))
        if frames > 1:
            found.append(("photo-animated",
                          f"Ảnh `{file}` là ảnh động ({frames} khung hình); chọn một khung hình và lưu dạng JPEG.",
                          f"The photo `{file}` is animated ({frames} frames); choose one frame and save it as JPEG.",
                          Severity.ERROR))
        extension = PurePosixPath(file).suffix.lower().lstrip(".")
        if fmt and _EXTENSION_FORMATS.get(extension, fmt) != fmt:
            found.append(("photo-extension",
                          f"Tệp `{file}` thực ra là ảnh {fmt.upper()} nhưng có đuôi .{extension}; đổi đuôi cho đúng.",
                          f"The file `{file}` is really a {fmt.upper()} image but is named .{extension}; rename it.",
                          Severity.WARNING))
        if max(width, height) < policy.min_long_side:
            found.append(("photo-small",
                          f"Ảnh `{file}` chỉ {width} × {height} điểm ảnh; cạnh dài nên từ {policy.min_long_side} trở "
                          "lên, nếu không ảnh sẽ mờ trên màn hình lớn.",
                          f"The photo `{file}` is only {width} × {height} pixels; its long side should be at least "
                          f"{policy.min_long_side}, or it will look soft on large screens.", Severity.WARNING))
        if mode == "CMYK":
            found.append(("photo-cmyk",
                          f"Ảnh `{file}` ở hệ màu CMYK (dành cho in ấn); hệ thống sẽ chuyển sang sRGB, màu có thể "
                          "lệch. Nên xuất lại ảnh ở sRGB.",
                          f"The photo `{file}` is CMYK (meant for print); it will be converted to sRGB and colours "
                          "may shift. Better export it again in sRGB.", Severity.WARNING))
        if mode.startswith("I;16") or mode in ("I", "F"):
            found.append(("photo-16-bit",
                          f"Ảnh `{file}` là ảnh 16 bit; hệ thống sẽ chuyển sang 8 bit. Nên xuất lại ảnh 8 bit.",
                          f"The photo `{file}` is 16-bit; it will be converted to 8-bit. Better export it as 8-bit.",
                          Severity.WARNING))
        return found

    # -- a file and its translations ------------------------------------------------------------------

    def check_translation(self, source: SourceFile, translation: SourceFile, kind: Kind) -> None:
        """A translation repeats shared fields only to agree with them, and gives every photo its texts."""
        meta, other = source.meta or {}, translation.meta or {}
        for field in kind.fields:
            if field.scope is not Scope.SHARED or field.name not in other or field.name not in meta:
                continue
            if field.name == "photos":
                continue
            if other[field.name] != meta[field.name]:
                self._mismatch(translation, source, field.name, (field.name,), meta[field.name])
        self.check_withdrawal_fields(translation, meta.get("status"))
        translated = (other.get("translation") or {}) if isinstance(other.get("translation"), dict) else {}
        if translated.get("status") == "reviewed" and not translated.get("reviewer"):
            translation.problem(
                "reviewer",
                "Bản dịch đã hiệu đính (`reviewed`) phải ghi người hiệu đính ở `translation.reviewer`.",
                "A reviewed translation must name its reviewer in `translation.reviewer`.",
                field="translation.reviewer", at=("translation",))
        photos, photo_texts = meta.get("photos"), other.get("photos")
        if not isinstance(photos, list) or not isinstance(photo_texts, list):
            return
        by_file = {p.get("file"): (i, p) for i, p in enumerate(photo_texts) if isinstance(p, dict)}
        source_files = set()
        for photo in photos:
            if not isinstance(photo, dict) or not isinstance(photo.get("file"), str):
                continue
            source_files.add(photo["file"])
            if photo["file"] not in by_file:
                translation.problem(
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
                    self._mismatch(translation, source, f"photos[{index + 1}].{key}", ("photos", index, key),
                                   photo[key])
        for file, (index, _) in by_file.items():
            if file not in source_files:
                translation.problem(
                    "photo-unknown",
                    f"Ảnh `{file}` không có trong danh sách ảnh của bản gốc {source.path}; xóa mục này hoặc thêm "
                    "ảnh vào bản gốc.",
                    f"The photo `{file}` is not among the photos of the source file {source.path}; remove this "
                    "item or add the photo to the source.",
                    field=f"photos[{index + 1}].file", at=("photos", index, "file"))

    def _mismatch(self, translation: SourceFile, source: SourceFile, name: str, path: tuple[str | int, ...],
                  expected: Any) -> None:
        translation.problem(
            "shared-mismatch",
            f"Trường `{name}` không phụ thuộc ngôn ngữ nhưng khác với bản gốc {source.path} "
            f"(`{expected}`). Xóa trường này khỏi bản dịch hoặc sửa cho giống bản gốc.",
            f"The field `{name}` does not depend on language but differs from the source {source.path} "
            f"(`{expected}`). Remove it from the translation or make it match the source.",
            field=name, line=translation.line_of(path))

    # -- the whole corpus ----------------------------------------------------------------------------

    def check_pairs(self, groups: dict[str, dict[str, SourceFile]]) -> None:
        default = self.profile.default_language
        for rel_path, files in groups.items():
            source = files.get(default)
            if source is None:
                for translation in files.values():
                    translation.problem(
                        "orphan-translation",
                        f"Không có bản tiếng gốc `content/{default}/{rel_path}` cho bản dịch này. Thêm bản gốc, "
                        "hoặc đặt bản dịch đúng đường dẫn của bản gốc.",
                        f"There is no source file `content/{default}/{rel_path}` for this translation. Add the "
                        "source, or give the translation the same path as its source.")
                continue
            meta = source.meta if isinstance(source.meta, dict) else {}
            draft = meta.get("status") == "draft"
            for language in self.profile.translation_languages:
                if language not in files:
                    source.problem(
                        "missing-translation",
                        f"Thiếu bản dịch `content/{language}/{rel_path}`."
                        + (" Bản nháp chưa cần ngay, nhưng phải có trước khi đăng." if draft else
                           " Bài đã đăng phải có đủ các ngôn ngữ."),
                        f"The translation `content/{language}/{rel_path}` is missing."
                        + (" A draft may wait, but it must exist before publishing." if draft else
                           " A published entry must exist in every language."),
                        severity=Severity.WARNING if draft else Severity.ERROR)

    def check_home(self, groups: dict[str, dict[str, SourceFile]]) -> list[Problem]:
        """Every language needs a home page; without one the site has no front door."""
        found = groups.get("index.md", {})
        return [
            Problem(f"content/{language}/index.md", 1, "home-page", "",
                    f"Thiếu trang chủ `content/{language}/index.md` (một trang có `kind: page`). Thêm tệp này.",
                    f"The home page `content/{language}/index.md` (a file with `kind: page`) is missing. Add it.")
            for language in self.profile.language_codes if language not in found
        ]

    def check_ids(self, sources: list[SourceFile]) -> None:
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
                holder.problem(
                    "duplicate-id",
                    f"Mã định danh `{value}` đã được dùng ở {others}. Mỗi bài một mã riêng: bài mới hãy tạo mã "
                    "bằng `quangba new`; không đổi mã của bài đã đăng.",
                    f"The id `{value}` is already used by {others}. Every entry needs its own id: give the new "
                    "entry one with `quangba new`; never change the id of a published entry.",
                    field="id", at=("id",))

    def check_id_history(self, life: Lifecycle, sources: dict[str, SourceFile]) -> None:
        """Ids are permanent: the national database knows an entry by its id once it was published."""
        def day(commit: int) -> str:
            moment = life.time(commit)
            return self.profile.local_date(moment).isoformat() if moment else "?"

        for change in life.changes:
            source = sources.get(change.path)
            if source is None:
                continue
            if not change.new:
                source.problem(
                    "id-lost",
                    f"Bài này đã mất mã định danh `{change.old}` (dùng từ ngày {day(change.since)}). Mã của bài đã "
                    f"đăng không bao giờ được bỏ: hãy thêm lại dòng `id: {change.old}`.",
                    f"This entry lost its id `{change.old}` (held since {day(change.since)}). A published entry's "
                    f"id is never removed: add the line `id: {change.old}` back.",
                    field="id", line=1)
                continue
            source.problem(
                "id-changed",
                f"Mã định danh của bài này đã đổi từ `{change.old}` (dùng từ ngày {day(change.since)}) thành "
                f"`{change.new}`. Mã của bài đã đăng không bao giờ được đổi: cơ sở dữ liệu quốc gia nhận ra bài "
                f"bằng mã này. Hãy trả lại `id: {change.old}`. Muốn thay bài này bằng bài khác, hãy đặt "
                "`status: withdrawn` cho bài cũ và tạo bài mới bằng `quangba new`.",
                f"This entry's id changed from `{change.old}` (held since {day(change.since)}) to `{change.new}`. "
                "A published entry's id never changes: the national database knows the entry by it. Put back "
                f"`id: {change.old}`. To replace this entry with another, set `status: withdrawn` on it and "
                "create the new one with `quangba new`.",
                field="id", at=("id",))
        for reuse in life.reuses:
            source = sources.get(reuse.path)
            if source is None:
                continue
            holder_state = "đã xóa" if not (self.root / reuse.holder).exists() else "nay mang mã khác"
            holder_state_en = "since deleted" if not (self.root / reuse.holder).exists() else "now another id"
            source.problem(
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


@functools.cache
def _compiled(schema_json: str) -> Callable[[Any], Any]:
    """Compiling a schema to Python takes ~50 ms; a schema is compiled once per process."""
    return fastjsonschema.compile(json.loads(schema_json), formats={"date": _is_real_date})


_EXTENSION_FORMATS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "tif": "tiff", "tiff": "tiff"}


def _is_real_date(value: str) -> bool:
    return _date(value) is not None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    return None

