"""Reads a built site the way the national database would, and says what it could not trust.

Only the site folder is read, never the content: this is the consumer's view. The manifest is checked
against the schema this version of quangba defines (and the published copy must be that schema), every file
a record lists must exist with its size and SHA-256, every record must speak every language of the export
and its pages must exist in those languages, tombstones must not name a live entry, and the change feed
must agree with the manifest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from quangba.exports.discovery import SITEMAP, SITEMAP_DIR, SITEMAP_NS
from quangba.exports.manifest import CHANGES, MANIFEST
from quangba.exports.records import EXPORTS_DIR, IIIF_DIR
from quangba.exports.schemas import EXPORT_SCHEMA_VERSION, changes_schema, manifest_schema
from quangba.exports.tables import INVESTMENT_CSV
from quangba.language import count, number
from quangba.problems import Problem
from quangba.schema import fast_validator
from quangba.site.admin import ADMIN_DIR, BUNDLE_DIR, BUNDLE_RECORD, admin_files
from quangba.site.metadata import metadata_segments
from quangba.urls import KIND_LISTS

_MANIFEST = f"{EXPORTS_DIR}/{MANIFEST}"
_CHANGES = f"{EXPORTS_DIR}/{CHANGES}"
_NOTHING_CHECKED = {"records": 0, "tombstones": 0, "files": 0}
_LANG = re.compile(rb"<html[^>]*\slang=\"([^\"]+)\"")


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.files_checked = 0
        self.quick = False

    def add(self, file: str, rule: str, vi: str, en: str, field: str = "") -> None:
        self.problems.append(Problem(file, 0, rule, field, vi, en))


def _load(site: Path, rel: str, report: _Report) -> Any:
    try:
        return json.loads((site / rel).read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.add(rel, "missing", "Không có tệp này trong site.", "This file is missing from the site.")
    except (ValueError, UnicodeDecodeError) as exc:
        report.add(rel, "unreadable", f"Tệp không phải JSON hợp lệ: {exc}", f"The file is not valid JSON: {exc}")
    return None


class _Manifest:
    """The manifest read so that its records never all live at once: with the layout the build writes (each
    record on its own line, see :func:`quangba.exports.manifest.lines`), the rest of the document is read first
    and the records one at a time afterwards; any other layout (a hand-edited file, another tool's) is read whole.
    At 10,000 records the whole document as Python objects took 400 MB."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.whole: dict[str, Any] | None = None
        self.count = 0
        self.envelope = self._envelope()

    def _lines(self) -> Iterator[str]:
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n")

    def _envelope(self) -> Any:
        kept, inside = [], False
        for line in self._lines():
            if inside:
                if line in ("]", "],"):
                    kept.append('"records":[]' + line[1:])
                    inside = False
                else:
                    self.count += 1
            elif line == '"records":[':
                inside = True
            else:
                kept.append(line)
        if inside or self.count == 0:  # not the build's layout, or no record: read the document whole
            self.whole = json.loads(self.path.read_text(encoding="utf-8"))
            self.count = len(self.whole.get("records", ())) if isinstance(self.whole, dict) else 0
            return self.whole
        return json.loads("\n".join(kept))

    def records(self) -> Iterator[Any]:
        if self.whole is not None:
            yield from self.whole.get("records", ())
            return
        inside = False
        for line in self._lines():
            if inside:
                if line in ("]", "],"):
                    return
                yield json.loads(line.removesuffix(","))
            elif line == '"records":[':
                inside = True


_FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _conforms(name: str, value: Any) -> bool:
    return _FORMATS.conforms(value, name)


# The formats the export schemas use, checked exactly as jsonschema checks them.
_FAST_FORMATS = {name: functools.partial(_conforms, name) for name in ("date", "date-time", "uri")}


def _schema_errors(data: Any, schema: dict[str, Any], rel: str, report: _Report, prefix: str = "",
                   fast: Callable[[Any], Any] | None = None) -> bool:
    """``fast``: the schema's compiled check, when the caller checks many documents against one schema (finding
    the compiled check again costs a serialisation of the schema each time: 0.4 s for 1,000 records)."""
    try:
        (fast or fast_validator(schema, _FAST_FORMATS))(data)
        return False  # valid: the common case, in milliseconds
    except fastjsonschema.JsonSchemaException:
        pass
    validator = jsonschema.Draft202012Validator(schema, format_checker=_FORMATS)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    for error in errors[:50]:
        where = prefix + "/".join(str(p) for p in error.absolute_path)
        report.add(rel, "schema", f"Không đúng lược đồ tại `{where}`: {error.message}",
                   f"Does not follow the schema at `{where}`: {error.message}", where)
    return bool(errors)


def _site_path(url: str, base: str) -> str | None:
    """The file under the site folder that serves a URL of the portal (None for another site's URL)."""
    if not url.startswith(base):
        return None
    rel = url[len(base):]
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


_SHOWN_MODES = 20  # unreadable files named one by one; the rest are counted


def _check_modes(site: Path, report: _Report) -> None:
    """Every file and folder readable by others: the web server runs as another user than the build."""
    unreadable = []
    for folder, folders, files in os.walk(site):
        for name in folders:
            if os.stat(os.path.join(folder, name)).st_mode & 0o005 != 0o005:
                unreadable.append(os.path.join(folder, name))
        for name in files:
            if not os.stat(os.path.join(folder, name)).st_mode & stat.S_IROTH:
                unreadable.append(os.path.join(folder, name))
    for path in unreadable[:_SHOWN_MODES]:
        rel = Path(path).relative_to(site).as_posix()
        mode = oct(os.stat(path).st_mode & 0o777)
        report.add(rel, "not-readable",
                   f"Người dùng khác không đọc được tệp hoặc thư mục này (quyền {mode}); máy chủ web sẽ trả lỗi 403. "
                   "Dựng lại site bằng phiên bản quangba này, hoặc chạy `chmod -R a+rX site`.",
                   f"Other users cannot read this file or folder (mode {mode}); a web server will answer 403. "
                   "Build the site again with this version of quangba, or run `chmod -R a+rX site`.")
    if len(unreadable) > _SHOWN_MODES:
        more = len(unreadable) - _SHOWN_MODES
        report.add(".", "not-readable", f"… và {number(more, 'vi')} tệp khác như vậy.",
                   f"… and {count(more, 'file', 'en')} more like these.")


class _NoTree:
    """A parser target that keeps nothing: checking that a file is well formed needs no tree of it (the OAI
    file's tree was the build's memory peak at 10,000 entries per language)."""

    def close(self) -> None:
        return None


def _well_formed(path: Path) -> None:
    """Parse ``path`` in pieces with Expat, as ``ET.parse`` does, raising the same ``ET.ParseError``."""
    parser = ET.XMLParser(target=_NoTree())
    with path.open("rb") as stream:
        while piece := stream.read(1 << 20):
            parser.feed(piece)
    parser.close()


def _check_xml(site: Path, report: _Report) -> None:
    """Every XML file (sitemap, feeds, OAI-PMH) well formed: a harvester rejects the whole document otherwise."""
    for path in sorted(site.rglob("*.xml")):
        report.files_checked += 1
        try:
            _well_formed(path)
        except ET.ParseError as exc:
            rel = path.relative_to(site).as_posix()
            report.add(rel, "xml", f"Tệp XML không hợp lệ ({exc}); trình thu thập sẽ bỏ cả tệp. Dựng lại site.",
                       f"The XML file is not well formed ({exc}); a harvester would reject all of it. Build the "
                       "site again.")


SEARCH_INDEX_DIR = "pagefind/"  # the search index, written by Pagefind from the pages


_SITEMAP_ITEMS = {f"{{{SITEMAP_NS}}}url", f"{{{SITEMAP_NS}}}sitemap"}
_SITEMAP_PART = re.compile(rf"{SITEMAP_DIR}/sitemap-[1-9][0-9]*\.xml")


def _sitemap_locations(path: Path) -> tuple[str, list[str]]:
    """The root element of a sitemap or sitemap index and the addresses it lists (none if it is missing or
    broken: its pages are then unaccounted), read as a stream: a province of 100,000 entries per language has
    200,000 page addresses."""
    locations: list[str] = []
    try:
        events = ET.iterparse(path, events=("start", "end"))
        _, root = next(events)
        for event, element in events:
            if event == "end" and element.tag == f"{{{SITEMAP_NS}}}loc":
                locations.append(element.text or "")
            elif event == "end" and element.tag in _SITEMAP_ITEMS:
                root.clear()  # the items read so far: only their addresses are kept
    except (OSError, ET.ParseError, StopIteration):
        return "", []
    return root.tag, locations


def _sitemap_pages(site: Path, base: str) -> tuple[list[str], set[str]]:
    """The page addresses the sitemap lists, and the sitemap's parts when ``sitemap.xml`` is their index. Only
    the build's own part names are followed: an index cannot vouch for other files by calling them parts."""
    tag, locations = _sitemap_locations(site / SITEMAP)
    if tag != f"{{{SITEMAP_NS}}}sitemapindex":
        return locations, set()
    parts = {rel for rel in (_site_path(url, base) for url in locations) if rel and _SITEMAP_PART.fullmatch(rel)}
    pages: list[str] = []
    for part in sorted(parts):
        tag, found = _sitemap_locations(site / part)
        if tag == f"{{{SITEMAP_NS}}}urlset":
            pages += found
    return pages, parts


def _accounted(site: Path, manifest: dict[str, Any], base: str, theme_assets: set[str],
               record_files: set[str]) -> set[str]:
    """Every file the site may hold, by the catalogue's and the exports' own lists: the pages the sitemap lists,
    each language's 404 page, the notices at withdrawn entries' addresses, the photo derivatives and IIIF
    manifests of the records, the exports, the search index and the theme's assets."""
    allowed = set(theme_assets) | {"404.html"}
    languages = [lang["code"] for lang in manifest["languages"]]
    default = next(lang["code"] for lang in manifest["languages"] if lang["default"])
    allowed |= {f"{lang}/404.html" for lang in languages if lang != default}
    urls, sitemap_parts = _sitemap_pages(site, base)
    urls += [u for t in manifest["tombstones"] for u in t["former_url"].values()]
    allowed |= {rel for rel in (_site_path(url, base) for url in urls) if rel}
    allowed |= record_files | sitemap_parts
    allowed |= {f"{EXPORTS_DIR}/{name}" for name in (MANIFEST, CHANGES, "manifest.schema.json",
                                                      "changes.schema.json", "oai.xml", INVESTMENT_CSV)}
    allowed |= {f"{IIIF_DIR}/collection.json", SITEMAP, f"{SITEMAP}.gz", "schemas/source.schema.json",
                "schemas/translation.schema.json"}
    for lang in languages:  # each language's feeds: every entry, and the clarifications beside their listing
        prefix = "" if lang == default else f"{lang}/"
        allowed |= {f"{prefix}feed.xml", f"{prefix}{KIND_LISTS['clarification']}/feed.xml"}
    return allowed


def _check_web_editor(site: Path, admin_bundle: str | None, report: _Report) -> set[str]:
    """The /admin/ files, when its bundle is the recorded one (``admin_bundle``: its checksum)."""
    files, intact = admin_files(site, admin_bundle)
    if files and not intact:
        report.add(f"{ADMIN_DIR}/{BUNDLE_DIR}/", "web-editor",
                   f"Trình soạn thảo web trong site khác với bản đã ghi trong {BUNDLE_RECORD}. Chạy `make cms` rồi "
                   "dựng lại site.",
                   f"The web editor in the site is not the one recorded in {BUNDLE_RECORD}. Run `make cms` and "
                   "build the site again.")
        return set()
    return files


def _check_accounting(site: Path, manifest: dict[str, Any], base: str, theme_assets: set[str],
                      record_files: set[str], report: _Report, admin_bundle: str | None = None) -> None:
    allowed = _accounted(site, manifest, base, theme_assets, record_files)
    allowed |= _check_web_editor(site, admin_bundle, report)
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(SEARCH_INDEX_DIR):
            continue  # written by the search indexer from the pages above
        if path.is_file() and rel not in allowed:
            report.add(rel, "unaccounted",
                       "Tệp này không thuộc trang nào của danh mục, ảnh, dữ liệu xuất hay giao diện, nên chưa được "
                       "kiểm tra. Dựng lại site; đừng thêm tệp vào site bằng tay.",
                       "This file is none of the catalogue's pages, photos, exports or theme assets, so nothing "
                       "checked it. Build the site again; never add files to it by hand.")


class _Seen:
    """What the later checks need of the records, kept while the records themselves are read one at a time."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.datestamps: dict[str, str] = {}
        self.photo_ids: set[str] = set()
        self.files: set[str] = set()  # every site file a record lists

    def add(self, record: dict[str, Any], base: str) -> None:
        self.ids.append(record["id"])
        self.datestamps[record["id"]] = record["datestamp"]
        self.photo_ids |= {p["id"] for p in record["photos"]}
        self.files.add(f"{IIIF_DIR}/manifests/{record['id']}.json")
        self.files |= {_site_path(d["url"], base) or "" for p in record["photos"] for d in p["derivatives"]}
        if "publication" in record:
            publication = record["publication"]
            self.files.add(_site_path(publication["file"]["url"], base) or "")
            cover = publication.get("cover", {}).get("derivatives", ())
            self.files |= {_site_path(d["url"], base) or "" for d in cover}


def verify_site(site: Path, quick: bool = False, theme_assets: set[str] | None = None,
                admin_bundle: str | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Every problem a consumer of the site's exports would meet, and what was checked. ``quick`` (the build's
    own check, run before the site is published): photo files are checked by size, not read again, since the
    build hashed and read back each one as it made it. ``theme_assets``: the theme's files as the site generator
    copies them; given, every file of the site must be accounted for. ``admin_bundle``: the recorded checksum of
    the web editor's bundle, which /admin/ must match."""
    report = _Report()
    report.quick = quick
    if site.is_dir():
        _check_modes(site, report)
        _check_xml(site, report)
    try:
        source = _Manifest(site / _MANIFEST)
    except FileNotFoundError:
        report.add(_MANIFEST, "missing", "Không có tệp này trong site.", "This file is missing from the site.")
        return report.problems, _NOTHING_CHECKED
    except (ValueError, UnicodeDecodeError) as exc:
        report.add(_MANIFEST, "unreadable", f"Tệp không phải JSON hợp lệ: {exc}", f"The file is not valid JSON: {exc}")
        return report.problems, _NOTHING_CHECKED
    manifest = source.envelope
    if not isinstance(manifest, dict):
        return report.problems, _NOTHING_CHECKED
    base = str((manifest.get("publisher") or {}).get("url") or "")
    if manifest.get("schema_version") != EXPORT_SCHEMA_VERSION:
        report.add(_MANIFEST, "schema-version",
                   f"Phiên bản lược đồ `{manifest.get('schema_version')}` khác `{EXPORT_SCHEMA_VERSION}` mà công cụ "
                   "này đọc được.",
                   f"Schema version `{manifest.get('schema_version')}` is not `{EXPORT_SCHEMA_VERSION}`, the one this "
                   "tool reads.", "schema_version")
        return report.problems, _NOTHING_CHECKED
    schema = manifest_schema(base)
    for name, expected in (("manifest", schema), ("changes", changes_schema(base))):
        rel = f"{EXPORTS_DIR}/{name}.schema.json"
        published = _load(site, rel, report)
        if published is not None and published != expected:
            report.add(rel, "schema-differs",
                       "Lược đồ công bố kèm site khác với lược đồ của phiên bản này; hãy dựng lại site.",
                       "The schema published with the site differs from this version's; rebuild the site.")
    if _schema_errors({**manifest, "records": []}, schema, _MANIFEST, report):
        return report.problems, _NOTHING_CHECKED
    record_schema = schema["properties"]["records"]["items"]
    check_record = fast_validator(record_schema, _FAST_FORMATS)
    languages = [lang["code"] for lang in manifest["languages"]]
    tombstones = manifest["tombstones"]
    seen, hashed = _Seen(), {}
    try:
        for index, record in enumerate(source.records()):
            if _schema_errors(record, record_schema, _MANIFEST, report, f"records/{index}/", check_record):
                return report.problems, _NOTHING_CHECKED
            _check_record(site, base, record, f"records/{index}", languages, hashed, report)
            seen.add(record, base)
    except (ValueError, UnicodeDecodeError) as exc:
        report.add(_MANIFEST, "unreadable", f"Tệp không phải JSON hợp lệ: {exc}", f"The file is not valid JSON: {exc}")
        return report.problems, _NOTHING_CHECKED
    _check_tombstones(site, base, set(seen.ids), tombstones, report)
    _check_changes(site, base, seen.datestamps, tombstones, report)
    if theme_assets is not None:
        _check_accounting(site, manifest, base, theme_assets, seen.files, report, admin_bundle)
    for duplicate in sorted(i for i, n in Counter(seen.ids).items() if n > 1):
        report.add(_MANIFEST, "duplicate-id", f"Mã `{duplicate}` xuất hiện ở nhiều bản ghi.",
                   f"The id `{duplicate}` appears in more than one record.", "records")
    counts = manifest["counts"]
    if (counts["records"], counts["tombstones"], counts["photos"]) != (len(seen.ids), len(tombstones),
                                                                       len(seen.photo_ids)):
        report.add(_MANIFEST, "counts", "Số đếm trong `counts` không khớp với danh sách.",
                   "The numbers in `counts` do not match the lists.", "counts")
    return report.problems, {"records": len(seen.ids), "tombstones": len(tombstones), "files": report.files_checked}


def _file_facts(site: Path, rel: str, hashed: dict[str, tuple[int, str] | None],
                report: _Report, photo: bool = True) -> tuple[int, str] | None:
    """A listed file's size and SHA-256, read once; a photo's bytes are also read for metadata it must not carry."""
    if rel not in hashed and report.quick:
        try:
            hashed[rel] = ((site / rel).stat().st_size, "")
        except OSError:
            hashed[rel] = None
    if rel not in hashed:
        try:
            data = (site / rel).read_bytes()
            hashed[rel] = (len(data), hashlib.sha256(data).hexdigest())
        except OSError:
            hashed[rel] = None
            return None
        carried = metadata_segments(data) if photo else []
        if carried:
            report.add(rel, "photo-metadata",
                       f"Ảnh công bố còn mang thông tin kèm theo ({', '.join(carried)}): có thể lộ vị trí GPS hay số "
                       "máy. Dựng lại site; đừng đặt ảnh vào site bằng tay.",
                       f"A published photo still carries metadata ({', '.join(carried)}): it may reveal a GPS "
                       "position or a camera serial. Build the site again; never put photos into it by hand.")
    return hashed[rel]


def _check_record(site: Path, base: str, record: dict[str, Any], where: str, languages: list[str],
                  hashed: dict[str, tuple[int, str] | None], report: _Report) -> None:
    entry_id = record["id"]
    maps = {"url": record["url"], "title": record["title"], "summary": record["summary"],
            "translation": record["translation"], "text_sha256": record["text_sha256"]}
    for index, photo in enumerate(record["photos"]):
        maps[f"photos/{index}/alt"] = photo["alt"]
        maps[f"photos/{index}/caption"] = photo["caption"]
    for name, values in maps.items():
        missing = [lang for lang in languages if lang not in values]
        if missing:
            report.add(_MANIFEST, "language-missing",
                       f"Bản ghi `{entry_id}` thiếu `{name}` bằng ngôn ngữ {', '.join(missing)}.",
                       f"Record `{entry_id}` lacks `{name}` in {', '.join(missing)}.", f"{where}/{name}")
    dc_languages = {v.get("lang") for v in record["dc"]["title"]}
    if not set(languages) <= dc_languages:
        report.add(_MANIFEST, "language-missing",
                   f"Bản ghi `{entry_id}`: Dublin Core `title` thiếu ngôn ngữ.",
                   f"Record `{entry_id}`: the Dublin Core `title` lacks a language.", f"{where}/dc/title")
    for language, url in record["url"].items():
        rel = _site_path(url, base)
        page = (site / rel) if rel else None
        report.files_checked += 1
        if page is None or not page.is_file():
            report.add(rel or url, "page-missing",
                       f"Trang {language} của bản ghi `{entry_id}` không có trong site.",
                       f"The {language} page of record `{entry_id}` is missing from the site.", f"{where}/url")
            continue
        head = page.read_bytes()[:4096]
        found = _LANG.search(head)
        if not found or found.group(1).decode() != language:
            report.add(rel or url, "page-language",
                       f"Trang của bản ghi `{entry_id}` không khai báo ngôn ngữ `{language}`.",
                       f"The page of record `{entry_id}` does not declare the language `{language}`.")
    iiif_rel = f"{IIIF_DIR}/manifests/{entry_id}.json"
    if record["photos"] or "iiif_manifest" in record:  # an entry with photos has one
        report.files_checked += 1
        if _site_path(record.get("iiif_manifest", ""), base) != iiif_rel or not (site / iiif_rel).is_file():
            report.add(iiif_rel, "missing", f"Không có manifest IIIF của bản ghi `{entry_id}`.",
                       f"The IIIF manifest of record `{entry_id}` is missing.", f"{where}/iiif_manifest")
    listed = [(f"{where}/photos/{p_index}/derivatives/{d_index}", derivative, ("Ảnh", "A photo"))
              for p_index, photo in enumerate(record["photos"])
              for d_index, derivative in enumerate(photo["derivatives"])]
    if "publication" in record:
        listed.append((f"{where}/publication/file", record["publication"]["file"], ("Tệp ấn phẩm", "The file")))
        listed += [(f"{where}/publication/cover/derivatives/{index}", derivative, ("Ảnh", "A photo"))
                   for index, derivative in enumerate(record["publication"].get("cover", {}).get("derivatives", ()))]
    for field, file, (what_vi, what_en) in listed:
        rel = _site_path(file["url"], base)
        report.files_checked += 1
        facts = _file_facts(site, rel, hashed, report, photo=what_en == "A photo") if rel else None
        if facts is None:
            report.add(rel or file["url"], "file-missing",
                       f"{what_vi} của bản ghi `{entry_id}` không có trong site.",
                       f"{what_en} of record `{entry_id}` is missing from the site.", field)
        elif facts != (file["bytes"], file["sha256"] if facts[1] else ""):  # quick: size only
            report.add(rel, "checksum",
                       f"{what_vi} của bản ghi `{entry_id}` đã bị thay đổi sau khi lập manifest: kích thước hoặc "
                       "SHA-256 không khớp. Hãy dựng lại site; đừng sửa tệp trong site.",
                       f"{what_en} of record `{entry_id}` changed after the manifest was made: its size or SHA-256 "
                       "does not match. Rebuild the site; never edit files inside it.", field)


def _check_tombstones(site: Path, base: str, live: set[str], tombstones: list[dict[str, Any]],
                      report: _Report) -> None:
    seen: set[str] = set()
    for index, tombstone in enumerate(tombstones):
        entry_id = tombstone["id"]
        where = f"tombstones/{index}"
        if entry_id in live:
            report.add(_MANIFEST, "tombstone-live",
                       f"Mã `{entry_id}` vừa là bản ghi đang đăng vừa là bài đã gỡ.",
                       f"The id `{entry_id}` is both a published record and a tombstone.", where)
        if entry_id in seen:
            report.add(_MANIFEST, "duplicate-id", f"Bài đã gỡ `{entry_id}` xuất hiện hai lần.",
                       f"The tombstone `{entry_id}` appears twice.", where)
        seen.add(entry_id)
        for url in tombstone["former_url"].values():
            rel = _site_path(url, base)
            page = site / rel if rel else None
            if page is not None and page.is_file() and f'"identifier":"{entry_id}"'.encode() in page.read_bytes():
                report.add(rel, "tombstone-served",
                           f"Bài `{entry_id}` đã gỡ nhưng trang cũ vẫn đăng nội dung của nó.",
                           f"`{entry_id}` was withdrawn but its former page still serves it.", where)


def _check_changes(site: Path, base: str, datestamps: dict[str, str], tombstones: list[dict[str, Any]],
                   report: _Report) -> None:
    rel = _CHANGES
    feed = _load(site, rel, report)
    if feed is None or _schema_errors(feed, changes_schema(base), rel, report):
        return
    listed = {(item["id"], item["change"] == "withdrawn"): item["date"] for item in feed["changes"]}
    expected = {(entry_id, False): date for entry_id, date in datestamps.items()}
    expected.update({(t["id"], True): t["datestamp"] for t in tombstones})
    for (entry_id, withdrawn), date in sorted(expected.items()):
        if listed.get((entry_id, withdrawn)) != date:
            report.add(rel, "change-feed",
                       f"Nguồn thay đổi không ghi đúng `{entry_id}` ({date}) như manifest.",
                       f"The change feed does not list `{entry_id}` ({date}) as the manifest does.", "changes")
    for key in sorted(listed.keys() - expected.keys()):
        report.add(rel, "change-feed", f"Nguồn thay đổi ghi `{key[0]}` mà manifest không có.",
                   f"The change feed lists `{key[0]}`, which the manifest does not.", "changes")
