"""The catalogue as the outside world receives it: one record per published entry, one tombstone per entry
the public has seen and that is published no more, each dated from the content and its git history.

Every export (manifest, change feed, OAI-PMH, IIIF, sitemap, feeds, page metadata) reads these records, so a
date, URL or Dublin Core element is worked out once and agrees everywhere. Nothing here reads the clock:
the same content and history give the same records on any machine, on any day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from quangba.exports import details
from quangba.profile import Profile
from quangba.site.media import MEDIA_DIR, PhotoPlan
from quangba.sources.catalogue import Catalogue, Entry
from quangba.sources.content import CONTENT_DIR
from quangba.sources.details import Publication
from quangba.urls import HOME, KIND_LISTS, category_page, kind_list_page, page_path

IIIF_DIR = "iiif"
EXPORTS_DIR = "exports"


@dataclass(frozen=True)
class Dates:
    """When an entry was issued (editorial date), first went public, and last changed (any of its files)."""

    issued: dt.date
    modified: dt.date
    created: dt.datetime  # first published, as the history saw it (else the issue date)
    datestamp: dt.datetime  # last change of the record, UTC: what incremental harvesting compares

    @property
    def change(self) -> str:
        return "created" if self.datestamp == self.created else "updated"


@dataclass(frozen=True)
class Tombstone:
    """What the national database needs to remove an entry: its id, when, why, and where it was."""

    id: str
    rel_path: str  # the path it had under each language folder
    cause: str  # withdrawn (status), unpublished (back to draft), deleted (its files are gone)
    withdrawn: dt.date
    datestamp: dt.datetime
    reason: dict[str, str]


def stamp(moment: dt.datetime) -> str:
    """UTC, to the second, with a Z: the form OAI-PMH, Atom and JSON consumers all parse."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Records:
    def __init__(self, catalogue: Catalogue, plans: dict[str, PhotoPlan]) -> None:
        assert catalogue.profile is not None and catalogue.lifecycle is not None
        self.catalogue = catalogue
        self.profile: Profile = catalogue.profile
        self.plans = plans
        self.life = catalogue.lifecycle
        self.history = catalogue.history
        self.languages = self.profile.language_codes
        self._dublin_core: dict[str, dict[str, list[dict[str, str]]]] = {}

    # -- addresses ------------------------------------------------------------------------------------

    def url(self, rel_path: str, language: str) -> str:
        return self.profile.site_url + page_path(rel_path, language, self.profile.default_language)

    def urls(self, rel_path: str) -> dict[str, str]:
        return {language: self.url(rel_path, language) for language in self.languages}

    def media_url(self, name: str) -> str:
        return f"{self.profile.site_url}{MEDIA_DIR}/{name}"

    def iiif_url(self, entry_id: str) -> str:
        return f"{self.profile.site_url}{IIIF_DIR}/manifests/{entry_id}.json"

    def export_url(self, name: str) -> str:
        return f"{self.profile.site_url}{EXPORTS_DIR}/{name}"

    # -- dates ----------------------------------------------------------------------------------------

    def _midnight(self, day: dt.date) -> dt.datetime:
        """A front-matter date as a moment: the start of that day in the province."""
        return dt.datetime.combine(day, dt.time(), self.profile.zone).astimezone(dt.UTC)

    def _sources(self, rel_path: str) -> list[str]:
        """A page's files in every language (default first), as git names them."""
        return [f"{CONTENT_DIR}/{language}/{rel_path}" for language in self.languages]

    def _files(self, entry: Entry) -> list[str]:
        own = [entry.details.file.file] if isinstance(entry.details, Publication) else []
        return self._sources(entry.rel_path) + [p.file for p in entry.photos] + own

    @cached_property
    def dates(self) -> dict[str, Dates]:
        result = {}
        for entry in self.catalogue.published:
            changed = self.history.last_changed(self._files(entry))
            first = self.life.time(self.life.first_public(entry.id))
            modified = max(entry.updated, self.profile.local_date(changed)) if changed else entry.updated
            datestamp = max(filter(None, (changed, self._midnight(entry.updated))))
            created = first if first and first <= datestamp else min(self._midnight(entry.issued), datestamp)
            result[entry.id] = Dates(entry.issued, modified, created, datestamp)
        return result

    # -- the published records and the tombstones -----------------------------------------------------

    @cached_property
    def entries(self) -> list[Entry]:
        """Published entries in id order: the order of every export, so a diff shows only real changes."""
        return sorted(self.catalogue.published, key=lambda e: e.id)

    @cached_property
    def tombstones(self) -> list[Tombstone]:
        life, result = self.life, []
        for entry in self.catalogue.entries:
            if entry.published:
                continue
            since = life.time(life.status_since.get(self._sources(entry.rel_path)[0]))
            if entry.status == "withdrawn":
                cause = "withdrawn"
            elif life.seen(entry.id):
                cause = "unpublished"  # published once, now a draft again (or no longer public)
            else:
                continue  # never public: nobody outside needs to hear of it
            day = entry.withdrawn or (self.profile.local_date(since) if since else entry.updated)
            moment = max(filter(None, (since, self._midnight(day))))
            reason = {lang: t.withdrawal_reason for lang, t in entry.texts.items() if t.withdrawal_reason}
            result.append(Tombstone(entry.id, entry.rel_path, cause, day, moment, reason))
        for departure in life.departures:
            moment = life.time(departure.at)
            if moment is None:
                continue
            rel_path = departure.path.split("/", 2)[2]  # content/<lang>/<path>
            result.append(Tombstone(departure.id, rel_path, "deleted", self.profile.local_date(moment), moment, {}))
        return sorted(result, key=lambda t: t.id)

    @cached_property
    def site_pages(self) -> list[tuple[str, dt.date | None]]:
        """Every page of the site (its path under a language folder) with the date it last changed, if known:
        the home page, the categories, the standing pages, then the entries. Read by the sitemap and the heads."""
        catalogue, profile = self.catalogue, self.profile
        modified = {e.id: self.dates[e.id].modified for e in self.entries}
        result: list[tuple[str, dt.date | None]] = []
        if HOME in catalogue.pages_by_path:
            result.append((HOME, max(modified.values(), default=None)))
        for code in profile.categories:
            days = [modified[e.id] for e in catalogue.by_category[code]]
            result.append((category_page(code), max(days, default=None)))
        for kind in KIND_LISTS:
            days = [modified[e.id] for e in catalogue.by_kind.get(kind, ())]
            result.append((kind_list_page(kind), max(days, default=None)))
        for page in sorted(catalogue.pages, key=lambda p: p.rel_path):
            if page.rel_path == HOME:
                continue
            changed = self.history.last_changed(self._sources(page.rel_path))
            result.append((page.rel_path, profile.local_date(changed) if changed else None))
        result.extend((entry.rel_path, modified[entry.id]) for entry in self.entries)
        return result

    @cached_property
    def modified(self) -> dt.datetime | None:
        """The newest change among records and tombstones: the export's own date, never the build's."""
        moments = [d.datestamp for d in self.dates.values()] + [t.datestamp for t in self.tombstones]
        return max(moments) if moments else None

    # -- texts ----------------------------------------------------------------------------------------

    def texts(self, values: dict[str, str]) -> dict[str, str]:
        """A language map in the profile's language order, each language present."""
        return {language: self.profile.text(values, language) for language in self.languages}

    def text_hash(self, entry: Entry, language: str) -> str:
        """SHA-256 of one language's text: title, summary, body (Markdown), every photo's alt and caption, and the
        kind's own translated texts (for the kinds that have them)."""
        text = entry.texts[language]
        photos = [[p.file, p.texts[language].alt, p.texts[language].caption] for p in entry.photos]
        own = details.own_texts(entry, language)
        canonical = json.dumps([text.title, text.summary, text.body, photos, *([own] if own else [])],
                               ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def agency_names(self, entry: Entry) -> dict[str, str]:
        return self.texts(self.profile.agencies[entry.agency]["name"])

    def dublin_core(self, entry: Entry) -> dict[str, list[dict[str, str]]]:
        """The entry in Dublin Core's fifteen elements; language-dependent values carry their language.

        Required by the profile for government web content: title, creator, date, description, publisher,
        identifier; recommended: language, source, contributor, subject. Made once per entry: the manifest,
        OAI-PMH and every language's page read it."""
        if entry.id not in self._dublin_core:
            self._dublin_core[entry.id] = self._make_dublin_core(entry)
        return self._dublin_core[entry.id]

    def _make_dublin_core(self, entry: Entry) -> dict[str, list[dict[str, str]]]:
        profile, dates = self.profile, self.dates[entry.id]

        def each(values: dict[str, str]) -> list[dict[str, str]]:
            return [{"lang": language, "value": value} for language, value in values.items()]

        subjects = each(self.texts(profile.categories[entry.category]["label"]))
        for tag in entry.tags:
            subjects += each(self.texts(profile.tags[tag]))
        contributors = [{"value": credit} for credit in dict.fromkeys(p.credit for p in entry.photos)]
        contributors += [
            {"lang": language, "value": text.reviewer}
            for language, text in entry.texts.items() if text.reviewer
        ]
        dc: dict[str, list[dict[str, str]]] = {
            "title": each({lang: t.title for lang, t in entry.texts.items()}),
            "creator": each(self.agency_names(entry)),
            "subject": subjects,
            "description": each({lang: t.summary for lang, t in entry.texts.items()}),
            "publisher": each(self.texts(profile.name)),
            "contributor": contributors,
            "date": [{"value": dates.issued.isoformat()}],
            "type": [],  # see details.dublin_core_additions
            "format": [{"value": "text/html"}],
            "identifier": [{"lang": lang, "value": url} for lang, url in self.urls(entry.rel_path).items()],
            "source": [{"value": profile.agencies[entry.agency]["contact"]}],
            "language": [{"value": language} for language in self.languages],
            "rights": [{"value": profile.licences[entry.licence]["uri"]}],
        }
        if entry.place:
            dc["coverage"] = [{"value": entry.place.name}]
        details.dublin_core_additions(self, entry, dc)
        return dc

    def derivatives(self, plan: PhotoPlan) -> list[dict[str, Any]]:
        return [{"url": self.media_url(d.name), "width": d.width, "height": d.height, "media_type": d.media_type,
                 "bytes": d.bytes, "sha256": d.sha256} for d in plan.derivatives]

    def photos(self, entry: Entry) -> list[dict[str, Any]]:
        licence = self.profile.licences[entry.licence]
        result = []
        for photo in entry.photos:
            plan = self.plans[photo.file]
            largest = plan.largest
            item: dict[str, Any] = {
                "id": plan.digest[:16],
                "width": largest.width,
                "height": largest.height,
                "credit": photo.credit,
                "licence": licence["uri"],
                "alt": {lang: t.alt for lang, t in photo.texts.items()},
                "caption": {lang: t.caption for lang, t in photo.texts.items()},
                "derivatives": self.derivatives(plan),
            }
            if photo.taken:
                item["taken"] = photo.taken.isoformat()
            result.append(item)
        return result

    def record(self, entry: Entry) -> dict[str, Any]:
        """One manifest record (the order of keys is the schema's, so the bytes are stable)."""
        profile, dates = self.profile, self.dates[entry.id]
        licence = profile.licences[entry.licence]
        translations: dict[str, dict[str, str]] = {}
        for language, text in entry.texts.items():
            status = {"status": "original"} if language == profile.default_language else {
                "status": "stale" if text.stale and text.translation_status != "draft" else
                text.translation_status or "translated"}
            if text.reviewer:
                status["reviewer"] = text.reviewer
            translations[language] = status
        record: dict[str, Any] = {
            "id": entry.id,
            "kind": entry.kind,
            "url": self.urls(entry.rel_path),
            "title": {lang: t.title for lang, t in entry.texts.items()},
            "summary": {lang: t.summary for lang, t in entry.texts.items()},
            "category": {"code": entry.category, "label": self.texts(profile.categories[entry.category]["label"])},
            "tags": [{"code": tag, "label": self.texts(profile.tags[tag])} for tag in entry.tags],
            "agency": {"code": entry.agency, "name": self.agency_names(entry),
                       "url": profile.agencies[entry.agency]["contact"]},
            "issued": dates.issued.isoformat(),
            "modified": dates.modified.isoformat(),
            "created": stamp(dates.created),
            "datestamp": stamp(dates.datestamp),
            "licence": {"code": entry.licence, "uri": licence["uri"], "name": self.texts(licence["name"])},
        }
        if entry.place:
            record["place"] = {"name": entry.place.name, "lat": entry.place.lat, "lon": entry.place.lon}
        record["translation"] = translations
        record["text_sha256"] = {lang: self.text_hash(entry, lang) for lang in entry.texts}
        if entry.photos:  # a IIIF manifest presents images: an entry without photos has none
            record["iiif_manifest"] = self.iiif_url(entry.id)
        record["dc"] = self.dublin_core(entry)
        record["photos"] = self.photos(entry)
        own = details.detail_record(self, entry)
        if own is not None:
            record[entry.kind] = own
        return record

    def tombstone(self, tombstone: Tombstone) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": tombstone.id,
            "status": tombstone.cause,
            "withdrawn": tombstone.withdrawn.isoformat(),
            "datestamp": stamp(tombstone.datestamp),
            "former_url": self.urls(tombstone.rel_path),
        }
        if tombstone.reason:
            item["reason"] = tombstone.reason
        return item
