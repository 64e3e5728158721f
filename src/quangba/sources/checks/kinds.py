"""The rules of each kind's own fields that a schema cannot say: an event's dates and country, a publication's
file, ISBN and languages, an investment's figures as editors type them.

Each rule is a small function that yields problems; :data:`RULES` lists them per kind.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel import Locale

from quangba.model import PUBLICATION_EXTENSIONS, parse_date
from quangba.problems import Problem, Severity
from quangba.profile import Profile
from quangba.sources.checks.names import SLUG, ascii_slug
from quangba.sources.content import SourceFile
from quangba.sources.details import NotAPublication, measure_publication
from quangba.sources.tree import Kind as NodeKind

# Fields whose bad values a rule below explains better than the schema's pattern could (it names the country
# or language the editor meant, or the ISBN's check digit): the schema's own message is not shown for them.
EXPLAINED = frozenset({("event", "country"), ("publication", "isbn"), ("publication", "languages")})

INVESTMENT_FIGURES = ("area_ha", "capital_vnd_billion", "capital_usd_million")
# VND per US dollar that a project's two capital figures may imply before a slip of units is suspected.
PLAUSIBLE_RATE = (15_000, 40_000)


@dataclass(frozen=True)
class Context:
    """What the rules need besides the file: the profile, the project root, the listing, and today's date."""

    profile: Profile
    root: Path
    listing: dict[str, NodeKind]
    today: dt.date


Rule = Callable[[SourceFile, Context], Iterator[Problem]]


# -- numbers ------------------------------------------------------------------------------------------

def _raw_value(source: SourceFile, name: str) -> str | None:
    """The value of a top-level field as typed, before YAML read it."""
    match = re.search(rf"^{re.escape(name)}[ \t]*:[ \t]*([^#\r\n]*?)[ \t]*(?:#.*)?$", source.yaml_text, re.M)
    return match.group(1) if match else None


def number_text_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    """``12.500`` is twelve thousand five hundred to a Vietnamese reader and 12.5 to YAML: say which was read."""
    for name in INVESTMENT_FIGURES:
        raw = _raw_value(source, name)
        if raw and re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
            whole = raw.replace(".", "")
            value = (source.meta or {}).get(name)
            yield source.make(
                "number-separator",
                f"`{name}: {raw}` được đọc là {value} (dấu chấm là dấu thập phân). Nếu ý bạn là {whole}, viết "
                f"`{name}: {whole}` (không dùng dấu phân cách hàng nghìn); nếu đúng là {value}, viết `{value}`.",
                f"`{name}: {raw}` is read as {value} (the dot is a decimal point). If you meant {whole}, write "
                f"`{name}: {whole}` (no thousands separator); if {value} is right, write `{value}`.",
                field=name, at=(name,), severity=Severity.WARNING)


def exchange_rate_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    """A US-dollar equivalent far from any real exchange rate is most likely a slip of units."""
    meta = source.meta or {}
    vnd, usd = meta.get("capital_vnd_billion"), meta.get("capital_usd_million")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in (vnd, usd)):
        return
    rate = vnd * 1000 / usd  # type: ignore[operator]
    low, high = PLAUSIBLE_RATE
    if not low <= rate <= high:
        yield source.make(
            "exchange-rate",
            f"{vnd} tỷ đồng và {usd} triệu USD tương ứng tỷ giá {rate:,.0f} đồng/USD, khác xa tỷ giá thực. Kiểm tra "
            "lại đơn vị: `capital_vnd_billion` tính bằng tỷ đồng, `capital_usd_million` bằng triệu đô la Mỹ.",
            f"VND {vnd} billion and US$ {usd} million imply {rate:,.0f} dong per dollar, far from any real rate. "
            "Check the units: `capital_vnd_billion` is in billions of dong, `capital_usd_million` in millions of "
            "US dollars.",
            field="capital_usd_million", at=("capital_usd_million",), severity=Severity.WARNING)


# -- events -------------------------------------------------------------------------------------------

def event_date_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    meta = source.meta or {}
    start, end = parse_date(meta.get("start")), parse_date(meta.get("end"))
    if start and end and end < start:
        yield source.make(
            "date-order",
            f"Ngày kết thúc {end.isoformat()} trước ngày bắt đầu {start.isoformat()}; sửa một trong hai.",
            f"The end date {end.isoformat()} is before the start date {start.isoformat()}; correct one of them.",
            field="end", at=("end",))


def event_report_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    """An event that is over and shows no photo tells the public nothing of what happened (001 Đ12)."""
    meta = source.meta or {}
    end = parse_date(meta.get("end")) or parse_date(meta.get("start"))
    if meta.get("status") != "published" or end is None or end >= context.today or meta.get("photos"):
        return
    yield source.make(
        "event-report",
        f"Sự kiện đã kết thúc ngày {end.isoformat()} nhưng chưa có ảnh tường thuật. Thêm `photos` (ảnh, tác giả, mô "
        "tả và chú thích ở mọi ngôn ngữ) và viết kết quả sự kiện vào phần nội dung.",
        f"The event ended on {end.isoformat()} but has no photo report. Add `photos` (each with credit, alt text "
        "and caption in every language) and write what came of it in the body.",
        field="photos", at=("start",), severity=Severity.WARNING)


@functools.cache
def _territories() -> tuple[frozenset[str], dict[str, str]]:
    """ISO 3166 alpha-2 codes Babel knows, and every name of them in Vietnamese and English (folded) -> code."""
    codes = frozenset(c for c in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", c) and c not in ("ZZ", "XA",
                                                                                                          "XB"))
    names: dict[str, str] = {"uk": "GB", "england": "GB", "usa": "US", "anh": "GB", "mỹ": "US"}
    for language in ("en", "vi"):
        for code, name in Locale(language).territories.items():
            if code in codes:
                names[name.casefold()] = code
    return codes, names


def _country_name(code: str, language: str) -> str:
    return Locale(language).territories.get(code, code)


def country_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    value = (source.meta or {}).get("country")
    if not isinstance(value, str):
        return
    codes, names = _territories()
    if value in codes:
        return
    meant = names.get(value.casefold()) or (value.upper() if value.upper() in codes else None)
    if meant is None:
        close = difflib.get_close_matches(value.casefold(), list(names), n=1, cutoff=0.75)
        meant = names[close[0]] if close else None
    hint_vi = f" Có phải ý bạn là `{meant}` ({_country_name(meant, 'vi')})?" if meant else ""
    hint_en = f" Did you mean `{meant}` ({_country_name(meant, 'en')})?" if meant else ""
    yield source.make(
        "unknown-country",
        f"`{value}` không phải mã quốc gia ISO 3166.{hint_vi} Viết mã hai chữ in hoa, ví dụ `JP` (Nhật Bản), `KR` "
        "(Hàn Quốc), `FR` (Pháp).",
        f"`{value}` is not an ISO 3166 country code.{hint_en} Write the two-letter code in capitals, for example "
        "`JP` (Japan), `KR` (South Korea), `FR` (France).",
        field="country", at=("country",))


# -- publications -------------------------------------------------------------------------------------

@functools.cache
def _languages() -> tuple[frozenset[str], dict[str, str]]:
    codes = frozenset(c for c in Locale("en").languages if re.fullmatch(r"[a-z]{2,3}", c))
    names: dict[str, str] = {}
    for language in ("en", "vi"):
        for code, name in Locale(language).languages.items():
            if code in codes:
                names.setdefault(name.casefold(), code)
    return codes, names


def language_code_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    values = (source.meta or {}).get("languages")
    if not isinstance(values, list):
        return
    codes, names = _languages()
    for index, value in enumerate(values):
        if not isinstance(value, str) or value in codes:
            continue
        meant = names.get(value.casefold()) or (value.lower() if value.lower() in codes else None)
        hint_vi = f" Có phải ý bạn là `{meant}`?" if meant else ""
        hint_en = f" Did you mean `{meant}`?" if meant else ""
        yield source.make(
            "unknown-language",
            f"`{value}` không phải mã ngôn ngữ ISO 639-1.{hint_vi} Viết mã chữ thường: `vi`, `en`, `fr`, `zh`…",
            f"`{value}` is not an ISO 639-1 language code.{hint_en} Write the lower-case code: `vi`, `en`, `fr`, "
            "`zh`…",
            field=f"languages[{index + 1}]", at=("languages", index))


def isbn_check_digit(digits: str) -> str:
    """The check digit an ISBN's other digits call for (ISBN-10: 0–9 or X; ISBN-13: 0–9)."""
    if len(digits) == 9:
        remainder = sum((10 - i) * int(d) for i, d in enumerate(digits)) % 11
        check = (11 - remainder) % 11
        return "X" if check == 10 else str(check)
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return str((10 - total % 10) % 10)


def isbn_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    value = (source.meta or {}).get("isbn")
    if value is None:
        return
    text = str(value)
    digits = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", digits):
        yield source.make(
            "isbn",
            f"ISBN `{text}` phải có 10 hoặc 13 chữ số (có thể có gạch nối), ví dụ `978-604-0-12345-3`. Nếu ấn phẩm "
            "không có ISBN, xóa trường này.",
            f"The ISBN `{text}` must have 10 or 13 digits (hyphens allowed), for example `978-604-0-12345-3`. If the "
            "publication has none, remove the field.",
            field="isbn", at=("isbn",))
        return
    expected = isbn_check_digit(digits[:-1])
    if digits[-1] != expected:
        yield source.make(
            "isbn",
            f"ISBN `{text}` sai số kiểm tra: chữ số cuối phải là {expected}. Chép lại số ISBN từ trang bản quyền "
            "của ấn phẩm.",
            f"The ISBN `{text}` fails its check: the last digit should be {expected}. Copy the ISBN again from the "
            "publication's copyright page.",
            field="isbn", at=("isbn",))


def publication_file_problems(source: SourceFile, context: Context) -> Iterator[Problem]:
    """The file is in ``assets/``, named safely, present, within the size limit, and really a PDF or EPUB."""
    file = (source.meta or {}).get("file")
    if not isinstance(file, str) or not file:
        return
    at, posix = ("file",), PurePosixPath(file)
    extensions = " hoặc ".join(PUBLICATION_EXTENSIONS), " or ".join(PUBLICATION_EXTENSIONS)
    suggestion = f"assets/publications/{ascii_slug(posix.stem) or 'an-pham'}{posix.suffix.lower() or '.pdf'}"
    if posix.is_absolute() or ".." in posix.parts or posix.parts[:1] != ("assets",):
        yield source.make(
            "publication-outside-assets",
            f"Tệp ấn phẩm `{file}` phải nằm trong thư mục `assets/`, ghi đường dẫn từ thư mục gốc, ví dụ "
            f"`{suggestion}`.",
            f"The publication `{file}` must be inside the `assets/` folder, written as a path from the project "
            f"root, e.g. `{suggestion}`.", field="file", at=at)
        return
    if posix.suffix.lower() not in PUBLICATION_EXTENSIONS:
        yield source.make(
            "publication-format",
            f"Tệp ấn phẩm `{file}` phải là {extensions[0]}; xuất ấn phẩm ra PDF.",
            f"The publication `{file}` must be a {extensions[1]} file; export the publication as PDF.",
            field="file", at=at)
        return
    if [p for p in [*posix.parts[:-1], posix.stem] if not SLUG.match(p)]:
        yield source.make(
            "publication-name",
            f"Tên tệp `{file}` phải là chữ thường không dấu, số và gạch nối; đổi thành `{suggestion}`.",
            f"The file name `{file}` must be lower-case ASCII, digits and hyphens; rename it to `{suggestion}`.",
            field="file", at=at)
    kind = context.listing.get(file)
    if kind is NodeKind.LINK or kind is NodeKind.OTHER:
        return  # refused where it lies (checks.tree); never opened
    if kind is not NodeKind.FILE:
        yield source.make("publication-missing",
                          f"Không tìm thấy tệp ấn phẩm `{file}`. Thêm tệp vào yêu cầu hợp nhất.",
                          f"The publication `{file}` does not exist. Add the file to the pull request.",
                          field="file", at=at)
        return
    size, limit = (context.root / file).stat().st_size, context.profile.limits.publication_bytes
    if size > limit:
        yield source.make(
            "publication-too-large",
            f"Tệp `{file}` nặng {size / 2**20:.1f} MB, quá giới hạn {limit / 2**20:.0f} MB. Xuất lại PDF với ảnh "
            "nén cho màn hình (150 dpi), hoặc chia thành nhiều tập.",
            f"The file `{file}` is {size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit. Export the PDF "
            "again with images compressed for screens (150 dpi), or split it into volumes.",
            field="file", at=at)
        return
    try:
        measure_publication(context.root, file)
    except NotAPublication as exc:
        vi, en = exc.args
        yield source.make("publication-unreadable", f"Ấn phẩm `{file}`: {vi}.", f"Publication `{file}`: {en}.",
                          field="file", at=at)


RULES: dict[str, tuple[Rule, ...]] = {
    "investment": (number_text_problems, exchange_rate_problems),
    "event": (event_date_problems, country_problems, event_report_problems),
    "publication": (publication_file_problems, language_code_problems, isbn_problems),
}


def own_field_problems(source: SourceFile, kind: str, context: Context) -> Iterator[Problem]:
    """Every rule of ``kind`` over its default-language file."""
    for rule in RULES.get(kind, ()):
        yield from rule(source, context)
