"""Reading content files: front matter, body, and the line of every field.

Only safe YAML is read (libyaml's safe loader, ~8x faster than the pure-Python one). Dates stay strings
so that a wrong date is reported, not turned into a traceback or silently into another type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quangba.language import number
from quangba.problems import Problem, Severity
from quangba.profile import Limits
from quangba.sources.tree import Node
from quangba.yamlsafe import SafeLoader, line_map, nearest_line, refusal

CONTENT_DIR = "content"
BOM = b"\xef\xbb\xbf"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
Path_ = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One Markdown file of one language, as read from disk."""

    language: str
    rel_path: str  # relative to the language folder, e.g. "culture/gong-space.md"
    path: str  # relative to the project root, for messages, e.g. "content/vi/culture/gong-space.md"
    meta: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    yaml_text: str = ""
    text: str = ""  # the whole file, decoded
    problems: list[Problem] = field(default_factory=list)
    _lines: dict[Path_, int] | None = None

    @property
    def lines(self) -> dict[Path_, int]:
        """The line of every field; worked out only for files with a problem to report."""
        if self._lines is None:
            self._lines = {}
            try:
                node = yaml.compose(self.yaml_text, Loader=SafeLoader)
            except yaml.YAMLError:
                node = None
            if node is not None:
                line_map(node, (), self._lines)
            # Front matter starts on the file's second line.
            self._lines = {path: line + 1 for path, line in self._lines.items()}
        return self._lines

    def line_of(self, path: Path_) -> int:
        return nearest_line(self.lines, path)

    def make(self, rule: str, vi: str, en: str, *, field: str = "", line: int | None = None,
             at: Path_ | None = None, severity: Severity = Severity.ERROR) -> Problem:
        """A problem in this file; ``at`` is the field's path, whose line is looked up only now."""
        if at is not None:
            line = self.line_of(at)
        return Problem(self.path, line or 1, rule, field, vi, en, severity)

    def problem(self, rule: str, vi: str, en: str, *, field: str = "", line: int | None = None,
                at: Path_ | None = None, severity: Severity = Severity.ERROR) -> None:
        """Record a problem found while reading the file."""
        self.problems.append(self.make(rule, vi, en, field=field, line=line, at=at, severity=severity))


def read_source(root: Path, language: str, node: Node, limits: Limits) -> SourceFile:
    """Read one regular file of the tree; every problem found is recorded on it rather than raised."""
    rel = node.rel
    rel_path = rel[len(f"{CONTENT_DIR}/{language}/"):]
    source = SourceFile(language, rel_path, rel)
    if node.size > limits.file_bytes:
        source.problem(
            "too-large",
            f"Tệp nặng {number(node.size, 'vi')} byte, quá giới hạn {number(limits.file_bytes, 'vi')} byte của một "
            "bài (province.yml, mục `limits`); tệp không được đọc. Chia bài dài thành nhiều bài.",
            f"The file is {number(node.size, 'en')} bytes, over the {number(limits.file_bytes, 'en')}-byte limit for "
            "one entry (province.yml, section `limits`); it was not read. Split a long text into several entries.")
        return source
    raw = (root / rel).read_bytes()
    if raw.startswith(BOM):
        source.problem(
            "bom",
            "Tệp bắt đầu bằng dấu BOM. Lưu lại dạng UTF-8 không BOM, hoặc chạy `quangba validate --fix`.",
            "The file starts with a byte-order mark. Save it as UTF-8 without BOM, or run "
            "`quangba validate --fix`.",
        )
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.problem(
            "encoding",
            "Tệp không phải UTF-8 (có thể là bảng mã cũ TCVN3/VNI). Mở bằng trình soạn thảo và lưu lại dạng "
            "UTF-8, dùng bộ gõ Unicode.",
            "The file is not UTF-8 (perhaps a legacy TCVN3/VNI encoding). Open it in an editor and save it "
            "as UTF-8, typing with a Unicode keyboard.",
            line=line,
        )
        return source
    source.text = text
    match = FRONT_MATTER.match(text)
    if not match:
        source.problem(
            "front-matter",
            "Thiếu phần thông tin đầu tệp: tệp phải bắt đầu bằng một dòng `---`, các trường, rồi một dòng `---`.",
            "The front matter is missing: the file must start with a `---` line, the fields, then a `---` line.",
        )
        return source
    yaml_text = match.group(1) or ""
    source.body = text[match.end():]
    source.body_line = text[: match.end()].count("\n") + 1
    if len(source.body.encode("utf-8")) > limits.body_bytes:
        source.problem(
            "too-large",
            f"Nội dung bài dài quá {number(limits.body_bytes, 'vi')} byte (province.yml, mục `limits`). Chia bài dài "
            "thành nhiều bài.",
            f"The text is longer than {number(limits.body_bytes, 'en')} bytes (province.yml, section `limits`). "
            "Split a long text into several entries.", line=source.body_line)
        source.body = ""
    if len(yaml_text.encode("utf-8")) > limits.front_matter_bytes:
        source.problem(
            "too-large",
            f"Phần thông tin đầu tệp dài quá {number(limits.front_matter_bytes, 'vi')} byte (province.yml, mục "
            "`limits`) nên không được đọc. Phần này chỉ chứa các trường của bài; nội dung viết sau dòng `---`.",
            f"The front matter is longer than {number(limits.front_matter_bytes, 'en')} bytes (province.yml, section "
            "`limits`), so it was not read. It holds only the entry's fields; the text goes after the `---` line.",
            line=2)
        return source
    source.yaml_text = yaml_text
    for line_number, line_text in enumerate(yaml_text.splitlines(), start=2):
        if "\t" in line_text:
            source.problem(
                "tab",
                "Có ký tự Tab trong phần thông tin đầu tệp. YAML chỉ cho phép dấu cách: thay Tab bằng dấu cách.",
                "A Tab character is in the front matter. YAML allows only spaces: replace the Tab with spaces.",
                line=line_number,
            )
    refused = refusal(yaml_text, limits.depth)
    if refused:
        rule, line, vi, en = refused
        source.problem(rule, vi, en, line=line + 1)  # the front matter starts on the file's second line
        return source
    _parse_yaml(source, yaml_text)
    return source


def _parse_yaml(source: SourceFile, yaml_text: str) -> None:
    loader = SafeLoader(yaml_text)
    loader.duplicates = duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        detail = exc.problem or str(exc)
        source.problem(
            "yaml",
            f"Phần thông tin đầu tệp sai cú pháp YAML ({detail}). Kiểm tra dấu hai chấm, thụt lề bằng dấu "
            "cách, và đặt chữ có dấu `:` hoặc `#` trong ngoặc kép.",
            f"The front matter is not valid YAML ({detail}). Check colons, indent with spaces, and put text "
            "containing `:` or `#` in double quotes.",
            line=line,
        )
        return
    except yaml.YAMLError as exc:
        source.problem("yaml", f"Phần thông tin đầu tệp sai cú pháp YAML: {exc}",
                       f"The front matter is not valid YAML: {exc}")
        return
    finally:
        loader.dispose()
    for name, line in duplicates:
        source.problem(
            "duplicate-field",
            f"Trường `{name}` được ghi hai lần; chỉ giữ một.",
            f"The field `{name}` is written twice; keep only one.",
            field=name, line=line + 1,
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        source.problem(
            "front-matter",
            "Phần thông tin đầu tệp phải là danh sách `tên trường: giá trị`.",
            "The front matter must be a list of `field: value` lines.",
        )
        return
    source.meta = _project_paths(data)


def _project_paths(meta: dict[str, Any]) -> dict[str, Any]:
    """A file named from the project root may be written with a leading slash (the web editor writes
    `/assets/photos/x.jpg`): it is the same file as `assets/photos/x.jpg`, and is read as that."""
    def strip(value: Any) -> Any:
        return value[1:] if isinstance(value, str) and value.startswith("/assets/") else value

    if "file" in meta:
        meta["file"] = strip(meta["file"])
    photos = meta.get("photos")
    if isinstance(photos, list):
        for photo in photos:
            if isinstance(photo, dict) and "file" in photo:
                photo["file"] = strip(photo["file"])
    return meta
