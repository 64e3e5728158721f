"""What lies under ``content/`` and ``assets/``, listed once without following any link or opening any file.

Every file there comes from a pull request. The listing says what each path is (a regular file, a folder, a
link, or something else such as a pipe or a device) and how many names its file has, so that the rules can
refuse links and special files, and the reader opens only regular files, never a link to ``/proc`` or
``/dev/zero``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

TOPS = ("content", "assets")


class Kind(StrEnum):
    FILE = "file"
    FOLDER = "folder"
    LINK = "link"
    OTHER = "other"  # a pipe, socket or device


@dataclass(frozen=True)
class Node:
    rel: str  # from the project root, with forward slashes: "content/vi/culture/gong.md"
    kind: Kind
    size: int = 0
    links: int = 1  # names of the file (more than one: a hard link, perhaps to a file outside the repository)


def _kind(mode: int) -> Kind:
    if stat.S_ISLNK(mode):
        return Kind.LINK
    if stat.S_ISDIR(mode):
        return Kind.FOLDER
    if stat.S_ISREG(mode):
        return Kind.FILE
    return Kind.OTHER


def walk(root: Path, top: str) -> list[Node]:
    """Every path under ``root/top`` (the top folder itself first), sorted; links are listed, never followed."""
    start = root / top
    try:
        info = os.lstat(start)
    except FileNotFoundError:
        return []
    nodes = [Node(top, _kind(info.st_mode), info.st_size, info.st_nlink)]
    if nodes[0].kind is not Kind.FOLDER:
        return nodes
    pending = [start]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                kind = _kind(info.st_mode)
                rel = Path(entry.path).relative_to(root).as_posix()
                nodes.append(Node(rel, kind, info.st_size, info.st_nlink))
                if kind is Kind.FOLDER:
                    pending.append(Path(entry.path))
    return sorted(nodes, key=lambda n: n.rel)


@dataclass
class Tree:
    """The listing of both top folders."""

    nodes: list[Node]

    @classmethod
    def read(cls, root: Path) -> Tree:
        return cls([node for top in TOPS for node in walk(root, top)])

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        """What each listed path is, by path: rules ask it of a file an entry names, never opening or following it."""
        return {n.rel: n.kind for n in self.nodes}

    def files_under(self, prefix: str) -> list[Node]:
        return [n for n in self.nodes if n.kind is Kind.FILE and n.rel.startswith(prefix)]

    def markdown(self, language: str) -> list[Node]:
        """The regular ``.md`` files of a language folder, none hidden: the only files the reader opens."""
        return [n for n in self.files_under(f"content/{language}/") if is_page_source(n.rel, (language,))]


def is_page_source(rel: str, languages: tuple[str, ...]) -> bool:
    """``content/<language>/…/<name>.md``, with no hidden (dot) name on the way: what the catalogue reads."""
    parts = rel.split("/")
    return (len(parts) >= 3 and parts[0] == "content" and parts[1] in languages and parts[-1].endswith(".md")
            and not any(part.startswith(".") for part in parts))
