"""The public portal's settings and the home page's choices: every page they link to exists, the hero photo and
the featured entries are published, and every category has a photo to show.

A hero photo or featured entry that is not published is a warning: the home page falls back to something sensible
(the newest entry's first photo; it leaves the entry out) rather than breaking. A category with no photo yet is an
info (its card is shown without one). A link in the profile to a page that does not exist is an error: it would
be a broken link on every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quangba.problems import Problem, Severity
from quangba.profile import PROFILE_FILE, Profile
from quangba.sources.content import SourceFile
from quangba.urls import HOME, KIND_LISTS


def page_exists(page: str, profile: Profile, paths: set[str]) -> bool:
    """Whether a profile link's page exists: a content file of the default language, a category listing, or the
    listing of a kind (``projects/``, ``events/``…)."""
    target = page.split("#", 1)[0]
    if target.endswith("/"):
        return target[:-1] in profile.categories or target[:-1] in KIND_LISTS.values()
    return target in paths


def link_problems(profile: Profile, paths: set[str]) -> Iterator[Problem]:
    for where, link in profile.portal.links():
        if not page_exists(link.page, profile, paths):
            parts = tuple(int(p) if p.isdigit() else p for p in where.split("/"))
            yield Problem(
                PROFILE_FILE, profile.line_of((*parts, "page")), "portal-link", f"{where}/page",
                f"Trang `{link.page}` không có: không có tệp `content/{profile.default_language}/{link.page}` hay mã "
                "lĩnh vực, danh sách nào như vậy. Ghi đường dẫn một tệp (ví dụ `about.md`), một lĩnh vực kèm dấu `/` "
                "(ví dụ `tourism/`) hoặc một danh sách (`projects/`, `clarifications/`, `publications/`, `events/`).",
                f"The page `{link.page}` does not exist: there is no file `content/{profile.default_language}/"
                f"{link.page}` and no such category or listing. Write a file's path (e.g. `about.md`), a category "
                "followed by `/` (e.g. `tourism/`) or a listing (`projects/`, `clarifications/`, `publications/`, "
                "`events/`).")


def _published_photos(sources: list[SourceFile]) -> dict[str, str]:
    """Every photo of a published entry, with the id of the newest entry showing it."""
    photos: dict[str, str] = {}
    for source in sources:
        meta = source.meta or {}
        if meta.get("status") != "published" or meta.get("classification") != "public":
            continue
        for photo in meta.get("photos") or []:
            if isinstance(photo, dict) and isinstance(photo.get("file"), str):
                photos.setdefault(photo["file"], str(meta.get("id")))
    return photos


def home_problems(home: SourceFile | None, entry_sources: list[SourceFile]) -> Iterator[Problem]:
    """The hero photo and the featured entries must be published: otherwise the page falls back, and says so."""
    if home is None or home.meta is None:
        return
    meta: dict[str, Any] = home.meta
    hero = meta.get("hero")
    if isinstance(hero, str) and hero not in _published_photos(entry_sources):
        yield home.make(
            "hero-photo",
            f"Ảnh `{hero}` không phải ảnh của bài nào đã đăng, nên trang chủ dùng ảnh đầu của bài mới nhất. Chọn một "
            "ảnh trong trường `photos` của một bài đã đăng.",
            f"The photo `{hero}` is not a photo of any published entry, so the home page shows the newest entry's "
            "first photo instead. Choose a photo from the `photos` of a published entry.",
            field="hero", at=("hero",), severity=Severity.WARNING)
    published = {str((s.meta or {}).get("id")) for s in entry_sources
                 if (s.meta or {}).get("status") == "published" and (s.meta or {}).get("classification") == "public"}
    for index, entry_id in enumerate(meta.get("featured") or []):
        if isinstance(entry_id, str) and entry_id not in published:
            yield home.make(
                "featured-entry",
                f"Không có bài đã đăng nào mang mã `{entry_id}`; trang chủ bỏ qua mục này. Sửa mã, hoặc xóa dòng này.",
                f"No published entry has the id `{entry_id}`; the home page leaves it out. Correct the id, or remove "
                "the line.",
                field=f"featured[{index + 1}]", at=("featured", index), severity=Severity.WARNING)


def category_photo_problems(profile: Profile, entry_sources: list[SourceFile]) -> Iterator[Problem]:
    """Every category's card shows the photo of its newest entry with one: a category whose entries have no photo
    gets a plain card, and the editors hear of it."""
    published = [s.meta or {} for s in entry_sources
                 if (s.meta or {}).get("status") == "published" and (s.meta or {}).get("classification") == "public"]
    shown = {str(meta.get("category")) for meta in published if meta.get("photos")}
    used = {str(meta.get("category")) for meta in published}
    for code in profile.categories:
        if code in used and code not in shown:  # an empty category is simply empty: its card says so
            yield Problem(
                PROFILE_FILE, profile.line_of(("categories", code)), "category-photo", f"categories/{code}",
                f"Lĩnh vực `{code}` chưa có bài đã đăng nào có ảnh, nên thẻ của nó trên trang chủ không có ảnh. Đăng "
                "một bài có ảnh trong lĩnh vực này.",
                f"The category `{code}` has no published entry with a photo yet, so its card on the home page has "
                "no photo. Publish an entry with photos in it.", Severity.INFO)


def home_source(groups: dict[str, dict[str, SourceFile]], default: str) -> SourceFile | None:
    return groups.get(HOME, {}).get(default)
