"""The files themselves: only what the catalogue checks may lie under ``content/``, nothing under ``content/``
or ``assets/`` may lead out of the repository, names are safe on every system and in every URL, and each
address of the site has one source.

MkDocs publishes whatever lies under its docs folder (``content/``): a page the validator never read, a
script, a photo with its GPS position. So the only files allowed there are the Markdown files of the language
folders, each of which the catalogue checks; anything else is an error that names it.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath

from quangba.problems import Problem
from quangba.profile import Profile
from quangba.sources.checks.names import ascii_slug
from quangba.sources.tree import Kind, Node, Tree, is_page_source
from quangba.urls import KIND_LISTS, page_path

# Names Windows refuses for any file, whatever its extension: a contributor on Windows could not check it out.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})
# Addresses the build itself writes at the top of each language's site.
RESERVED_TOP = frozenset({"assets", "media", "exports", "iiif", "schemas", "search", "pagefind", "admin", "404.html",
                          "sitemap.xml", "sitemaps", "feed.xml", "robots.txt", "index.html", *KIND_LISTS.values()})
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def _problem(rel: str, rule: str, vi: str, en: str) -> Problem:
    return Problem(rel, 1, rule, "", vi, en)


def link_problems(tree: Tree) -> Iterator[Problem]:
    """No link, special file or second name of a file: each could publish what lies outside the repository."""
    for node in tree.nodes:
        if node.kind is Kind.LINK:
            yield _problem(
                node.rel, "link",
                "Đây là liên kết tượng trưng (symlink). Liên kết có thể trỏ ra ngoài kho và làm lộ tệp của máy dựng "
                "trang; thay bằng chính tệp hoặc thư mục đó.",
                "This is a symbolic link. A link can point outside the repository and publish the build machine's "
                "files; put the file or folder itself here instead.")
        elif node.kind is Kind.OTHER:
            yield _problem(
                node.rel, "special-file",
                "Đây không phải tệp thường (ống dẫn, socket hay thiết bị); xóa nó khỏi kho.",
                "This is not a regular file (a pipe, socket or device); remove it from the repository.")
        elif node.kind is Kind.FILE and node.links > 1:
            yield _problem(
                node.rel, "hard-link",
                f"Tệp này có {node.links} tên (liên kết cứng), có thể trỏ tới tệp ngoài kho; thay bằng một bản sao "
                "thường của tệp.",
                f"This file has {node.links} names (a hard link), perhaps to a file outside the repository; put an "
                "ordinary copy of the file here instead.")


def unexpected_file_problems(tree: Tree, profile: Profile) -> Iterator[Problem]:
    """Under ``content/`` only ``content/<language>/…/*.md``: everything else would be published unchecked."""
    languages = profile.language_codes
    for node in tree.nodes:
        if node.kind is not Kind.FILE or not node.rel.startswith("content/"):
            continue
        if is_page_source(node.rel, languages):
            continue
        parts = PurePosixPath(node.rel).parts
        where = f"`content/{'/'.join(parts[1:2])}/`" if len(parts) >= 3 and parts[1] in languages else "`content/`"
        yield _problem(
            node.rel, "unexpected-file",
            f"Trong {where} chỉ được có tệp Markdown `.md` của các bài và trang; tệp này sẽ bị đăng lên cổng thông "
            "tin mà không được kiểm tra. Ảnh đặt trong `assets/photos/`; các tệp khác hãy xóa khỏi yêu cầu hợp nhất.",
            f"Only the `.md` Markdown files of entries and pages may be in {where}; this file would be published on "
            "the portal without being checked. Photos go in `assets/photos/`; remove other files from the pull "
            "request.")


def name_problems(tree: Tree) -> Iterator[Problem]:
    """Names in NFC, free of characters that break URLs or other systems, no Windows reserved name, and no two
    paths that differ only in case (they are one file on Windows and macOS)."""
    taken = {n.rel for n in tree.nodes}
    folded: dict[str, list[str]] = defaultdict(list)
    for node in tree.nodes:
        folded[unicodedata.normalize("NFC", node.rel).casefold()].append(node.rel)
        name = PurePosixPath(node.rel).name
        if not unicodedata.is_normalized("NFC", node.rel):
            yield _problem(node.rel, "name-nfc",
                           "Tên tệp ở dạng Unicode tổ hợp (NFD, thường do máy Mac); đặt lại tên không dấu.",
                           "The file name is in decomposed Unicode (NFD, as macOS writes it); rename it without "
                           "diacritics.")
        stem = name.split(".", 1)[0].lower()
        content_page = node.rel.startswith("content/") and node.rel.endswith(".md")
        unsafe = [] if content_page else sorted({c for c in name if c not in _SAFE})  # pages: see names.py
        if stem in WINDOWS_RESERVED or unsafe:
            suggestion = _suggestion(node, taken)
            why_vi = (f"`{stem}` là tên Windows không cho dùng" if stem in WINDOWS_RESERVED else
                      f"có ký tự làm hỏng địa chỉ web ({' '.join(repr(c) for c in unsafe)})")
            why_en = (f"`{stem}` is a name Windows refuses" if stem in WINDOWS_RESERVED else
                      f"it has characters that break web addresses ({' '.join(repr(c) for c in unsafe)})")
            yield _problem(node.rel, "unsafe-name",
                           f"Tên `{name}` không dùng được: {why_vi}. Đổi tên thành `{suggestion}`.",
                           f"The name `{name}` cannot be used: {why_en}. Rename it to `{suggestion}`.")
    for paths in folded.values():
        if len(paths) > 1:
            for path in paths:
                others = ", ".join(f"`{p}`" for p in paths if p != path)
                yield _problem(path, "name-case",
                               f"Tên này chỉ khác {others} ở chữ hoa, chữ thường: trên Windows và macOS đó là một tệp. "
                               "Giữ một tệp, hoặc đổi tên cho khác hẳn.",
                               f"This name differs from {others} only in case: on Windows and macOS they are one "
                               "file. Keep one, or give it a really different name.")


def free_name(path: PurePosixPath, stem: str, suffix: str, taken: set[str]) -> str:
    """``stem`` + ``suffix``, numbered if another file in the folder already has that name."""
    candidate, number = stem, 1
    while (path.parent / f"{candidate}{suffix}").as_posix() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return f"{candidate}{suffix}"


def _suggestion(node: Node, taken: set[str]) -> str:
    """A safe name for the file that no other file has."""
    path = PurePosixPath(node.rel)
    suffix = "".join(path.suffixes).lower() if node.kind is Kind.FILE else ""
    stem = ascii_slug(path.name[: len(path.name) - len(suffix)] if suffix else path.name) or "ten-moi"
    if stem in WINDOWS_RESERVED:
        stem += "-1"
    return free_name(path, stem, suffix, taken)


def address_problems(tree: Tree, profile: Profile, generated: set[str]) -> Iterator[Problem]:
    """One address, one source: two files of a language may not become the same page, and no file may take an
    address the build writes itself (a category's listing, the exports, another language's site)."""
    default = profile.default_language
    reserved = RESERVED_TOP | set(profile.language_codes)
    for language in profile.language_codes:
        owners: dict[str, list[str]] = defaultdict(list)
        prefix = f"content/{language}/"
        for node in tree.markdown(language):
            rel_path = node.rel[len(prefix):]
            owners[page_path(rel_path, language, default)].append(node.rel)
            top = rel_path.split("/", 1)[0]
            if top.removesuffix(".md") in reserved and rel_path != "index.md":
                yield _problem(node.rel, "reserved-address",
                               f"Địa chỉ `{top}` dành cho hệ thống (ảnh, dữ liệu xuất, trang của ngôn ngữ khác…); đổi "
                               "tên tệp hoặc thư mục.",
                               f"The address `{top}` belongs to the system (photos, exports, another language's "
                               "site…); rename the file or folder.")
            if rel_path in generated:
                yield _problem(node.rel, "generated-page",
                               f"Trang `{rel_path}` do hệ thống tự sinh; xóa tệp này.",
                               f"The page `{rel_path}` is generated; delete this file.")
        for address, files in owners.items():
            if len(files) > 1:
                for file in files:
                    others = ", ".join(f"`{f}`" for f in files if f != file)
                    yield _problem(file, "address-collision",
                                   f"Tệp này và {others} cùng thành trang `/{address}`; chỉ giữ một.",
                                   f"This file and {others} would both become the page `/{address}`; keep one.")
