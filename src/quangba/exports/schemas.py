"""The JSON Schemas of the manifest and the change feed: the contract with the national database.

They do not depend on any province's vocabularies, so one schema version serves every province that runs
quangba. Change them only with a new ``EXPORT_SCHEMA_VERSION``: a consumer checks that number first.
"""

from __future__ import annotations

from typing import Any

from quangba.exports.details import detail_schemas
from quangba.model import DATE, ID

# 1.1.0: records of the kinds investment, clarification, publication and event, each with an object named for
# its kind; `iiif_manifest` only for records with photos; translation status `stale`. Articles and photo stories
# are as in 1.0.0 otherwise.
EXPORT_SCHEMA_VERSION = "1.1.0"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_LANGUAGE = "^[a-z]{2,3}$"
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_DATE = DATE
_STAMP = {"type": "string", "format": "date-time", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
          "description": "UTC, to the second."}
_ID = {**ID.value, "description": "The entry's permanent id: never changed, never reused."}


def _map(value: dict[str, Any], description: str) -> dict[str, Any]:
    """A language map: language code -> value, every language of the export present."""
    return {"type": "object", "description": description, "propertyNames": {"pattern": _LANGUAGE},
            "additionalProperties": value, "minProperties": 1}


_TEXT = {"type": "string", "minLength": 1}
_TEXTS = _map(_TEXT, "One text per language, keyed by language code.")
_CODED = {
    "type": "object", "additionalProperties": False, "required": ["code", "label"],
    "properties": {"code": {"type": "string"}, "label": _TEXTS},
}
_AGENCY = {
    "type": "object", "additionalProperties": False, "required": ["code", "name", "url"],
    "properties": {"code": {"type": "string"}, "name": _TEXTS, "url": _URL},
}
_DC_VALUES = {
    "type": "array",
    "items": {
        "type": "object", "additionalProperties": False, "required": ["value"],
        "properties": {"value": _TEXT, "lang": {"type": "string", "pattern": _LANGUAGE}},
    },
}
_DC_REQUIRED = ["title", "creator", "date", "description", "publisher", "identifier"]
_DC_ELEMENTS = ["title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
                "format", "identifier", "source", "language", "relation", "coverage", "rights"]

_DERIVATIVE = {
    "type": "object", "additionalProperties": False,
    "required": ["url", "width", "height", "media_type", "bytes", "sha256"],
    "properties": {
        "url": _URL,
        "width": {"type": "integer", "minimum": 1},
        "height": {"type": "integer", "minimum": 1},
        "media_type": {"enum": ["image/avif", "image/webp", "image/jpeg"]},
        "bytes": {"type": "integer", "minimum": 1},
        "sha256": _SHA256,
    },
}
_PHOTO = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "width", "height", "credit", "licence", "alt", "caption", "derivatives"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{16}$",
               "description": "From the original's content: the same photo has the same id in every entry."},
        "width": {"type": "integer", "minimum": 1, "description": "Of the largest derivative."},
        "height": {"type": "integer", "minimum": 1},
        "credit": _TEXT,
        "licence": _URL,
        "taken": _DATE,
        "alt": _TEXTS,
        "caption": _TEXTS,
        "derivatives": {"type": "array", "minItems": 1, "items": _DERIVATIVE},
    },
}
_RECORD = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "kind", "url", "title", "summary", "category", "tags", "agency", "issued", "modified",
                 "created", "datestamp", "licence", "translation", "text_sha256", "dc", "photos"],
    "properties": {
        "id": _ID,
        "kind": {"type": "string"},
        "url": _map(_URL, "The canonical page in each language."),
        "title": _TEXTS,
        "summary": _TEXTS,
        "category": _CODED,
        "tags": {"type": "array", "items": _CODED},
        "agency": _AGENCY,
        "issued": {**_DATE, "description": "The editorial date of first publication (front matter)."},
        "modified": {**_DATE, "description": "The later of the front matter's update date and the last commit "
                                             "that changed any of the entry's files, in the province's time zone."},
        "created": {**_STAMP, "description": "When the entry was first published (git history; else the issue "
                                             "date)."},
        "datestamp": {**_STAMP, "description": "When any of the entry's files last changed: compare it with your "
                                               "last harvest."},
        "licence": {
            "type": "object", "additionalProperties": False, "required": ["code", "uri", "name"],
            "properties": {"code": {"type": "string"}, "uri": _URL, "name": _TEXTS},
        },
        "place": {
            "type": "object", "additionalProperties": False, "required": ["name", "lat", "lon"],
            "properties": {"name": _TEXT, "lat": {"type": "number", "minimum": -90, "maximum": 90},
                           "lon": {"type": "number", "minimum": -180, "maximum": 180}},
        },
        "translation": _map({
            "type": "object", "additionalProperties": False, "required": ["status"],
            "properties": {"status": {"enum": ["original", "draft", "translated", "reviewed", "stale"]},
                           "reviewer": _TEXT},
        }, "Per language: `original` for the default language, else the translation's status; `stale` when the "
           "source text changed since the translation was made (its page says so to readers)."),
        "text_sha256": _map(_SHA256, "Per language: SHA-256 of the UTF-8 JSON array [title, summary, body "
                                     "(Markdown), [[photo file, alt, caption], ...]] without spaces; for the kinds "
                                     "with translated fields of their own, a fifth item lists them (investment: "
                                     "[legal basis]; clarification: [claim]; event: [city, venue, organiser])."),
        "iiif_manifest": {**_URL, "description": "The IIIF Presentation 3 manifest of the record's photos (records "
                                                 "with photos)."},
        "dc": {
            "type": "object", "additionalProperties": False, "required": _DC_REQUIRED,
            "description": "Dublin Core (dc: elements), values tagged with their language where they have one.",
            "properties": {name: _DC_VALUES for name in _DC_ELEMENTS},
        },
        "photos": {"type": "array", "items": _PHOTO},
        **detail_schemas(_TEXTS, _CODED, _AGENCY, _DERIVATIVE),
    },
}
_TOMBSTONE = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "status", "withdrawn", "datestamp", "former_url"],
    "properties": {
        "id": _ID,
        "status": {"enum": ["withdrawn", "unpublished", "deleted"],
                   "description": "withdrawn: by decision; unpublished: returned to draft; deleted: files removed."},
        "withdrawn": {**_DATE, "description": "The date it stopped being published."},
        "datestamp": _STAMP,
        "former_url": _map(_URL, "Where it was published, per language (no longer served)."),
        "reason": _TEXTS,
    },
}
_PUBLISHER = {
    "type": "object", "additionalProperties": False, "required": ["code", "name", "portal", "url"],
    "properties": {"code": {"type": "string"}, "name": _TEXTS, "portal": _TEXTS, "url": _URL},
}
_LANGUAGES = {
    "type": "array", "minItems": 1,
    "items": {"type": "object", "additionalProperties": False, "required": ["code", "locale", "default"],
              "properties": {"code": {"type": "string", "pattern": _LANGUAGE}, "locale": {"type": "string"},
                             "default": {"type": "boolean"}}},
}
_HISTORY = {"enum": ["git", "front-matter"],
            "description": "Where dates came from: the git history, or only the front matter (no history)."}


def manifest_schema(site_url: str) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": f"{site_url}exports/manifest.schema.json",
        "title": "quangba manifest: the published entries of a province's image-promotion data system",
        "description": (
            "Every published entry as a record, and every entry the public saw that is published no more as a "
            "tombstone. Ordered by id; the same content gives the same bytes. Dates never come from the build."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "schema", "publisher", "languages", "history", "modified", "counts",
                     "records", "tombstones"],
        "properties": {
            "schema_version": {"const": EXPORT_SCHEMA_VERSION},
            "schema": _URL,
            "publisher": _PUBLISHER,
            "languages": _LANGUAGES,
            "history": _HISTORY,
            "modified": {"oneOf": [_STAMP, {"type": "null"}],
                         "description": "The newest datestamp among records and tombstones."},
            "counts": {
                "type": "object", "additionalProperties": False, "required": ["records", "tombstones", "photos"],
                "properties": {k: {"type": "integer", "minimum": 0} for k in ("records", "tombstones", "photos")},
            },
            "records": {"type": "array", "items": _RECORD},
            "tombstones": {"type": "array", "items": _TOMBSTONE},
        },
    }


def changes_schema(site_url: str) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": f"{site_url}exports/changes.schema.json",
        "title": "quangba change feed: what was created, updated and withdrawn, newest first",
        "description": (
            "One item per record and tombstone of the manifest, with the date of its last change. To ingest "
            "incrementally, read the items newer than your last harvest and fetch those records from the manifest "
            "(or the per-entry IIIF manifest); remove the ids marked withdrawn."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "schema", "manifest", "modified", "changes"],
        "properties": {
            "schema_version": {"const": EXPORT_SCHEMA_VERSION},
            "schema": _URL,
            "manifest": _URL,
            "modified": {"oneOf": [_STAMP, {"type": "null"}]},
            "changes": {
                "type": "array",
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["id", "change", "date"],
                    "properties": {
                        "id": _ID,
                        "change": {"enum": ["created", "updated", "withdrawn"]},
                        "date": _STAMP,
                        "url": _map(_URL, "The record's pages (created, updated) or former pages (withdrawn)."),
                    },
                },
            },
        },
    }
