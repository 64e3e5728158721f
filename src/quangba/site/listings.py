"""The page that lists each of the regulations' kinds: the projects calling for investment (a table to compare,
filtered by sector, location and status, with its CSV), the clarifications (newest first, with their feed), the
publications (each with its download) and the events abroad (upcoming, then past).

A listing shows what was true on the day of the build; the events' split between upcoming and past is corrected
in the browser (the page's script moves an event whose end has passed), so a site not rebuilt for a while does
not announce a past event as coming.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from quangba.exports.records import EXPORTS_DIR
from quangba.exports.tables import INVESTMENT_CSV
from quangba.model import EVENT_ROLES, KINDS, PROJECT_STATUSES
from quangba.site import figures
from quangba.site.downloads import publication_name
from quangba.site.render import listing_markdown
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Entry
from quangba.sources.checks.names import ascii_slug
from quangba.sources.details import Clarification, Event, Investment, Publication
from quangba.urls import kind_list_page, relative_url

if TYPE_CHECKING:
    from quangba.site.portal import Portal

STATUS_ORDER = list(PROJECT_STATUSES)  # calling first: what an investor can still take up


class Listings:
    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.profile = portal.profile
        self.catalogue = portal.catalogue
        self.renderer = portal.renderer
        self.env = portal.env

    def _page(self, kind: str, language: str) -> str:
        return self.renderer.url_of(kind_list_page(kind), language)

    def _link(self, entry: Entry, language: str, page: str) -> str:
        return relative_url(self.renderer.url_of(entry.rel_path, language), page)

    def markdown(self, kind: str, language: str) -> str:
        """The listing's generated page source: its title and description (the list comes after)."""
        ui = ui_strings(language)
        return listing_markdown(ui[f"list_{kind}_title"], ui[f"list_{kind}_description"])

    def listing(self, kind: str, language: str) -> Markup:
        entries = self.catalogue.by_kind.get(kind, [])
        make = {"investment": self._projects, "clarification": self._clarifications,
                "publication": self._publications, "event": self._events}[kind]
        return Markup(make(entries, language, self._page(kind, language)))

    # -- each kind ------------------------------------------------------------------------------------

    def _projects(self, entries: list[Entry], language: str, page: str) -> str:
        profile, ui, text = self.profile, ui_strings(language), self.profile.text
        projects = [e for e in entries if isinstance(e.details, Investment)]
        projects.sort(key=lambda e: STATUS_ORDER.index(e.details.status))  # type: ignore[union-attr]  # stable
        rows = []
        for entry in projects:
            details = entry.details
            assert isinstance(details, Investment)
            place = entry.place.name if entry.place else ""
            rows.append({
                "url": self._link(entry, language, page), "title": entry.texts[language].title,
                "sector": text(profile.sectors[details.sector], language), "sector_code": details.sector,
                "location": place, "location_code": ascii_slug(place),
                "area": figures.area(details.area_ha, language, ui), "area_value": details.area_ha,
                "capital": figures.capital(details.capital_vnd_billion, details.capital_usd_million, language, ui),
                "capital_value": details.capital_vnd,
                "status": text(PROJECT_STATUSES[details.status], language), "status_code": details.status,
            })
        selects = [
            {"name": "sector", "label": ui["filter_sector"],
             "options": sorted({(r["sector_code"], r["sector"]) for r in rows}, key=lambda o: o[1])},
            {"name": "location", "label": ui["filter_location"],
             "options": sorted({(r["location_code"], r["location"]) for r in rows if r["location"]},
                               key=lambda o: o[1])},
            {"name": "status", "label": ui["filter_status"],
             "options": [(code, text(PROJECT_STATUSES[code], language)) for code in STATUS_ORDER
                         if any(r["status_code"] == code for r in rows)]},
        ]
        return self.env.get_template("list_investment.html").render(
            ui=ui, rows=rows, selects=[s for s in selects if len(s["options"]) > 1],
            per_page=max(self.profile.portal.per_page, 24), csv=relative_url(f"{EXPORTS_DIR}/{INVESTMENT_CSV}", page))

    def _clarifications(self, entries: list[Entry], language: str, page: str) -> str:
        ui = ui_strings(language)
        items = [self.statement(entry, language, page) for entry in entries
                 if isinstance(entry.details, Clarification)]
        feed = f"{'' if language == self.profile.default_language else language + '/'}clarifications/feed.xml"
        return self.env.get_template("list_clarification.html").render(ui=ui, items=items,
                                                                       feed=relative_url(feed, page))

    def statement(self, entry: Entry, language: str, page: str) -> dict[str, Any]:
        """A clarification as a list shows it: its date, title, the claim it answers and who answers."""
        details = entry.details
        assert isinstance(details, Clarification)
        text = self.profile.text
        return {"url": self._link(entry, language, page), "title": entry.texts[language].title,
                "summary": entry.texts[language].summary, "claim": text(details.claim, language),
                "date": figures.format_day(entry.issued, language, self.profile), "date_iso": entry.issued.isoformat(),
                "authority": text(self.profile.agencies[details.authority]["name"], language)}

    def _publications(self, entries: list[Entry], language: str, page: str) -> str:
        ui = ui_strings(language)
        items = []
        for index, entry in enumerate(entries):
            details = entry.details
            if not isinstance(details, Publication):
                continue
            file = details.file
            kind_name = file.extension.lstrip(".").upper()
            size = figures.file_size(file.bytes, language)
            items.append({
                "url": self._link(entry, language, page), "title": entry.texts[language].title,
                "summary": entry.texts[language].summary,
                "languages": ", ".join(figures.language_name(c, language) for c in details.languages),
                "pages": file.pages, "size": f"{kind_name}, {size}",
                "download": self.renderer._media_url(publication_name(file), page), "media_type": file.media_type,
                "download_label": ui["download"].format(format=kind_name, size=size),
                "picture": self.portal.picture_of(entry, language, page, lazy=index >= 4),
            })
        return self.env.get_template("list_publication.html").render(ui=ui, items=items)

    def _events(self, entries: list[Entry], language: str, page: str) -> str:
        ui, text, today = ui_strings(language), self.profile.text, self.profile.today()
        events = [e for e in entries if isinstance(e.details, Event)]

        def item(entry: Entry) -> dict[str, Any]:
            details = entry.details
            assert isinstance(details, Event)
            return {"url": self._link(entry, language, page), "title": entry.texts[language].title,
                    "summary": entry.texts[language].summary,
                    "dates": figures.date_span(details.start, details.end, language),
                    "start": details.start.isoformat(), "end": details.end.isoformat(),
                    "where": f"{text(details.city, language)}, {figures.country(details.country, language)}",
                    "role": text(EVENT_ROLES[details.role], language)}

        upcoming = sorted((e for e in events if not e.details.is_past(today)),  # type: ignore[union-attr]
                          key=lambda e: e.details.start)  # type: ignore[union-attr]
        past = sorted((e for e in events if e.details.is_past(today)),  # type: ignore[union-attr]
                      key=lambda e: e.details.end, reverse=True)  # type: ignore[union-attr]
        return self.env.get_template("list_event.html").render(
            ui=ui, upcoming=[item(e) for e in upcoming], past=[item(e) for e in past],
            kind=KINDS["event"])
