"""Each kind's own fields as the exports state them: the manifest's object per kind (with its JSON Schema beside
it, so the two cannot drift), and what the kind adds to Dublin Core.

An article or photo story has no such object; a consumer that knows only those reads every record as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import Locale

from quangba.model import EVENT_ROLES, KINDS, PROJECT_STATUSES, TEXT
from quangba.site import figures
from quangba.site.covers import cover_path
from quangba.site.downloads import DOWNLOADS_DIR, publication_name
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Entry
from quangba.sources.details import Clarification, Event, Investment, Publication, PublicationFile

if TYPE_CHECKING:
    from quangba.exports.records import Records

# DCMI Type Vocabulary: what a harvester files each kind under.
DCMI_TYPES = {"article": "Text", "photo-story": "StillImage", "investment": "Text", "clarification": "Text",
              "publication": "Text", "event": "Event"}


def download_url(records: Records, file: PublicationFile) -> str:
    return f"{records.profile.site_url}{DOWNLOADS_DIR}/{publication_name(file)}"


def _coded(records: Records, code: str, label: dict[str, str]) -> dict[str, Any]:
    return {"code": code, "label": records.texts(label)}


def _agency(records: Records, code: str) -> dict[str, Any]:
    agency = records.profile.agencies[code]
    return {"code": code, "name": records.texts(agency["name"]), "url": agency["contact"]}


def country_names(records: Records, code: str) -> dict[str, str]:
    """A country's name in every language of the export, as Babel (CLDR) writes it."""
    return {language: Locale.parse(records.profile.locale(language)).territories.get(code, code)
            for language in records.languages}


def detail_record(records: Records, entry: Entry) -> dict[str, Any] | None:
    """The manifest's object for the entry's kind, or None for kinds without own fields."""
    details, profile = entry.details, records.profile
    if isinstance(details, Investment):
        capital: dict[str, int] = {"vnd": details.capital_vnd}
        if details.capital_usd is not None:
            capital["usd"] = details.capital_usd
        return {
            "sector": _coded(records, details.sector, profile.sectors[details.sector]),
            "area_ha": details.area_ha,
            "capital": capital,
            "form": _coded(records, details.form, profile.investment_forms[details.form]),
            "status": _coded(records, details.status, PROJECT_STATUSES[details.status]),
            "contact": _agency(records, details.contact),
            "legal_basis": records.texts(details.legal_basis),
        }
    if isinstance(details, Clarification):
        item: dict[str, Any] = {"claim": records.texts(details.claim)}
        if details.source_name:
            item["source"] = {"name": details.source_name}
            if details.source_url:
                item["source"]["url"] = details.source_url
        item["authority"] = _agency(records, details.authority)
        item["spokesperson"] = details.spokesperson
        return item
    if isinstance(details, Publication):
        file = details.file
        item = {"file": {"url": download_url(records, file), "media_type": file.media_type,
                         "bytes": file.bytes, "sha256": file.sha256}}
        if file.pages is not None:
            item["pages"] = file.pages
        item["languages"] = list(details.languages)
        if details.isbn:
            item["isbn"] = isbn_digits(details.isbn)
        if details.publisher_number:
            item["publisher_number"] = details.publisher_number
        cover = records.plans.get(cover_path(file)) if not entry.photos else None
        if cover is not None:  # rendered from the first page: listed so a consumer can show it, and verify check it
            item["cover"] = {"width": cover.largest.width, "height": cover.largest.height,
                             "derivatives": records.derivatives(cover)}
        return item
    if isinstance(details, Event):
        item = {"start": details.start.isoformat(), "end": details.end.isoformat(),
                "country": {"code": details.country, "name": country_names(records, details.country)},
                "city": records.texts(details.city)}
        if details.venue:
            item["venue"] = records.texts(details.venue)
        item["organiser"] = records.texts(details.organiser)
        item["role"] = _coded(records, details.role, EVENT_ROLES[details.role])
        return item
    return None


def isbn_digits(isbn: str) -> str:
    return isbn.replace("-", "").replace(" ", "").upper()


def dublin_core_additions(records: Records, entry: Entry, dc: dict[str, list[dict[str, str]]]) -> None:
    """What a kind adds to the entry's Dublin Core: its type (DCMI, then the kind's name in each language), a
    publication's file format, ISBN and download, an event's place and dates."""
    dc["type"] = [{"value": DCMI_TYPES.get(entry.kind, "Text")}] + [
        {"lang": language, "value": label} for language, label in records.texts(KINDS[entry.kind].label).items()]
    details = entry.details
    if isinstance(details, Publication):
        dc["format"].append({"value": details.file.media_type})
        if details.isbn:
            dc["identifier"].append({"value": f"urn:isbn:{isbn_digits(details.isbn)}"})
        dc["relation"] = [{"value": download_url(records, details.file)}]
        dc["language"] = [{"value": code} for code in details.languages]
    elif isinstance(details, Event):
        names = country_names(records, details.country)
        dc.setdefault("coverage", []).extend(
            {"lang": language, "value": f"{city}, {names[language]}"}
            for language, city in records.texts(details.city).items())
        dc["coverage"].append({"value": f"{details.start.isoformat()}/{details.end.isoformat()}"})


def iiif_additions(records: Records, entry: Entry) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What a IIIF viewer shows of the kind beside the photos: metadata pairs in every language (an investment's
    sector, area, capital and status; an event's dates, place and role; a publication's languages and pages), and
    a publication's file as the manifest's ``rendering`` (the alternative a viewer offers to download)."""
    details, profile = entry.details, records.profile
    languages = records.languages

    def pair(word: str, values: dict[str, str]) -> dict[str, Any]:
        """Labelled as the entry's page labels its facts."""
        return {"label": {lang: [ui_strings(lang)[word]] for lang in languages},
                "value": {lang: [values[lang]] for lang in languages}}

    def each(make: Any) -> dict[str, str]:
        return {lang: make(lang, ui_strings(lang)) for lang in languages}

    pairs: list[dict[str, Any]] = []
    rendering: list[dict[str, Any]] = []
    if isinstance(details, Investment):
        pairs = [
            pair("fact_sector", records.texts(profile.sectors[details.sector])),
            pair("fact_area", each(lambda lang, ui: figures.area(details.area_ha, lang, ui))),
            pair("fact_capital", each(lambda lang, ui: figures.capital(
                details.capital_vnd_billion, details.capital_usd_million, lang, ui))),
            pair("fact_status", records.texts(PROJECT_STATUSES[details.status])),
        ]
    elif isinstance(details, Event):
        names = country_names(records, details.country)
        pairs = [
            pair("fact_dates", each(lambda lang, ui: figures.date_span(details.start, details.end, lang))),
            pair("fact_where", {lang: f"{city}, {names[lang]}" for lang, city in records.texts(details.city).items()}),
            pair("fact_role", records.texts(EVENT_ROLES[details.role])),
        ]
    elif isinstance(details, Publication):
        file = details.file
        pairs = [pair("fact_languages", each(lambda lang, ui: ", ".join(
            figures.language_name(code, lang) for code in details.languages)))]
        kind_name, size = file.extension.lstrip(".").upper(), {lang: figures.file_size(file.bytes, lang)
                                                               for lang in languages}
        rendering = [{"id": download_url(records, file), "type": "Text", "format": file.media_type,
                      "label": {lang: [ui_strings(lang)["download"].format(format=kind_name, size=size[lang])]
                                for lang in languages}}]
    return pairs, rendering


def own_texts(entry: Entry, language: str) -> list[str]:
    """The kind's translated texts in one language, in a fixed order: part of the entry's text hash."""
    details = entry.details
    if isinstance(details, Investment):
        return [details.legal_basis.get(language, "")]
    if isinstance(details, Clarification):
        return [details.claim.get(language, "")]
    if isinstance(details, Event):
        return [details.city.get(language, ""), details.venue.get(language, ""),
                details.organiser.get(language, "")]
    return []


# -- the manifest schema of each kind's object ----------------------------------------------------------

_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def detail_schemas(texts: dict[str, Any], coded: dict[str, Any], agency: dict[str, Any],
                   derivative: dict[str, Any]) -> dict[str, Any]:
    """The schema of each kind's object, by kind code; ``texts``, ``coded``, ``agency`` and ``derivative`` are the
    manifest's own definitions of a language map, a code with labels, an agency and a photo derivative."""

    def obj(required: list[str], properties: dict[str, Any], description: str) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False, "required": required, "properties": properties,
                "description": description}

    return {
        "investment": obj(
            ["sector", "area_ha", "capital", "form", "status", "contact", "legal_basis"],
            {"sector": coded, "area_ha": {"type": "number", "exclusiveMinimum": 0, "description": "Hectares."},
             "capital": obj(["vnd"], {"vnd": {"type": "integer", "minimum": 1, "description": "Total, in dong."},
                                      "usd": {"type": "integer", "minimum": 1,
                                              "description": "US dollars, as the source document states them."}},
                            "Total planned capital."),
             "form": coded,
             "status": {**coded, "properties": {**coded["properties"], "code": {"enum": list(PROJECT_STATUSES)}}},
             "contact": agency, "legal_basis": texts},
            "Kind `investment`: a project on the province's list calling for investment; its place is `place`."),
        "clarification": obj(
            ["claim", "authority", "spokesperson"],
            {"claim": texts,
             "source": obj(["name"], {"name": TEXT, "url": _URL}, "Where the claim answered appeared."),
             "authority": agency, "spokesperson": TEXT},
            "Kind `clarification`: a dated statement (`issued`) answering a false report; the statement is the "
            "page."),
        "publication": obj(
            ["file", "languages"],
            {"file": obj(["url", "media_type", "bytes", "sha256"],
                         {"url": _URL, "media_type": {"enum": ["application/pdf", "application/epub+zip"]},
                          "bytes": {"type": "integer", "minimum": 1}, "sha256": _SHA256},
                         "The file to download, with the SHA-256 of its bytes."),
             "pages": {"type": "integer", "minimum": 1, "description": "A PDF's page count."},
             "languages": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z]{2,3}$"},
                           "description": "ISO 639 codes of the languages the publication is written in."},
             "isbn": {"type": "string", "pattern": "^([0-9]{9}[0-9X]|[0-9]{13})$"},
             "publisher_number": TEXT,
             "cover": obj(["width", "height", "derivatives"],
                          {"width": {"type": "integer", "minimum": 1}, "height": {"type": "integer", "minimum": 1},
                           "derivatives": {"type": "array", "minItems": 1, "items": derivative}},
                          "A publication without photos: its first page, rendered as its cover.")},
            "Kind `publication`: a downloadable publication."),
        "event": obj(
            ["start", "end", "country", "city", "organiser", "role"],
            {"start": _DATE, "end": _DATE,
             "country": obj(["code", "name"], {"code": {"type": "string", "pattern": "^[A-Z]{2}$",
                                                        "description": "ISO 3166-1 alpha-2."}, "name": texts},
                            "The country, with its name in each language (CLDR)."),
             "city": texts, "venue": texts, "organiser": texts,
             "role": {**coded, "properties": {**coded["properties"], "code": {"enum": list(EVENT_ROLES)}}}},
            "Kind `event`: a promotion event abroad and the province's role in it."),
    }
