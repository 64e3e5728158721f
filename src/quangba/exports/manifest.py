"""The manifest the national foreign-information database ingests, and the change feed beside it.

Both are plain JSON, ordered and formatted the same way every time, so the same content gives the same
bytes and a diff between two builds shows exactly what changed. Their schemas are in :mod:`export_schemas`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quangba.exports.records import Records, stamp
from quangba.exports.schemas import EXPORT_SCHEMA_VERSION

MANIFEST = "manifest.json"
CHANGES = "changes.json"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_NOTHING = object()


def lines(data: dict[str, Any]) -> Iterator[str]:
    """UTF-8 JSON with Vietnamese kept readable: each top-level field on its line and each item of a top-level
    list (a record, a tombstone, a change) on its own line, so a diff between two builds shows one line per
    changed record. Compact items also let Python's C encoder do the work (an indented dump of the 1,000-entry
    manifest took 2 s). A top-level list may be a generator: its items are made one at a time, as written."""
    yield "{"
    for index, (key, value) in enumerate(data.items()):
        comma = "," if index < len(data) - 1 else ""
        if isinstance(value, list | Iterator):
            items = iter(value)
            previous = next(items, _NOTHING)
            if previous is _NOTHING:
                yield f"{_compact(key)}:[]{comma}"
                continue
            yield f"{_compact(key)}:["
            for item in items:
                yield _compact(previous) + ","
                previous = item
            yield _compact(previous)
            yield f"]{comma}"
        else:
            yield f"{_compact(key)}:{_compact(value)}{comma}"
    yield "}"


def chunks(data: dict[str, Any]) -> Iterator[bytes]:
    """:func:`lines` encoded, one line at a time: what a writer streams to a file."""
    for line in lines(data):
        yield (line + "\n").encode("utf-8")


def dump(data: dict[str, Any]) -> bytes:
    return b"".join(chunks(data))


def manifest(records: Records) -> dict[str, Any]:
    """The manifest, its records made one by one as they are written (at 10,000 entries the whole list of records
    held 600 MB while it was dumped)."""
    profile = records.profile
    photos = {records.plans[photo.file].digest[:16] for entry in records.entries for photo in entry.photos}
    return {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "schema": records.export_url("manifest.schema.json"),
        "publisher": {
            "code": profile.code,
            "name": records.texts(profile.name),
            "portal": records.texts(profile.portal_name),
            "url": profile.site_url,
        },
        "languages": [
            {"code": lang.code, "locale": lang.locale, "default": lang.code == profile.default_language}
            for lang in profile.languages
        ],
        "history": "git" if records.history.available else "front-matter",
        "modified": stamp(records.modified) if records.modified else None,
        "counts": {
            "records": len(records.entries),
            "tombstones": len(records.tombstones),
            "photos": len(photos),  # each photo's id: the first 64 bits of its digest (Records.photos)
        },
        "records": (records.record(entry) for entry in records.entries),
        "tombstones": [records.tombstone(t) for t in records.tombstones],
    }


def change_feed(records: Records) -> dict[str, Any]:
    """Every record and tombstone with the date of its last change, newest first (then by id)."""
    items: list[dict[str, Any]] = []
    for entry in records.entries:
        dates = records.dates[entry.id]
        items.append({"id": entry.id, "change": dates.change, "date": stamp(dates.datestamp),
                      "url": records.urls(entry.rel_path)})
    for tombstone in records.tombstones:
        items.append({"id": tombstone.id, "change": "withdrawn", "date": stamp(tombstone.datestamp),
                      "url": records.urls(tombstone.rel_path)})
    items.sort(key=lambda item: item["id"])
    items.sort(key=lambda item: item["date"], reverse=True)
    return {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "schema": records.export_url("changes.schema.json"),
        "manifest": records.export_url(MANIFEST),
        "modified": stamp(records.modified) if records.modified else None,
        "changes": items,
    }
