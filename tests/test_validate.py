"""Every validator rule: a file that breaks it gets a bilingual message naming file, line and fix, and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from quangba.editing.cli import main
from tests.conftest import Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"


def validate(project: Project, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


@dataclass
class Case:
    rule: str
    breaks: Callable[[Project], None]
    file: str
    line: int
    vi: str  # a fragment the Vietnamese message must contain
    en: str  # a fragment the English message must contain
    field: str = ""


CASES = [
    Case("bom", lambda p: p.write(VI, b"\xef\xbb\xbf" + p.read(VI).encode()), VI, 1, "BOM", "byte-order mark"),
    Case("encoding", lambda p: p.write(VI, p.read(VI).encode("utf-8").replace("Nội".encode(), b"N\xf4i")),
         VI, 26, "không phải UTF-8", "not UTF-8"),
    Case("nfc", lambda p: p.edit(VI, "Lễ hội cồng chiêng", unicodedata.normalize("NFD", "Lễ hội cồng chiêng")),
         VI, 4, "NFC", "NFC"),
    Case("tab", lambda p: p.edit(VI, "  name: Đà Lạt", "\tname: Đà Lạt"), VI, 15, "Tab", "Tab"),
    Case("front-matter", lambda p: p.write(VI, "# Chỉ có nội dung\n"), VI, 1, "bắt đầu bằng một dòng `---`",
         "must start with a `---` line"),
    Case("yaml", lambda p: p.edit(VI, "summary: Tóm tắt bài viết.", "summary: [Tóm tắt"), VI, 6, "YAML",
         "not valid YAML"),
    Case("duplicate-field", lambda p: p.edit(VI, "summary: Tóm tắt bài viết.\n",
                                             "summary: Tóm tắt bài viết.\ntitle: Lần hai\n"),
         VI, 6, "ghi hai lần", "written twice", "title"),
    Case("required", lambda p: p.edit(VI, "agency: so-vhttdl\n", ""), VI, 2, "Thiếu trường bắt buộc `agency`",
         "required field `agency`", "agency"),
    Case("unknown-field", lambda p: p.edit(EN, "title:", "titel:"), EN, 2, "Có phải ý bạn là `title`",
         "Did you mean `title`", "titel"),
    Case("type", lambda p: p.edit(VI, "  lat: 11.94", "  lat: mười một"), VI, 16, "phải là số", "must be a number",
         "place.lat"),
    Case("invalid-value", lambda p: p.edit(VI, "status: published", "status: public"), VI, 11,
         "Chọn một trong: `draft`", "Choose one of: `draft`", "status"),
    Case("unknown-category", lambda p: p.edit(VI, "category: culture", "category: culure"), VI, 6,
         "Có phải ý bạn là `culture`", "Did you mean `culture`", "category"),
    Case("unknown-agency", lambda p: p.edit(VI, "agency: so-vhttdl", "agency: so-tttt"), VI, 8,
         "không có trong hồ sơ tỉnh", "not in the province profile", "agency"),
    Case("unknown-licence", lambda p: p.edit(VI, "licence: cc-by-4.0", "licence: cc-by-5.0"), VI, 13,
         "Mã giấy phép", "licence code", "licence"),
    Case("unknown-tag", lambda p: p.edit(VI, "tags: [festival]", "tags: [festivals]"), VI, 7,
         "Mã thẻ `festivals`", "tag code `festivals`", "tags[1]"),
    Case("date", lambda p: p.edit(VI, "issued: 2025-07-01", "issued: 2025-02-30"), VI, 9,
         "không phải ngày có thật", "not a real date", "issued"),
    Case("date-order", lambda p: p.edit(VI, "updated: 2025-08-01", "updated: 2025-06-01"), VI, 10,
         "trước ngày ban hành", "before the issue date", "updated"),
    Case("code-format", lambda p: p.edit(VI, "id: 2025-test-entry", "id: Lễ-hội"), VI, 2,
         "chữ thường không dấu", "lower-case ASCII", "id"),
    Case("classification", lambda p: p.edit(VI, "classification: public", "classification: secret"), VI, 12,
         "không công khai", "not public", "classification"),
    Case("photo-missing", lambda p: p.edit(VI, "file: assets/photos/culture/gong.jpg",
                                           "file: assets/photos/culture/gongs.jpg"),
         VI, 19, "Có phải là `assets/photos/culture/gong.jpg`", "Did you mean `assets/photos/culture/gong.jpg`",
         "photos[1].file"),
    Case("photo-outside-assets", lambda p: p.edit(VI, "file: assets/photos/culture/gong.jpg", "file: ../gong.jpg"),
         VI, 19, "phải nằm trong thư mục `assets/`", "must be inside the `assets/` folder", "photos[1].file"),
    Case("photo-name", lambda p: (p.photo("assets/photos/culture/Cồng Chiêng.jpg"),
                                  p.edit(VI, "file: assets/photos/culture/gong.jpg",
                                         "file: assets/photos/culture/Cồng Chiêng.jpg")),
         VI, 19, "cong-chieng.jpg", "cong-chieng.jpg", "photos[1].file"),
    Case("photo-format", lambda p: (p.write("assets/photos/culture/gong.svg", "<svg/>"),
                                    p.edit(VI, "file: assets/photos/culture/gong.jpg",
                                           "file: assets/photos/culture/gong.svg")),
         VI, 19, "đuôi không được chấp nhận", "extension that is not accepted", "photos[1].file"),
    Case("empty", lambda p: p.edit(EN, "    alt: Artisans playing gongs", "    alt: ''"), EN, 9,
         "không được để trống", "must not be empty", "photos[1].alt"),
    Case("photo-text-missing", lambda p: p.edit(EN, "file: assets/photos/culture/gong.jpg",
                                                "file: assets/photos/culture/other.jpg"),
         EN, 7, "chưa có mô tả thay thế", "has no alt text", "photos"),
    Case("shared-mismatch", lambda p: p.edit(EN, "title: The gong festival", "title: The gong festival\n"
                                                                              "category: tourism"),
         EN, 3, "khác với bản gốc", "differs from the source", "category"),
    Case("reviewer", lambda p: p.edit(EN, "  reviewer: Nguyễn Văn A\n", ""), EN, 4, "người hiệu đính",
         "name its reviewer", "translation.reviewer"),
    Case("missing-translation", lambda p: (p.root / EN).unlink(), VI, 1, "Thiếu bản dịch `content/en/",
         "translation `content/en/culture/gong-festival.md` is missing"),
    Case("orphan-translation", lambda p: p.write("content/en/culture/lost.md", p.read(EN)),
         "content/en/culture/lost.md", 1, "Không có bản tiếng gốc", "no source file"),
    Case("file-name", lambda p: (p.write("content/vi/culture/Lễ Hội.md", p.read(VI).replace("2025-test-entry", "x-2")),
                                 p.write("content/en/culture/Lễ Hội.md", p.read(EN))),
         "content/vi/culture/Lễ Hội.md", 1, "culture/le-hoi.md", "culture/le-hoi.md"),
    Case("location", lambda p: p.edit(VI, "category: culture", "category: tourism"), VI, 6,
         "content/vi/tourism/", "content/vi/tourism/", "category"),
    Case("generated-page", lambda p: (p.write("content/vi/culture/index.md", "---\nkind: page\ntitle: Văn hóa\n---\n"),
                                      p.write("content/en/culture/index.md", "---\ntitle: Culture\n---\n")),
         "content/vi/culture/index.md", 1, "tự sinh", "is generated"),
    Case("home-page", lambda p: (p.root / "content/en/index.md").unlink(), "content/en/index.md", 1,
         "Thiếu trang chủ", "home page"),
    Case("duplicate-id", lambda p: (p.write("content/vi/culture/copy.md", p.read(VI)),
                                    p.write("content/en/culture/copy.md", p.read(EN))),
         "content/vi/culture/copy.md", 2, "đã được dùng ở content/vi/culture/gong-festival.md",
         "already used by content/vi/culture/gong-festival.md", "id"),
    Case("too-few", lambda p: p.edit(VI, "kind: article", "kind: photo-story"), VI, 18, "ít nhất 3 mục",
         "at least 3 items", "photos"),
    Case("photo-unknown", lambda p: p.edit(EN, "    caption: A gong festival night\n",
                                           "    caption: A gong festival night\n  - file: assets/photos/x.jpg\n"
                                           "    alt: X\n    caption: X\n"),
         EN, 11, "không có trong danh sách ảnh", "not among the photos", "photos[2].file"),
]


def test_the_untouched_project_is_valid(project: Project) -> None:
    code, problems = validate(project)
    assert (code, problems) == (0, [])


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_each_rule_reports_file_line_field_and_both_languages(project: Project, case: Case) -> None:
    case.breaks(project)
    code, problems = validate(project)
    assert code == 1
    found = [p for p in problems if p["rule"] == case.rule]
    assert found, f"no {case.rule} problem in {problems}"
    problem = next((p for p in found if p["file"] == case.file), found[0])
    assert problem["file"] == case.file
    assert problem["line"] == case.line
    assert problem["severity"] == "error"
    assert case.vi in problem["vi"]
    assert case.en in problem["en"]
    if case.field:
        assert problem["field"] == case.field


def test_a_draft_may_wait_for_its_translation(project: Project) -> None:
    project.edit(VI, "status: published", "status: draft")
    (project.root / EN).unlink()
    code, problems = validate(project)
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [("missing-translation", "info")]


def test_one_run_reports_every_problem_in_every_file(project: Project) -> None:
    project.edit(VI, "category: culture", "category: culure")
    project.edit(VI, "issued: 2025-07-01", "issued: 2025-13-01")
    project.edit(EN, "title:", "titel:")
    project.write("content/en/culture/lost.md", project.read(EN))
    code, problems = validate(project)
    assert code == 1
    assert {(p["file"], p["rule"]) for p in problems} >= {
        (VI, "unknown-category"), (VI, "date"), (EN, "unknown-field"), (EN, "required"),
        ("content/en/culture/lost.md", "orphan-translation"),
    }


def test_fix_rewrites_nfd_and_bom_in_place_and_then_passes(project: Project) -> None:
    nfd = unicodedata.normalize("NFD", project.read(VI))
    project.write(VI, b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    code, problems = validate(project, "--fix")
    assert code == 0, problems
    raw = (project.root / VI).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert unicodedata.is_normalized("NFC", raw.decode("utf-8"))
    assert raw.decode("utf-8") == unicodedata.normalize("NFC", nfd)


def test_github_format_prints_annotations_on_the_line(project: Project) -> None:
    project.edit(VI, "category: culture", "category: culure")
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "github"])
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "unknown-category" in x)
    assert line.startswith(f"::error file={VI},line=6,title=unknown-category category::")
    assert "culure" in line and "%0A" in line  # Vietnamese, then English on the next line


def test_text_format_names_file_line_and_both_languages(project: Project) -> None:
    project.edit(EN, "title:", "titel:")
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root)])
    assert result.exit_code == 1
    assert f"{EN}:2: lỗi/error unknown-field [titel]" in result.stdout
    assert "    vi: Trường `titel`" in result.stdout
    assert "    en: The field `titel`" in result.stdout


def test_a_broken_profile_is_reported_not_raised(project: Project) -> None:
    project.write("province.yml", project.read("province.yml").replace("  cc-by-4.0:", "  CC BY:"))
    code, problems = validate(project)
    assert code == 1
    assert problems[0]["file"] == "province.yml"
    assert problems[0]["rule"] == "profile"
    assert problems[0]["line"] > 1


def test_the_fallback_format_cannot_stop_early(project: Project) -> None:
    """JPEG is what every browser, feed reader and the lightbox falls back to: it must exist at every width."""
    project.write("province.yml", project.read("province.yml").replace("widest:\n    avif: 1600",
                                                                         "widest:\n    jpeg: 1600"))
    code, problems = validate(project)
    assert code == 1
    assert [(p["file"], p["rule"], p["field"]) for p in problems] == [("province.yml", "profile", "media/widest")]


def test_the_real_command_exits_non_zero_without_a_traceback(project: Project) -> None:
    project.write(VI, "---\ntitle: [unclosed\n---\n")
    result = subprocess.run([sys.executable, "-m", "quangba", "validate", "--root", str(project.root)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "sai cú pháp YAML" in result.stdout and "not valid YAML" in result.stdout


def test_new_creates_a_valid_draft_pair(project: Project) -> None:
    result = CliRunner().invoke(main, ["new", "tourism", 'Hồ Tuyền Lâm: "viên ngọc" xanh', "--agency", "so-vhttdl",
                                       "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    vi = project.read("content/vi/tourism/ho-tuyen-lam-vien-ngoc-xanh.md")
    assert "status: draft" in vi and "Hồ Tuyền Lâm" in vi
    assert (project.root / "content/en/tourism/ho-tuyen-lam-vien-ngoc-xanh.md").is_file()
    code, problems = validate(project)
    # A fresh scaffold is incomplete on purpose: the editor must fill in texts and add the photo.
    assert code == 1
    assert {p["rule"] for p in problems} <= {"empty", "photo-missing"}


@pytest.mark.parametrize(("value", "vi", "en"), [(0, "0 lỗi", "0 errors"), (1, "1 lỗi", "1 error"),
                                                  (2, "2 lỗi", "2 errors"), (1234, "1.234 lỗi", "1,234 errors")])
def test_counts_read_correctly_in_both_languages(value: int, vi: str, en: str) -> None:
    from quangba.language import count

    assert count(value, "error", "vi") == vi and count(value, "error", "en") == en


def test_the_report_counts_one_warning_as_one_warning(project: Project) -> None:
    project.edit(VI, "status: published", "status: draft")
    project.edit(VI, "Nội dung bài viết.", "Kh«ng gian v¨n ho¸ cång chiªng T©y Nguyªn")
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root)])
    assert result.stdout.splitlines()[-1] == "0 lỗi, 1 cảnh báo / 0 errors, 1 warning"
    (project.root / EN).unlink()  # a draft may wait for its translation: the build only says so
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root)])
    assert result.stdout.splitlines()[-1] == "0 lỗi, 1 cảnh báo, 1 thông tin / 0 errors, 1 warning, 1 info message"
