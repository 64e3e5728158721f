"""The content model's rules, as its JSON Schema says them, explained to an editor.

A compiled validator says quickly whether a file is valid (most are); for the files that are not, jsonschema
lists every error with its path, and each error becomes a bilingual message naming the field and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import fastjsonschema
import jsonschema

from quangba.model import ALL_KIND_CODES, CODE_PATTERN, VOCABULARY_NAMES, Field, Kind, kind_of, parse_date
from quangba.problems import Problem
from quangba.profile import Profile
from quangba.schema import Role, fast_validator, kind_schema
from quangba.sources.checks.kinds import EXPLAINED
from quangba.sources.checks.names import ascii_slug
from quangba.sources.content import SourceFile

_TYPE_NAMES = {
    "string": ("chữ", "text"),
    "number": ("số", "a number"),
    "integer": ("số nguyên", "a whole number"),
    "array": ("danh sách (mỗi dòng bắt đầu bằng `- `)", "a list (each line starting with `- `)"),
    "object": ("nhóm trường lồng nhau", "a group of nested fields"),
    "boolean": ("đúng/sai", "true/false"),
}


def field_path(path: Iterable[str | int]) -> str:
    """A field's path as editors read it: ``photos[1].file`` (items counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def declared(kind: Kind, path: tuple[str | int, ...]) -> Field | None:
    """The declaration of the field at ``path`` in ``kind``, if the model has one."""
    fields, found = kind.fields, None
    for part in path:
        if isinstance(part, int):
            continue
        found = next((f for f in fields if f.name == part), None)
        if found is None:
            return None
        fields = found.fields
    return found


def labels(field: Field | None, name: str) -> tuple[str, str]:
    if field is None:
        return f"`{name}`", f"`{name}`"
    return f"`{name}` ({field.label['vi']})", f"`{name}` ({field.label['en']})"


def _is_date(value: Any) -> bool:
    return parse_date(value) is not None


class SchemaRules:
    """The schema of each kind and role, made once per run and shared by every file."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._schemas: dict[tuple[str, Role], tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]] = {}

    def _schema(self, kind: Kind, role: Role) -> tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]:
        key = (kind.code, role)
        if key not in self._schemas:
            schema = kind_schema(kind, self.profile, role)
            fast = fast_validator(schema, {"date": _is_date})
            full = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker(["date"]))
            self._schemas[key] = (fast, full)
        return self._schemas[key]

    def check(self, source: SourceFile, kind: Kind, role: Role) -> Iterator[Problem]:
        assert source.meta is not None
        fast, full = self._schema(kind, role)
        try:
            fast(source.meta)
            return
        except fastjsonschema.JsonSchemaException:
            pass
        for error in full.iter_errors(source.meta):
            yield from explain(source, kind, error)


def kind_problems(source: SourceFile) -> Iterator[Problem]:
    """The kind a default-language file declares must be one the model knows."""
    assert source.meta is not None
    code = source.meta.get("kind")
    if isinstance(code, str) and kind_of(code) is not None:
        return
    choices = ", ".join(f"`{c}`" for c in ALL_KIND_CODES)
    if code is None:
        yield source.make("required", f"Thiếu trường bắt buộc `kind` (Loại bài). Chọn một trong: {choices}.",
                          f"The required field `kind` is missing. Choose one of: {choices}.", field="kind")
    else:
        yield source.make("invalid-value", f"Loại bài `{code}` không hợp lệ. Chọn một trong: {choices}.",
                          f"The kind `{code}` is not valid. Choose one of: {choices}.", field="kind", at=("kind",))


def explain(source: SourceFile, kind: Kind, error: jsonschema.ValidationError) -> Iterator[Problem]:
    """One schema error as the editor's problems: which field, what is wrong, how to fix it."""
    path = tuple(error.absolute_path)
    name = field_path(path)
    field = declared(kind, path)
    line = source.line_of(path)
    keyword = error.validator
    if keyword == "required":
        yield from _missing(source, kind, error, path, line)
        return
    if keyword == "additionalProperties":
        yield from _unknown_fields(source, kind, error, path)
        return
    label_vi, label_en = labels(field, name)
    value = error.instance
    if path and (kind.code, path[0]) in EXPLAINED and keyword != "type":
        return  # its own rule (checks.kinds) says what was meant
    if keyword == "enum" and field is not None and field.vocabulary and path and isinstance(value, str):
        yield _unknown_code(source, field, error, name, line)
    elif keyword == "enum":
        choices = ", ".join(f"`{c}`" for c in error.validator_value)
        yield source.make("invalid-value",
                          f"Giá trị `{value}` của {label_vi} không hợp lệ. Chọn một trong: {choices}.",
                          f"The value `{value}` of {label_en} is not valid. Choose one of: {choices}.",
                          field=name, line=line)
    elif keyword in ("format", "pattern") and field is not None and field.value.get("format") == "date":
        yield source.make(
            "date",
            f"{label_vi}: `{value}` không phải ngày có thật. Viết dạng NĂM-THÁNG-NGÀY, ví dụ 2025-07-01.",
            f"{label_en}: `{value}` is not a real date. Write it as YEAR-MONTH-DAY, for example 2025-07-01.",
            field=name, line=line)
    elif keyword == "pattern" and field is not None and field.value.get("pattern") != CODE_PATTERN:
        help_vi, help_en = field.help["vi"], field.help["en"]
        yield source.make("invalid-value", f"{label_vi}: `{_shown(value)}` không đúng dạng. {help_vi}",
                          f"{label_en}: `{_shown(value)}` is not in the expected form. {help_en}",
                          field=name, line=line)
    elif keyword == "pattern":
        yield source.make(
            "code-format",
            f"{label_vi}: `{value}` chỉ được dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ "
            f"`{ascii_slug(str(value)) or 'ma-moi'}`.",
            f"{label_en}: `{value}` may only use lower-case ASCII letters, digits and hyphens, for example "
            f"`{ascii_slug(str(value)) or 'new-code'}`.",
            field=name, line=line)
    elif keyword == "type":
        want = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        type_vi, type_en = _TYPE_NAMES.get(want, (want, want))
        shown = _shown(value)
        if want in ("number", "integer"):
            example = field.example if field is not None and field.example is not None else 1234.5
            short = path[-1] if path and isinstance(path[-1], str) else name
            was_vi, was_en = ("để trống", "empty") if value is None else (f"`{shown}`", f"`{shown}`")
            yield source.make(
                "type",
                f"{label_vi} phải là {type_vi}, không phải {was_vi}. Viết bằng chữ số, dấu chấm trước phần thập "
                f"phân, không dấu phân cách hàng nghìn và không đơn vị, ví dụ `{short}: {example}`.",
                f"{label_en} must be {type_en}, not {was_en}. Write digits only, a dot before decimals, no "
                f"thousands separator and no unit, for example `{short}: {example}`.",
                field=name, line=line)
            return
        yield source.make(
            "type",
            f"{label_vi} phải là {type_vi}, không phải `{shown}`. Nếu là chữ, hãy đặt trong ngoặc kép.",
            f"{label_en} must be {type_en}, not `{shown}`. If it is text, put it in double quotes.",
            field=name, line=line)
    elif keyword == "minItems":
        yield source.make("too-few", f"{label_vi} cần ít nhất {error.validator_value} mục.",
                          f"{label_en} needs at least {error.validator_value} items.", field=name, line=line)
    elif keyword == "minLength":
        yield source.make("empty", f"{label_vi} không được để trống.", f"{label_en} must not be empty.",
                          field=name, line=line)
    elif keyword == "maxLength":
        yield source.make("too-long", f"{label_vi} dài quá {error.validator_value} ký tự; hãy rút gọn.",
                          f"{label_en} is longer than {error.validator_value} characters; shorten it.",
                          field=name, line=line)
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        help_vi, help_en = (field.help["vi"], field.help["en"]) if field else ("", "")
        yield source.make("out-of-range", f"{label_vi}: `{value}` nằm ngoài khoảng cho phép. {help_vi}",
                          f"{label_en}: `{value}` is out of range. {help_en}", field=name, line=line)
    elif keyword == "uniqueItems":
        yield source.make("duplicate-item", f"{label_vi} có mục bị lặp lại; xóa mục trùng.",
                          f"{label_en} lists an item twice; remove the duplicate.", field=name, line=line)
    else:
        yield source.make("schema", f"{label_vi}: {error.message}", f"{label_en}: {error.message}",
                          field=name, line=line)


def _shown(value: Any) -> str:
    """A value as quoted back to the editor: never longer than a line."""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _missing(source: SourceFile, kind: Kind, error: jsonschema.ValidationError, path: tuple[str | int, ...],
             line: int) -> Iterator[Problem]:
    for missing in error.validator_value:
        if isinstance(error.instance, dict) and missing not in error.instance:
            sub = declared(kind, (*path, missing))
            full = field_path((*path, missing))
            vi, en = labels(sub, full)
            hint_vi = f" {sub.help['vi']}" if sub else ""
            hint_en = f" {sub.help['en']}" if sub else ""
            yield source.make("required", f"Thiếu trường bắt buộc {vi}.{hint_vi}",
                              f"The required field {en} is missing.{hint_en}", field=full, line=line)


def _unknown_fields(source: SourceFile, kind: Kind, error: jsonschema.ValidationError,
                    path: tuple[str | int, ...]) -> Iterator[Problem]:
    allowed = list(error.schema.get("properties", {}))
    for extra in error.instance:
        if extra in allowed:
            continue
        full = field_path((*path, extra))
        close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
        vi = f"Trường `{full}` không có trong mô hình nội dung của loại `{kind.code}`."
        en = f"The field `{full}` is not part of the content model for kind `{kind.code}`."
        if close:
            vi += f" Có phải ý bạn là `{close[0]}`?"
            en += f" Did you mean `{close[0]}`?"
        else:
            vi += f" Các trường được phép: {', '.join(allowed)}."
            en += f" Allowed fields: {', '.join(allowed)}."
        yield source.make("unknown-field", vi, en, field=full, at=(*path, extra))


def _unknown_code(source: SourceFile, field: Field, error: jsonschema.ValidationError, name: str,
                  line: int) -> Problem:
    assert field.vocabulary is not None
    value = str(error.instance)
    vocab_vi, vocab_en = VOCABULARY_NAMES[field.vocabulary]["vi"], VOCABULARY_NAMES[field.vocabulary]["en"]
    codes = list(error.validator_value)
    close = difflib.get_close_matches(value, codes, n=1, cutoff=0.6)
    suggestion_vi = f" Có phải ý bạn là `{close[0]}`?" if close else ""
    suggestion_en = f" Did you mean `{close[0]}`?" if close else ""
    return source.make(
        f"unknown-{vocab_en.replace(' ', '-')}",
        f"Mã {vocab_vi} `{value}` không có trong hồ sơ tỉnh (province.yml).{suggestion_vi} "
        f"Các mã hợp lệ: {', '.join(codes)}.",
        f"The {vocab_en} code `{value}` is not in the province profile (province.yml).{suggestion_en} "
        f"Valid codes: {', '.join(codes)}.",
        field=name, line=line)
