"""Problems found in an editor's files, and how they are shown.

Every rule reports through :class:`Problem`, so the command line, the MkDocs build and GitHub annotations
print the same bilingual message for the same mistake.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from quangba.language import both, number


class Severity(StrEnum):
    """How much a problem matters. An error refuses the build; a warning is something the editor should fix and
    refuses a strict build; an info says what the build does for the editor and never refuses anything."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place, explained in Vietnamese first and then English."""

    file: str
    line: int
    rule: str
    field: str
    vi: str
    en: str
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by file and line so a report reads top to bottom."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.rule, p.field, p.vi))


def cap_per_file(problems: list[Problem], limit: int) -> list[Problem]:
    """At most ``limit`` problems per file, then one that counts the rest: a hostile file must not make the
    report itself a flood ("… and 269,990 more")."""
    kept: list[Problem] = []
    shown: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    worst: dict[str, Severity] = {}
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for problem in problems:
        if shown[problem.file] < limit:
            shown[problem.file] += 1
            kept.append(problem)
            continue
        extra[problem.file] += 1
        if order[problem.severity] < order[worst.get(problem.file, Severity.INFO)]:
            worst[problem.file] = problem.severity
    for file, more in extra.items():
        kept.append(Problem(file, 0, "more-problems", "", f"… và {number(more, 'vi')} lỗi khác trong tệp này.",
                            f"… and {number(more, 'en')} more in this file.", worst.get(file, Severity.INFO)))
    return sort_problems(kept)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def refuses(problems: Iterable[Problem], strict: bool) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when the build is strict."""
    stopping = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return [p for p in problems if p.severity in stopping]


_SEVERITY_WORD = {Severity.ERROR: ("lỗi", "error"), Severity.WARNING: ("cảnh báo", "warning"),
                  Severity.INFO: ("thông tin", "info")}


def describe(p: Problem) -> str:
    """One problem as three lines: where and which rule, then the Vietnamese and English explanations."""
    vi_word, en_word = _SEVERITY_WORD[p.severity]
    where = f"{p.file}:{p.line}" if p.line else p.file
    field = f" [{p.field}]" if p.field else ""
    return f"{where}: {vi_word}/{en_word} {p.rule}{field}\n    vi: {p.vi}\n    en: {p.en}"


def format_text(problems: list[Problem]) -> str:
    """A report for a person at a terminal: where, what, and how to fix it, in both languages."""
    lines = [describe(p) for p in problems]
    lines.append(summary(problems))
    return "\n".join(lines)


def summary(problems: list[Problem]) -> str:
    """How many problems of each level, in both languages: "1 lỗi, 2 cảnh báo / 1 error, 2 warnings"."""
    tally = Counter(p.severity for p in problems)
    items = [(tally[Severity.ERROR], "error"), (tally[Severity.WARNING], "warning")]
    if tally[Severity.INFO]:
        items.append((tally[Severity.INFO], "info"))
    vi, en = both(items)
    return f"{vi} / {en}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its file and line."""
    out: list[str] = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
        title = f"{p.rule} {p.field}".strip()
        props.append(f"title={_escape_property(title)}")
        level = "notice" if p.severity is Severity.INFO else str(p.severity)  # GitHub's name for the info level
        out.append(f"::{level} {','.join(props)}::{_escape_data(p.vi + chr(10) + p.en)}")
    return "\n".join(out)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def format_markdown(problems: list[Problem]) -> str:
    """The whole report for people, in both languages, as Markdown (GitHub's step summary shows it under the
    annotations, which GitHub caps at 10 errors a step)."""
    if not problems:
        return "### quangba validate\n\nKhông có lỗi. / No problems.\n"
    out = ["### quangba validate", "", summary(problems), ""]
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    for file, found in by_file.items():
        out += [f"#### `{file}`", "", "| Dòng / Line | Mức / Level | Trường / Field | Tiếng Việt | English |",
                "|---|---|---|---|---|"]
        out += [f"| {p.line} | {p.severity} `{p.rule}` | {_cell(p.field)} | {_cell(p.vi)} | {_cell(p.en)} |"
                for p in found]
        out.append("")
    return "\n".join(out)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json, "markdown": format_markdown}
