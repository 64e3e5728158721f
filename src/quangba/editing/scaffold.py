"""A new entry's files in every language, ready to fill in: every field its kind requires, each left empty or
at a neutral value, so that `quangba validate` lists exactly what the editor still has to write.

Nothing is filled with an example: an example left in place would be published as if it were true.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from quangba.model import DATE, ENTRY_FIELDS, Field, Kind, Scope
from quangba.profile import Profile

_COMMON = {f.name for f in ENTRY_FIELDS}


def _blank(f: Field, role_default: bool, context: dict[str, Any]) -> Any:
    """The value a new file starts with for one field."""
    if f.fields:
        item = {s.name: _blank(s, role_default, context) for s in f.fields
                if s.required and (role_default or s.scope is not Scope.SHARED)}
        return [item] if f.many else item
    if f.name == "file":
        return f"assets/publications/{context['slug']}.pdf"
    if f.vocabulary == "agencies":
        return context["agency"]
    if f.choices:
        return next(iter(f.choices))
    if f.name == "languages":
        return list(context["languages"])
    if f.value == DATE:
        return context["today"]
    if f.value.get("type") == "number":
        return None  # 0 would be a valid coordinate: an empty number is reported until it is written
    return [] if f.many else ""


def scaffold(kind: Kind, profile: Profile, *, entry_id: str, title: str, category: str, agency: str, slug: str,
             today: dt.date) -> dict[str, dict[str, Any]]:
    """The front matter of each language's file (default language first)."""
    context = {"slug": slug, "agency": agency, "languages": profile.language_codes, "today": today.isoformat()}
    own = [f for f in kind.fields if f.name not in _COMMON or (f.name == "place" and f.required)]
    photos = kind.field("photos")
    photo = {"file": f"assets/photos/{category}/{slug}.jpg", "credit": "", "alt": "", "caption": ""}
    metas: dict[str, dict[str, Any]] = {}
    for index, language in enumerate(profile.language_codes):
        if index == 0:
            meta: dict[str, Any] = {
                "id": entry_id, "kind": kind.code, "title": title, "summary": "", "category": category, "tags": [],
                "agency": agency, "issued": today.isoformat(), "status": "draft", "classification": "public",
                "licence": next(iter(profile.licences))}
            meta.update({f.name: _blank(f, True, context) for f in own if f.required})
        else:
            meta = {"title": "", "summary": "", "translation": {"status": "draft"}}
            meta.update({f.name: _blank(f, False, context) for f in own
                         if f.required and f.scope is Scope.TRANSLATED})
        if photos is not None and photos.required:
            meta["photos"] = [photo if index == 0 else {k: photo[k] for k in ("file", "alt", "caption")}]
        metas[language] = meta
    return metas
