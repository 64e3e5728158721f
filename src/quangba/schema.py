"""JSON Schemas derived from the field declarations and the profile's vocabularies.

The validator checks each file against the schema of its kind and role; the same schemas are published
for machines (the national database, editors' tools) so there is one definition of an entry.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

import fastjsonschema

from quangba.model import ALL_KIND_CODES, KINDS, PAGE_KIND, Field, Kind, Scope
from quangba.profile import Profile

SCHEMA_VERSION = "1.0.0"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Role(StrEnum):
    SOURCE = "source"  # the default-language file: every shared field, and its language's texts
    TRANSLATION = "translation"  # another language's file: its texts; shared fields only to repeat them


def _included(f: Field, role: Role) -> bool:
    if role is Role.SOURCE:
        return f.scope is not Scope.TRANSLATION
    return True


def _required(f: Field, role: Role) -> bool:
    if not f.required:
        return False
    if role is Role.SOURCE:
        return True
    # A translation must carry its own texts, and lists that hold them (photos) with their keys.
    return f.scope is not Scope.SHARED or f.key or any(s.scope is Scope.TRANSLATED for s in f.fields)


def _value(f: Field, profile: Profile) -> dict[str, Any]:
    schema = dict(f.value)
    if f.vocabulary:
        schema["enum"] = profile.vocabulary(f.vocabulary)
    elif f.choices:
        schema["enum"] = list(f.choices)
    return schema


def field_schema(f: Field, profile: Profile, role: Role) -> dict[str, Any]:
    single = object_schema(f.fields, profile, role) if f.fields else _value(f, profile)
    schema: dict[str, Any]
    if f.many:
        schema = {"type": "array", "items": single}
        if f.min_items and role is Role.SOURCE:  # a translation's photos must match the source's instead
            schema["minItems"] = f.min_items
        if not f.fields:
            schema["uniqueItems"] = True
    else:
        schema = single
    schema["title"] = f.label["en"]
    schema["description"] = f.help["en"]
    schema["x-label"] = f.label
    schema["x-scope"] = str(f.scope)
    return schema


def object_schema(fields: tuple[Field, ...], profile: Profile, role: Role) -> dict[str, Any]:
    included = [f for f in fields if _included(f, role)]
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: field_schema(f, profile, role) for f in included},
        "required": [f.name for f in included if _required(f, role)],
    }


def kind_schema(kind: Kind, profile: Profile, role: Role) -> dict[str, Any]:
    """The schema one file of ``kind`` is checked against."""
    schema = object_schema(kind.fields, profile, role)
    schema["properties"]["kind"] = {**schema["properties"]["kind"], "enum": list(ALL_KIND_CODES)}
    return schema


def published_schema(profile: Profile, role: Role) -> dict[str, Any]:
    """One self-contained document describing every kind's files in one role."""
    kinds = [*KINDS.values(), PAGE_KIND]
    defs = {k.code: kind_schema(k, profile, role) for k in kinds}
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"{profile.site_url}schemas/{role}.schema.json",
        "title": f"{profile.portal_name['en']}: front matter of a {role} file",
        "description": (
            "Front matter of a Markdown file under content/<language>/. The default language's file "
            "(source) holds every language-independent field; other languages' files (translation) hold "
            "their own texts and may repeat shared fields, which must then agree."
        ),
        "x-schema-version": SCHEMA_VERSION,
        "x-languages": list(profile.language_codes),
        "$defs": defs,
    }
    if role is Role.SOURCE:
        schema["type"] = "object"
        schema["required"] = ["kind"]
        schema["properties"] = {"kind": {"enum": [k.code for k in kinds]}}
        schema["allOf"] = [
            {"if": {"properties": {"kind": {"const": k.code}}, "required": ["kind"]},
             "then": {"$ref": f"#/$defs/{k.code}"}}
            for k in kinds
        ]
    else:
        schema["anyOf"] = [{"$ref": f"#/$defs/{k.code}"} for k in kinds]
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """The published form of a schema: UTF-8 JSON, stable key order, so the repository copy diffs cleanly."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


FormatCheck = Callable[[Any], bool]


@functools.cache
def _compile(schema_json: str, formats: frozenset[tuple[str, FormatCheck]]) -> Callable[[Any], Any]:
    return fastjsonschema.compile(json.loads(schema_json), formats=dict(formats))


def fast_validator(schema: dict[str, Any], formats: Mapping[str, FormatCheck]) -> Callable[[Any], Any]:
    """A validator compiled to Python (fastjsonschema), once per schema and process: it says in milliseconds
    whether a document is valid, where jsonschema takes seconds on a 1,000-record manifest. It raises
    ``fastjsonschema.JsonSchemaException`` on the first error; callers then ask jsonschema for every error and
    its path. The schemas use only keywords both libraries know (drafts 7 to 2020-12 alike), and ``formats``
    must give the checks jsonschema applies, so that both agree on what is valid."""
    return _compile(json.dumps(schema, sort_keys=True), frozenset(formats.items()))
