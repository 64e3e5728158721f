"""The periodic report of the regulations (000 Đ19, 001 Đ21, 004 Đ27; Circular 22/2016/TT-BTTTT): per agency,
entries published, updated and withdrawn, photos added, translations completed, and whether it contributed in
every quarter; totals by kind, category and language. Counted from the git history (see
:mod:`quangba.editing.activity`), for a year (``2026``), a half (``2026-H1``) or a quarter (``2026-Q3``).

The agencies' table has the columns the profile's ``reports.columns`` names, in its order and with its
headings, so a new official form is a change of ``province.yml``, not of code.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from quangba.editing.activity import Event
from quangba.exports.tables import spreadsheet_csv
from quangba.language import number
from quangba.profile import Profile

METRICS = ("created", "updated", "withdrawn", "photos", "translations")
_EVENT_METRIC = {"created": "created", "updated": "updated", "withdrawn": "withdrawn", "photo": "photos",
                 "translation": "translations"}


class BadPeriod(Exception):
    """``args`` are the Vietnamese and English messages."""


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date  # first day
    end: dt.date  # the day after the last

    def quarters(self) -> list[Period]:
        result, day = [], self.start
        while day < self.end:
            quarter = (day.month - 1) // 3 + 1
            result.append(_quarter(day.year, quarter))
            day = result[-1].end
        return result

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day < self.end


def _quarter(year: int, quarter: int) -> Period:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return Period(f"{year}-Q{quarter}", start, end)


def parse_period(text: str, today: dt.date) -> Period:
    """``2026``, ``2026-H1`` or ``2026-Q3``, or ``current`` (the quarter running today); a period that has not
    begun is refused (there is nothing to count)."""
    if text.strip().lower() == "current":
        return _quarter(today.year, (today.month - 1) // 3 + 1)
    match = re.fullmatch(r"(\d{4})(?:-([HhQq])([1-4]))?", text.strip())
    if not match or (match.group(2) and match.group(2).upper() == "H" and match.group(3) not in "12"):
        raise BadPeriod(f"kỳ báo cáo `{text}` không đúng dạng; viết năm (`2026`), nửa năm (`2026-H1`, `2026-H2`) "
                        "hoặc quý (`2026-Q1` đến `2026-Q4`)",
                        f"the period `{text}` is not understood; write a year (`2026`), a half (`2026-H1`, "
                        "`2026-H2`) or a quarter (`2026-Q1` to `2026-Q4`)")
    year = int(match.group(1))
    kind, index = (match.group(2) or "").upper(), int(match.group(3) or 0)
    if kind == "Q":
        period = _quarter(year, index)
    elif kind == "H":
        period = Period(f"{year}-H{index}", dt.date(year, 1 if index == 1 else 7, 1),
                        dt.date(year, 7, 1) if index == 1 else dt.date(year + 1, 1, 1))
    else:
        period = Period(str(year), dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    if period.start > today:
        raise BadPeriod(f"kỳ `{period.label}` chưa bắt đầu (hôm nay là {today.isoformat()}); chọn một kỳ đã qua "
                        "hoặc đang diễn ra",
                        f"the period `{period.label}` has not begun (today is {today.isoformat()}); choose a past "
                        "or current period")
    return period


@dataclass
class AgencyRow:
    code: str
    counts: Counter[str] = field(default_factory=Counter)
    quarters: dict[str, bool | None] = field(default_factory=dict)  # None: the quarter is not over yet

    @property
    def met_duty(self) -> bool | None:
        """Contributed in every quarter of the period (None while the last one is still running and unmet)."""
        if all(self.quarters.values()):
            return True
        return False if any(v is False for v in self.quarters.values()) else None


@dataclass
class Report:
    period: Period
    today: dt.date
    agencies: list[AgencyRow]
    by_kind: dict[str, Counter[str]]
    by_category: dict[str, Counter[str]]
    by_language: dict[str, Counter[str]]
    unassigned: Counter[str]  # events whose agency is not in the profile (a removed agency, an unused photo)


def build_report(events: list[Event], profile: Profile, period: Period, today: dt.date) -> Report:
    """Counts of distinct things: an entry published and then edited in the same period counts as published only,
    an entry edited ten times as updated once, a photo or a translation once."""
    quarters = period.quarters()
    seen: dict[tuple[str, str], set[tuple[str, str, str, str]]] = {}  # (agency, metric) -> (key, kind, cat, lang)
    contributed: set[tuple[str, str]] = set()  # (agency, quarter label)
    for event in events:
        if event.day not in period:
            continue
        metric = _EVENT_METRIC[event.what]
        key = event.entry_id if metric in ("created", "updated", "withdrawn") else event.path
        seen.setdefault((event.agency, metric), set()).add((key, event.kind, event.category, event.language))
        if event.what in ("created", "updated", "translation"):  # contributing information, not only removing it
            quarter = next(q for q in quarters if event.day in q)
            contributed.add((event.agency, quarter.label))
    for agency in {agency for agency, _ in seen}:
        created = {item[0] for item in seen.get((agency, "created"), set())}
        updated = seen.get((agency, "updated"), set())
        seen[(agency, "updated")] = {item for item in updated if item[0] not in created}
    rows = {code: AgencyRow(code) for code in profile.agencies}
    unassigned: Counter[str] = Counter()
    groups: dict[str, dict[str, Counter[str]]] = {"kind": {}, "category": {}, "language": {}}
    for (agency, metric), items in seen.items():
        counts = rows[agency].counts if agency in rows else unassigned
        counts[metric] += len(items)
        for _, kind, category, language in items:
            for group, code in (("kind", kind), ("category", category), ("language", language)):
                if code:
                    groups[group].setdefault(code, Counter())[metric] += 1
    for row in rows.values():
        for quarter in quarters:
            done = (row.code, quarter.label) in contributed
            row.quarters[quarter.label] = True if done else (None if quarter.end > today else False)
    return Report(period, today, list(rows.values()), groups["kind"], groups["category"], groups["language"],
                  unassigned)


# -- the tables, in any format --------------------------------------------------------------------------

def _duty_text(row: AgencyRow) -> str:
    marks = {True: "✓", False: "✗", None: "…"}
    return " ".join(f"{label[-2:]} {marks[done]}" for label, done in row.quarters.items())


def agency_table(report: Report, profile: Profile) -> tuple[list[str], list[list[object]]]:
    """The agencies' table: bilingual headings from the profile, one row per agency."""
    headings = [" / ".join(dict.fromkeys(c.label.get(lang, "") for lang in ("vi", "en") if c.label.get(lang)))
                for c in profile.report_columns]
    rows: list[list[object]] = []
    for row in report.agencies:
        names = profile.agencies[row.code]["name"]
        cells: list[object] = []
        for column in profile.report_columns:
            if column.metric == "agency":
                cells.append(profile.text(names, profile.default_language))
            elif column.metric == "quarters":
                cells.append(_duty_text(row))
            else:
                cells.append(row.counts[column.metric])
        rows.append(cells)
    return headings, rows


_TOTAL_HEADINGS = ["Mới / Published", "Cập nhật / Updated", "Gỡ / Withdrawn", "Ảnh / Photos",
                   "Bản dịch / Translations"]


def total_tables(report: Report, profile: Profile) -> list[tuple[str, list[str], list[list[object]]]]:
    """Totals by kind, by category and by language: (title, headings, rows)."""
    from quangba.model import KINDS

    def label(group: str, code: str) -> str:
        if group == "kind" and code in KINDS:
            return f"{KINDS[code].label['vi']} / {KINDS[code].label['en']}"
        if group == "category" and code in profile.categories:
            texts = profile.categories[code]["label"]
            return f"{texts.get('vi', code)} / {texts.get('en', code)}"
        if group == "language":
            return next((lang.name for lang in profile.languages if lang.code == code), code)
        return code

    tables = []
    for group, title, counts in (("kind", "Theo loại / By kind", report.by_kind),
                                 ("category", "Theo lĩnh vực / By category", report.by_category),
                                 ("language", "Theo ngôn ngữ / By language", report.by_language)):
        rows = [[label(group, code), *(counter[m] for m in METRICS)] for code, counter in sorted(counts.items())]
        tables.append((title, ["", *_TOTAL_HEADINGS], rows))
    return tables


def title(report: Report, profile: Profile) -> str:
    period = report.period
    last = period.end - dt.timedelta(days=1)
    return (f"Báo cáo thông tin đối ngoại kỳ {period.label} ({period.start.isoformat()} – {last.isoformat()}), "
            f"{profile.text(profile.name, 'vi')} / Foreign-information report for {period.label}, "
            f"{profile.text(profile.name, 'en')}")


def markdown(report: Report, profile: Profile) -> str:
    """For people and for the workflow's step summary on GitHub."""
    def table(headings: list[str], rows: list[list[object]]) -> list[str]:
        def cell(value: object) -> str:
            text = number(value, "vi") if isinstance(value, int) else str(value)
            return text.replace("|", "\\|")
        lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
        return lines

    out = [f"# {title(report, profile)}", ""]
    missed = [r for r in report.agencies if r.met_duty is False]
    out.append(f"Cơ quan chưa cung cấp thông tin đủ các quý / Agencies that missed a quarter: {len(missed)} / "
               f"{len(report.agencies)}. ✓ có / yes · ✗ không / no · … quý chưa kết thúc / quarter not over.")
    out.append("")
    out += table(*agency_table(report, profile))
    for heading, headings, rows in total_tables(report, profile):
        out += ["", f"## {heading}", ""]
        out += table(headings, rows) if rows else ["Không có hoạt động. / No activity."]
    if report.unassigned:
        out += ["", "Không thuộc cơ quan nào trong hồ sơ / Not attributed to an agency of the profile: "
                + ", ".join(f"{k} {v}" for k, v in sorted(report.unassigned.items()))]
    return "\n".join(out) + "\n"


def csv_text(report: Report, profile: Profile) -> bytes:
    """The agencies' table as CSV, UTF-8 with its mark so that Excel reads Vietnamese."""
    headings, rows = agency_table(report, profile)
    return spreadsheet_csv([headings, *rows])


def xlsx(report: Report, profile: Profile) -> bytes:
    """A workbook: the agencies' table, then the totals, each on its own sheet (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Co quan - Agencies"
    sheet.append([title(report, profile)])
    sheet["A1"].font = Font(bold=True)
    headings, rows = agency_table(report, profile)
    sheet.append(headings)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 48
    for heading, table_headings, table_rows in total_tables(report, profile):
        totals = book.create_sheet(heading.split(" / ")[1])
        totals.append([heading])
        totals.append(table_headings)
        for row in table_rows:
            totals.append(row)
        totals.column_dimensions["A"].width = 40
    book.properties.creator = "quangba"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
