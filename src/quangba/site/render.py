"""HTML and Markdown fragments of the portal's pages, from the catalogue, for any site generator.

The generator only has to place these fragments into its pages; nothing here knows about MkDocs.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from quangba.exports.discovery import page_head
from quangba.exports.records import Records, Tombstone
from quangba.htmlpolicy import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, GLOBAL_ATTRIBUTES, STYLE_PROPERTIES, URL_SCHEMES
from quangba.model import ENTRY_FIELDS, KINDS, PAGE_KIND, VOCABULARY_NAMES, Field, Scope
from quangba.profile import Profile
from quangba.site.covers import cover_photo
from quangba.site.downloads import publication_name
from quangba.site.facts import facts_html
from quangba.site.figures import format_day
from quangba.site.media import MEDIA_DIR, MEDIA_TYPES, Derivative, PhotoPlan
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Catalogue, Entry, Photo
from quangba.sources.details import Publication
from quangba.urls import HOME, category_page, page_path, relative_url

PHOTO_SIZES = "(min-width: 76.25em) 44rem, (min-width: 60em) 70vw, 100vw"


def srcset(derivatives: Iterable[Derivative], url: Callable[[str], str]) -> str:
    """A ``srcset`` attribute: each derivative's URL and width."""
    return ", ".join(f"{url(d.name)} {d.width}w" for d in derivatives)


def picture_sources(plan: PhotoPlan, url: Callable[[str], str], widest: int, full_viewport: bool,
                    ) -> list[dict[str, str]]:
    """The ``<source>`` elements of a photo, best format first, with derivatives up to ``widest`` pixels.

    A format that stops below the photo's widest derivative (AVIF at 1600 px, see ``media.widest`` in the profile)
    would leave a screen that needs more with a stretched photo. In a picture as wide as the viewport (the hero),
    its ``<source>`` therefore applies only where it is wide enough: up to its width at 1 device pixel per CSS
    pixel, half of it at 2, a third at 3; other screens take the next format. Other pictures are at most 880 CSS
    pixels wide, which a 1600-pixel derivative covers at twice the density."""
    top = ([d.width for d in plan.fallbacks if d.width <= widest] or [plan.fallbacks[0].width])[-1]
    sources = []
    for fmt in plan.formats[:-1]:
        made = [d for d in plan.of_format(fmt) if d.width <= widest]
        if not made:
            continue
        source = {"type": MEDIA_TYPES[fmt], "srcset": srcset(made, url)}
        stop = made[-1].width
        if full_viewport and stop < top:
            source["media"] = (f"(max-width: {stop}px) and (max-resolution: 1dppx), "
                               f"(max-width: {stop // 2}px) and (max-resolution: 2dppx), (max-width: {stop // 3}px)")
        sources.append(source)
    return sources


def _inline_code(text: str) -> Markup:
    """Help texts mark codes with backticks, as editors see them in Markdown; show them as code."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


@functools.lru_cache(maxsize=256)
def _media_prefix(from_page: str) -> str:
    """The relative link from a page to the media folder depends only on the page's depth."""
    return relative_url(f"{MEDIA_DIR}/", from_page)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def listing_markdown(title: str, description: str) -> str:
    """A generated listing's page source (a category's, a kind's): its title and description; the list comes after."""
    front = yaml.safe_dump(
        {"title": title, "description": description,
         # A listing repeats its entries' summaries: searching should find the entries themselves.
         "search": {"exclude": True}},
        allow_unicode=True, sort_keys=False,
    )
    return f"---\n{front}---\n\n<p class=\"qb-summary\">{escape(description)}</p>\n"


def head_html(head: dict[str, Any]) -> str:
    """A page's extra <head> tags. Built directly rather than through a template: one per page, and Jinja's
    per-tag overhead made them cost 0.3 s for 2,000 pages."""
    tags = []
    if head.get("noindex"):
        tags.append('<meta name="robots" content="noindex">')
    # rel=" alternate": the one token "alternate" to crawlers and browsers, which split rel at white space, but not
    # to the theme's script, which selects [rel=alternate] exactly and would fetch sitemap.xml beside each link
    # (from the public host for absolute links: a request a visitor's page must not make).
    for hreflang, href in head.get("alternates", ()):
        tags.append(f'<link rel=" alternate" hreflang="{_attr(hreflang)}" href="{_attr(href)}">')
    if head.get("feed"):
        feed = head["feed"]
        tags.append(f'<link rel=" alternate" type="application/atom+xml" title="{_attr(feed["title"])}" '
                    f'href="{_attr(feed["href"])}">')
    if head.get("og") and not head.get("dc"):  # a page that is not an entry: Open Graph only
        for prop, content in head["og"]:
            tags.append(f'<meta property="{_attr(prop)}" content="{_attr(content)}">')
        tags.append(f'<meta name="twitter:card" content="{_attr(head["twitter_card"])}">')
    if head.get("dc"):
        tags.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
        tags.append('<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/">')
        for name, lang, content in head["dc"]:
            lang_attribute = f' lang="{_attr(lang)}"' if lang else ""
            tags.append(f'<meta name="{_attr(name)}"{lang_attribute} content="{_attr(content)}">')
        for prop, content in head["og"]:
            tags.append(f'<meta property="{_attr(prop)}" content="{_attr(content)}">')
        tags.append(f'<meta name="twitter:card" content="{_attr(head["twitter_card"])}">')
        tags.append(f'<script type="application/ld+json">{head["jsonld"]}</script>')  # escaped when made
    return "\n".join(tags)


class Renderer:
    """Renders pages of one catalogue; photo plans are made once and shared by every language."""

    def __init__(self, catalogue: Catalogue, photo_plans: dict[str, PhotoPlan]) -> None:
        assert catalogue.profile is not None
        self.catalogue = catalogue
        self.profile: Profile = catalogue.profile
        self.env = Environment(
            loader=PackageLoader("quangba.site", "templates"),
            autoescape=select_autoescape(["html"]),
            keep_trailing_newline=True,
            auto_reload=False,  # templates ship with the package; checking their mtime per page costs ~1 s
        )
        self.env.filters["code"] = _inline_code
        self.photo_plans = photo_plans
        self._addresses_of: tuple[set[str], set[str]] | None = None

    # -- URLs -----------------------------------------------------------------------------------------

    def url_of(self, rel_path: str, language: str) -> str:
        return page_path(rel_path, language, self.profile.default_language)

    def _media_url(self, name: str, from_page: str) -> str:
        return _media_prefix(from_page) + name

    # -- pieces ---------------------------------------------------------------------------------------

    def shown_photos(self, entry: Entry) -> tuple[Photo, ...]:
        """The photos a page shows for an entry: its own, or a publication's cover rendered from its first page."""
        cover = cover_photo(entry, self.profile, self.photo_plans)
        return (cover,) if cover else entry.photos

    def _photo(self, entry: Entry, index: int, language: str, page: str) -> dict[str, Any]:
        photo = self.shown_photos(entry)[index]
        plan = self.photo_plans[photo.file]
        text = photo.texts[language]
        jpegs = plan.fallbacks  # JPEG: every browser shows it
        src = plan.fallback_up_to(1600)

        def url(name: str) -> str:
            return self._media_url(name, page)

        return {
            "sources": picture_sources(plan, url, jpegs[-1].width, False),
            "src": url(src.name),
            "srcset": srcset(jpegs, url),
            "full": self._media_url(jpegs[-1].name, page),
            "full_width": jpegs[-1].width,
            "full_height": jpegs[-1].height,
            "sizes": PHOTO_SIZES,
            "width": src.width,
            "height": src.height,
            "colour": plan.colour,
            "alt": text.alt,
            "caption": text.caption,
            "credit": photo.credit,
            "licence": self.profile.text(self.profile.licences[entry.licence]["name"], language),
            "taken": format_day(photo.taken, language, self.profile) if photo.taken else "",
            "taken_iso": photo.taken.isoformat() if photo.taken else "",
            "lazy": index > 0,
        }

    def _photos(self, entry: Entry, indexes: range, language: str, page: str, gallery: bool) -> str:
        if not indexes:
            return ""
        return self.env.get_template("photos.html").render(
            photos=[self._photo(entry, i, language, page) for i in indexes],
            gallery=gallery,
            ui=ui_strings(language),
        )

    def entry_html(self, entry: Entry, language: str) -> tuple[str, str, str]:
        """What goes before an entry's body (heading, summary, lead photo), after it (the other photos),
        and its provenance (agency, dates, place, licence, translation). HTML, kept out of the Markdown
        converter: only editors' text needs converting."""
        profile, ui = self.profile, ui_strings(language)
        page = self.url_of(entry.rel_path, language)
        text = entry.texts[language]
        category_url = relative_url(self.url_of(category_page(entry.category), language), page)
        category_label = profile.text(profile.categories[entry.category]["label"], language)
        head = self.env.get_template("entry_head.html").render(
            text=text, category_url=category_url, category_label=category_label,
            kind_label=profile.text(KINDS[entry.kind].label, language),
        )
        licence = profile.licences[entry.licence]
        translation = ""
        if language != profile.default_language and text.translation_status:
            translation = ui[f"translation_{text.translation_status}"]
            if text.reviewer:
                translation += f"; {ui['reviewer']}: {text.reviewer}"
        stale = self._stale_notice(entry, language, page) if text.stale else ""
        if stale:
            translation = ui["translation_stale"]
        meta = self.env.get_template("entry_meta.html").render(
            ui=ui,
            agency=profile.text(profile.agencies[entry.agency]["name"], language),
            issued=format_day(entry.issued, language, profile), issued_iso=entry.issued.isoformat(),
            updated=format_day(entry.updated, language, profile) if entry.updated != entry.issued else "",
            updated_iso=entry.updated.isoformat(),
            category_url=category_url, category_label=category_label,
            tags=[profile.text(profile.tags[t], language) for t in entry.tags],
            place=entry.place,
            licence=profile.text(licence["name"], language), licence_url=licence["url"],
            translation=translation,
            url=self.profile.site_url + page,
        )
        download = (self._media_url(publication_name(entry.details.file), page)
                    if isinstance(entry.details, Publication) else "")
        facts = facts_html(self.env, profile, entry, language, ui, download)
        lead = self._photos(entry, range(min(1, len(self.shown_photos(entry)))), language, page, gallery=False)
        rest = self._photos(entry, range(1, len(entry.photos)), language, page, gallery=True)
        return head + stale + facts + lead, rest, meta

    def _stale_notice(self, entry: Entry, language: str, page: str) -> str:
        """What a translation made from an older source says to its readers: when the original changed (its last
        commit, else its update date), and a link to it."""
        profile, ui = self.profile, ui_strings(language)
        default = profile.default_language
        changed = self.catalogue.history.last_changed([entry.texts[default].path])
        day = profile.local_date(changed) if changed else entry.updated
        source_name = next(lang.name for lang in profile.languages if lang.code == default)
        return self.env.get_template("stale.html").render(
            notice=ui["stale_notice"].format(date=format_day(day, language, profile)), date_iso=day.isoformat(),
            link=ui["stale_link"].format(language=source_name), lang=default,
            url=relative_url(self.url_of(entry.rel_path, default), page))

    def category_markdown(self, code: str, language: str) -> str:
        """A category's generated page source: its title and description; the listing comes after."""
        category = self.profile.categories[code]
        return listing_markdown(self.profile.text(category["label"], language),
                                self.profile.text(category["description"], language))

    def insert(self, block: str, language: str, page_rel_path: str) -> str:
        """A generated block that a standing page asks for with ``insert:``."""
        profile, ui = self.profile, ui_strings(language)
        page = self.url_of(page_rel_path, language)
        if block == "categories":
            cards = [
                {
                    "url": relative_url(self.url_of(category_page(code), language), page),
                    "label": profile.text(c["label"], language),
                    "description": profile.text(c["description"], language),
                    "count": len(self.catalogue.by_category[code]),
                }
                for code, c in profile.categories.items()
            ]
            return self.env.get_template("categories.html").render(cards=cards, ui=ui, anchor="categories")
        if block == "agencies":
            agencies = [
                {"code": code, "name": profile.text(a["name"], language), "contact": a["contact"]}
                for code, a in profile.agencies.items()
            ]
            return self.env.get_template("agencies.html").render(agencies=agencies, ui=ui, anchor="agencies")
        if block == "field-reference":
            return self._field_reference(language)
        if block == "html-policy":
            return self.env.get_template("html_policy.html").render(
                ui=ui, tags=sorted(ALLOWED_TAGS), global_attributes=sorted(GLOBAL_ATTRIBUTES),
                attributes=sorted((tag, sorted(names)) for tag, names in ALLOWED_ATTRIBUTES.items()),
                schemes=sorted(URL_SCHEMES), styles=sorted(STYLE_PROPERTIES))
        raise ValueError(f"unknown block {block!r}")

    def _field_reference(self, language: str) -> str:
        profile, ui = self.profile, ui_strings(language)
        scope_words = {s: ui[f"scope_{s}"] for s in Scope}

        def rows_of(fields: Iterable[Field], prefix: str = "") -> list[dict[str, Any]]:
            rows = []
            for f in fields:
                example = f.example
                if example is None and f.vocabulary:  # the province's own first code, never a code in code
                    codes = profile.vocabulary(f.vocabulary)[: 2 if f.many else 1]
                    example = (codes if f.many else codes[0]) if codes else None
                if example is not None and not isinstance(example, str):
                    example = json.dumps(example, ensure_ascii=False)
                rows.append({
                    "name": prefix + f.name, "label": profile.text(f.label, language),
                    "scope": scope_words[f.scope],
                    "required": ui["word_yes"] if f.required else ui["word_no"],
                    "help": profile.text(f.help, language), "example": example,
                })
                rows += rows_of(f.fields, f"{prefix}{f.name}{'[].' if f.many else '.'}")
            return rows

        common = list(ENTRY_FIELDS)
        kinds = []
        for k in (*KINDS.values(), PAGE_KIND):
            own = [f for f in k.fields if f not in common] if k is not PAGE_KIND else []
            kinds.append({"code": k.code, "label": profile.text(k.label, language),
                          "help": profile.text(k.help, language), "fields": rows_of(own)})
        everything = [f for k in KINDS.values() for f in k.fields]
        vocabularies = []
        for name, words in VOCABULARY_NAMES.items():
            field = next(f for f in everything if f.vocabulary == name)
            items = getattr(profile, name)
            codes = [(code, profile.text(v.get("label") or v.get("name") or v, language)) for code, v in items.items()]
            title = f"{profile.text(words, language).capitalize()} (`{field.name}`)"
            vocabularies.append({"name": name, "title": title, "codes": codes})
        return self.env.get_template("field_reference.html").render(
            fields=rows_of(ENTRY_FIELDS), kinds=kinds, vocabularies=vocabularies, ui=ui,
        )

    def not_found(self, language: str) -> dict[str, Any]:
        """What a 404 page says, in its language first and then in every other: a visitor who followed a broken
        link may read either. Links are from the site's root path, since a 404 page answers at any depth."""
        root = urlsplit(self.profile.site_url).path or "/"
        order = [language, *(lang for lang in self.profile.language_codes if lang != language)]
        return {"languages": [
            {"lang": lang, "title": ui_strings(lang)["not_found_title"], "text": ui_strings(lang)["not_found_text"],
             "home": root + page_path(HOME, lang, self.profile.default_language),
             "home_label": ui_strings(lang)["not_found_home"]}
            for lang in order
        ]}

    def tombstone_markdown(self, tombstone: Tombstone, language: str) -> str:
        """The page left at a withdrawn entry's address: when and why, so a followed link does not just fail."""
        profile, ui = self.profile, ui_strings(language)
        front = yaml.safe_dump({"title": ui["withdrawn_title"], "search": {"exclude": True}},
                               allow_unicode=True, sort_keys=False)
        notice = ui["deleted_notice" if tombstone.cause == "deleted" else "withdrawn_notice"]
        text = notice.format(date=format_day(tombstone.withdrawn, language, profile))
        reason = tombstone.reason.get(language)
        home = relative_url(self.url_of(HOME, language), self.url_of(tombstone.rel_path, language))
        html = f'<p class="qb-withdrawn">{escape(text)}</p>\n'
        if reason:
            html += f'<p><strong>{escape(ui["withdrawn_reason"])}:</strong> {escape(reason)}</p>\n'
        html += f'<p><a href="{escape(home)}">{escape(ui["withdrawn_home"])}</a></p>\n'
        return f"---\n{front}---\n\n# {ui['withdrawn_title']}\n\n{html}"

    def head(self, records: Records, rel_path: str, language: str) -> str | None:
        """One page's extra head; None for a page that has none (the editors' guide, generated schema files)."""
        pages, former = self._addresses(records)
        if rel_path in pages:
            entry = self.catalogue.by_path.get(rel_path)
            return head_html(page_head(records, rel_path, language, entry if entry and entry.published else None))
        if rel_path in former:  # notices at former addresses: for people, not search engines
            return head_html({"noindex": True})
        return None

    def _addresses(self, records: Records) -> tuple[set[str], set[str]]:
        """The site's pages and the former addresses of withdrawn entries, listed once per build."""
        if self._addresses_of is None:
            self._addresses_of = ({rel_path for rel_path, _ in records.site_pages},
                                  {t.rel_path for t in records.tombstones})
        return self._addresses_of

    def fragments(self, rel_path: str, language: str) -> tuple[str, str, str] | None:
        """A published entry's fragments in a language (see :meth:`entry_html`); None for anything else."""
        entry = self.catalogue.by_path.get(rel_path)
        if entry is None or not entry.published or language not in entry.texts:
            return None
        return self.entry_html(entry, language)
