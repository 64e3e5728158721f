"""The portal's search: a Pagefind index of the built site, one per language (by each page's ``<html lang>``),
loaded by the browser in chunks, so a visitor's first search fetches a few hundred kilobytes however large the
portal grows. Only what ``data-pagefind-body`` marks is indexed (entries and public standing pages, see
:meth:`quangba.site.portal.Portal.search_meta`).

Pagefind holds every page it indexes in memory until it writes (about 200 KB a page: 2 GB at 10,000 pages), so
it runs once per language, each over that language's folders, and the small ``pagefind-entry.json`` that lists the
languages is merged. Pagefind names every other file after its language and content, and writes the shared files
(scripts, styles) alike in each run: the result is byte for byte a single run's (``tests/test_search.py`` checks
this against the pinned Pagefind).

A language with more pages than ``limits.search_index_pages`` (province.yml) is indexed in parts of at most that
many pages, so Pagefind's memory stays bounded however large the portal grows: the first part is the language's
index in ``pagefind/`` as usual, every other part is an index of its own under ``pagefind/parts/<lang>-<n>/``
(its index and fragment files only: it is searched with the first part's program), and ``pagefind-entry.json``
lists them under ``quangba_parts``. The browser merges the parts of its language into one list of results
(Pagefind's ``mergeIndex``). Pages are dealt out to the parts in turn, so each part is a sample of the whole
portal and scores from different parts compare.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pagefind_bin

SEARCH_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
PARTS_DIR = "parts"
PARTS_KEY = "quangba_parts"  # in pagefind-entry.json: {language: [part folders relative to pagefind/]}


class SearchIndexError(RuntimeError):
    pass


def language_globs(site: Path, languages: Sequence[str]) -> dict[str, str]:
    """The HTML files of each language as a Pagefind glob: the first language is served at the root, every other
    under ``/<code>/`` (:mod:`quangba.urls`)."""
    default, *others = languages
    root = _root_folders(site, others)
    for name in root:
        if not re.fullmatch(r"[\w.-]+", name):  # a glob's own syntax; the tree check keeps such names out of content
            raise SearchIndexError(f"a folder name Pagefind's glob cannot hold: {name!r}")
    folders = f"{{{','.join(root)}}}/**/*.html" if root else ""
    globs = {default: f"{{*.html,{folders}}}" if folders else "*.html"}
    globs.update({code: f"{code}/**/*.html" for code in others})
    return globs


def _root_folders(site: Path, others: Sequence[str]) -> list[str]:
    return sorted(path.name for path in site.iterdir()
                  if path.is_dir() and path.name not in {*others, SEARCH_DIR})


def language_pages(site: Path, languages: Sequence[str]) -> dict[str, list[str]]:
    """The HTML files of each language (what :func:`language_globs` matches), relative to ``site``, sorted."""
    default, *others = languages
    pages = {default: sorted(path.name for path in site.glob("*.html"))}
    for folder in _root_folders(site, others):
        pages[default] += sorted(p.relative_to(site).as_posix() for p in (site / folder).rglob("*.html"))
    for code in others:
        pages[code] = sorted(p.relative_to(site).as_posix() for p in (site / code).rglob("*.html"))
    return pages


@functools.cache
def _pagefind() -> Path:
    """Pagefind's program, found once: ``python -m pagefind`` starts a Python only to find it and hand over (0.1 s
    of CPU a run, and a language in parts is many runs)."""
    program = pagefind_bin.get_executable()
    if program is None:
        raise SearchIndexError("Pagefind's program is not installed (pip install pagefind[bin])")
    return program


def _run(site: Path, glob: str, output: Path) -> tuple[str, dict]:
    """One Pagefind run over the pages ``glob`` matches. The options go in a configuration file, which has no
    length limit: a part's glob lists its pages one by one."""
    with tempfile.TemporaryDirectory(prefix="quangba-pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(
            json.dumps({"site": str(site.resolve()), "output_path": str(output.resolve()), "glob": glob}),
            encoding="utf-8")
        result = subprocess.run([str(_pagefind())], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stdout[-2000:] + result.stderr[-2000:])
    entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
    pages = next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "")
    return pages, entry


def _part_glob(pages: Sequence[str]) -> str:
    """A glob that matches exactly ``pages`` (paths relative to the site)."""
    for rel in pages:
        if not re.fullmatch(r"[\w./-]+", rel):  # a glob's own syntax; the tree check keeps such names out of content
            raise SearchIndexError(f"a page name Pagefind's glob cannot hold: {rel!r}")
    return "{" + ",".join(pages) + "}"


def _keep_index_only(part: Path) -> None:
    """A part is searched with the first part's program and WebAssembly: only its own index stays."""
    for path in part.iterdir():
        if path.is_dir() and path.name in {"index", "fragment"}:
            continue
        if path.is_file() and (path.name == ENTRY_FILE or path.suffix == ".pf_meta"):
            continue
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def _only(language: str, entry: dict) -> None:
    """A run over one language's folders must index that language alone: another's index files would overwrite
    another run's, or be missing from the merged entry."""
    found = set(entry.get("languages", {}))
    if found - {language}:
        raise SearchIndexError(f"pages in the {language} folders declare another language: {sorted(found)}")


def _give_back_memory() -> None:
    """Return the build's freed memory to the system before Pagefind starts beside it (glibc keeps freed pages
    for reuse: a third of the build's resident memory at 5,000 entries)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def index_site(site: Path, languages: Sequence[str], pages_per_index: int | None = None) -> str:
    """Index ``site`` in place (into ``site/pagefind``), one language at a time, each in parts of at most
    ``pages_per_index`` pages (one part if None); Pagefind's page counts."""
    _give_back_memory()
    output = site / SEARCH_DIR
    globs = language_globs(site, languages)
    pages = language_pages(site, languages) if pages_per_index else {}
    shutil.rmtree(output / PARTS_DIR, ignore_errors=True)  # an earlier run's parts, on a site indexed again
    merged: dict | None = None
    parts: dict[str, list[str]] = {}
    counts = []
    for language, glob in globs.items():
        found = pages.get(language, [])
        shares = math.ceil(len(found) / pages_per_index) if pages_per_index else 1
        share_globs = [glob] if shares <= 1 else [_part_glob(found[n::shares]) for n in range(shares)]
        said = []
        for number, share_glob in enumerate(share_globs, start=1):
            folder = f"{PARTS_DIR}/{language}-{number}"
            indexed, run_entry = _run(site, share_glob, output if number == 1 else output / folder)
            _only(language, run_entry)
            said.append(indexed)
            if number == 1:
                entry = run_entry
            else:
                _keep_index_only(output / folder)
                parts.setdefault(language, []).append(folder + "/")
        counts.append(f"{language}: {' + '.join(said)}")
        if merged is None:
            merged = entry
        elif entry != {**merged, "languages": entry.get("languages", {})}:
            raise SearchIndexError(f"the {language} index differs in more than its language: {entry}")
        else:
            merged["languages"] = dict(sorted({**merged["languages"], **entry.get("languages", {})}.items()))
    if merged is not None:
        if parts:
            merged[PARTS_KEY] = parts
        (output / ENTRY_FILE).write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")),
                                         encoding="utf-8")
    return "; ".join(counts)
