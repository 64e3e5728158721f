"""Runs every rule over the corpus, in the order an editor would fix things: each file on its own (kind, path,
schema, entry rules, photos, text), then each translation against its source, then the corpus as a whole.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from quangba.model import PAGE_KIND, Kind, kind_of
from quangba.problems import Problem
from quangba.profile import Profile
from quangba.schema import Role
from quangba.sources.checks import entries, html, identifiers, kinds, names, portal, text, translations, tree
from quangba.sources.checks.photos import PhotoRules, photo_items
from quangba.sources.checks.schema import SchemaRules, kind_problems
from quangba.sources.content import SourceFile
from quangba.sources.lifecycle import Lifecycle
from quangba.sources.reuse import GroupResults
from quangba.sources.tree import Tree
from quangba.urls import KIND_LISTS, category_page, kind_list_page


def _kind(source: SourceFile) -> Kind | None:
    code = (source.meta or {}).get("kind")
    return kind_of(code) if isinstance(code, str) else None


class Validator:
    """Checks files against the content model and the province profile."""

    def __init__(self, root: Path, profile: Profile, tree: Tree) -> None:
        self.root = root
        self.profile = profile
        self.tree = tree
        self.schemas = SchemaRules(profile)
        self.photos = PhotoRules(root, profile, tree)
        self.context = kinds.Context(profile, root, tree.kinds, profile.today())
        self.problems: list[Problem] = []
        self._taken: dict[str, set[str]] = {}

    def _taken_paths(self, language: str) -> set[str]:
        """Every Markdown path of a language folder, listed once per run (per file it made validation quadratic)."""
        if language not in self._taken:
            prefix = f"content/{language}/"
            self._taken[language] = {n.rel[len(prefix):] for n in self.tree.markdown(language)}
        return self._taken[language]

    def _record(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def check_tree(self) -> None:
        """What lies under content/ and assets/, before any file is opened."""
        generated = {category_page(code) for code in self.profile.categories} | {
            kind_list_page(kind) for kind in KIND_LISTS}
        self._record(tree.link_problems(self.tree))
        self._record(tree.unexpected_file_problems(self.tree, self.profile))
        self._record(tree.name_problems(self.tree))
        self._record(tree.address_problems(self.tree, self.profile, generated))

    def check_groups(self, groups: dict[str, dict[str, SourceFile]],
                     reuse: GroupResults | None = None) -> list[SourceFile]:
        """Check every file, each against its source. Returns the default-language
        files of entries (not pages) whose kind is known: the ones the corpus-wide rules look at.

        ``reuse`` (a preview's rebuilds): the results of groups whose files, profile and photos are unchanged
        since the last run are taken from it instead of checked again."""
        entry_sources: list[SourceFile] = []
        check = self.check_group if reuse is None else functools.partial(reuse.check, check=self.check_group)
        for rel_path, files in groups.items():
            source = files.get(self.profile.default_language)
            if source is not None and source.meta is not None and _kind(source) is not None:
                # checked every time, not reused: the name it suggests must be one no other file has
                self._record(names.file_name_problems(source, self._taken_paths(source.language)))
            problems, entry_source = check(rel_path, files)
            self._record(problems)
            if entry_source is not None:
                entry_sources.append(entry_source)
        return entry_sources

    def check_group(self, rel_path: str, files: dict[str, SourceFile]) -> tuple[list[Problem], SourceFile | None]:
        """One path's files in every language: their problems, and the default-language file if it is an entry
        whose kind is known."""
        default = self.profile.default_language
        problems: list[Problem] = [*translations.pair_problems(rel_path, files, self.profile)]
        source = files.get(default)
        meta = source.meta if source is not None and source.meta is not None else {}
        draft = meta.get("kind") != PAGE_KIND.code and meta.get("status") not in (None, "published")
        for file in files.values():
            problems.extend(text.text_problems(file, draft))
        if source is None or source.meta is None:
            return problems, None
        problems.extend(kind_problems(source))
        kind = _kind(source)
        if kind is None:
            return problems, None
        problems.extend(self.check_file(source, kind, Role.SOURCE))
        for language, translation in files.items():
            if language != default and translation.meta is not None:
                problems.extend(self.check_file(translation, kind, Role.TRANSLATION))
                if kind is not PAGE_KIND:
                    problems.extend(translations.translation_problems(source, translation, kind))
                    problems.extend(translations.stale_problems(source, translation, kind))
        return problems, (source if kind is not PAGE_KIND else None)

    def check_file(self, file: SourceFile, kind: Kind, role: Role) -> Iterator[Problem]:
        if role is Role.SOURCE:
            yield from names.location_problems(file, kind, self.profile)
        yield from self.schemas.check(file, kind, role)
        yield from html.html_problems(file)
        if role is not Role.SOURCE or kind is PAGE_KIND:
            return
        yield from entries.classification_problems(file)
        yield from entries.date_order_problems(file)
        yield from entries.withdrawal_field_problems(file, (file.meta or {}).get("status"))
        for index, photo in enumerate(photo_items(file)):
            if photo:
                yield from self.photos.check(file, photo, index)
        yield from kinds.own_field_problems(file, kind.code, self.context)

    def check_corpus(self, groups: dict[str, dict[str, SourceFile]], entry_sources: list[SourceFile]) -> None:
        """Rules on the corpus as a whole."""
        self._record(identifiers.duplicate_id_problems(entry_sources))
        self._record(names.home_page_problems(set(groups.get("index.md", {})), self.profile))
        default = self.profile.default_language
        paths = {rel for rel, files in groups.items() if default in files}
        self._record(portal.link_problems(self.profile, paths))
        self._record(portal.home_problems(portal.home_source(groups, default), entry_sources))
        self._record(portal.category_photo_problems(self.profile, entry_sources))

    def check_history(self, life: Lifecycle, entry_sources: list[SourceFile]) -> None:
        sources = {s.path: s for s in entry_sources}
        self._record(identifiers.id_history_problems(life, sources, self.root, self.profile))
        self.photos.save()


