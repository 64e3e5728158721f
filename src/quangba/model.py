"""The content model, declared once.

Each field is declared here with its scope (written once in the default-language file, or once per
language), its value constraints, and its bilingual label and help. The JSON Schema, the validator's
messages, the editors' field reference and the exports are all derived from these declarations, so a
kind adds its own fields by listing them, without touching the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

Text = dict[str, str]


class Scope(StrEnum):
    SHARED = "shared"  # language-independent: written once, in the default-language file
    TRANSLATED = "translated"  # written in every language's file
    TRANSLATION = "translation"  # only in a translation's file (its status and reviewer)


@dataclass(frozen=True)
class Field:
    """One front-matter field. ``fields`` makes it an object; ``many`` a list of such objects."""

    name: str
    scope: Scope
    label: Text
    help: Text
    value: dict[str, Any] = field(default_factory=dict)
    required: bool = True
    vocabulary: str | None = None  # a profile vocabulary whose codes are the allowed values (and examples)
    many: bool = False  # a list (of values, or of objects when ``fields`` is set)
    min_items: int = 0
    fields: tuple[Field, ...] = ()
    key: bool = False  # identifies an item of a list across languages (a photo's file)
    example: Any = None


@dataclass(frozen=True)
class Kind:
    """A kind of entry: the fields its files may carry."""

    code: str
    label: Text
    help: Text
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


# The profile's controlled vocabularies, named as editors read them (in messages and the guide).
VOCABULARY_NAMES: dict[str, Text] = {
    "categories": {"vi": "lĩnh vực", "en": "category"},
    "tags": {"vi": "thẻ", "en": "tag"},
    "agencies": {"vi": "cơ quan cung cấp", "en": "agency"},
    "licences": {"vi": "giấy phép", "en": "licence"},
}

CODE_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
TEXT = {"type": "string", "minLength": 1}

STATUSES = ("draft", "published", "withdrawn")
CLASSIFICATIONS = ("public", "internal", "confidential", "secret", "top-secret")
TRANSLATION_STATUSES = ("draft", "translated", "reviewed")

ID = Field(
    "id", Scope.SHARED,
    {"vi": "Mã định danh", "en": "Identifier"},
    {"vi": "Mã ổn định, không bao giờ đổi, chữ thường không dấu và gạch nối; `quangba new` tạo sẵn.",
     "en": "A stable code that never changes: lower-case ASCII and hyphens; `quangba new` makes one."},
    {"type": "string", "pattern": CODE_PATTERN, "minLength": 3, "maxLength": 64},
    example="2025-gong-space",
)
KIND = Field(
    "kind", Scope.SHARED,
    {"vi": "Loại bài", "en": "Kind"},
    {"vi": "Loại nội dung: `article` (bài viết) hoặc `photo-story` (phóng sự ảnh).",
     "en": "The kind of entry: `article` or `photo-story`."},
    {"type": "string"},
    example="photo-story",
)
TITLE = Field(
    "title", Scope.TRANSLATED,
    {"vi": "Tiêu đề", "en": "Title"},
    {"vi": "Tiêu đề hiển thị, giữ đầy đủ dấu tiếng Việt.", "en": "The displayed title, in this language."},
    {**TEXT, "maxLength": 200},
    example="Không gian văn hóa cồng chiêng",
)
SUMMARY = Field(
    "summary", Scope.TRANSLATED,
    {"vi": "Tóm tắt", "en": "Summary"},
    {"vi": "Một hoặc hai câu giới thiệu, hiện ở đầu bài và trong danh sách.",
     "en": "One or two sentences, shown under the title and in lists."},
    {**TEXT, "maxLength": 600},
    example="Di sản văn hóa phi vật thể đại diện của nhân loại.",
)
CATEGORY = Field(
    "category", Scope.SHARED,
    {"vi": "Lĩnh vực", "en": "Category"},
    {"vi": "Mã lĩnh vực trong hồ sơ tỉnh; bài nằm trong thư mục cùng tên.",
     "en": "A category code from the province profile; the file lives in the folder of that name."},
    {"type": "string"}, vocabulary="categories",
)
TAGS = Field(
    "tags", Scope.SHARED,
    {"vi": "Thẻ", "en": "Tags"},
    {"vi": "Danh sách mã thẻ trong hồ sơ tỉnh.", "en": "A list of tag codes from the province profile."},
    {"type": "string"}, vocabulary="tags", many=True, required=False,
)
AGENCY = Field(
    "agency", Scope.SHARED,
    {"vi": "Cơ quan cung cấp", "en": "Contributing agency"},
    {"vi": "Mã cơ quan cung cấp thông tin trong hồ sơ tỉnh.",
     "en": "The code of the contributing agency in the province profile."},
    {"type": "string"}, vocabulary="agencies",
)
ISSUED = Field(
    "issued", Scope.SHARED,
    {"vi": "Ngày ban hành", "en": "Date issued"},
    {"vi": "Ngày đăng lần đầu, dạng NĂM-THÁNG-NGÀY (2025-07-01).",
     "en": "The date first published, as YEAR-MONTH-DAY (2025-07-01)."},
    DATE, example="2025-07-01",
)
UPDATED = Field(
    "updated", Scope.SHARED,
    {"vi": "Ngày cập nhật", "en": "Date updated"},
    {"vi": "Ngày sửa gần nhất, không trước ngày ban hành.", "en": "The date last updated, not before issued."},
    DATE, required=False, example="2025-08-15",
)
STATUS = Field(
    "status", Scope.SHARED,
    {"vi": "Trạng thái", "en": "Status"},
    {"vi": "`draft` (nháp, không đăng), `published` (đăng) hoặc `withdrawn` (đã gỡ).",
     "en": "`draft` (not published), `published`, or `withdrawn`."},
    {"type": "string", "enum": list(STATUSES)}, example="published",
)
WITHDRAWN = Field(
    "withdrawn", Scope.SHARED,
    {"vi": "Ngày gỡ", "en": "Date withdrawn"},
    {"vi": "Chỉ khi `status: withdrawn`: ngày gỡ bài, NĂM-THÁNG-NGÀY. Bỏ trống thì lấy ngày của commit gỡ bài.",
     "en": "Only with `status: withdrawn`: the date it was withdrawn, YEAR-MONTH-DAY. When left out, the date of "
           "the commit that withdrew it is used."},
    DATE, required=False, example="2026-03-01",
)
WITHDRAWAL_REASON = Field(
    "withdrawal_reason", Scope.TRANSLATED,
    {"vi": "Lý do gỡ", "en": "Reason for withdrawal"},
    {"vi": "Chỉ khi `status: withdrawn`: lý do gỡ bài, gửi kèm thông báo gỡ tới cơ sở dữ liệu quốc gia.",
     "en": "Only with `status: withdrawn`: why it was withdrawn, sent with the withdrawal notice to the national "
           "database."},
    {**TEXT, "maxLength": 500}, required=False, example="Thông tin đã cũ, thay bằng bài mới.",
)
CLASSIFICATION = Field(
    "classification", Scope.SHARED,
    {"vi": "Độ mật", "en": "Classification"},
    {"vi": "Chỉ `public` (công khai). Thông tin mật không bao giờ được đưa vào kho nội dung.",
     "en": "Only `public`. Classified information never belongs in the content repository."},
    {"type": "string", "enum": list(CLASSIFICATIONS)}, example="public",
)
LICENCE = Field(
    "licence", Scope.SHARED,
    {"vi": "Giấy phép", "en": "Licence"},
    {"vi": "Mã giấy phép trong hồ sơ tỉnh.", "en": "A licence code from the province profile."},
    {"type": "string"}, vocabulary="licences",
)
PLACE = Field(
    "place", Scope.SHARED,
    {"vi": "Địa điểm", "en": "Place"},
    {"vi": "Tên địa điểm và tọa độ (vĩ độ, kinh độ, hệ WGS 84).",
     "en": "The place's name and coordinates (latitude, longitude, WGS 84)."},
    required=False,
    fields=(
        Field("name", Scope.SHARED, {"vi": "Tên", "en": "Name"},
              {"vi": "Tên địa điểm.", "en": "The place's name."}, TEXT, example="Quảng trường trung tâm"),
        Field("lat", Scope.SHARED, {"vi": "Vĩ độ", "en": "Latitude"},
              {"vi": "Từ -90 đến 90.", "en": "From -90 to 90."},
              {"type": "number", "minimum": -90, "maximum": 90}, example=11.9404),
        Field("lon", Scope.SHARED, {"vi": "Kinh độ", "en": "Longitude"},
              {"vi": "Từ -180 đến 180.", "en": "From -180 to 180."},
              {"type": "number", "minimum": -180, "maximum": 180}, example=108.4583),
    ),
)
PHOTOS = Field(
    "photos", Scope.SHARED,
    {"vi": "Ảnh", "en": "Photos"},
    {"vi": "Danh sách ảnh trong thư mục assets/; mỗi ngôn ngữ ghi mô tả thay thế và chú thích của từng ảnh.",
     "en": "The photos, files under assets/; every language gives each photo its alt text and caption."},
    many=True, min_items=1,
    fields=(
        Field("file", Scope.SHARED, {"vi": "Tệp ảnh", "en": "File"},
              {"vi": "Đường dẫn từ thư mục gốc, trong assets/, tên không dấu.",
               "en": "The path from the project root, inside assets/, an ASCII name."},
              {"type": "string", "minLength": 1}, key=True, example="assets/photos/culture/gong-festival.jpg"),
        Field("credit", Scope.SHARED, {"vi": "Tác giả ảnh", "en": "Credit"},
              {"vi": "Người chụp hoặc cơ quan giữ bản quyền.", "en": "The photographer or rights holder."},
              TEXT, example="Nguyễn Văn A"),
        Field("taken", Scope.SHARED, {"vi": "Ngày chụp", "en": "Date taken"},
              {"vi": "NĂM-THÁNG-NGÀY.", "en": "YEAR-MONTH-DAY."}, DATE, required=False, example="2024-11-20"),
        Field("alt", Scope.TRANSLATED, {"vi": "Mô tả thay thế", "en": "Alt text"},
              {"vi": "Tả ảnh cho người không nhìn thấy ảnh.",
               "en": "Describes the photo for people who cannot see it."},
              {**TEXT, "maxLength": 300}, example="Nghệ nhân đánh cồng bên đống lửa"),
        Field("caption", Scope.TRANSLATED, {"vi": "Chú thích", "en": "Caption"},
              {"vi": "Chú thích hiện dưới ảnh.", "en": "The caption shown under the photo."},
              {**TEXT, "maxLength": 500}, example="Lễ hội cồng chiêng"),
    ),
)
TRANSLATION = Field(
    "translation", Scope.TRANSLATION,
    {"vi": "Bản dịch", "en": "Translation"},
    {"vi": "Chỉ trong tệp bản dịch: trạng thái và người hiệu đính.",
     "en": "Only in a translation's file: its status and reviewer."},
    fields=(
        Field("status", Scope.TRANSLATION, {"vi": "Trạng thái dịch", "en": "Translation status"},
              {"vi": "`draft`, `translated` hoặc `reviewed` (đã hiệu đính).",
               "en": "`draft`, `translated` or `reviewed`."},
              {"type": "string", "enum": list(TRANSLATION_STATUSES)}, example="reviewed"),
        Field("reviewer", Scope.TRANSLATION, {"vi": "Người hiệu đính", "en": "Reviewer"},
              {"vi": "Bắt buộc khi đã hiệu đính.", "en": "Required once reviewed."},
              TEXT, required=False, example="Trần Thị B"),
    ),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    ID, KIND, TITLE, SUMMARY, CATEGORY, TAGS, AGENCY, ISSUED, UPDATED, STATUS, WITHDRAWN, WITHDRAWAL_REASON,
    CLASSIFICATION, LICENCE, PLACE, PHOTOS, TRANSLATION,
)

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("article", {"vi": "Bài viết", "en": "Article"},
             {"vi": "Bài viết có ảnh minh họa.", "en": "An illustrated article."}, ENTRY_FIELDS),
        Kind("photo-story", {"vi": "Phóng sự ảnh", "en": "Photo story"},
             {"vi": "Câu chuyện kể bằng ít nhất ba ảnh.", "en": "A story told in at least three photos."},
             tuple(replace(f, min_items=3) if f is PHOTOS else f for f in ENTRY_FIELDS)),
    )
}

# Pages (home, about, contact, guides) are not entries: they carry a title and may ask for a generated
# block to be inserted after their text.
INSERTS = ("categories", "agencies", "field-reference", "html-policy")
PAGE_KIND = Kind(
    "page", {"vi": "Trang", "en": "Page"},
    {"vi": "Trang tĩnh như giới thiệu, liên hệ.", "en": "A standing page such as about or contact."},
    (
        KIND, TITLE,
        replace(SUMMARY, required=False),
        Field("insert", Scope.SHARED, {"vi": "Khối tự sinh", "en": "Generated block"},
              {"vi": "Khối nội dung do hệ thống sinh, chèn sau phần chữ.",
               "en": "A block the system generates, inserted after the text."},
              {"type": "string", "enum": list(INSERTS)}, required=False),
        Field("hero", Scope.SHARED, {"vi": "Ảnh lớn đầu trang", "en": "Hero photo"},
              {"vi": "Chỉ ở trang chủ: một ảnh của bài đã đăng (đường dẫn trong assets/), hiện lớn ở đầu trang kèm tác "
                     "giả và liên kết tới bài. Bỏ trống thì lấy ảnh đầu của bài mới nhất.",
               "en": "Home page only: a photo of a published entry (its path under assets/), shown large at the top "
                     "with its credit and a link to the entry. When left out, the newest entry's first photo."},
              {"type": "string", "minLength": 1}, required=False, example="assets/photos/culture/gong-festival.jpg"),
        Field("featured", Scope.SHARED, {"vi": "Bài nổi bật", "en": "Featured entries"},
              {"vi": "Chỉ ở trang chủ: mã định danh các bài đã đăng được giới thiệu nổi bật.",
               "en": "Home page only: the ids of published entries to feature."},
              {"type": "string", "pattern": CODE_PATTERN}, many=True, required=False, example=["2025-gong-space"]),
    ),
)


def kind_of(code: str) -> Kind | None:
    return PAGE_KIND if code == PAGE_KIND.code else KINDS.get(code)


ALL_KIND_CODES: tuple[str, ...] = (*KINDS, PAGE_KIND.code)


def parse_date(value: Any) -> dt.date | None:
    """A front-matter date (YEAR-MONTH-DAY text: the reader keeps dates as text) as a date, or None if it is not
    a real one."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
