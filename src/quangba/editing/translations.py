"""Translations that know their source: which translations are missing, drafts, stale or current, per entry and
per agency (``quangba status``), and marking a translation current (``quangba translated``).

A translation is stale when the version of the source text it records (``translation.source``) is not the
source's version now (see :mod:`quangba.sources.versions`). The version is written here, never by hand, in the
translation's own file, editing only that line so the editor's formatting and comments stay as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from quangba.atomic import write_atomically
from quangba.model import KINDS
from quangba.problems import has_errors
from quangba.profile import Profile
from quangba.sources.catalogue import read_groups
from quangba.sources.content import CONTENT_DIR, FRONT_MATTER, SourceFile
from quangba.sources.history import read_history
from quangba.sources.versions import recorded_version, source_version

# What a translation can be, in the order an agency should deal with them.
STATES = ("missing", "stale", "draft", "translated", "reviewed")
WAITING = ("missing", "stale", "draft")


@dataclass(frozen=True)
class TranslationState:
    id: str
    rel_path: str
    agency: str
    entry_status: str  # the entry's own status: draft, published, withdrawn
    language: str
    state: str  # one of STATES
    tracked: bool  # the translation records which source version it translates
    source_changed: str | None  # when the source file last changed (git history), YYYY-MM-DD


class NotMarked(Exception):
    """A translation cannot be marked current: ``args`` are the Vietnamese and English reasons."""


def photo_agencies(root: Path, profile: Profile) -> dict[str, str]:
    """Each photo file of the working tree's entries -> the agency of the (first) entry that shows it."""
    found: dict[str, str] = {}
    for files in read_groups(root, profile).values():
        meta = files.get(profile.default_language)
        meta_dict = meta.meta if meta is not None and isinstance(meta.meta, dict) else {}
        photos = meta_dict.get("photos")
        for photo in photos if isinstance(photos, list) else []:
            if isinstance(photo, dict) and isinstance(photo.get("file"), str):
                found.setdefault(photo["file"], str(meta_dict.get("agency", "")))
    return found


def _entry_kind(source: SourceFile | None) -> str | None:
    meta = source.meta if source is not None and isinstance(source.meta, dict) else {}
    kind = meta.get("kind")
    return kind if isinstance(kind, str) and kind in KINDS else None


def translation_states(root: Path, profile: Profile, agency: str | None = None) -> list[TranslationState]:
    """The state of every translation of every entry (optionally of one agency), ordered by agency and path."""
    default = profile.default_language
    history = read_history(root, default)
    states = []
    for rel_path, files in sorted(read_groups(root, profile).items()):
        source = files.get(default)
        kind = _entry_kind(source)
        if source is None or kind is None:
            continue  # a standing page, or a file the validator reports
        meta = source.meta or {}
        if agency is not None and meta.get("agency") != agency:
            continue
        version = source_version(meta, source.body, KINDS[kind])
        changed = history.last_changed([source.path]) if history.available else None
        for language in profile.translation_languages:
            translation = files.get(language)
            own = translation.meta if translation is not None and isinstance(translation.meta, dict) else None
            recorded = recorded_version(own)
            declared = (own or {}).get("translation", {})
            declared = declared.get("status") if isinstance(declared, dict) else None
            if own is None:
                state = "missing"
            elif declared == "draft":
                state = "draft"
            elif recorded is not None and recorded != version:
                state = "stale"
            else:
                state = declared if declared in ("translated", "reviewed") else "translated"
            states.append(TranslationState(
                str(meta.get("id")), rel_path, str(meta.get("agency")), str(meta.get("status")), language, state,
                recorded is not None, profile.local_date(changed).isoformat() if changed else None))
    return states


def format_states(states: list[TranslationState], output_format: str) -> str:
    if output_format == "json":
        return json.dumps([asdict(s) for s in states], ensure_ascii=False, indent=2)
    lines = []
    totals = {state: sum(1 for s in states if s.state == state) for state in STATES}
    lines.append(" · ".join(f"{state}: {count}" for state, count in totals.items()))
    untracked = sum(1 for s in states if not s.tracked and s.state != "missing")
    if untracked:
        lines.append(f"{untracked} bản dịch chưa ghi phiên bản bản gốc; chạy `quangba translated --untracked` để "
                     f"ghi. / {untracked} translations do not record their source version; run "
                     "`quangba translated --untracked` to record it.")
    by_agency: dict[str, list[TranslationState]] = {}
    for state in states:
        if state.state in WAITING:
            by_agency.setdefault(state.agency, []).append(state)
    for agency, waiting in sorted(by_agency.items()):
        lines.append(f"\n{agency}: {len(waiting)} bản dịch đang chờ / translations waiting")
        for s in sorted(waiting, key=lambda s: (STATES.index(s.state), s.rel_path)):
            stale_since = s.state == "stale" and s.source_changed
            when = f" (bản gốc đổi ngày / source changed {s.source_changed})" if stale_since else ""
            lines.append(f"  {s.state:<8} {CONTENT_DIR}/{s.language}/{s.rel_path}{when}")
    if not by_agency:
        lines.append("Không có bản dịch nào đang chờ. / No translation is waiting.")
    return "\n".join(lines)


# -- marking a translation current ---------------------------------------------------------------------

def _scalar(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds (a hex version of digits only, a name with a colon)."""
    return json.dumps(value, ensure_ascii=False)


def set_translation_fields(text: str, values: dict[str, str]) -> str:
    """``text`` (a whole translation file) with ``translation.<key>: value`` set for each of ``values``, every
    other line untouched."""
    match = FRONT_MATTER.match(text)
    if not match or match.group(1) is None:
        raise NotMarked("tệp không có phần thông tin đầu tệp", "the file has no front matter")
    head_start, head_end = match.start(1), match.end(1)
    newline = "\r\n" if "\r\n" in text[:head_end] else "\n"
    lines = text[head_start:head_end].splitlines()
    start = next((i for i, line in enumerate(lines) if re.fullmatch(r"translation:\s*", line)), None)
    if start is None:
        lines += ["translation:", *(f"  {key}: {_scalar(value)}" for key, value in values.items())]
    else:
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        block = lines[start + 1:end]
        indent = next((re.match(r"\s*", line).group(0) for line in block if line.strip()), "  ")  # type: ignore[union-attr]
        for key, value in values.items():
            pattern = re.compile(rf"^{re.escape(indent)}{re.escape(key)}\s*:")
            found = next((i for i, line in enumerate(block) if pattern.match(line)), None)
            line = f"{indent}{key}: {_scalar(value)}"
            if found is None:
                block.append(line)
            else:
                block[found] = line
        lines[start + 1:end] = block
    return text[:head_start] + newline.join(lines) + newline + text[head_end:]


def mark_current(root: Path, profile: Profile, paths: Iterable[str], *, reviewer: str | None = None,
                 untracked_only: bool = False) -> list[tuple[str, str]]:
    """Record in each translation the version of its source it now translates; a default-language path stands
    for all its translations. Returns (translation path, version) for each file written. With ``reviewer`` the
    translations are marked reviewed by that person."""
    groups = read_groups(root, profile)
    default = profile.default_language
    wanted: list[tuple[str, str]] = []  # (rel_path, language)
    for path in paths:
        parts = Path(path).as_posix().split("/", 2)
        if len(parts) != 3 or parts[0] != CONTENT_DIR or parts[1] not in profile.language_codes:
            raise NotMarked(f"`{path}` không phải tệp trong content/<ngôn ngữ>/",
                            f"`{path}` is not a file under content/<language>/")
        language, rel_path = parts[1], parts[2]
        if rel_path not in groups or language not in groups[rel_path]:
            raise NotMarked(f"không có tệp `{path}`", f"there is no file `{path}`")
        languages = profile.translation_languages if language == default else (language,)
        wanted += [(rel_path, lang) for lang in languages if lang in groups[rel_path]]
    written = []
    for rel_path, language in wanted:
        files = groups[rel_path]
        source, translation = files.get(default), files[language]
        for file in (source, translation):
            if file is not None and (has_errors(file.problems) or file.meta is None):
                raise NotMarked(f"`{file.path}` còn lỗi; chạy `quangba validate` và sửa trước",
                                f"`{file.path}` has problems; run `quangba validate` and fix them first")
        kind = _entry_kind(source)
        if (source is None or kind is None) and untracked_only:
            continue  # a standing page: its translation has no version to record
        if source is None or kind is None:
            raise NotMarked(f"`{translation.path}` không có bản gốc là một bài", f"`{translation.path}` has no "
                            "source entry")
        if untracked_only and recorded_version(translation.meta) is not None:
            continue
        version = source_version(source.meta or {}, source.body, KINDS[kind])
        values = {"source": version}
        if reviewer:
            values = {"status": "reviewed", "reviewer": reviewer, **values}
        text = set_translation_fields(translation.text, values)
        write_atomically(root / translation.path, text.encode("utf-8"))
        written.append((translation.path, version))
    return written

