"""The search index is built one language at a time (to halve Pagefind's memory) and must be what one run over
the whole site makes: these tests hold that against the pinned Pagefind, so an upgrade that changes its layout
fails here rather than on the portal."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quangba.site.search import ENTRY_FILE, PARTS_KEY, SEARCH_DIR, SearchIndexError, index_site, language_globs


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_is_byte_for_byte_one_run_over_the_whole_site(sample_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(sample_site, copy, ignore=shutil.ignore_patterns(SEARCH_DIR, "assets", "media", "admin"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--output-subdir", "single"],
                   check=True, capture_output=True)
    built, single = _files(sample_site / SEARCH_DIR), _files(copy / "single")
    assert built.keys() == single.keys()
    # Pagefind lists the languages in no fixed order (two runs of the same site differ): compare what it says.
    assert json.loads(built.pop(ENTRY_FILE)) == json.loads(single.pop(ENTRY_FILE))
    assert [name for name in built if built[name] != single[name]] == []
    assert any(name.startswith("fragment/vi_") for name in built)
    assert any(name.startswith("index/en_") for name in built)


def _page(site: Path, rel: str, lang: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="{lang}"><head><title>{text}</title></head>'
                    f"<body><main data-pagefind-body><h1>{text}</h1><p>{text} {text}</p></main></body></html>",
                    encoding="utf-8")


def test_each_language_is_searched_from_its_own_folders(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", "vi", "Trang chủ")
    _page(tmp_path, "culture/hat-then/index.html", "vi", "Hát then")
    _page(tmp_path, "en/index.html", "en", "Home")
    _page(tmp_path, "en/culture/then-singing/index.html", "en", "Then singing")
    assert language_globs(tmp_path, ["vi", "en"]) == {"vi": "{*.html,{culture}/**/*.html}", "en": "en/**/*.html"}
    assert "vi: " in index_site(tmp_path, ["vi", "en"])
    entry = (tmp_path / SEARCH_DIR / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"en":{' in entry and '"vi":{' in entry and '"page_count":2' in entry


@pytest.mark.parametrize("pages_per_index", [None, 1])  # one index, or the stray page in a later part
def test_a_page_in_another_languages_folder_stops_the_index(tmp_path: Path, pages_per_index: int | None) -> None:
    _page(tmp_path, "index.html", "vi", "Trang chủ")
    _page(tmp_path, "en/index.html", "en", "Home")
    _page(tmp_path, "en/zz/index.html", "vi", "Văn hóa")  # would overwrite or drop the Vietnamese index
    with pytest.raises(SearchIndexError, match="en folders declare another language"):
        index_site(tmp_path, ["vi", "en"], pages_per_index)


def _pages_of(folder: Path) -> set[str]:
    """The URLs of the pages an index holds, read from its fragments (gzipped JSON behind Pagefind's signature)."""
    urls = set()
    for fragment in (folder / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def test_a_language_with_more_pages_than_the_limit_is_indexed_in_parts_the_browser_merges(tmp_path: Path) -> None:
    vietnamese = {f"culture/bai-{n}/index.html": f"Bài số {n}" for n in range(7)}
    for rel, text in {"index.html": "Trang chủ", **vietnamese}.items():
        _page(tmp_path, rel, "vi", text)
    for rel, text in {"en/index.html": "Home", "en/culture/gongs/index.html": "Gongs"}.items():
        _page(tmp_path, rel, "en", text)
    said = index_site(tmp_path, ["vi", "en"], pages_per_index=3)
    assert said.startswith("vi: ") and said.count("+") == 2 and "en: " in said  # 8 pages: parts of 3, 3 and 2
    search = tmp_path / SEARCH_DIR
    entry = json.loads((search / ENTRY_FILE).read_text(encoding="utf-8"))
    assert entry[PARTS_KEY] == {"vi": ["parts/vi-2/", "parts/vi-3/"]}  # English has 2 pages: one index
    assert set(entry["languages"]) == {"vi", "en"}
    parts = [search / "parts/vi-2", search / "parts/vi-3"]
    held = [{u for u in _pages_of(search) if not u.startswith("/en/")}, *map(_pages_of, parts)]
    assert [len(h) for h in held] == [3, 3, 2]
    assert set.union(*held) == {"/", *(f"/culture/bai-{n}/" for n in range(7))}  # every page, in one part only
    for part in parts:  # searched with the first part's program: no second copy of it
        assert sorted(p.name for p in part.iterdir() if p.is_dir()) == ["fragment", "index"]
        assert not list(part.glob("*.js")) and not list(part.glob("wasm.*")) and list(part.glob("*.pf_meta"))
        assert set(json.loads((part / ENTRY_FILE).read_text(encoding="utf-8"))["languages"]) == {"vi"}
    index_site(tmp_path, ["vi", "en"], pages_per_index=100)  # indexed again in one part: no part is left behind
    assert not (search / "parts").exists()
    assert PARTS_KEY not in json.loads((search / ENTRY_FILE).read_text(encoding="utf-8"))
