"""Text: what editors type must be Vietnamese in Unicode, precomposed (TCVN 6909: NFC).

Text typed with a legacy keyboard encoding and pasted as Unicode (TCVN3/ABC, VNI, VIQR, Windows-1258, UTF-8
read as Windows-1252) shows as mojibake on the portal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from quangba.problems import Problem, Severity
from quangba.sources.content import SourceFile

# Typical of text typed with the legacy TCVN3 (.Vn fonts) encoding and pasted as if it were Unicode.
_TCVN3_CHARS = "«¨¸µ¹®¬­ª¦§©¡¢£¤¥"
_TCVN3 = re.compile(rf"[A-Za-z][{_TCVN3_CHARS}][A-Za-z ]")
_TCVN3_ANY = re.compile(f"[{_TCVN3_CHARS}]")  # a cheap first look: most files have none of these


def text_problems(file: SourceFile, draft: bool) -> Iterator[Problem]:
    yield from nfc_problems(file)
    yield from legacy_problems(file, draft)


def nfc_problems(file: SourceFile) -> Iterator[Problem]:
    if unicodedata.is_normalized("NFC", file.text):
        return
    for number, line_text in enumerate(file.text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line_text):
            yield file.make(
                "nfc",
                "Chữ tiếng Việt ở dạng tổ hợp (NFD), không theo chuẩn TCVN 6909 (NFC). Chạy "
                "`quangba validate --fix` để sửa tự động.",
                "Vietnamese text is decomposed (NFD), not in the precomposed form required by TCVN 6909 "
                "(NFC). Run `quangba validate --fix` to fix it.",
                line=number)


def legacy_problems(file: SourceFile, draft: bool) -> Iterator[Problem]:
    text = file.text
    if not (_TCVN3_ANY.search(text) and _TCVN3.search(text)):
        return
    for number, line_text in enumerate(text.splitlines(), start=1):
        if len(_TCVN3.findall(line_text)) >= 2:
            yield file.make(
                "legacy-encoding",
                "Dòng này có vẻ là chữ gõ bằng bảng mã cũ TCVN3 (phông .Vn), ví dụ «Kh«ng». Chuyển mã sang "
                "Unicode (Unikey: Công cụ chuyển mã) rồi dán lại.",
                "This line looks like text typed in the legacy TCVN3 encoding (.Vn fonts), e.g. «Kh«ng». "
                "Convert it to Unicode (Unikey's converter) and paste it again.",
                line=number, severity=Severity.WARNING)
