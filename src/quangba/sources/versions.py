"""Which version of the source text a translation translates.

The version is a hash of what a translator translates in the default-language file: every translated field of
its kind (title, summary, a photo's alt text and caption, a project's legal basis…) and the body. Shared fields
(dates, codes, coordinates) are not part of it: changing them leaves nothing to translate. A translation records
the version it was made from (``translation.source``, written by ``quangba translated``); when the source's
version differs, the translation is stale.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from quangba.model import Kind, Scope

VERSION_LENGTH = 16  # 64 bits: enough to tell versions of one file apart, short enough to read in a diff


def source_version(meta: dict[str, Any], body: str, kind: Kind) -> str:
    """The version of a default-language file's translatable text."""
    fields: dict[str, Any] = {}
    for field in kind.fields:
        value = meta.get(field.name)
        if field.scope is Scope.TRANSLATED and value is not None:
            fields[field.name] = value
        elif field.fields and isinstance(value, list | dict):  # photos: each item's translated fields, by its key
            items = value if isinstance(value, list) else [value]
            key = next((s.name for s in field.fields if s.key), None)
            names = [s.name for s in field.fields if s.scope is Scope.TRANSLATED]
            if names:
                fields[field.name] = [[item.get(key) if key else None, *(item.get(n) for n in names)]
                                      for item in items if isinstance(item, dict)]
    canonical = json.dumps([fields, body.strip()], ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                           default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:VERSION_LENGTH]


def recorded_version(meta: dict[str, Any] | None) -> str | None:
    """The source version a translation says it translates, if it says one."""
    translation = (meta or {}).get("translation")
    value = translation.get("source") if isinstance(translation, dict) else None
    return value if isinstance(value, str) else None
