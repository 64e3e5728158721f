"""Text: what editors type must be Vietnamese in Unicode, precomposed (TCVN 6909: NFC).

Text typed with a legacy encoding and pasted as Unicode (TCVN3/ABC, VNI, VIQR, Windows-1258, UTF-8 read as
Windows-1252) would reach the public as mojibake: in published content it is an error that shows the text
converted; in a draft, a warning (it must be fixed before publishing). Each field and each paragraph is judged
on its own (:mod:`quangba.sources.legacy`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from quangba.problems import Problem, Severity
from quangba.sources.checks.schema import field_path
from quangba.sources.content import SourceFile
from quangba.sources.legacy import NAMES, Verdict, judge, judge_paragraph, line_values, paragraphs, strings
from quangba.xmltext import NOT_XML

SHOWN = 160  # characters of a text quoted back in a message


def text_problems(file: SourceFile, draft: bool) -> Iterator[Problem]:
    yield from control_problems(file)
    yield from nfc_problems(file)
    yield from legacy_problems(file, draft)


def control_problems(file: SourceFile) -> Iterator[Problem]:
    """Control characters are never text, and they make the XML exports (OAI-PMH, Atom) invalid: in the file
    as typed, or made by a YAML escape such as "\\x01"."""
    for number, line_text in enumerate(file.text.split("\n"), start=1):  # not splitlines: it splits at \x0b too
        found = NOT_XML.search(line_text)
        if found:
            vi, en = _control(found.group(0))
            yield file.make("control-character", vi, en, line=number)
    if NOT_XML.search(file.text):
        return
    for path, value in strings(file.meta or {}):
        found = NOT_XML.search(value)
        if found:
            vi, en = _control(found.group(0))
            yield file.make("control-character", vi, en, field=field_path(path), at=path)


def _control(char: str) -> tuple[str, str]:
    code = f"U+{ord(char):04X}"
    return (f"Có ký tự điều khiển {code} (không nhìn thấy, thường do chép từ phần mềm khác) ở đây; nó làm hỏng dữ "
            "liệu XML gửi cơ sở dữ liệu quốc gia. Xóa ký tự đó, hoặc gõ lại đoạn chữ.",
            f"There is a control character {code} here (invisible, usually pasted from another program); it breaks "
            "the XML sent to the national database. Delete it, or type the text again.")


def nfc_problems(file: SourceFile) -> Iterator[Problem]:
    if unicodedata.is_normalized("NFC", file.text):
        return
    for number, line_text in enumerate(file.text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line_text):
            yield file.make(
                "nfc",
                "Chữ tiếng Việt ở dạng tổ hợp (dấu tách rời chữ, như NFD hay bảng mã Windows-1258), không theo "
                "chuẩn TCVN 6909 (NFC). Chạy `quangba validate --fix` để sửa tự động.",
                "Vietnamese text is decomposed (marks apart from their letters, as in NFD or Windows-1258), not "
                "in the precomposed form required by TCVN 6909 (NFC). Run `quangba validate --fix` to fix it.",
                line=number)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def legacy_problems(file: SourceFile, draft: bool) -> Iterator[Problem]:
    """Every field and paragraph typed in a legacy encoding, each with its text converted."""
    if file.meta is None and file.yaml_text:  # unreadable YAML: look at each line's value
        for start, _, value in line_values(file.yaml_text):
            verdict = judge(value)
            if verdict is not None:
                line = 2 + file.yaml_text.count("\n", 0, start)
                yield _legacy(file, verdict, value, ("Dòng này", "This line"), draft, line=line)
    for path, value in strings(file.meta or {}):
        verdict = judge(value)
        if verdict is not None:
            name = field_path(path)
            yield _legacy(file, verdict, value, (f"Trường `{name}`", f"The field `{name}`"), draft,
                          field=name, at=path)
    for start, _, paragraph in paragraphs(file.body):
        verdict = judge_paragraph(paragraph)
        if verdict is not None:
            line = file.body_line + file.body.count("\n", 0, start)
            yield _legacy(file, verdict, paragraph, ("Đoạn văn này", "This paragraph"), draft, line=line)


def _legacy(file: SourceFile, verdict: Verdict, text: str, where: tuple[str, str], draft: bool, *,
            field: str = "", line: int | None = None, at: tuple[str | int, ...] | None = None) -> Problem:
    name_vi, name_en = NAMES[verdict.encoding]
    converted = verdict.convert(text)
    vi = (f"{where[0]} có vẻ được gõ bằng {name_vi} rồi dán vào như Unicode: «{_shown(text)}». Chuyển sang "
          f"Unicode (TCVN 6909) là: «{_shown(converted)}». Chạy `quangba validate --fix` để sửa tự động, hoặc gõ "
          "lại bằng bộ gõ Unicode (Unikey: bảng mã Unicode).")
    en = (f"{where[1]} looks typed in {name_en} and pasted as Unicode: “{_shown(text)}”. In Unicode (TCVN 6909) "
          f"it reads: “{_shown(converted)}”. Run `quangba validate --fix` to convert it, or type it again with "
          "a Unicode keyboard.")
    if draft:
        vi += " Bài còn là bản nháp nên đây là cảnh báo; phải sửa trước khi đăng."
        en += " The entry is a draft, so this is a warning; it must be fixed before the entry is published."
    return file.make("legacy-encoding", vi, en, field=field, line=line, at=at,
                     severity=Severity.WARNING if draft else Severity.ERROR)
