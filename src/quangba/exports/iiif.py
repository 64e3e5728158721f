"""IIIF Presentation API 3.0: a manifest per entry (one canvas per photo) and a collection of them all, so
any IIIF viewer (Mirador, Universal Viewer, Clover) can show the province's photos with their texts.

Labels and summaries are language maps in every language; rights is the licence's Creative Commons or
RightsStatements.org URI; the required statement carries the credit. The painted image is the largest
JPEG derivative, with the smaller ones as thumbnails: the portal is static, so there is no Image API.
"""

from __future__ import annotations

from typing import Any

from quangba.exports import details
from quangba.exports.records import IIIF_DIR, Records
from quangba.model import AGENCY, CATEGORY, ISSUED, PHOTOS, PLACE
from quangba.sources.catalogue import Entry

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
COLLECTION = "collection.json"
_PHOTO_FIELDS = {f.name: f for f in PHOTOS.fields}
# Metadata labels are the content model's field labels, so IIIF viewers show what the editors' guide says.
_WORDS: dict[str, dict[str, str]] = {
    "agency": AGENCY.label, "category": CATEGORY.label, "issued": ISSUED.label, "place": PLACE.label,
    "credit": _PHOTO_FIELDS["credit"].label, "taken": _PHOTO_FIELDS["taken"].label,
    "attribution": {"vi": "Ghi nguồn", "en": "Attribution"},
}


def _map(records: Records, values: dict[str, str]) -> dict[str, list[str]]:
    """A IIIF language map: every language of the portal, each a list of one string."""
    return {language: [value] for language, value in records.texts(values).items()}


def _word(records: Records, name: str) -> dict[str, list[str]]:
    return _map(records, _WORDS[name])


def _pair(records: Records, name: str, value: dict[str, str] | str) -> dict[str, Any]:
    value_map = {"none": [value]} if isinstance(value, str) else _map(records, value)
    return {"label": _word(records, name), "value": value_map}


def _image(records: Records, derivative: Any) -> dict[str, Any]:
    return {"id": records.media_url(derivative.name), "type": "Image", "format": derivative.media_type,
            "width": derivative.width, "height": derivative.height}


def entry_manifest(records: Records, entry: Entry) -> dict[str, Any]:
    profile = records.profile
    base = f"{records.profile.site_url}{IIIF_DIR}/{entry.id}/"  # canvas ids: names, not files
    record_texts = {lang: t.title for lang, t in entry.texts.items()}
    rights = profile.licences[entry.licence]["uri"]
    canvases = []
    for number, photo in enumerate(entry.photos, start=1):
        plan = records.plans[photo.file]
        jpegs = plan.fallbacks
        largest = plan.largest
        canvas_id = f"{base}canvas/{number}"
        metadata = [_pair(records, "credit", photo.credit)]
        if photo.taken:
            metadata.append(_pair(records, "taken", photo.taken.isoformat()))
        canvases.append({
            "id": canvas_id,
            "type": "Canvas",
            "label": _map(records, {lang: t.caption for lang, t in photo.texts.items()}),
            "summary": _map(records, {lang: t.alt for lang, t in photo.texts.items()}),
            "width": largest.width,
            "height": largest.height,
            "metadata": metadata,
            "rights": rights,
            "requiredStatement": {"label": _word(records, "attribution"), "value": {"none": [photo.credit]}},
            "thumbnail": [_image(records, jpegs[0])],
            "items": [{
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [{
                    "id": f"{canvas_id}/page/image",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": _image(records, largest),
                    "target": canvas_id,
                }],
            }],
        })
    metadata = [
        _pair(records, "agency", records.agency_names(entry)),
        _pair(records, "category", profile.categories[entry.category]["label"]),
        _pair(records, "issued", entry.issued.isoformat()),
    ]
    if entry.place:
        metadata.append(_pair(records, "place", entry.place.name))
    own, rendering = details.iiif_additions(records, entry)
    metadata += own
    credits = ", ".join(dict.fromkeys(p.credit for p in entry.photos))
    agency = records.agency_names(entry)
    first = records.plans[entry.photos[0].file].fallbacks[0]
    return {
        "@context": CONTEXT,
        "id": records.iiif_url(entry.id),
        "type": "Manifest",
        "label": _map(records, record_texts),
        "summary": _map(records, {lang: t.summary for lang, t in entry.texts.items()}),
        "metadata": metadata,
        "rights": rights,
        "requiredStatement": {
            "label": _word(records, "attribution"),
            "value": {lang: [f"{credits} — {agency[lang]}, {profile.text(profile.name, lang)}"]
                      for lang in records.languages},
        },
        "provider": [{
            "id": profile.site_url,
            "type": "Agent",
            "label": _map(records, profile.name),
            "homepage": [{"id": profile.site_url, "type": "Text", "label": _map(records, profile.portal_name),
                          "format": "text/html"}],
        }],
        "homepage": [
            {"id": url, "type": "Text", "label": {lang: [entry.texts[lang].title]}, "format": "text/html",
             "language": [lang]}
            for lang, url in records.urls(entry.rel_path).items()
        ],
        **({"rendering": rendering} if rendering else {}),
        "thumbnail": [_image(records, first)],
        "partOf": [{"id": f"{records.profile.site_url}{IIIF_DIR}/{COLLECTION}", "type": "Collection"}],
        "items": canvases,
    }


def collection(records: Records) -> dict[str, Any]:
    profile = records.profile
    return {
        "@context": CONTEXT,
        "id": f"{profile.site_url}{IIIF_DIR}/{COLLECTION}",
        "type": "Collection",
        "label": _map(records, profile.portal_name),
        "summary": _map(records, profile.description),
        "provider": [{"id": profile.site_url, "type": "Agent", "label": _map(records, profile.name)}],
        "items": [
            {"id": records.iiif_url(entry.id), "type": "Manifest",
             "label": _map(records, {lang: t.title for lang, t in entry.texts.items()}),
             "thumbnail": [_image(records, records.plans[entry.photos[0].file].fallbacks[0])]}
            for entry in records.entries if entry.photos
        ],
    }
