"""Vietnamese typed in a legacy encoding: recognised in every field and paragraph, refused in published content,
converted exactly by ``--fix``, and never confused with correct Vietnamese or English."""

from __future__ import annotations

import importlib.metadata
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from quangba.editing.cli import main
from quangba.sources.legacy import (
    DECODERS,
    ENCODERS,
    Encoding,
    is_syllable,
    judge,
    judge_paragraph,
    paragraphs,
    vietnamese_letters,
)
from tests.conftest import REPO, Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"
TEXTS = REPO / "tests/fixtures/texts"
LETTERS = vietnamese_letters()
# TCVN3 (ABC) has codes for the lower-case letters and seven capitals; the other capitals were typed with the
# same codes in an all-capitals font.
TCVN3_CAPITALS = set("ĂÂĐÊÔƠƯ")


def letters_of(encoding: Encoding) -> list[str]:
    if encoding is Encoding.TCVN3:
        return [c for c in LETTERS if c.islower() or c in TCVN3_CAPITALS]
    return LETTERS


def test_the_alphabet_has_every_vietnamese_letter() -> None:
    assert len(LETTERS) == 134 and len(set(LETTERS)) == 134
    assert {"ệ", "Ự", "đ", "Đ", "ỹ", "Ỵ", "ẳ"} <= set(LETTERS)


@pytest.mark.parametrize("encoding", list(Encoding))
def test_every_letter_round_trips(encoding: Encoding) -> None:
    encode, decode = ENCODERS[encoding], DECODERS[encoding]
    for letter in letters_of(encoding):
        written = encode(letter)  # the same character for a few ("ý" is 0xFD in TCVN3 and Windows-1252)
        assert decode(written) == letter, (encoding, letter, written)
    for letter in letters_of(encoding):  # and inside a word (đ begins one)
        word = f"{letter}an" if letter in "đĐ" else f"t{letter}n"
        assert decode(encode(word)) == word, (encoding, word)


# Legacy text as it really arrives, written here by hand (not by our encoders): the converter must agree.
KNOWN = [
    (Encoding.TCVN3, "Kh«ng gian v¨n ho¸ cång chiªng T©y Nguyªn", "Không gian văn hoá cồng chiêng Tây Nguyên"),
    (Encoding.TCVN3, "LÔ héi", "Lễ hội"),
    (Encoding.TCVN3, "N\xadíc m¾m Phan ThiÕt", "Nước mắm Phan Thiết"),  # 0xAD: ư, a soft hyphen in Windows-1252
    (Encoding.TCVN3, "§µ L¹t", "Đà Lạt"),
    (Encoding.VNI, "Tieáng Vieät laø ngoân ngöõ chính thöùc", "Tiếng Việt là ngôn ngữ chính thức"),
    (Encoding.VNI, "Ñaø Laït thaønh phoá ngaøn hoa", "Đà Lạt thành phố ngàn hoa"),
    (Encoding.VIQR, "Tie^'ng Vie^.t la` ngo^n ngu+~ chi'nh thu+'c", "Tiếng Việt là ngôn ngữ chính thức"),
    (Encoding.VIQR, "DDa` La.t tha`nh pho^' nga`n hoa", "Đà Lạt thành phố ngàn hoa"),
    (Encoding.WINDOWS_1258, "Tiê\u0301ng Viê\u0323t".encode("cp1258").decode("cp1252"), "Tiếng Việt"),
    (Encoding.UTF8_AS_1252, "Lá»… há»™i cá»“ng chiÃªng", "Lễ hội cồng chiêng"),
    (Encoding.UTF8_AS_1252, "Ä\x90Ã\xa0 Láº¡t", "Đà Lạt"),  # Đ is C4 90 and à is C3 A0: no Windows-1252 name
]


@pytest.mark.parametrize(("encoding", "legacy", "unicode"), KNOWN, ids=[k[1][:20] for k in KNOWN])
def test_real_legacy_text_is_recognised_and_converted(encoding: Encoding, legacy: str, unicode: str) -> None:
    verdict = judge(legacy)
    assert verdict is not None and verdict.encoding is encoding
    assert verdict.convert(legacy) == unicode


def test_tcvn3_typed_in_an_all_capitals_font_comes_back_in_capitals() -> None:
    verdict = judge("QUYÕT §ÞNH ban hµnh quy chÕ")
    assert verdict is not None and verdict.convert("QUYÕT §ÞNH ban hµnh quy chÕ") == "QUYẾT ĐỊNH ban hành quy chế"


def _long_paragraphs() -> list[str]:
    found = []
    for file in sorted(TEXTS.glob("vi-*.txt")):
        for _, _, paragraph in paragraphs(file.read_text(encoding="utf-8")):
            if not paragraph.isascii():
                found.append(paragraph)
    return found


LONG = _long_paragraphs()


@pytest.mark.parametrize("encoding", list(Encoding))
def test_every_paragraph_of_four_regulations_is_recognised_and_restored(encoding: Encoding) -> None:
    assert len(LONG) > 400  # four provincial regulations, about 120 KB of real Vietnamese
    checked = 0
    for paragraph in LONG:
        if encoding is Encoding.TCVN3 and any(c.isupper() and not c.isascii() and c not in TCVN3_CAPITALS
                                              for c in paragraph):
            continue  # capitals TCVN3 cannot write (see the all-capitals test)
        legacy = ENCODERS[encoding](paragraph)
        verdict = judge_paragraph(legacy)
        assert verdict is not None and verdict.encoding is encoding, (paragraph[:80], legacy[:80])
        assert verdict.convert(legacy) == paragraph
        checked += 1
    assert checked > 300


def _english_texts() -> dict[str, str]:
    """Long real English: the documentation and licences of the packages this project installs."""
    texts = {}
    for name in ("mkdocs-material", "mkdocs", "Jinja2", "click", "jsonschema", "PyYAML", "pillow", "Babel",
                 "Markdown", "pytest", "playwright", "beautifulsoup4"):
        dist = importlib.metadata.distribution(name)
        texts[name] = dist.metadata.get_payload() or dist.metadata.get("Description") or ""
        for file in dist.files or []:
            if "LICEN" in file.name.upper():
                texts[f"{name}/{file.name}"] = Path(str(file.locate())).read_text(encoding="utf-8", errors="ignore")
    return texts


def test_no_false_alarm_on_correct_vietnamese_and_english() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in TEXTS.glob("*.txt")}
    texts |= {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.md")}
    texts |= {"README.md": (REPO / "README.md").read_text(encoding="utf-8")} | _english_texts()
    assert sum(map(len, texts.values())) > 400_000
    alarms = [(name, paragraph[:80]) for name, text in texts.items() for _, _, paragraph in paragraphs(text)
              if judge_paragraph(paragraph) is not None]
    assert alarms == []


@pytest.mark.parametrize("text", ["Chí Hòa", "Cà Mau", "Bà Rá", "«Không gian văn hóa»", "Café Mélodie à Paris",
                                  "Hello. Who are you? I'm fine, he'd go at 9 a.m.", "Ingy döt Net", "K'Ho và M'Nông",
                                  "Sở Văn hóa, Thể thao và Du lịch", "NĐ-CP, QĐ-UBND, TT&TT", "e^x + a(b) = C++"])
def test_short_correct_texts_are_left_alone(text: str) -> None:
    assert judge(text) is None


@pytest.mark.parametrize(("word", "valid"), [("hóa", True), ("hoá", True), ("thủy", True), ("thuỷ", True),
                                              ("nghiêng", True), ("khuỷu", True), ("giữa", True), ("quốc", True),
                                              ("gìn", True), ("hôì", False), ("héi", False), ("Kh«ng", False),
                                              ("Vieät", False), ("cafe", False), ("hệt", True), ("cá̀", False)])
def test_vietnamese_syllables(word: str, valid: bool) -> None:
    assert is_syllable(word) is valid


def validate(project: Project, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def test_a_tcvn3_title_in_a_published_entry_is_an_error_showing_the_converted_text(project: Project) -> None:
    project.edit(VI, "title: Lễ hội cồng chiêng", "title: LÔ héi cång chiªng")
    code, problems = validate(project)
    assert code == 1
    [problem] = [p for p in problems if p["rule"] == "legacy-encoding"]
    assert (problem["file"], problem["line"], problem["field"], problem["severity"]) == (VI, 4, "title", "error")
    assert "Lễ hội cồng chiêng" in problem["vi"] and "Lễ hội cồng chiêng" in problem["en"]
    assert "TCVN3" in problem["vi"] and "TCVN3" in problem["en"]


def test_a_draft_keeps_legacy_text_as_a_warning(project: Project) -> None:
    project.edit(VI, "status: published", "status: draft")
    project.edit(VI, "Nội dung bài viết.", "Kh«ng gian v¨n ho¸ cång chiªng T©y Nguyªn")
    code, problems = validate(project)
    assert code == 0
    [problem] = [p for p in problems if p["rule"] == "legacy-encoding"]
    assert problem["severity"] == "warning" and problem["line"] == 26
    assert "Không gian văn hoá cồng chiêng Tây Nguyên" in problem["vi"]
    assert validate(project, "--strict")[0] == 1


def test_legacy_text_in_the_english_file_and_a_photo_caption_is_found_too(project: Project) -> None:
    project.edit(EN, "    caption: A gong festival night", "    caption: §ªm héi cång chiªng")
    code, problems = validate(project)
    assert code == 1
    [problem] = [p for p in problems if p["rule"] == "legacy-encoding"]
    assert (problem["file"], problem["field"], problem["line"]) == (EN, "photos[1].caption", 10)
    assert "Đêm hội cồng chiêng" in problem["en"]


def test_a_tcvn3_title_stops_the_build_with_the_converted_text(project: Project, run_build) -> None:
    project.add_portal()
    project.edit(VI, "title: Lễ hội cồng chiêng", "title: LÔ héi cång chiªng")
    result = run_build(project.root, project.root / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"{VI}:4" in output and "Lễ hội cồng chiêng" in output


@pytest.mark.parametrize("encoding", list(Encoding))
def test_fix_converts_each_encoding_exactly(project: Project, encoding: Encoding) -> None:
    title, summary = "Lễ hội cồng chiêng Tây Nguyên", "Đêm hội của đồng bào Cơ Ho bên bếp lửa, tiếng cồng vang xa."
    body = "Nội dung bài viết: những người nghệ nhân truyền dạy cách đánh cồng cho lớp trẻ ở Đà Lạt."
    caption = "Đêm hội cồng chiêng dưới trời sao"
    original = project.read(VI)
    unicode = (original.replace("title: Lễ hội cồng chiêng", f"title: {title}")
               .replace("summary: Tóm tắt bài viết.", f"summary: {summary}")
               .replace("caption: Đêm hội cồng chiêng", f"caption: {caption}")
               .replace("Nội dung bài viết.", body))
    encode = ENCODERS[encoding]
    legacy = (original.replace("title: Lễ hội cồng chiêng", f"title: {encode(title)}")
              .replace("summary: Tóm tắt bài viết.", f"summary: {encode(summary)}")
              .replace("caption: Đêm hội cồng chiêng", f"caption: {encode(caption)}")
              .replace("Nội dung bài viết.", encode(body)))
    project.write(VI, legacy)
    assert validate(project)[0] == 1
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--fix"])
    assert result.exit_code == 0, result.output
    assert project.read(VI) == unicode
    assert "→ Unicode: 4" in result.stderr


def test_fix_also_normalises_and_drops_the_bom_in_the_same_pass(project: Project) -> None:
    text = project.read(VI).replace("title: Lễ hội cồng chiêng", "title: LÔ héi cång chiªng")
    project.write(VI, b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8"))
    code, _ = validate(project, "--fix")
    assert code == 0
    fixed = (project.root / VI).read_bytes().decode("utf-8")
    assert "title: Lễ hội cồng chiêng\n" in fixed and unicodedata.is_normalized("NFC", fixed)
