"""The validated catalogue: files in, every problem and the typed entries out.

This is the one place the corpus is read. Every output (site pages, listings, later the manifest) reads
the catalogue, never the files, so nothing site-wide is computed twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from quangba.model import KINDS, PAGE_KIND
from quangba.problems import Problem, Severity, cap_per_file, has_errors, sort_problems
from quangba.profile import Profile, ProfileError, load_profile
from quangba.sources.checks.validator import Validator
from quangba.sources.content import SourceFile, read_source
from quangba.sources.details import Details, read_details
from quangba.sources.history import History, read_history
from quangba.sources.lifecycle import Lifecycle, build_lifecycle
from quangba.sources.reuse import GroupResults
from quangba.sources.tree import Node, Tree
from quangba.sources.versions import recorded_version, source_version

_TRACKED = ("id", "status", "classification")  # what the history follows for each entry


@dataclass(frozen=True)
class PhotoText:
    alt: str
    caption: str


@dataclass(frozen=True)
class Photo:
    file: str
    credit: str
    taken: dt.date | None
    texts: dict[str, PhotoText]


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class EntryText:
    """What one language's file says about an entry."""

    title: str
    summary: str
    body: str
    path: str
    translation_status: str | None = None
    reviewer: str | None = None
    stale: bool = False  # a translation made from an older version of the source text (sources.versions)
    withdrawal_reason: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    rel_path: str  # the same under every language folder, e.g. "culture/gong-space.md"
    category: str
    tags: tuple[str, ...]
    agency: str
    issued: dt.date
    updated: dt.date
    status: str
    classification: str
    licence: str
    place: Place | None
    withdrawn: dt.date | None
    photos: tuple[Photo, ...]
    texts: dict[str, EntryText]
    details: Details | None = None  # what its kind says beyond an article's fields (sources.details)

    @property
    def published(self) -> bool:
        return self.status == "published" and self.classification == "public"


@dataclass(frozen=True)
class PageText:
    title: str
    summary: str
    body: str
    path: str


@dataclass(frozen=True)
class Page:
    rel_path: str
    insert: str | None
    texts: dict[str, PageText]
    hero: str | None = None  # home page: the photo shown large at the top
    featured: tuple[str, ...] = ()  # home page: ids of entries to feature


@dataclass
class Catalogue:
    root: Path
    profile: Profile | None
    problems: list[Problem] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    photo_refs: dict[str, list[tuple[SourceFile, int]]] = field(default_factory=dict)  # file -> where it is used
    history: History = field(default_factory=lambda: History(False, "not read"))
    lifecycle: Lifecycle | None = None

    def photo_problems(self, file: str, rule: str, vi: str, en: str,
                       severity: Severity = Severity.ERROR) -> list[Problem]:
        """A problem with a photo, reported at every entry line that uses it."""
        return [
            Problem(source.path, source.line_of(("photos", index, "file")), rule, f"photos[{index + 1}].file",
                    f"Ảnh `{file}`: {vi}", f"Photo `{file}`: {en}", severity)
            for source, index in self.photo_refs.get(file, [])
        ]

    @property
    def ok(self) -> bool:
        return self.profile is not None and not has_errors(self.problems)

    @cached_property
    def published(self) -> list[Entry]:
        """Published entries, newest first: the order every listing uses."""
        entries = [e for e in self.entries if e.published]
        entries.sort(key=lambda e: e.id)
        entries.sort(key=lambda e: (e.issued, e.updated), reverse=True)
        return entries

    @cached_property
    def by_category(self) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = {code: [] for code in (self.profile.categories if self.profile else {})}
        for entry in self.published:
            groups[entry.category].append(entry)
        return groups

    @cached_property
    def by_kind(self) -> dict[str, list[Entry]]:
        """Published entries of each kind, newest first."""
        groups: dict[str, list[Entry]] = {}
        for entry in self.published:
            groups.setdefault(entry.kind, []).append(entry)
        return groups

    @cached_property
    def by_path(self) -> dict[str, Entry]:
        return {e.rel_path: e for e in self.entries}

    @cached_property
    def pages_by_path(self) -> dict[str, Page]:
        return {p.rel_path: p for p in self.pages}

    def texts_of(self, rel_path: str, language: str) -> EntryText | PageText | None:
        """What a file says in a language, whether a published entry or a standing page (never a draft's)."""
        entry = self.by_path.get(rel_path)
        if entry is not None:
            return entry.texts.get(language) if entry.published else None
        page = self.pages_by_path.get(rel_path)
        return page.texts.get(language) if page else None

    @cached_property
    def unpublished_paths(self) -> set[str]:
        """Paths (relative to a language folder) that must never reach the site."""
        return {e.rel_path for e in self.entries if not e.published}


def load_catalogue(root: Path, *, history: bool = True, reuse: GroupResults | None = None) -> Catalogue:
    """Read, check and type the whole corpus under ``root``; never raises for an editor's mistake.

    ``history``: read the git history too (dates, id permanence, tombstones); off, the front matter is all.
    ``reuse`` (a preview): files and paths unchanged since its last run are taken from it, not read and checked.
    """
    root = root.resolve()
    if reuse is not None:
        reuse.start()
    try:
        profile = load_profile(root)
    except ProfileError as exc:
        return Catalogue(root, None, sort_problems(exc.problems))
    tree = Tree.read(root)
    validator = Validator(root, profile, tree)
    validator.check_tree()
    groups = read_groups(root, profile, tree, reuse)
    all_sources = [source for files in groups.values() for source in files.values()]
    entry_sources = validator.check_groups(groups, reuse)
    validator.check_corpus(groups, entry_sources)
    past = read_history(root, profile.default_language) if history else History(False, "not read")
    now = {}
    for source in entry_sources:
        meta = source.meta or {}
        values = tuple(v if isinstance(v, str) else None for v in (meta.get(k) for k in _TRACKED))
        now[source.path] = values
    life = build_lifecycle(past, now)
    validator.check_history(life, entry_sources)
    catalogue = Catalogue(root, profile, history=past, lifecycle=life)
    for source in entry_sources:
        photos = (source.meta or {}).get("photos")
        for index, photo in enumerate(photos if isinstance(photos, list) else []):
            if isinstance(photo, dict) and isinstance(photo.get("file"), str):
                catalogue.photo_refs.setdefault(photo["file"], []).append((source, index))
    if reuse is None:  # the whole text served the text rules; a build keeps only what it shows (10,000 files: 150 MB)
        for source in all_sources:
            source.text = ""
    problems = [p for s in all_sources for p in s.problems]
    catalogue.problems = cap_per_file(sort_problems([*problems, *validator.problems]),
                                      profile.limits.messages_per_file)
    if not has_errors(catalogue.problems):
        for files in groups.values():
            _add(catalogue, profile, files)
    return catalogue


def read_groups(root: Path, profile: Profile, tree: Tree | None = None,
                reuse: GroupResults | None = None) -> dict[str, dict[str, SourceFile]]:
    """Every Markdown file of the language folders, read, by its path under them: rel path -> language -> file.
    ``reuse`` (a preview): files unchanged since its last run are taken from it."""
    tree = tree or Tree.read(root)
    groups: dict[str, dict[str, SourceFile]] = defaultdict(dict)
    for language in profile.language_codes:
        for node in tree.markdown(language):
            source = _read(root, language, node, profile, reuse)
            groups[source.rel_path][language] = source
    return groups


def _read(root: Path, language: str, node: Node, profile: Profile, reuse: GroupResults | None) -> SourceFile:
    def read() -> SourceFile:
        return read_source(root, language, node, profile.limits)

    return read() if reuse is None else reuse.source(node.rel, read)


def _add(catalogue: Catalogue, profile: Profile, files: dict[str, SourceFile]) -> None:
    source = files[profile.default_language]
    meta: dict[str, Any] = source.meta or {}
    metas = {language: f.meta or {} for language, f in files.items()}
    if meta["kind"] == PAGE_KIND.code:
        catalogue.pages.append(Page(
            rel_path=source.rel_path,
            insert=meta.get("insert"),
            texts={lang: PageText(m["title"], m.get("summary", ""), files[lang].body, files[lang].path)
                   for lang, m in metas.items()},
            hero=meta.get("hero"),
            featured=tuple(meta.get("featured", ())),
        ))
        return
    photo_texts: dict[str, dict[str, PhotoText]] = defaultdict(dict)
    for language, m in metas.items():
        for item in m.get("photos", []):
            photo_texts[item["file"]][language] = PhotoText(item["alt"], item["caption"])
    place = meta.get("place")
    issued = dt.date.fromisoformat(meta["issued"])
    current = source_version(meta, source.body, KINDS[meta["kind"]])
    catalogue.entries.append(Entry(
        id=meta["id"],
        kind=meta["kind"],
        rel_path=source.rel_path,
        category=meta["category"],
        tags=tuple(meta.get("tags", ())),
        agency=meta["agency"],
        issued=issued,
        updated=dt.date.fromisoformat(meta["updated"]) if meta.get("updated") else issued,
        status=meta["status"],
        classification=meta["classification"],
        licence=meta["licence"],
        place=Place(place["name"], float(place["lat"]), float(place["lon"])) if place else None,
        withdrawn=dt.date.fromisoformat(meta["withdrawn"]) if meta.get("withdrawn") else None,
        photos=tuple(
            Photo(p["file"], p["credit"], dt.date.fromisoformat(p["taken"]) if p.get("taken") else None,
                  photo_texts[p["file"]])
            for p in meta.get("photos", ())
        ),
        texts={
            language: EntryText(
                title=m["title"],
                summary=m["summary"],
                body=files[language].body,
                path=files[language].path,
                translation_status=(m.get("translation") or {}).get("status"),
                reviewer=(m.get("translation") or {}).get("reviewer"),
                stale=recorded_version(m) not in (None, current),
                withdrawal_reason=m.get("withdrawal_reason"),
            )
            for language, m in metas.items()
        },
        details=read_details(meta["kind"], metas, profile.default_language, catalogue.root),
    ))
