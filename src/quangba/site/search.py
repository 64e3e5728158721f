"""The portal's search: a Pagefind index of the built site, one per language (by each page's ``<html lang>``),
loaded by the browser in chunks, so a visitor's first search fetches a few hundred kilobytes however large the
portal grows. Only what ``data-pagefind-body`` marks is indexed (entries and public standing pages, see
:meth:`quangba.site.portal.Portal.search_meta`).

Pagefind holds every page it indexes in memory until it writes (about 160 KB a page: 3.1 GB at 20,000 pages), so
it runs once per language, each over that language's folders, and the small ``pagefind-entry.json`` that lists the
languages is merged. Pagefind names every other file after its language and content, and writes the shared files
(scripts, styles) alike in each run: the result is byte for byte a single run's (``tests/test_search.py`` checks
this against the pinned Pagefind), at about half its peak memory.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SEARCH_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"


class SearchIndexError(RuntimeError):
    pass


def language_globs(site: Path, languages: Sequence[str]) -> dict[str, str]:
    """The HTML files of each language as a Pagefind glob: the first language is served at the root, every other
    under ``/<code>/`` (:mod:`quangba.urls`)."""
    default, *others = languages
    root = sorted(path.name for path in site.iterdir() if path.is_dir() and path.name not in {*others, SEARCH_DIR})
    for name in root:
        if not re.fullmatch(r"[\w.-]+", name):  # a glob's own syntax; the tree check keeps such names out of content
            raise SearchIndexError(f"a folder name Pagefind's glob cannot hold: {name!r}")
    folders = f"{{{','.join(root)}}}/**/*.html" if root else ""
    globs = {default: f"{{*.html,{folders}}}" if folders else "*.html"}
    globs.update({code: f"{code}/**/*.html" for code in others})
    return globs


def _run(site: Path, glob: str) -> tuple[str, dict]:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", SEARCH_DIR,
                             "--glob", glob], capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stdout[-2000:] + result.stderr[-2000:])
    entry = json.loads((site / SEARCH_DIR / ENTRY_FILE).read_text(encoding="utf-8"))
    pages = next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "")
    return pages, entry


def index_site(site: Path, languages: Sequence[str]) -> str:
    """Index ``site`` in place (into ``site/pagefind``), one language at a time; Pagefind's page counts."""
    merged: dict | None = None
    counts = []
    for language, glob in language_globs(site, languages).items():
        pages, entry = _run(site, glob)
        found = set(entry.get("languages", {}))
        if found - {language}:  # its index files would overwrite another run's, or be missing from the entry
            raise SearchIndexError(f"pages in the {language} folders declare another language: {sorted(found)}")
        counts.append(f"{language}: {pages}")
        if merged is None:
            merged = entry
        elif entry != {**merged, "languages": entry.get("languages", {})}:
            raise SearchIndexError(f"the {language} index differs in more than its language: {entry}")
        else:
            merged["languages"] = dict(sorted({**merged["languages"], **entry.get("languages", {})}.items()))
    if merged is not None:
        (site / SEARCH_DIR / ENTRY_FILE).write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")),
                                                    encoding="utf-8")
    return "; ".join(counts)
