"""Spreadsheets (CSV), first the list of projects calling for investment: one row per published project, its texts
in every language, its figures in base units (hectares, dong, US dollars) so a spreadsheet can sum and sort them.

UTF-8 with a byte-order mark and CRLF line ends (RFC 4180), which Excel opens with Vietnamese intact. A cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe: titles come from
pull requests, and a spreadsheet would otherwise run such a cell as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from quangba.exports.records import Records
from quangba.model import PROJECT_STATUSES
from quangba.sources.details import Investment

INVESTMENT_CSV = "investment-projects.csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def investment_csv(records: Records) -> bytes:
    profile, languages = records.profile, records.languages
    header = ["id"] + [f"title_{lang}" for lang in languages] + ["sector"] + [f"sector_{lang}" for lang in languages]
    header += ["location", "lat", "lon", "area_ha", "capital_vnd", "capital_usd", "form"]
    header += [f"form_{lang}" for lang in languages] + ["status"] + [f"status_{lang}" for lang in languages]
    header += ["contact_agency", "issued", "modified"] + [f"url_{lang}" for lang in languages]
    rows: list[list[Any]] = [header]
    for entry in records.catalogue.by_kind.get("investment", []):
        details = entry.details
        if not isinstance(details, Investment):
            continue
        place = entry.place
        row: list[Any] = [entry.id, *(entry.texts[lang].title for lang in languages), details.sector]
        row += records.texts(profile.sectors[details.sector]).values()
        row += [place.name if place else "", place.lat if place else "", place.lon if place else "",
                details.area_ha, details.capital_vnd, details.capital_usd or "", details.form]
        row += records.texts(profile.investment_forms[details.form]).values()
        row += [details.status, *records.texts(PROJECT_STATUSES[details.status]).values()]
        row += [details.contact, entry.issued.isoformat(), records.dates[entry.id].modified.isoformat()]
        row += records.urls(entry.rel_path).values()
        rows.append(row)
    return spreadsheet_csv(rows)


def spreadsheet_csv(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as a CSV that Excel opens with Vietnamese intact and never runs as formulas (see above)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([_cell(value) for value in row] for row in rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
