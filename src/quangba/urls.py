"""Where each page lives, independent of the site generator.

The default language is served at the root, every other language under ``/<code>/``; a file at
``content/<lang>/<path>.md`` becomes ``<prefix><path>/`` (``index.md`` becomes its folder).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from typing import Any

HOME = "index.md"


# The generated page that lists every published entry of a kind, at the same address in every language.
KIND_LISTS = {"investment": "projects", "clarification": "clarifications", "publication": "publications",
              "event": "events"}


def kind_list_page(kind: str) -> str:
    """The generated listing of a kind, as if it were ``content/<lang>/<folder>/index.md``."""
    return f"{KIND_LISTS[kind]}/index.md"


LISTED_KINDS = {kind_list_page(kind): kind for kind in KIND_LISTS}  # a listing's page -> the kind it lists


def category_page(code: str) -> str:
    """The generated page of a category, as if it were ``content/<lang>/<code>/index.md``."""
    return f"{code}/index.md"


def page_path(rel_path: str, language: str, default_language: str) -> str:
    """Site-relative URL of a content file in a language, e.g. ``en/culture/gong-space/``."""
    stem = rel_path[:-3] if rel_path.endswith(".md") else rel_path
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    prefix = "" if language == default_language else f"{language}/"
    return prefix + stem


def relative_url(target: str, from_page: str) -> str:
    """A link from the page at site path ``from_page`` to site path ``target`` (both without leading /).

    Every page's header, footer and head link a dozen targets (32,000 links at 1,000 entries per language), so
    plain site paths are compared part by part; anything else (``.``, ``..``, doubled or leading slashes) takes
    :func:`posixpath.relpath`, which gives the same answer more slowly."""
    base = from_page.rstrip("/") if from_page.endswith("/") else from_page.rpartition("/")[0]
    here = base.split("/") if base else []
    there = [part for part in target.split("/") if part]
    if target.startswith("/") or any(part in ("", ".", "..") for part in here) or "." in there or ".." in there:
        return _relpath_url(target, from_page)
    common = 0
    for mine, theirs in zip(here, there, strict=False):  # stop at the shorter path
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def _relpath_url(target: str, from_page: str) -> str:
    base = posixpath.dirname("/" + from_page) if not from_page.endswith("/") else "/" + from_page.rstrip("/")
    if from_page == "":
        base = "/"
    rel = posixpath.relpath("/" + target, base or "/")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def slugify(value: str, separator: str = "-", **_: Any) -> str:
    """Heading anchors in ASCII that keep the letters: "Đà Lạt" becomes "da-lat", not "a-lat"."""
    value = value.replace("đ", "d").replace("Đ", "D")
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", separator, value).strip(separator)
