"""Figures as each language writes them, from Babel's CLDR data: an area (``1.234,5 ha`` / ``1,234.5 ha``), an
investment's capital (``12.500 tỷ đồng`` / ``VND 12,500 billion (≈ US$ 490 million)``), a span of dates, a
country's and a language's name, a file's size.

The words around the numbers (``tỷ đồng``, ``billion``) are the interface strings of each language; the numbers,
dates and names are CLDR's, never written by hand.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal

from quangba.language import number
from quangba.profile import Profile
from quangba.site.strings import ui_strings


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def area(hectares: float, language: str, ui: dict[str, str]) -> str:
    return ui["area_ha"].format(value=number(hectares, language))


def capital(vnd_billion: float, usd_million: float | None, language: str, ui: dict[str, str]) -> str:
    text = ui["capital_vnd"].format(value=number(vnd_billion, language))
    if usd_million is not None:
        text += " " + ui["capital_usd"].format(value=number(usd_million, language))
    return text


@functools.lru_cache(maxsize=4096)
def _format_day(day: dt.date, pattern: str, locale: str) -> str:
    return format_date(day, pattern, locale=locale)


def format_day(day: dt.date, language: str, profile: Profile) -> str:
    """A date as the language writes it ("ngày 1 tháng 7 năm 2025", "July 1, 2025"); days repeat, so cached."""
    return _format_day(day, ui_strings(language)["date_format"], profile.locale(language))


def date_span(start: dt.date, end: dt.date, language: str) -> str:
    """One day, or a span written once ("24–27 Sept 2026"), as CLDR's interval formats say."""
    return format_interval(start, end, "yMMMMd", locale=_locale(language))


def country(code: str, language: str) -> str:
    return _locale(language).territories.get(code, code)


def language_name(code: str, language: str) -> str:
    name = _locale(language).languages.get(code, code)
    return name[:1].upper() + name[1:]


def file_size(size: int, language: str) -> str:
    """Bytes as people read a download's size: "148 KB", "1,2 MB"."""
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), locale=_locale(language))} KB"
    return f"{format_decimal(size / 2**20, format='#,##0.0', locale=_locale(language))} MB"
