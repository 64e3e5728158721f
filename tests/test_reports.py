"""The periodic report over a scratch history of a year, its counts worked out by hand from the commits below."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from quangba.editing.activity import read_events
from quangba.editing.cli import main
from quangba.editing.reports import METRICS, build_report, parse_period
from quangba.editing.translations import photo_agencies
from quangba.profile import load_profile
from tests.conftest import Git, Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"
B_VI = "content/vi/investment/wind-farm.md"
B_EN = "content/en/investment/wind-farm.md"


@pytest.fixture
def year(project: Project) -> Project:
    """2025, commit by commit:
    Q1 02-10  so-vhttdl publishes A (gong festival) with its English translation and photo gong.jpg
    Q2 05-05  so-tai-chinh adds B as a draft, Vietnamese only (not published: counts for nothing)
    Q2 05-20  so-vhttdl edits A's text
    Q3 08-01  so-tai-chinh publishes B with its English translation and a new photo
    Q3 09-15  so-vhttdl withdraws A
    Q4 10-05  so-tai-chinh edits B; Q4 11-20 edits it again"""
    git = Git(project.root)
    git.commit("A", "2025-02-10T09:00:00+07:00")
    b = (project.read(VI).replace("2025-test-entry", "2025-wind-farm").replace("agency: so-vhttdl",
                                                                           "agency: so-tai-chinh")
         .replace("category: culture", "category: investment").replace("status: published", "status: draft")
         .replace("assets/photos/culture/gong.jpg", "assets/photos/investment/wind.jpg"))
    project.write(B_VI, b)
    git.commit("B drafted", "2025-05-05T09:00:00+07:00")
    project.edit(VI, "Nội dung bài viết.", "Nội dung bài viết, sửa lại.")
    git.commit("A edited", "2025-05-20T09:00:00+07:00")
    project.edit(B_VI, "status: draft", "status: published")
    project.write(B_EN, project.read(EN).replace("assets/photos/culture/gong.jpg", "assets/photos/investment/wind.jpg"))
    project.photo("assets/photos/investment/wind.jpg")
    git.commit("B published", "2025-08-01T09:00:00+07:00")
    project.edit(VI, "status: published", "status: withdrawn\nwithdrawn: 2025-09-15")
    git.commit("A withdrawn", "2025-09-15T09:00:00+07:00")
    project.edit(B_VI, "Nội dung bài viết.", "Nội dung bài viết, bản mới.")
    git.commit("B edited", "2025-10-05T09:00:00+07:00")
    project.edit(B_VI, "bản mới.", "bản mới nhất.")
    git.commit("B edited again", "2025-11-20T23:30:00+07:00")
    return project


def report_rows(project: Project, period: str, today: dt.date = dt.date(2026, 1, 15)) -> dict[str, dict]:
    profile = load_profile(project.root)
    events = read_events(project.root, profile, photo_agencies(project.root, profile))
    built = build_report(events, profile, parse_period(period, today), today)
    return {row.code: {**{m: row.counts[m] for m in METRICS}, "quarters": row.quarters, "met": row.met_duty}
            for row in built.agencies}


def test_a_year_counts_what_each_agency_did(year: Project) -> None:
    rows = report_rows(year, "2025")
    culture, finance = rows["so-vhttdl"], rows["so-tai-chinh"]
    # A: published in Q1 and edited in Q2 of the same year counts as published only; then withdrawn.
    assert (culture["created"], culture["updated"], culture["withdrawn"]) == (1, 0, 1)
    assert (culture["photos"], culture["translations"]) == (1, 1)
    assert culture["quarters"] == {"2025-Q1": True, "2025-Q2": True, "2025-Q3": False, "2025-Q4": False}
    assert culture["met"] is False  # a withdrawal is not a contribution
    assert (finance["created"], finance["updated"], finance["photos"], finance["translations"]) == (1, 0, 1, 1)
    assert finance["quarters"] == {"2025-Q1": False, "2025-Q2": False, "2025-Q3": True, "2025-Q4": True}
    assert rows["so-cong-thuong"]["quarters"] == dict.fromkeys(culture["quarters"], False)


def test_a_quarter_counts_an_entry_edited_twice_as_updated_once(year: Project) -> None:
    finance = report_rows(year, "2025-Q4")["so-tai-chinh"]
    assert (finance["created"], finance["updated"]) == (0, 1)
    assert report_rows(year, "2025-H2")["so-vhttdl"]["withdrawn"] == 1
    assert report_rows(year, "2025-H1")["so-vhttdl"]["withdrawn"] == 0


def test_a_quarter_not_over_is_not_yet_missed(year: Project) -> None:
    rows = report_rows(year, "2025", today=dt.date(2025, 11, 1))
    assert rows["so-cong-thuong"]["quarters"]["2025-Q4"] is None and rows["so-cong-thuong"]["met"] is False
    assert rows["so-tai-chinh"]["quarters"]["2025-Q4"] is True


def run(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args, "--root", str(project.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_the_report_in_markdown_csv_and_xlsx(year: Project, tmp_path: Path) -> None:
    code, text = run(year, "--period", "2025")
    assert code == 0
    assert "| Sở Tài chính | 1 | 0 | 0 | 1 | 1 | Q1 ✗ Q2 ✗ Q3 ✓ Q4 ✓ |" in text
    assert "Agencies that missed a quarter: 7 / 7" in text
    code, _ = run(year, "--period", "2025", "--format", "csv", "--output", str(tmp_path / "r.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0][0] == "Cơ quan, đơn vị / Agency" and rows[1][:6] == ["Sở Văn hóa, Thể thao và Du lịch", "1", "0",
                                                                      "1", "1", "1"]
    code, _ = run(year, "--period", "2025", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert [c.value for c in sheet[4]][:6] == ["Sở Tài chính", 1, 0, 0, 1, 1]
    code, output = run(year, "--period", "2025", "--format", "xlsx")
    assert code == 2 and "needs --output" in output


def test_the_columns_follow_the_profile(year: Project) -> None:
    profile = yaml.safe_load(year.read("province.yml"))
    profile["reports"] = {"columns": [{"metric": "agency", "label": {"vi": "Đơn vị", "en": "Unit"}},
                                      {"metric": "quarters", "label": {"vi": "Hằng quý", "en": "Quarterly"}}]}
    year.write("province.yml", yaml.safe_dump(profile, allow_unicode=True))
    code, text = run(year, "--period", "2025-Q3", "--format", "csv")
    assert code == 0
    assert text.splitlines()[0] == "Đơn vị / Unit,Hằng quý / Quarterly"


@pytest.mark.parametrize(("period", "message"), [
    ("2025-Q5", "`2025-Q5` is not understood"), ("2025/3", "is not understood"), ("2025-H3", "not understood"),
    ("2099", "has not begun"),
])
def test_a_bad_period_is_explained(year: Project, period: str, message: str) -> None:
    code, output = run(year, "--period", period)
    assert code == 1 and message in output and "Traceback" not in output


def test_a_shallow_clone_is_refused_with_the_fix(year: Project, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{year.root}", str(shallow)], check=True)
    result = CliRunner().invoke(main, ["report", "--period", "2025", "--root", str(shallow)])
    assert result.exit_code == 1 and "fetch-depth: 0" in result.output


def test_a_folder_without_history_is_refused(project: Project) -> None:
    code, output = run(project, "--period", "2025")
    assert code == 1 and "not a git repository" in output
