"""What each agency did, commit by commit, from the git history: entries created, updated and withdrawn,
photos added, translations completed. The periodic reports (``quangba report``) count these; nothing is dated
from the file system, only from commits along the main branch (first parent), in the province's time zone.

One ``git log --raw`` lists every change to ``content/`` and ``assets/``; the front matter of each content
version is read once with ``git cat-file`` and remembered by blob hash in ``.cache/activity.json``.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from quangba.profile import Profile
from quangba.sources.content import CONTENT_DIR
from quangba.sources.history import blob_facts, front_matter_keys, git

CACHE_FILE = ".cache/activity.json"
_NO_BLOB = "0" * 40
_TOP_KEY = re.compile(r"^(id|kind|category|agency|status|classification):[ \t]*(.*?)[ \t]*$", re.M)
_TRANSLATION_STATUS = re.compile(r"^translation:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+status:[ \t]*(\S+)", re.M)
PHOTOS_DIR = "assets/photos/"


class NoHistory(Exception):
    """The repository has no history to report from: ``args`` are the Vietnamese and English reasons."""


@dataclass(frozen=True)
class Event:
    """One thing an agency did, on the day (province time) of the commit that did it."""

    day: dt.date
    what: str  # created, updated, withdrawn, photo, translation
    agency: str
    entry_id: str = ""
    kind: str = ""
    category: str = ""
    language: str = ""
    path: str = ""


def _keys(text: str) -> dict[str, str]:
    """The tracked keys of a content file's front matter, and a translation's status."""
    keys = front_matter_keys(text, _TOP_KEY)
    head = text.lstrip("\ufeff").split("\n---", 1)[0] + "\n"  # the front matter only, never the body
    translated = _TRANSLATION_STATUS.search(head)
    if translated:
        keys["translation"] = translated.group(1).strip("'\"")
    return keys


def _check_history(root: Path) -> None:
    try:
        if git(root, "rev-parse", "--is-inside-work-tree").strip() != b"true":
            raise NoHistory("thư mục không phải kho git", "the folder is not a git repository")
        if git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            raise NoHistory(
                "đây là bản sao nông (shallow clone), thiếu lịch sử nên mọi con số sẽ sai; lấy toàn bộ lịch sử "
                "(`git fetch --unshallow`, hoặc `fetch-depth: 0` trong bước actions/checkout của GitHub Actions)",
                "this is a shallow clone: without the history every count would be wrong; fetch the whole history "
                "(`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' actions/checkout step)")
        if not git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"):
            raise NoHistory("kho chưa có commit nào", "the repository has no commit yet")
    except (OSError, subprocess.CalledProcessError):
        raise NoHistory("thư mục không phải kho git", "the folder is not a git repository") from None


def read_events(root: Path, profile: Profile, photo_agencies: dict[str, str]) -> list[Event]:
    """Every event of the history, oldest first. ``photo_agencies``: each photo file's agency (the agency of the
    entry that shows it now), so an added photo is counted for the agency that publishes it."""
    _check_history(root)
    default = profile.default_language
    raw = git(root, "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw", "--no-renames",
               "--no-abbrev", "--relative", "--format=@@%ct", "--", CONTENT_DIR, "assets")
    commits: list[tuple[dt.date, list[tuple[str, str, str]]]] = []  # day, [(status letter, path, new blob)]
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("@@"):
            moment = dt.datetime.fromtimestamp(int(line[2:]), dt.UTC)
            commits.append((profile.local_date(moment), []))
        elif line.startswith(":") and commits:
            meta, path = line.split("\t", 1)
            fields = meta.split()
            commits[-1][1].append((fields[4][0], path, fields[3]))
    blobs = {blob for _, changes in commits for _, path, blob in changes if path.endswith(".md") and blob != _NO_BLOB}
    keys = blob_facts(root, blobs, root / CACHE_FILE, _keys)
    events: list[Event] = []
    entries: dict[str, dict[str, str]] = {}  # default-language path -> its keys now (in the replay)
    translations: dict[str, str] = {}  # translation path -> its translation status now
    public_ids: set[str] = set()
    source_first = f"{CONTENT_DIR}/{default}/"
    for day, changes in commits:
        touched: set[str] = set()  # rel paths of entries whose files this commit changed
        # the source files first: a translation added with its source is counted for the source's agency
        for letter, path, blob in sorted(changes, key=lambda change: not change[1].startswith(source_first)):
            parts = path.split("/", 2)
            if path.startswith(PHOTOS_DIR) and letter == "A":
                events.append(Event(day, "photo", photo_agencies.get(path, ""), path=path))
                continue
            if len(parts) != 3 or parts[0] != CONTENT_DIR or not path.endswith(".md"):
                continue
            language, rel_path = parts[1], parts[2]
            now = keys.get(blob, {}) if letter != "D" else {}
            if language == default:
                # a deleted file keeps what it was, so that an entry deleted while public counts as withdrawn
                entries[rel_path] = {**entries.get(rel_path, {}), "status": "deleted"} if letter == "D" else now
                touched.add(rel_path)
                continue
            before = translations.get(path)
            translations[path] = now.get("translation", "translated") if letter != "D" else ""
            touched.add(rel_path)
            source = entries.get(rel_path, {})
            done = translations[path] in ("translated", "reviewed") and before in (None, "", "draft")
            if done and source.get("id") and source.get("kind") != "page":
                events.append(Event(day, "translation", source.get("agency", ""), source.get("id", ""),
                                    source.get("kind", ""), source.get("category", ""), language, path))
        for rel_path in sorted(touched):
            meta = entries.get(rel_path, {})
            if not meta.get("id") or meta.get("kind") == "page":
                continue  # a standing page, or a file without an id: not an entry
            entry_id = meta.get("id", "")
            public = meta.get("status") == "published" and meta.get("classification") == "public"
            event = Event(day, "", meta.get("agency", ""), entry_id, meta.get("kind", ""), meta.get("category", ""),
                          default, f"{CONTENT_DIR}/{default}/{rel_path}")
            if public and entry_id not in public_ids:
                public_ids.add(entry_id)
                events.append(_as(event, "created"))
            elif public:
                events.append(_as(event, "updated"))
            elif entry_id in public_ids:
                public_ids.discard(entry_id)
                events.append(_as(event, "withdrawn"))
        for path in [p for letter, p, _ in changes if letter == "D"]:
            parts = path.split("/", 2)
            if len(parts) == 3 and parts[1] == default and path.endswith(".md"):
                entries.pop(parts[2], None)
    return events


def _as(event: Event, what: str) -> Event:
    return Event(event.day, what, event.agency, event.entry_id, event.kind, event.category, event.language, event.path)
