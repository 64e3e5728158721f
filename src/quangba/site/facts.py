"""Each kind's own facts on its page: an investment's figures, the claim a clarification answers, a publication's
download, an event's dates and place. Numbers, dates and names are written as the page's language writes them
(see :mod:`quangba.site.figures`)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from quangba.language import number
from quangba.model import EVENT_ROLES, PROJECT_STATUSES
from quangba.profile import Profile
from quangba.site import figures
from quangba.sources.catalogue import Entry
from quangba.sources.details import Clarification, Event, Investment, Publication


def _row(label: str, value: str, css: str = "", data: Any = None) -> dict[str, Any]:
    return {"label": label, "value": value, "css": css, "data": "" if data is None else str(data)}


def facts_html(env: Environment, profile: Profile, entry: Entry, language: str, ui: dict[str, str],
               download_href: str) -> str:
    """The block placed before the entry's body; empty for the kinds that have no facts of their own.
    ``download_href``: the publication's address relative to the page."""
    details = entry.details
    if details is None:
        return ""
    text = profile.text
    rows: list[dict[str, Any]] = []
    context: dict[str, Any] = {"kind": entry.kind, "title": ui[f"facts_{entry.kind}"], "ui": ui}
    if isinstance(details, Investment):
        place = entry.place
        rows = [
            _row(ui["fact_sector"], text(profile.sectors[details.sector], language), "qb-fact-sector", details.sector),
            _row(ui["fact_place"], place.name if place else "", "qb-fact-location"),
            _row(ui["fact_area"], figures.area(details.area_ha, language, ui), "qb-fact-area", details.area_ha),
            _row(ui["fact_capital"], figures.capital(details.capital_vnd_billion, details.capital_usd_million,
                                                     language, ui), "qb-fact-capital", details.capital_vnd),
            _row(ui["fact_form"], text(profile.investment_forms[details.form], language), "qb-fact-form", details.form),
            _row(ui["fact_status"], text(PROJECT_STATUSES[details.status], language), "qb-fact-project-status",
                 details.status),
            _row(ui["fact_contact"], text(profile.agencies[details.contact]["name"], language), "qb-fact-contact"),
            _row(ui["fact_legal_basis"], text(details.legal_basis, language), "qb-fact-legal-basis"),
        ]
    elif isinstance(details, Clarification):
        context.update(claim=text(details.claim, language), source=details.source_name or "",
                       source_url=details.source_url or "")
        rows = [
            _row(ui["fact_date"], figures.format_day(entry.issued, language, profile), "qb-fact-statement-date",
                 entry.issued.isoformat()),
            _row(ui["fact_authority"], text(profile.agencies[details.authority]["name"], language),
                 "qb-fact-authority"),
            _row(ui["fact_spokesperson"], details.spokesperson, "qb-fact-spokesperson"),
        ]
    elif isinstance(details, Publication):
        file = details.file
        kind_name = file.extension.lstrip(".").upper()
        size = figures.file_size(file.bytes, language)
        rows = [_row(ui["fact_languages"], ", ".join(figures.language_name(c, language) for c in details.languages),
                     "qb-fact-languages", " ".join(details.languages))]
        if file.pages is not None:
            rows.append(_row(ui["fact_pages"], number(file.pages, language), "qb-fact-pages", file.pages))
        rows.append(_row(ui["fact_size"], f"{kind_name}, {size}", "qb-fact-size", file.bytes))
        if details.isbn:
            rows.append(_row(ui["fact_isbn"], details.isbn, "qb-fact-isbn"))
        if details.publisher_number:
            rows.append(_row(ui["fact_publisher_number"], details.publisher_number, "qb-fact-publisher-number"))
        context["download"] = {"url": download_href, "media_type": file.media_type,
                               "label": ui["download"].format(format=kind_name, size=size)}
    elif isinstance(details, Event):
        rows = [
            _row(ui["fact_dates"], figures.date_span(details.start, details.end, language), "qb-fact-dates",
                 f"{details.start.isoformat()}/{details.end.isoformat()}"),
            _row(ui["fact_where"], f"{text(details.city, language)}, {figures.country(details.country, language)}",
                 "qb-fact-where", details.country),
        ]
        if details.venue:
            rows.append(_row(ui["fact_venue"], text(details.venue, language), "qb-fact-venue"))
        rows += [_row(ui["fact_organiser"], text(details.organiser, language), "qb-fact-organiser"),
                 _row(ui["fact_role"], text(EVENT_ROLES[details.role], language), "qb-fact-role", details.role)]
    return env.get_template("entry_facts.html").render(rows=rows, **context)
