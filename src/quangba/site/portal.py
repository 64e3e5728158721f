"""The public portal's furniture, from the catalogue and the profile's ``portal`` settings: the header (sections,
search, languages) and footer of every page, and the home page and category pages that promote the photos.

Everything is HTML rendered with autoescaping (the site generator's own templates only place it), every link is
relative to the page it is on (root-relative on a 404 page, which answers at any depth), and nothing names a
province, an agency or a section in code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from quangba.language import number
from quangba.model import KINDS
from quangba.profile import Link
from quangba.site.figures import format_day
from quangba.site.frames import Frame, SlotMaker
from quangba.site.listings import Listings
from quangba.site.render import Renderer, picture_sources, srcset
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Entry, Photo
from quangba.urls import HOME, category_page, kind_list_page, page_path, relative_url

_WORDS_WITH_D = re.compile(r"\b\w*?[đĐ]\w*")  # whole words holding đ or Đ, found without listing the rest
CARD_SIZES = "(min-width: 76em) 18rem, (min-width: 45em) 45vw, 100vw"
HERO_SIZES = "100vw"
_CURRENT_SECTION = Markup(' aria-current="page"')
STORY_KINDS = ("article", "photo-story")  # the kinds a card does not name: every other kind says what it is


class Portal:
    """Renders the portal's own pages and page furniture for one catalogue."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.catalogue = renderer.catalogue
        self.profile = renderer.profile
        self.env = renderer.env
        self.root = urlsplit(self.profile.site_url).path or "/"
        self._by_id = {entry.id: entry for entry in self.catalogue.published}
        self.listings = Listings(self)
        self._frames: dict[tuple[str, str], Frame] = {}  # (header or footer, language)

    # -- addresses ------------------------------------------------------------------------------------

    def _href(self, target: str, language: str, page: str | None) -> str:
        """A link to a site path from a page (``page`` None: from a page that answers at any depth, a 404)."""
        path, _, anchor = target.partition("#")
        link = self.root + path if page is None else relative_url(path, page)
        return f"{link}#{anchor}" if anchor else link

    def _page_of(self, link_page: str, language: str) -> str:
        """The site path of a profile link's page in a language."""
        target, _, anchor = link_page.partition("#")
        rel_path = category_page(target[:-1]) if target.endswith("/") else target
        path = page_path(rel_path, language, self.profile.default_language)
        return f"{path}#{anchor}" if anchor else path

    def _links(self, links: tuple[Link, ...], language: str, page: str | None, current: str | None = None,
               ) -> list[dict[str, Any]]:
        result = []
        for link in links:
            target = self._page_of(link.page, language)
            result.append({"label": self.profile.text(link.label, language),
                           "url": self._href(target, language, page),
                           "current": current is not None and target.split("#")[0] == current and current != ""})
        return result

    # -- header and footer ----------------------------------------------------------------------------

    def header(self, rel_path: str | None, language: str) -> Markup:
        """The header of a page (``rel_path`` None: a 404 page): skip link, brand, search, sections, languages."""
        profile = self.profile
        page = self.renderer.url_of(rel_path, language) if rel_path is not None else None
        values = {"home": self._href(self.renderer.url_of(HOME, language), language, page),
                  "search": self._href("", language, page)}
        for lang in profile.languages:
            target = page_path(rel_path or HOME, lang.code, profile.default_language)
            values[f"language:{lang.code}"] = self._href(target, lang.code, page)
        for index, link in enumerate(self._links(profile.portal.navigation, language, page, page)):
            values[f"section:{index}"] = link["url"]
            values[f"current:{index}"] = _CURRENT_SECTION if link["current"] else ""
        return self._frame("header", language).fill(values)

    def footer(self, rel_path: str | None, language: str) -> Markup:
        profile = self.profile
        page = self.renderer.url_of(rel_path, language) if rel_path is not None else None
        values = {"feed": self._href(("" if language == profile.default_language else f"{language}/") + "feed.xml",
                                     language, page)}
        for index, link in enumerate(self._links(profile.portal.footer, language, page)):
            values[f"link:{index}"] = link["url"]
        return self._frame("footer", language).fill(values)

    def _frame(self, name: str, language: str) -> Frame:
        """The header or footer of a language, made at its first page, with a slot for each link (and the current
        section's mark)."""
        frame = self._frames.get((name, language))
        if frame is None:
            slot = SlotMaker()
            context = self._header_context(language, slot) if name == "header" else self._footer_context(language, slot)
            frame = self._frames[(name, language)] = Frame(self.env.get_template(f"{name}.html"), context, slot)
        return frame

    def _header_context(self, language: str, slot: SlotMaker) -> dict[str, Any]:
        profile = self.profile
        return {
            "ui": ui_strings(language), "language": language, "home": slot("home"), "search_root": slot("search"),
            "portal": profile.text(profile.portal_name, language), "province": profile.text(profile.name, language),
            "sections": [{"label": profile.text(link.label, language), "url": slot(f"section:{index}"),
                          "current": slot(f"current:{index}")}
                         for index, link in enumerate(profile.portal.navigation)],
            "languages": [{"code": lang.code, "name": lang.name, "current": lang.code == language,
                           "url": slot(f"language:{lang.code}")} for lang in profile.languages],
        }

    def _footer_context(self, language: str, slot: SlotMaker) -> dict[str, Any]:
        profile = self.profile
        return {
            "ui": ui_strings(language), "portal": profile.text(profile.portal_name, language),
            "province": profile.text(profile.name, language),
            "description": profile.text(profile.description, language),
            "links": [{"label": profile.text(link.label, language), "url": slot(f"link:{index}")}
                      for index, link in enumerate(profile.portal.footer)],
            "spokesperson": self._spokesperson(language), "feed": slot("feed"),
        }

    def _spokesperson(self, language: str) -> dict[str, str] | None:
        speaker = self.profile.portal.spokesperson
        if speaker is None:
            return None
        text = self.profile.text
        return {"name": speaker.name, "title": text(speaker.title, language),
                "organisation": text(speaker.organisation, language) if speaker.organisation else "",
                "phone": speaker.phone, "phone_href": "tel:" + "".join(c for c in speaker.phone if c in "+0123456789"),
                "email": speaker.email}

    # -- photos as cards and hero ---------------------------------------------------------------------

    def _picture(self, photo: Photo, language: str, page: str, sizes: str, widest: int, lazy: bool,
                 ) -> dict[str, Any]:
        plan = self.renderer.photo_plans[photo.file]

        def url(name: str) -> str:
            return self.renderer._media_url(name, page)

        src = plan.fallback_up_to(min(widest, 960))
        fallbacks = [d for d in plan.fallbacks if d.width <= widest] or plan.fallbacks[:1]
        return {
            "sources": picture_sources(plan, url, widest, full_viewport=sizes == HERO_SIZES),
            "src": url(src.name), "srcset": srcset(fallbacks, url), "sizes": sizes,
            "width": src.width, "height": src.height, "colour": plan.colour,
            "alt": photo.texts[language].alt, "credit": photo.credit, "lazy": lazy,
            "priority": sizes == HERO_SIZES,  # the hero is what a visitor sees first: the browser fetches it first
        }

    def picture_of(self, entry: Entry, language: str, page: str, lazy: bool) -> dict[str, Any] | None:
        """An entry's first photo (or a publication's cover) as a card shows it, if it has one."""
        photos = self.renderer.shown_photos(entry)
        return self._picture(photos[0], language, page, CARD_SIZES, 960, lazy) if photos else None

    def _card(self, entry: Entry, language: str, page: str, lazy: bool = True) -> dict[str, Any]:
        profile, text = self.profile, entry.texts[language]
        return {
            "url": relative_url(self.renderer.url_of(entry.rel_path, language), page),
            "title": text.title, "summary": text.summary,
            "category": profile.text(profile.categories[entry.category]["label"], language),
            "kind": profile.text(KINDS[entry.kind].label, language) if entry.kind not in STORY_KINDS else "",
            "date": format_day(entry.issued, language, profile), "date_iso": entry.issued.isoformat(),
            "agency": profile.text(profile.agencies[entry.agency]["name"], language), "agency_code": entry.agency,
            "tags": " ".join(entry.tags),
            "picture": self.picture_of(entry, language, page, lazy),
        }

    def _hero_entry(self) -> tuple[Entry, Photo] | None:
        """The home page's hero: the photo it names, if a published entry shows it; else the newest entry's first."""
        home = self.catalogue.pages_by_path.get(HOME)
        wanted = home.hero if home else None
        # A story before a publication or an event that reuses its photo: the hero's link reads "the story".
        for entry in sorted(self.catalogue.published, key=lambda e: e.kind not in STORY_KINDS):
            for photo in entry.photos:
                if photo.file == wanted:
                    return entry, photo
        newest = next((e for e in self.catalogue.published if e.photos), None)
        return (newest, newest.photos[0]) if newest else None

    def hero(self, language: str) -> Markup:
        """The top of the home page: its title and summary over the featured photo, credited, linking to its story."""
        home = self.catalogue.pages_by_path.get(HOME)
        chosen = self._hero_entry()
        if home is None:
            return Markup("")
        page = self.renderer.url_of(HOME, language)
        picture = None
        story = None
        if chosen:
            entry, photo = chosen
            picture = self._picture(photo, language, page, HERO_SIZES, 2400, lazy=False)
            story = {"url": relative_url(self.renderer.url_of(entry.rel_path, language), page),
                     "title": entry.texts[language].title}
        text = home.texts.get(language) or home.texts[self.profile.default_language]
        return Markup(self.env.get_template("hero.html").render(
            ui=ui_strings(language), title=text.title, summary=text.summary, photo=picture, story=story))

    # -- the home page and category pages ---------------------------------------------------------------

    def home(self, language: str) -> Markup:
        """Key facts, the audiences' ways in, the categories as photo cards, featured and latest entries, and the
        spokesperson: the home page's blocks after its own text."""
        profile, ui = self.profile, ui_strings(language)
        page = self.renderer.url_of(HOME, language)
        home = self.catalogue.pages_by_path.get(HOME)
        facts = [{"label": profile.text(f.label, language),
                  "value": number(round(f.value, f.digits) if f.digits else round(f.value), language),
                  "unit": profile.text(f.unit, language) if f.unit else ""} for f in profile.portal.facts]
        audiences = [{"label": profile.text(a.label, language), "text": profile.text(a.text, language),
                      "url": self._href(self._page_of(a.page, language), language, page), "icon": a.icon}
                     for a in profile.portal.audiences]
        categories = []
        for code, category in profile.categories.items():
            entries = self.catalogue.by_category[code]
            shown = next((e for e in entries if e.photos), None)
            categories.append({
                "label": profile.text(category["label"], language),
                "description": profile.text(category["description"], language),
                "url": relative_url(self.renderer.url_of(category_page(code), language), page),
                "count": len(entries),
                "picture": self._picture(shown.photos[0], language, page, CARD_SIZES, 960, True) if shown else None,
            })
        featured = [self._card(self._by_id[i], language, page) for i in (home.featured if home else ())
                    if i in self._by_id]
        shown_ids = {c["url"] for c in featured}
        latest = [card for card in (self._card(e, language, page) for e in self.catalogue.published)
                  if card["url"] not in shown_ids][: profile.portal.latest]
        return Markup(self.env.get_template("home.html").render(
            ui=ui, facts=facts, audiences=audiences, categories=categories, featured=featured, latest=latest,
            spokesperson=self._spokesperson(language), count_word=ui["entries"],
            statements=self._recent_statements(language, page),
            statements_url=relative_url(self.renderer.url_of(kind_list_page("clarification"), language), page)))

    def _recent_statements(self, language: str, page: str) -> list[dict[str, Any]]:
        """The clarifications issued in the last ``portal.recent_days`` days: answers to false reports belong at
        the top of the home page while the reports still circulate, then in their listing."""
        since = self.profile.today() - dt.timedelta(days=self.profile.portal.recent_days)
        return [self.listings.statement(entry, language, page)
                for entry in self.catalogue.by_kind.get("clarification", []) if entry.issued >= since]

    def category(self, code: str, language: str) -> Markup:
        """A category's entries as photo cards, newest first, with filters by tag and agency and pages of
        ``portal.per_page`` cards (the page's script does both; without it every card shows)."""
        profile, ui = self.profile, ui_strings(language)
        page = self.renderer.url_of(category_page(code), language)
        entries = self.catalogue.by_category[code]
        cards = [self._card(entry, language, page, lazy=index >= 4) for index, entry in enumerate(entries)]
        tags = sorted({t for e in entries for t in e.tags}, key=lambda t: profile.text(profile.tags[t], language))
        agencies = sorted({e.agency for e in entries},
                          key=lambda a: profile.text(profile.agencies[a]["name"], language))
        selects = []
        if tags:
            selects.append({"name": "tag", "key": "tags", "label": ui["filter_tag"],
                            "options": [(t, profile.text(profile.tags[t], language)) for t in tags]})
        if len(agencies) > 1:
            selects.append({"name": "agency", "label": ui["filter_agency"],
                            "options": [(a, profile.text(profile.agencies[a]["name"], language)) for a in agencies]})
        return Markup(self.env.get_template("category.html").render(
            ui=ui, cards=cards, per_page=profile.portal.per_page, selects=selects))

    # -- what search indexes ----------------------------------------------------------------------------

    def search_meta(self, rel_path: str, language: str) -> Markup | None:
        """What Pagefind records of a page it indexes (published entries and public standing pages; never the
        home page, the category listings, the withdrawal notices or the editors' guide): its title, thumbnail,
        category, and its words written with đ folded to d, which Pagefind does not fold itself, so "da lat"
        finds "Đà Lạt"."""
        entry = self.catalogue.by_path.get(rel_path)
        page = self.catalogue.pages_by_path.get(rel_path)
        if entry is not None and entry.published:
            text = entry.texts[language]
            words = " ".join([text.title, text.summary, text.body,
                              *(p.texts[language].caption for p in entry.photos)])
            attributes = {"data-title": text.title,
                          "data-category": self.profile.text(self.profile.categories[entry.category]["label"],
                                                             language)}
            meta = ["title[data-title]", "category[data-category]"]
            if entry.photos:
                plan = self.renderer.photo_plans[entry.photos[0].file]
                smallest = (plan.of_format("webp") or plan.fallbacks)[0]  # WebP: every current browser, fewer bytes
                attributes["data-image"] = f"{self.root}media/{smallest.name}"
                attributes["data-alt"] = entry.photos[0].texts[language].alt
                meta += ["image[data-image]", "image_alt[data-alt]"]
        elif page is not None and rel_path != HOME and not rel_path.startswith("guide/"):
            text = page.texts.get(language) or page.texts[self.profile.default_language]
            words = " ".join([text.title, text.summary, text.body])
            attributes, meta = {"data-title": text.title}, ["title[data-title]"]
        else:
            return None
        folded = sorted({w.replace("đ", "d").replace("Đ", "D") for w in _WORDS_WITH_D.findall(words)})
        attributes["data-fold"] = " ".join(folded)
        rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
        return Markup(f'<span hidden data-pagefind-meta="{", ".join(meta)}" data-pagefind-index-attrs="data-fold" '
                      f'{rendered}></span>')
