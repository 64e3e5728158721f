"""The manifest the national foreign-information database ingests, and the change feed beside it.

Both are plain JSON, ordered and formatted the same way every time, so the same content gives the same
bytes and a diff between two builds shows exactly what changed. Their schemas are in :mod:`export_schemas`.
"""

from __future__ import annotations

import json
from typing import Any

from quangba.export_schemas import EXPORT_SCHEMA_VERSION
from quangba.records import Records, stamp

MANIFEST = "manifest.json"
CHANGES = "changes.json"


def dump(data: Any) -> bytes:
    """UTF-8 JSON, Vietnamese kept readable, one item per line: stable bytes that diff well."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def manifest(records: Records) -> dict[str, Any]:
    profile = records.profile
    entries = [records.record(entry) for entry in records.entries]
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
            "records": len(entries),
            "tombstones": len(records.tombstones),
            "photos": len({photo["id"] for record in entries for photo in record["photos"]}),
        },
        "records": entries,
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
