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
    choices: dict[str, Text] | None = None  # fixed values with their labels (the schema's enum, the page's words)


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
    "sectors": {"vi": "ngành kêu gọi đầu tư", "en": "investment sector"},
    "investment_forms": {"vi": "hình thức đầu tư", "en": "form of investment"},
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
    {"vi": "Loại nội dung: `article` (bài viết), `photo-story` (phóng sự ảnh), `investment` (dự án kêu gọi đầu "
           "tư), `clarification` (thông tin giải thích, làm rõ), `publication` (xuất bản phẩm) hoặc `event` (sự "
           "kiện ở nước ngoài).",
     "en": "The kind of entry: `article`, `photo-story`, `investment` (a project calling for investment), "
           "`clarification` (an answer to a false report), `publication` or `event` (an event abroad)."},
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
        Field("source", Scope.TRANSLATION, {"vi": "Phiên bản bản gốc", "en": "Source version"},
              {"vi": "Do lệnh `quangba translated` ghi, không sửa tay: phiên bản bản tiếng Việt mà bản dịch này dịch. "
                     "Khi bản gốc thay đổi, bản dịch được đánh dấu là đã cũ.",
               "en": "Written by `quangba translated`, never by hand: the version of the source text this translates. "
                     "When the source changes, the translation is marked stale."},
              {"type": "string", "pattern": "^[0-9a-f]{16}$"}, required=False, example="3f2a9c0d41b7e865"),
    ),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    ID, KIND, TITLE, SUMMARY, CATEGORY, TAGS, AGENCY, ISSUED, UPDATED, STATUS, WITHDRAWN, WITHDRAWAL_REASON,
    CLASSIFICATION, LICENCE, PLACE, PHOTOS, TRANSLATION,
)

# -- what each kind beyond the article says -------------------------------------------------------------

NUMBER_HELP = {"vi": "Viết bằng chữ số, dùng dấu chấm cho phần thập phân, không dấu phân cách hàng nghìn: 1234.5.",
               "en": "Digits only, a dot before decimals, no thousands separator: 1234.5."}
POSITIVE = {"type": "number", "exclusiveMinimum": 0}


def _numeric(name: str, label: Text, help: Text, example: float, required: bool = True) -> Field:
    return Field(name, Scope.SHARED, label,
                 {language: f"{help[language]} {NUMBER_HELP[language]}" for language in help},
                 POSITIVE, required=required, example=example)


PROJECT_STATUSES: dict[str, Text] = {
    "calling": {"vi": "Đang kêu gọi đầu tư", "en": "Calling for investment"},
    "negotiating": {"vi": "Đang đàm phán với nhà đầu tư", "en": "In negotiation"},
    "licensed": {"vi": "Đã cấp chủ trương đầu tư", "en": "Licensed"},
    "withdrawn": {"vi": "Đã rút khỏi danh mục", "en": "Withdrawn from the list"},
}
INVESTMENT_FIELDS: tuple[Field, ...] = (
    Field("sector", Scope.SHARED, {"vi": "Ngành", "en": "Sector"},
          {"vi": "Mã ngành kêu gọi đầu tư trong hồ sơ tỉnh.", "en": "An investment sector code from the profile."},
          {"type": "string"}, vocabulary="sectors"),
    _numeric("area_ha", {"vi": "Diện tích (ha)", "en": "Area (ha)"},
             {"vi": "Diện tích đất dự kiến, tính bằng héc-ta.", "en": "The planned land area, in hectares."}, 120.5),
    _numeric("capital_vnd_billion", {"vi": "Tổng vốn đầu tư (tỷ đồng)", "en": "Total capital (VND billion)"},
             {"vi": "Tổng vốn đầu tư dự kiến, tính bằng tỷ đồng.",
              "en": "The planned total capital, in billions of Vietnamese dong."}, 12500),
    _numeric("capital_usd_million", {"vi": "Quy đổi (triệu USD)", "en": "Equivalent (US$ million)"},
             {"vi": "Không bắt buộc: số vốn quy đổi ra triệu đô la Mỹ, theo văn bản gốc.",
              "en": "Optional: the capital in millions of US dollars, as the source document states it."},
             490, required=False),
    Field("investment_form", Scope.SHARED, {"vi": "Hình thức đầu tư", "en": "Form of investment"},
          {"vi": "Mã hình thức đầu tư trong hồ sơ tỉnh.", "en": "A form-of-investment code from the profile."},
          {"type": "string"}, vocabulary="investment_forms"),
    Field("project_status", Scope.SHARED, {"vi": "Tình trạng dự án", "en": "Project status"},
          {"vi": "`calling` (đang kêu gọi), `negotiating` (đang đàm phán), `licensed` (đã cấp chủ trương) hoặc "
                 "`withdrawn` (đã rút khỏi danh mục).",
           "en": "`calling`, `negotiating`, `licensed` or `withdrawn` (from the list)."},
          {"type": "string"}, choices=PROJECT_STATUSES, example="calling"),
    Field("contact", Scope.SHARED, {"vi": "Cơ quan đầu mối", "en": "Contact agency"},
          {"vi": "Mã cơ quan nhà đầu tư liên hệ, trong hồ sơ tỉnh.",
           "en": "The code, in the profile, of the agency investors contact."},
          {"type": "string"}, vocabulary="agencies"),
    Field("legal_basis", Scope.TRANSLATED, {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
          {"vi": "Văn bản đưa dự án vào danh mục kêu gọi đầu tư (số, ngày, cơ quan ban hành).",
           "en": "The decision that put the project on the list (number, date, issuing body)."},
          {**TEXT, "maxLength": 500}, example="Quyết định số 1234/QĐ-UBND ngày 15/3/2026 của UBND tỉnh"),
)

CLARIFICATION_FIELDS: tuple[Field, ...] = (
    Field("claim", Scope.TRANSLATED, {"vi": "Thông tin được làm rõ", "en": "Claim answered"},
          {"vi": "Tóm tắt thông tin sai sự thật hoặc gây hiểu lầm mà bài này trả lời.",
           "en": "A short account of the false or misleading report this statement answers."},
          {**TEXT, "maxLength": 1000}, example="Tin đồn hồ Tuyền Lâm bị san lấp để xây khu nghỉ dưỡng."),
    Field("claim_source", Scope.SHARED, {"vi": "Nguồn thông tin", "en": "Source of the claim"},
          {"vi": "Không bắt buộc: nơi thông tin xuất hiện (tên và địa chỉ trang).",
           "en": "Optional: where the report appeared (its name and address)."},
          required=False,
          fields=(
              Field("name", Scope.SHARED, {"vi": "Tên nguồn", "en": "Name"},
                    {"vi": "Tên trang, báo hoặc tài khoản.", "en": "The site, paper or account."},
                    {**TEXT, "maxLength": 200}, example="Một trang mạng xã hội"),
              Field("url", Scope.SHARED, {"vi": "Địa chỉ", "en": "Address"},
                    {"vi": "Không bắt buộc: địa chỉ http(s)://.", "en": "Optional: an http(s):// address."},
                    {"type": "string", "pattern": "^https?://[^\\s]+$", "maxLength": 2000}, required=False,
                    example="https://example.com/bai-viet"),
          )),
    Field("authority", Scope.SHARED, {"vi": "Cơ quan phát ngôn", "en": "Issuing authority"},
          {"vi": "Mã cơ quan ra thông cáo, trong hồ sơ tỉnh.", "en": "The code, in the profile, of the issuing body."},
          {"type": "string"}, vocabulary="agencies"),
    Field("spokesperson", Scope.SHARED, {"vi": "Người phát ngôn", "en": "Spokesperson"},
          {"vi": "Họ tên người phát ngôn hoặc người được ủy quyền.", "en": "The spokesperson's full name."},
          {**TEXT, "maxLength": 200}, example="Nguyễn Văn An"),
)

PUBLICATION_EXTENSIONS = (".pdf", ".epub")
PUBLICATION_FIELDS: tuple[Field, ...] = (
    Field("file", Scope.SHARED, {"vi": "Tệp ấn phẩm", "en": "File"},
          {"vi": "Tệp PDF hoặc EPUB trong assets/publications/, tên không dấu.",
           "en": "A PDF or EPUB file under assets/publications/, an ASCII name."},
          {"type": "string", "minLength": 1}, example="assets/publications/lam-dong-photo-book-2026.pdf"),
    Field("languages", Scope.SHARED, {"vi": "Ngôn ngữ của ấn phẩm", "en": "Languages of the publication"},
          {"vi": "Mã ngôn ngữ ISO 639-1 của nội dung ấn phẩm: vi, en, fr…",
           "en": "ISO 639-1 codes of the languages the publication is written in: vi, en, fr…"},
          {"type": "string", "pattern": "^[a-z]{2,3}$"}, many=True, min_items=1, example=["vi", "en"]),
    Field("isbn", Scope.SHARED, {"vi": "ISBN", "en": "ISBN"},
          {"vi": "Không bắt buộc: mã ISBN 10 hoặc 13 số, có thể có gạch nối.",
           "en": "Optional: the 10- or 13-digit ISBN, hyphens allowed."},
          {"type": "string", "pattern": "^[0-9][0-9-]{8,15}[0-9Xx]$"}, required=False, example="978-604-0-12345-3"),
    Field("publisher_number", Scope.SHARED, {"vi": "Số xác nhận đăng ký xuất bản", "en": "Publisher's number"},
          {"vi": "Không bắt buộc: số xác nhận đăng ký xuất bản hoặc số quyết định xuất bản.",
           "en": "Optional: the publishing registration or decision number."},
          {**TEXT, "maxLength": 120}, required=False, example="1234-2026/CXBIPH/5-67/TTTT"),
)

EVENT_ROLES: dict[str, Text] = {
    "host": {"vi": "Chủ trì tổ chức", "en": "Host"},
    "co-host": {"vi": "Phối hợp tổ chức", "en": "Co-host"},
    "participant": {"vi": "Tham gia", "en": "Participant"},
    "exhibitor": {"vi": "Tham gia trưng bày", "en": "Exhibitor"},
}
EVENT_FIELDS: tuple[Field, ...] = (
    Field("start", Scope.SHARED, {"vi": "Ngày bắt đầu", "en": "Start date"},
          {"vi": "NĂM-THÁNG-NGÀY.", "en": "YEAR-MONTH-DAY."}, DATE, example="2026-09-18"),
    Field("end", Scope.SHARED, {"vi": "Ngày kết thúc", "en": "End date"},
          {"vi": "NĂM-THÁNG-NGÀY, không trước ngày bắt đầu; bỏ trống nếu sự kiện diễn ra trong một ngày.",
           "en": "YEAR-MONTH-DAY, not before the start; leave out for a one-day event."},
          DATE, required=False, example="2026-09-21"),
    Field("country", Scope.SHARED, {"vi": "Quốc gia", "en": "Country"},
          {"vi": "Mã quốc gia ISO 3166 hai chữ in hoa: JP (Nhật Bản), KR (Hàn Quốc), FR (Pháp)…",
           "en": "The two-letter ISO 3166 country code, upper case: JP, KR, FR…"},
          {"type": "string", "pattern": "^[A-Z]{2}$"}, example="JP"),
    Field("city", Scope.TRANSLATED, {"vi": "Thành phố", "en": "City"},
          {"vi": "Tên thành phố, viết theo ngôn ngữ của tệp.", "en": "The city, as this language writes it."},
          {**TEXT, "maxLength": 120}, example="Tô-ky-ô"),
    Field("venue", Scope.TRANSLATED, {"vi": "Địa điểm tổ chức", "en": "Venue"},
          {"vi": "Không bắt buộc: nơi tổ chức.", "en": "Optional: where it is held."},
          {**TEXT, "maxLength": 200}, required=False, example="Trung tâm Hội chợ Tokyo Big Sight"),
    Field("organiser", Scope.TRANSLATED, {"vi": "Đơn vị tổ chức", "en": "Organiser"},
          {"vi": "Cơ quan hoặc tổ chức đứng ra tổ chức sự kiện.", "en": "The body that organises the event."},
          {**TEXT, "maxLength": 300}, example="Tổng cục Du lịch Nhật Bản"),
    Field("role", Scope.SHARED, {"vi": "Vai trò của tỉnh", "en": "The province's role"},
          {"vi": "`host` (chủ trì), `co-host` (phối hợp tổ chức), `participant` (tham gia) hoặc `exhibitor` "
                 "(tham gia trưng bày).",
           "en": "`host`, `co-host`, `participant` or `exhibitor`."},
          {"type": "string"}, choices=EVENT_ROLES, example="exhibitor"),
)


def _kind_fields(own: tuple[Field, ...], photos: Field = PHOTOS, place: Field = PLACE) -> tuple[Field, ...]:
    """The common fields with a kind's own placed before the place and photos (the order of the reference)."""
    common = [f for f in ENTRY_FIELDS if f not in (PLACE, PHOTOS, TRANSLATION)]
    return (*common, *own, place, photos, TRANSLATION)


OPTIONAL_PHOTOS = replace(PHOTOS, required=False, min_items=0)

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("article", {"vi": "Bài viết", "en": "Article"},
             {"vi": "Bài viết có ảnh minh họa.", "en": "An illustrated article."}, ENTRY_FIELDS),
        Kind("photo-story", {"vi": "Phóng sự ảnh", "en": "Photo story"},
             {"vi": "Câu chuyện kể bằng ít nhất ba ảnh.", "en": "A story told in at least three photos."},
             tuple(replace(f, min_items=3) if f is PHOTOS else f for f in ENTRY_FIELDS)),
        Kind("investment", {"vi": "Dự án kêu gọi đầu tư", "en": "Investment project"},
             {"vi": "Một dự án trong danh mục kêu gọi đầu tư của tỉnh, với các số liệu nhà đầu tư so sánh; ảnh "
                    "đầu tiên là bản đồ quy hoạch hoặc ảnh khu đất.",
              "en": "A project on the province's list calling for investment, with the figures investors compare; "
                    "the first photo is the planning map or a photo of the site."},
             _kind_fields(INVESTMENT_FIELDS, place=replace(
                 PLACE, required=True,
                 help={"vi": "Xã, phường hoặc khu vực của dự án và tọa độ (vĩ độ, kinh độ, hệ WGS 84).",
                       "en": "The project's commune, ward or area, and its coordinates (latitude, longitude, "
                             "WGS 84)."}))),
        Kind("clarification", {"vi": "Thông tin giải thích, làm rõ", "en": "Clarification"},
             {"vi": "Thông cáo có ngày, trả lời thông tin sai sự thật hoặc gây hiểu lầm; phần nội dung là lời "
                    "thông cáo.",
              "en": "A dated statement answering a false or misleading report; the body is the statement."},
             _kind_fields(CLARIFICATION_FIELDS, photos=OPTIONAL_PHOTOS)),
        Kind("publication", {"vi": "Xuất bản phẩm", "en": "Publication"},
             {"vi": "Ấn phẩm để tải về (PDF hoặc EPUB); ảnh đầu tiên, nếu có, là ảnh bìa.",
              "en": "A publication to download (PDF or EPUB); the first photo, if any, is its cover."},
             _kind_fields(PUBLICATION_FIELDS, photos=OPTIONAL_PHOTOS)),
        Kind("event", {"vi": "Sự kiện ở nước ngoài", "en": "Event abroad"},
             {"vi": "Sự kiện quảng bá ở nước ngoài; sau sự kiện thêm ảnh tường thuật.",
              "en": "A promotion event abroad; after it, add a photo report."},
             _kind_fields(EVENT_FIELDS, photos=OPTIONAL_PHOTOS)),
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
