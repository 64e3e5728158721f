"""What people and search engines use to find the portal: the sitemap with every page's counterparts,
an Atom feed per language, and each page's head (absolute hreflang alternates with x-default, the feed,
and for entries Dublin Core, Open Graph and schema.org JSON-LD in the page's own language).

The sitemap protocol takes at most 50,000 URLs and 50 MB in one file: a province beyond that (25,000 entries
in two languages) gets numbered parts under ``sitemaps/`` and a sitemap index at ``sitemap.xml``, the address
search engines already know. Below the limits the sitemap stays one file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from typing import Any

from quangba.exports.records import Records, stamp
from quangba.model import KINDS
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Entry
from quangba.urls import HOME, KIND_LISTS, LISTED_KINDS, kind_list_page, page_path
from quangba.xmltext import sub as xml_sub

SITEMAP = "sitemap.xml"
SITEMAP_DIR = "sitemaps"  # the parts, when one file would break the protocol's limits
SITEMAP_MAX_URLS = 50_000  # https://www.sitemaps.org/protocol.html: per file ...
SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # ... and uncompressed
FEED = "feed.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OG_IMAGE_WIDTH = 1600  # large enough for every network's card, small enough to fetch quickly


def alternates(records: Records, rel_path: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every language, then x-default: the default language's page."""
    urls = records.urls(rel_path)
    return [*urls.items(), ("x-default", urls[records.profile.default_language])]


SitePage = tuple[str, dt.date | None]  # a page's path under a language folder, and the day it last changed


def sitemap_files(records: Records, max_urls: int = SITEMAP_MAX_URLS,
                  max_bytes: int = SITEMAP_MAX_BYTES) -> Iterator[tuple[str, bytes]]:
    """The sitemap as (site path, bytes): ``sitemap.xml`` alone while it keeps to the protocol's limits, else
    its parts, each of whole pages (a page's language versions and their alternates stay together), then the
    index that lists them at ``sitemap.xml``. Each part is made only when it is written."""
    pages = records.site_pages
    per_part = max(1, max_urls // len(records.languages))
    if len(pages) <= per_part:
        whole = sitemap(records, pages)
        if len(whole) <= max_bytes:
            yield SITEMAP, whole
            return
    listed: list[tuple[str, dt.date | None]] = []
    for start in range(0, len(pages), per_part):
        for part, data in _within(records, pages[start:start + per_part], max_bytes):
            name = f"{SITEMAP_DIR}/sitemap-{len(listed) + 1}.xml"
            listed.append((name, max((day for _, day in part if day), default=None)))
            yield name, data
    yield SITEMAP, sitemap_index(records, listed)


def _within(records: Records, pages: Sequence[SitePage],
            max_bytes: int) -> Iterator[tuple[Sequence[SitePage], bytes]]:
    """``pages`` as one sitemap, or halved until each half fits ``max_bytes`` (many languages make long URLs);
    a single page is never split from its languages."""
    data = sitemap(records, pages)
    if len(data) <= max_bytes or len(pages) == 1:
        yield pages, data
        return
    middle = len(pages) // 2
    yield from _within(records, pages[:middle], max_bytes)
    yield from _within(records, pages[middle:], max_bytes)


def sitemap_index(records: Records, parts: Sequence[tuple[str, dt.date | None]]) -> bytes:
    """The sitemap index: each part's absolute address and the newest change among its pages."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for name, lastmod in parts:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        xml_sub(entry, f"{{{SITEMAP_NS}}}loc", records.profile.site_url + name)
        if lastmod:
            xml_sub(entry, f"{{{SITEMAP_NS}}}lastmod", lastmod.isoformat())
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap(records: Records, pages: Sequence[SitePage] | None = None) -> bytes:
    """One sitemap file of ``pages`` (every page of the site if None), each in every language."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for rel_path, lastmod in records.site_pages if pages is None else pages:
        links = alternates(records, rel_path)
        for language in records.languages:
            url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            xml_sub(url, f"{{{SITEMAP_NS}}}loc", records.url(rel_path, language))
            if lastmod:
                xml_sub(url, f"{{{SITEMAP_NS}}}lastmod", lastmod.isoformat())
            for hreflang, href in links:
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def gzipped(data: bytes) -> bytes:
    """gzip with no name and no time in its header, so the same sitemap gives the same bytes."""
    return gzip.compress(data, mtime=0)


def feed_path(records: Records, language: str, kind: str | None = None) -> str:
    """The feed of a language: every entry (``feed.xml``), or one kind's, beside its listing."""
    prefix = "" if language == records.profile.default_language else f"{language}/"
    return prefix + (f"{KIND_LISTS[kind]}/{FEED}" if kind else FEED)


def atom_feed(records: Records, language: str, kind: str | None = None) -> bytes:
    """The newest entries in one language, newest first (the order of the portal's listings); ``kind``: only
    that kind's (the clarifications have their own feed, for the press and the agencies that follow them)."""
    profile = records.profile
    ET.register_namespace("", ATOM)
    entries = records.catalogue.by_kind.get(kind, []) if kind else records.catalogue.published
    newest = entries[: profile.exports.feed_size]
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    self_url = profile.site_url + feed_path(records, language, kind)
    home = kind_list_page(kind) if kind else HOME

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
        return xml_sub(parent, f"{{{ATOM}}}{tag}", text, **attrib)

    sub(root, "id", self_url)
    title = profile.text(profile.portal_name, language)
    if kind:
        title += f": {profile.text(KINDS[kind].label, language)}"
    sub(root, "title", title)
    sub(root, "subtitle", profile.text(profile.description, language))
    moments = [records.dates[e.id].datestamp for e in newest]
    sub(root, "updated", stamp(max(moments)) if moments else "1970-01-01T00:00:00Z")
    sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(root, "link", rel="alternate", type="text/html", hreflang=language,
        href=profile.site_url + page_path(home, language, profile.default_language))
    for other in records.languages:
        if other != language:
            sub(root, "link", rel="alternate", type="application/atom+xml", hreflang=other,
                href=profile.site_url + feed_path(records, other, kind))
    author = sub(root, "author")
    sub(author, "name", profile.text(profile.name, language))
    sub(author, "uri", profile.site_url)
    sub(root, "generator", "quangba")
    for entry in newest:
        dates, text = records.dates[entry.id], entry.texts[language]
        item = sub(root, "entry")
        sub(item, "id", f"{profile.site_url}id/{entry.id}")
        sub(item, "title", text.title)
        sub(item, "summary", text.summary)
        sub(item, "published", stamp(dates.created))
        sub(item, "updated", stamp(dates.datestamp))
        sub(item, "link", rel="alternate", type="text/html", hreflang=language,
            href=records.url(entry.rel_path, language))
        image = _og_image(records, entry)
        if image is not None:
            sub(item, "link", rel="enclosure", type=image.media_type, length=str(image.bytes),
                href=records.media_url(image.name))
        writer = sub(item, "author")
        sub(writer, "name", profile.text(profile.agencies[entry.agency]["name"], language))
        sub(item, "category", term=entry.category,
            label=profile.text(profile.categories[entry.category]["label"], language))
        sub(item, "rights", profile.text(profile.licences[entry.licence]["name"], language))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _og_image(records: Records, entry: Entry) -> Any:
    if not entry.photos:
        return None
    return records.plans[entry.photos[0].file].fallback_up_to(OG_IMAGE_WIDTH)


def page_head(records: Records, rel_path: str, language: str, entry: Entry | None) -> dict[str, Any]:
    """What a page's <head> says about it beyond the theme's own tags: the absolute language alternates with
    x-default (every page of the site), the feed (home pages), and for entries Dublin Core, Open Graph and
    JSON-LD."""
    profile = records.profile
    head: dict[str, Any] = {"alternates": alternates(records, rel_path)}
    if rel_path == HOME:
        head["feed"] = {"href": profile.site_url + feed_path(records, language),
                        "title": profile.text(profile.portal_name, language)}
    elif LISTED_KINDS.get(rel_path) == "clarification":
        head["feed"] = {"href": profile.site_url + feed_path(records, language, "clarification"),
                        "title": ui_strings(language)["list_clarification_title"]}
    if entry is None:
        head.update(og=_page_og(records, rel_path, language), twitter_card="summary_large_image")
        return head
    dates, text, url = records.dates[entry.id], entry.texts[language], records.url(entry.rel_path, language)
    dc = []
    for element, values in records.dublin_core(entry).items():
        if element in ("language", "identifier"):
            continue
        for value in values:
            if value.get("lang", language) == language:
                dc.append((f"DC.{element}", value.get("lang"), value["value"]))
    dc += [("DC.identifier", None, url), ("DC.language", None, language),
           ("DCTERMS.issued", None, dates.issued.isoformat()),
           ("DCTERMS.modified", None, dates.modified.isoformat())]
    image = _og_image(records, entry)
    photo = entry.photos[0] if entry.photos else None
    locale = profile.locale(language)
    category = profile.text(profile.categories[entry.category]["label"], language)
    og = [
        ("og:type", "article"), ("og:title", text.title), ("og:description", text.summary), ("og:url", url),
        ("og:site_name", profile.text(profile.portal_name, language)), ("og:locale", locale),
        *[("og:locale:alternate", profile.locale(other)) for other in records.languages if other != language],
    ]
    if image is not None and photo is not None:
        og += [("og:image", records.media_url(image.name)), ("og:image:type", image.media_type),
               ("og:image:width", str(image.width)), ("og:image:height", str(image.height)),
               ("og:image:alt", photo.texts[language].alt)]
    og += [("article:published_time", dates.issued.isoformat()),
           ("article:modified_time", dates.modified.isoformat()), ("article:section", category),
           *[("article:tag", profile.text(profile.tags[tag], language)) for tag in entry.tags]]
    head.update(dc=dc, og=og, twitter_card="summary_large_image" if image is not None else "summary",
                jsonld=_json_ld(records, entry, language))
    return head


def _page_og(records: Records, rel_path: str, language: str) -> list[tuple[str, str]]:
    """Open Graph of a page that is not an entry (the home page, a category, a standing page): its title and
    description, in its language, with the photo a visitor sees first there (the home page's hero or the newest
    entry's photo, a category's newest photo), so a shared link shows the province's images."""
    profile, catalogue = records.profile, records.catalogue
    page = catalogue.pages_by_path.get(rel_path)
    code = rel_path.removesuffix("/index.md")
    if page is not None:
        texts = page.texts.get(language) or page.texts[profile.default_language]
        title, description = texts.title, texts.summary or profile.text(profile.description, language)
        shown = catalogue.published
        wanted = page.hero if rel_path == HOME else None
    elif code in profile.categories:
        category = profile.categories[code]
        title = profile.text(category["label"], language)
        description = profile.text(category["description"], language)
        shown, wanted = catalogue.by_category[code], None
    elif rel_path in LISTED_KINDS:
        kind, ui = LISTED_KINDS[rel_path], ui_strings(language)
        title, description = ui[f"list_{kind}_title"], ui[f"list_{kind}_description"]
        shown, wanted = catalogue.by_kind.get(kind, []), None
    else:
        return []
    photos = [(entry, photo) for entry in shown for photo in entry.photos]
    chosen = next(((e, p) for e, p in photos if p.file == wanted), photos[0] if photos else None)
    og = [("og:type", "website"), ("og:title", title), ("og:description", description),
          ("og:url", records.url(rel_path, language)), ("og:site_name", profile.text(profile.portal_name, language)),
          ("og:locale", profile.locale(language)),
          *[("og:locale:alternate", profile.locale(other)) for other in records.languages if other != language]]
    if chosen is not None:
        image = records.plans[chosen[1].file].fallback_up_to(OG_IMAGE_WIDTH)
        og += [("og:image", records.media_url(image.name)), ("og:image:type", image.media_type),
               ("og:image:width", str(image.width)), ("og:image:height", str(image.height)),
               ("og:image:alt", chosen[1].texts[language].alt)]
    return og


def _json_ld(records: Records, entry: Entry, language: str) -> str:
    """schema.org Article, as search engines read it; escaped so no text can close the <script>."""
    profile = records.profile
    dates, text = records.dates[entry.id], entry.texts[language]
    urls = records.urls(entry.rel_path)
    agency = profile.agencies[entry.agency]
    licence = profile.licences[entry.licence]["uri"]
    images = []
    for photo in entry.photos:
        jpeg = records.plans[photo.file].fallback_up_to(OG_IMAGE_WIDTH)
        images.append({
            "@type": "ImageObject", "contentUrl": records.media_url(jpeg.name), "width": jpeg.width,
            "height": jpeg.height, "caption": photo.texts[language].caption, "description": photo.texts[language].alt,
            "creditText": photo.credit, "license": licence,
            "copyrightNotice": f"{photo.credit} — {profile.text(agency['name'], language)}",
        })
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": urls[language],
        "url": urls[language],
        "identifier": entry.id,
        "headline": text.title,
        "description": text.summary,
        "inLanguage": language,
        "datePublished": dates.issued.isoformat(),
        "dateModified": dates.modified.isoformat(),
        "articleSection": profile.text(profile.categories[entry.category]["label"], language),
        "keywords": [profile.text(profile.tags[tag], language) for tag in entry.tags],
        "author": {"@type": "GovernmentOrganization", "name": profile.text(agency["name"], language),
                   "url": agency["contact"]},
        "publisher": {"@type": "GovernmentOrganization", "name": profile.text(profile.name, language),
                      "url": profile.site_url},
        "isPartOf": {"@type": "WebSite", "name": profile.text(profile.portal_name, language),
                     "url": profile.site_url},
        "license": licence,
        "image": images,
    }
    if entry.place:
        data["contentLocation"] = {
            "@type": "Place", "name": entry.place.name,
            "geo": {"@type": "GeoCoordinates", "latitude": entry.place.lat, "longitude": entry.place.lon},
        }
    default = profile.default_language
    if language == default:
        data["workTranslation"] = [{"@id": urls[other], "inLanguage": other} for other in records.languages
                                   if other != default]
    else:
        data["translationOfWork"] = {"@id": urls[default], "inLanguage": default}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
