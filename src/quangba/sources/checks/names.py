"""Paths and names: where a file lives and what it is called.

File and folder names are ASCII kebab-case, so every address on the portal is plain and stable; an entry
lives in its category's folder; a category's listing page is generated, never written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath

from quangba.model import PAGE_KIND, Kind
from quangba.problems import Problem
from quangba.profile import Profile
from quangba.sources.content import SourceFile

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def ascii_slug(text: str) -> str:
    """The ASCII kebab-case form of a name: what we suggest when a file name breaks the rule."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def file_name_problems(source: SourceFile, taken: set[str]) -> Iterator[Problem]:
    """File and folder names are lower-case ASCII, digits and hyphens, and the file is Markdown (``.md``); the
    suggested name is one no other file has (``taken``: every path of the language folder)."""
    parts = PurePosixPath(source.rel_path).parts
    names = [*parts[:-1], PurePosixPath(parts[-1]).stem]
    bad = [n for n in names if not SLUG.match(n)]
    if bad or not parts[-1].endswith(".md"):
        stem = "/".join(ascii_slug(n) or "ten-moi" for n in names)
        suggestion, number = f"{stem}.md", 1
        while suggestion in taken:
            number += 1
            suggestion = f"{stem}-{number}.md"
        yield source.make(
            "file-name",
            f"Tên tệp hoặc thư mục `{source.rel_path}` phải là chữ thường không dấu, số và gạch nối. "
            f"Đổi tên thành `{suggestion}`.",
            f"The file or folder name `{source.rel_path}` must be lower-case ASCII, digits and hyphens. "
            f"Rename it to `{suggestion}`.")


def location_problems(source: SourceFile, kind: Kind, profile: Profile) -> Iterator[Problem]:
    """An entry lives in its category's folder; a page never takes the place of a generated listing."""
    parts = PurePosixPath(source.rel_path).parts
    if kind is PAGE_KIND:
        return  # a page may live anywhere that is not a generated address (tree.address_problems)
    category = source.meta.get("category") if source.meta else None
    misplaced = len(parts) != 2 or parts[0] != category or parts[1] == "index.md"
    if isinstance(category, str) and category in profile.categories and misplaced:
        stem = PurePosixPath(parts[-1]).stem
        yield source.make(
            "location",
            f"Bài thuộc lĩnh vực `{category}` phải nằm trong thư mục `content/{source.language}/{category}/`"
            f", ví dụ `content/{source.language}/{category}/{stem}.md`.",
            f"An entry in category `{category}` must live in `content/{source.language}/{category}/`, "
            f"e.g. `content/{source.language}/{category}/{stem}.md`.",
            field="category", at=("category",))


def home_page_problems(found: set[str], profile: Profile) -> Iterator[Problem]:
    """Every language needs a home page; without one the site has no front door."""
    for language in profile.language_codes:
        if language not in found:
            yield Problem(
                f"content/{language}/index.md", 1, "home-page", "",
                f"Thiếu trang chủ `content/{language}/index.md` (một trang có `kind: page`). Thêm tệp này.",
                f"The home page `content/{language}/index.md` (a file with `kind: page`) is missing. Add it.")
