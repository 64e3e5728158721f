"""Counts as each language says them: the right plural form ("1 error", "2 errors"; Vietnamese does not
inflect: "1 lỗi", "2 lỗi") and the number written as the language writes it ("1.000" in Vietnamese, "1,000" in
English), from Babel's CLDR data rather than from hand-written rules."""

from __future__ import annotations

import functools

from babel import Locale
from babel.numbers import format_decimal

# Each noun's forms by CLDR plural category; a language with one form gives only "other".
NOUNS: dict[str, dict[str, dict[str, str]]] = {
    "error": {"vi": {"other": "lỗi"}, "en": {"one": "error", "other": "errors"}},
    "warning": {"vi": {"other": "cảnh báo"}, "en": {"one": "warning", "other": "warnings"}},
    "info": {"vi": {"other": "thông tin"}, "en": {"one": "info message", "other": "info messages"}},
    "problem": {"vi": {"other": "lỗi"}, "en": {"one": "problem", "other": "problems"}},
    "entry": {"vi": {"other": "bài"}, "en": {"one": "entry", "other": "entries"}},
    "record": {"vi": {"other": "bài"}, "en": {"one": "record", "other": "records"}},
    "tombstone": {"vi": {"other": "bài đã gỡ"}, "en": {"one": "tombstone", "other": "tombstones"}},
    "file": {"vi": {"other": "tệp"}, "en": {"one": "file", "other": "files"}},
    "photo": {"vi": {"other": "ảnh"}, "en": {"one": "photo", "other": "photos"}},
    "page": {"vi": {"other": "trang"}, "en": {"one": "page", "other": "pages"}},
    "export file": {"vi": {"other": "tệp xuất"}, "en": {"one": "export file", "other": "export files"}},
}


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def number(value: float, language: str) -> str:
    """A number as the language writes it."""
    return format_decimal(value, locale=_locale(language))


def count(value: int, noun: str, language: str) -> str:
    """``value`` things, in the plural form the language uses for that number."""
    forms = NOUNS[noun].get(language) or NOUNS[noun]["en"]
    form = forms.get(_locale(language).plural_form(value), forms["other"])
    return f"{number(value, language)} {form}"


def counts(items: list[tuple[int, str]], language: str) -> str:
    """Several counts in one phrase: "2 errors, 1 warning"."""
    return ", ".join(count(value, noun, language) for value, noun in items)


def both(items: list[tuple[int, str]]) -> tuple[str, str]:
    """The same counts in Vietnamese and in English, for a bilingual message."""
    return counts(items, "vi"), counts(items, "en")
