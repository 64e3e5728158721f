"""Entries over time, read from real git repositories: dates, withdrawals, deletions and permanent ids."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema

from quangba.exports.records import Records
from quangba.exports.schemas import changes_schema, manifest_schema
from quangba.exports.writer import export_files
from quangba.problems import format_text
from quangba.site.media import MediaLibrary, Recipe
from quangba.sources.catalogue import load_catalogue
from quangba.sources.history import read_history
from tests.conftest import EN_ENTRY, VI_ENTRY, Git, Project

SITE = "https://quangba.lamdong.gov.vn/"


def exports(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and change feed of a project, made as the build makes them (photos included)."""
    catalogue = load_catalogue(root)
    assert catalogue.ok, format_text(catalogue.problems)
    assert catalogue.profile is not None
    library = MediaLibrary(root, Recipe.supported(catalogue.profile.media.widths, ("webp", "jpeg")))
    plans, _ = library.process(library.plan([p.file for e in catalogue.published for p in e.photos]), workers=1)
    files = export_files(Records(catalogue, plans))
    manifest, changes = (json.loads(files[f"exports/{name}.json"]) for name in ("manifest", "changes"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    jsonschema.Draft202012Validator(manifest_schema(SITE), format_checker=checker).validate(manifest)
    jsonschema.Draft202012Validator(changes_schema(SITE), format_checker=checker).validate(changes)
    return manifest, changes


def add_entry(project: Project, slug: str, entry_id: str, status: str = "published") -> None:
    vi = VI_ENTRY.replace("2025-test-entry", entry_id).replace("status: published", f"status: {status}")
    project.write(f"content/vi/culture/{slug}.md", vi)
    project.write(f"content/en/culture/{slug}.md", EN_ENTRY)


def problems_of(root: Path) -> list[tuple[str, str, int]]:
    return [(p.rule, p.file, p.line) for p in load_catalogue(root).problems]


def test_dates_come_from_the_git_history_never_from_the_build(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    project.edit("content/en/culture/gong-festival.md", "The text of the entry.", "The corrected text.")
    git.commit("Fix a typo in the translation", "2025-09-10T23:30:00+00:00")  # already 11 September in Viet Nam
    record = exports(project.root)[0]["records"][0]
    assert record["issued"] == "2025-07-01"  # the editorial date, from the front matter
    assert record["modified"] == "2025-09-11"  # the last commit, as a date in the province
    assert record["created"] == "2025-07-01T02:00:00Z"  # the commit that first published it
    assert record["datestamp"] == "2025-09-10T23:30:00Z"


def test_without_history_the_dates_fall_back_to_the_front_matter(git_project: tuple[Project, Git]) -> None:
    project, _ = git_project
    shutil.rmtree(project.root / ".git")
    manifest = exports(project.root)[0]
    assert manifest["history"] == "front-matter"
    record = manifest["records"][0]
    assert (record["issued"], record["modified"]) == ("2025-07-01", "2025-08-01")
    assert record["datestamp"] == "2025-07-31T17:00:00Z"  # 1 August, midnight in Viet Nam


def test_withdrawing_and_deleting_entries_leave_tombstones_and_change_feed_items(
        git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    add_entry(project, "second", "2025-second-entry")
    add_entry(project, "third", "2025-third-entry")
    git.commit("Two more entries", "2025-07-02T09:00:00+07:00")
    project.edit("content/vi/culture/gong-festival.md", "status: published",
                 "status: withdrawn\nwithdrawal_reason: Thông tin đã cũ.")
    project.edit("content/en/culture/gong-festival.md", "translation:", "withdrawal_reason: Out of date.\ntranslation:")
    for language in ("vi", "en"):
        (project.root / f"content/{language}/culture/second.md").unlink()
    git.commit("Withdraw one entry, delete another", "2025-10-01T10:00:00+07:00")
    project.edit("content/vi/culture/third.md", "Nội dung bài viết.", "Nội dung đã sửa.")
    git.commit("Correct the third entry", "2025-10-05T10:00:00+07:00")

    manifest, changes = exports(project.root)
    assert [r["id"] for r in manifest["records"]] == ["2025-third-entry"]
    assert manifest["tombstones"] == [
        {"id": "2025-second-entry", "status": "deleted", "withdrawn": "2025-10-01",
         "datestamp": "2025-10-01T03:00:00Z",
         "former_url": {"vi": f"{SITE}culture/second/", "en": f"{SITE}en/culture/second/"}},
        {"id": "2025-test-entry", "status": "withdrawn", "withdrawn": "2025-10-01",
         "datestamp": "2025-10-01T03:00:00Z",
         "former_url": {"vi": f"{SITE}culture/gong-festival/", "en": f"{SITE}en/culture/gong-festival/"},
         "reason": {"vi": "Thông tin đã cũ.", "en": "Out of date."}},
    ]
    assert [(c["id"], c["change"], c["date"]) for c in changes["changes"]] == [
        ("2025-third-entry", "updated", "2025-10-05T03:00:00Z"),
        ("2025-second-entry", "withdrawn", "2025-10-01T03:00:00Z"),
        ("2025-test-entry", "withdrawn", "2025-10-01T03:00:00Z"),
    ]
    assert manifest["modified"] == changes["modified"] == "2025-10-05T03:00:00Z"


def test_an_explicit_withdrawal_date_is_kept(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    project.edit("content/vi/culture/gong-festival.md", "status: published", "status: withdrawn\nwithdrawn: 2025-09-15")
    git.commit("Withdraw, as decided on 15 September", "2025-09-20T10:00:00+07:00")
    (tombstone,) = exports(project.root)[0]["tombstones"]
    assert (tombstone["withdrawn"], tombstone["datestamp"]) == ("2025-09-15", "2025-09-20T03:00:00Z")


def test_a_published_entry_returned_to_draft_is_announced_but_a_deleted_draft_never_is(
        git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    add_entry(project, "never-published", "2025-never-published", status="draft")
    git.commit("A draft", "2025-07-02T09:00:00+07:00")
    project.edit("content/vi/culture/gong-festival.md", "status: published", "status: draft")
    for language in ("vi", "en"):
        (project.root / f"content/{language}/culture/never-published.md").unlink()
    git.commit("Back to draft; drop the other draft", "2025-07-03T09:00:00+07:00")
    manifest, _ = exports(project.root)
    assert [(t["id"], t["status"], t["withdrawn"]) for t in manifest["tombstones"]] == [
        ("2025-test-entry", "unpublished", "2025-07-03")]


def test_changing_a_published_entrys_id_is_refused(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    project.edit("content/vi/culture/gong-festival.md", "id: 2025-test-entry", "id: 2025-new-name")
    catalogue = load_catalogue(project.root)
    (problem,) = catalogue.problems
    assert (problem.rule, problem.file, problem.line) == ("id-changed", "content/vi/culture/gong-festival.md", 2)
    assert "`2025-test-entry`" in problem.vi and "id: 2025-test-entry" in problem.en
    git.commit("Rename the id in a pull request", "2025-08-01T09:00:00+07:00")
    assert problems_of(project.root) == [("id-changed", "content/vi/culture/gong-festival.md", 2)]
    project.edit("content/vi/culture/gong-festival.md", "id: 2025-new-name", "id: 2025-test-entry")
    assert problems_of(project.root) == []


def test_removing_a_published_entrys_id_says_which_id_to_put_back(git_project: tuple[Project, Git]) -> None:
    project, _ = git_project
    project.edit("content/vi/culture/gong-festival.md", "id: 2025-test-entry\n", "")
    problems = {p.rule: p for p in load_catalogue(project.root).problems}
    assert set(problems) == {"required", "id-lost"}
    assert "`id: 2025-test-entry`" in problems["id-lost"].en and "`id: 2025-test-entry`" in problems["id-lost"].vi


def test_reusing_the_id_of_a_deleted_entry_is_refused_naming_both_files(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    for language in ("vi", "en"):
        (project.root / f"content/{language}/culture/gong-festival.md").unlink()
    git.commit("Delete the entry", "2025-08-01T09:00:00+07:00")
    add_entry(project, "another-festival", "2025-test-entry")
    (problem,) = load_catalogue(project.root).problems
    assert (problem.rule, problem.file) == ("id-reused", "content/vi/culture/another-festival.md")
    assert "content/vi/culture/gong-festival.md" in problem.vi and "content/vi/culture/gong-festival.md" in problem.en
    assert "2025-08-01" in problem.en


def test_moving_an_entry_in_one_commit_keeps_its_id(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    for language in ("vi", "en"):
        git.run("mv", f"content/{language}/culture/gong-festival.md", f"content/{language}/culture/gongs.md")
    git.commit("A shorter address", "2025-08-01T09:00:00+07:00")
    assert problems_of(project.root) == []
    manifest, _ = exports(project.root)
    assert manifest["tombstones"] == []
    assert manifest["records"][0]["url"]["vi"] == f"{SITE}culture/gongs/"
    assert manifest["records"][0]["created"] == "2025-07-01T02:00:00Z"  # still the day it was first published


def test_a_draft_may_change_its_id_before_it_is_published(git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    add_entry(project, "draft", "2025-draft-one", status="draft")
    git.commit("A draft", "2025-07-02T09:00:00+07:00")
    project.edit("content/vi/culture/draft.md", "id: 2025-draft-one", "id: 2025-draft-better")
    assert problems_of(project.root) == []


def test_a_shallow_clone_is_known_to_have_no_usable_history(git_project: tuple[Project, Git],
                                                              tmp_path_factory) -> None:
    project, git = git_project
    project.edit("content/vi/culture/gong-festival.md", "Nội dung bài viết.", "Nội dung mới.")
    git.commit("An edit", "2025-08-01T09:00:00+07:00")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project.root}", str(clone)], check=True)
    history = read_history(clone, "vi")
    assert not history.available and history.shallow
    assert read_history(project.root, "vi").available
