"""The province profile: names, agencies, vocabularies, licences and languages, read from one YAML file.

No code names a province or an agency; everything of that kind is read from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema
import yaml

from quangba.problems import Problem
from quangba.yamlsafe import line_map, nearest_line, refusal

PROFILE_FILE = "province.yml"

_TEXT = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}, "minProperties": 1}
_CODE = "^[a-z0-9]+(-[a-z0-9]+)*$"
_LICENCE_CODE = "^[a-z0-9]+([.-][a-z0-9]+)*$"  # licence codes follow SPDX, which has dots: cc-by-4.0

# What the periodic report can say of each agency (quangba.editing.reports), in a column each.
REPORT_METRICS = ("agency", "created", "updated", "withdrawn", "photos", "translations", "quarters")

PROFILE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["province", "languages", "agencies", "categories", "tags", "licences", "exports"],
    "properties": {
        "province": {
            "type": "object",
            "additionalProperties": False,
            "required": ["code", "name", "short_name", "site_url", "portal_name", "description"],
            "properties": {
                "code": {"type": "string", "pattern": _CODE},
                "name": _TEXT,
                "short_name": _TEXT,
                # A plain address (host, port, path): it is written into pages, feeds and server configuration.
                "site_url": {"type": "string", "pattern": "^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)*/$"},
                "portal_name": _TEXT,
                "description": _TEXT,
                "timezone": {"type": "string", "minLength": 1},
            },
        },
        "exports": {
            "type": "object",
            "additionalProperties": False,
            "required": ["admin_email", "oai_gateway"],
            "properties": {
                "admin_email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
                "oai_gateway": {"type": "string", "pattern": "^https?://.+/$"},
                "feed_size": {"type": "integer", "minimum": 1},
            },
        },
        "languages": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "name", "locale"],
                "properties": {
                    "code": {"type": "string", "pattern": "^[a-z]{2,3}$"},
                    "name": {"type": "string"},
                    "locale": {"type": "string", "pattern": "^[a-z]{2,3}_[A-Z]{2}$"},
                },
            },
        },
        "agencies": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": _CODE},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "contact"],
                "properties": {"name": _TEXT, "contact": {"type": "string", "minLength": 1}},
            },
        },
        "categories": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": _CODE},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["label", "description"],
                "properties": {"label": _TEXT, "description": _TEXT},
            },
        },
        "tags": {"type": "object", "propertyNames": {"pattern": _CODE}, "additionalProperties": _TEXT},
        # Investment projects (kind `investment`): the sectors the province calls investment into, and the forms
        # of investment the law allows; labelled in each language like tags.
        "sectors": {"type": "object", "propertyNames": {"pattern": _CODE}, "additionalProperties": _TEXT},
        "investment_forms": {"type": "object", "propertyNames": {"pattern": _CODE}, "additionalProperties": _TEXT},
        "media": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "formats": {"type": "array", "items": {"enum": ["jpeg", "png", "webp", "tiff", "gif", "bmp"]}},
                "min_long_side": {"type": "integer", "minimum": 1},
                "max_bytes": {"type": "integer", "minimum": 1},
                "max_pixels": {"type": "integer", "minimum": 1},
                "widths": {"type": "array", "items": {"type": "integer", "minimum": 16}, "minItems": 1},
                "outputs": {"type": "array", "items": {"enum": ["avif", "webp", "jpeg"]},
                            "contains": {"const": "jpeg"}},
                # JPEG cannot stop early: it is what every browser, reader and the lightbox falls back to.
                "widest": {"type": "object", "propertyNames": {"enum": ["avif", "webp"]},
                           "additionalProperties": {"type": "integer", "minimum": 16}},
            },
        },
        "portal": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "navigation": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["label", "page"],
                    "properties": {"label": _TEXT, "page": {"type": "string", "minLength": 1}}}},
                "facts": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["label", "value"],
                    "properties": {"label": _TEXT, "value": {"type": "number"}, "unit": _TEXT,
                                   "digits": {"type": "integer", "minimum": 0, "maximum": 3}}}},
                "audiences": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["label", "text", "page"],
                    "properties": {"label": _TEXT, "text": _TEXT, "page": {"type": "string", "minLength": 1},
                                   "icon": {"type": "string", "pattern": _CODE}}}},
                "spokesperson": {
                    "type": "object", "additionalProperties": False,
                    "required": ["name", "title", "phone", "email"],
                    "properties": {"name": {"type": "string", "minLength": 1}, "title": _TEXT,
                                   "organisation": _TEXT, "phone": {"type": "string", "minLength": 1},
                                   "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
                                   "decision": _TEXT}},
                "footer": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["label", "page"],
                    "properties": {"label": _TEXT, "page": {"type": "string", "minLength": 1}}}},
                "per_page": {"type": "integer", "minimum": 4, "maximum": 96},
                "latest": {"type": "integer", "minimum": 0, "maximum": 24},
                "recent_days": {"type": "integer", "minimum": 0, "maximum": 366},
            },
        },
        "editing": {
            "type": "object",
            "additionalProperties": False,
            "required": ["repository"],
            "properties": {
                "repository": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$"},
                "branch": {"type": "string", "pattern": "^[A-Za-z0-9._/-]{1,100}$"},
                "auth_url": {"type": "string", "pattern": "^https://[^\\s/]+(/[^\\s]*)?$"},
            },
        },
        "reports": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "columns": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "additionalProperties": False, "required": ["metric", "label"],
                    "properties": {"metric": {"enum": list(REPORT_METRICS)}, "label": _TEXT}}},
            },
        },
        "limits": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "front_matter_bytes": {"type": "integer", "minimum": 1024},
                "body_bytes": {"type": "integer", "minimum": 1024},
                "depth": {"type": "integer", "minimum": 3, "maximum": 64},
                "messages_per_file": {"type": "integer", "minimum": 1},
                "publication_bytes": {"type": "integer", "minimum": 1024},
                "search_index_pages": {"type": "integer", "minimum": 1},
            },
        },
        "licences": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": _LICENCE_CODE},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url", "uri"],
                "properties": {
                    "name": _TEXT,
                    "url": {"type": "string", "pattern": "^https?://"},
                    # The licence's canonical URI (Creative Commons or RightsStatements.org), which IIIF viewers
                    # and aggregators recognise; `url` is the page people read.
                    "uri": {"type": "string", "pattern": "^https?://"},
                },
            },
        },
    },
}


class ProfileError(Exception):
    """The profile cannot be used; carries the problems that say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str


@dataclass(frozen=True)
class MediaPolicy:
    """What photos editors may commit, and what the public receives."""

    formats: tuple[str, ...] = ("jpeg", "png", "webp", "tiff")  # accepted originals (Pillow's names, lower case)
    min_long_side: int = 1200  # smaller is a warning: it will look soft on large screens
    max_bytes: int = 60 * 2**20  # larger is an error, found before decoding
    max_pixels: int = 60_000_000  # larger is an error, found before decoding (guards against decompression bombs)
    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    outputs: tuple[str, ...] = ("avif", "webp", "jpeg")  # AVIF only where the installed Pillow writes it
    widest: tuple[tuple[str, int], ...] = ()  # the widest derivative of a format, where it should stop early


@dataclass(frozen=True)
class Link:
    """A labelled link to a page of the portal: ``page`` is a content path ("about.md", "culture/x.md"), a
    category's listing ("culture/"), or either with an anchor ("index.md#categories")."""

    label: dict[str, str]
    page: str


@dataclass(frozen=True)
class Fact:
    label: dict[str, str]
    value: float
    unit: dict[str, str] | None = None
    digits: int = 0


@dataclass(frozen=True)
class Audience:
    label: dict[str, str]
    text: dict[str, str]
    page: str
    icon: str = ""


@dataclass(frozen=True)
class Spokesperson:
    """The province's spokesperson, as the home page presents them (Decree 244/2026 on spokespersons)."""

    name: str
    title: dict[str, str]
    phone: str
    email: str
    organisation: dict[str, str] | None = None
    decision: dict[str, str] | None = None


@dataclass(frozen=True)
class PortalSettings:
    """What the public portal shows around the content: its sections, the home page's blocks, its footer."""

    navigation: tuple[Link, ...] = ()
    facts: tuple[Fact, ...] = ()
    audiences: tuple[Audience, ...] = ()
    spokesperson: Spokesperson | None = None
    footer: tuple[Link, ...] = ()
    per_page: int = 12  # cards per page of a category's grid
    latest: int = 6  # entries in the home page's "latest" block
    recent_days: int = 30  # a clarification stays on the home page this many days after its date

    @classmethod
    def read(cls, data: dict[str, Any]) -> PortalSettings:
        speaker = data.get("spokesperson")
        return cls(
            navigation=tuple(Link(**item) for item in data.get("navigation", ())),
            facts=tuple(Fact(**item) for item in data.get("facts", ())),
            audiences=tuple(Audience(**item) for item in data.get("audiences", ())),
            spokesperson=Spokesperson(**speaker) if speaker else None,
            footer=tuple(Link(**item) for item in data.get("footer", ())),
            per_page=data.get("per_page", 12),
            latest=data.get("latest", 6),
            recent_days=data.get("recent_days", 30),
        )

    def links(self) -> list[tuple[str, Link | Audience]]:
        """Every page the settings link to, with where (for messages)."""
        found: list[tuple[str, Link | Audience]] = []
        for name in ("navigation", "audiences", "footer"):
            found += [(f"portal/{name}/{index}", item) for index, item in enumerate(getattr(self, name))]
        return found


@dataclass(frozen=True)
class EditingSettings:
    """The web editor at /admin/: the GitHub repository it commits to (through pull requests) and the OAuth
    proxy that signs editors in. Without it the site has no web editor."""

    repository: str  # owner/name on GitHub
    branch: str = "main"
    auth_url: str | None = None  # the OAuth proxy's base URL (README: "Soạn thảo trên web")


@dataclass(frozen=True)
class Limits:
    """How much any one content file may ask of the machine: every file arrives from a pull request."""

    front_matter_bytes: int = 64 * 1024  # a front matter is a few hundred bytes; a larger one is refused unread
    body_bytes: int = 1024 * 1024  # a long article is 50 KB of Markdown
    depth: int = 8  # nesting of the front matter (photos -> item -> field is 3)
    messages_per_file: int = 50  # problems reported per file; the rest are counted
    publication_bytes: int = 100 * 2**20  # a publication (PDF, EPUB) larger than this is refused unopened
    # Pages per search index: Pagefind holds about 200 KB a page until it writes, so a language with more pages is
    # indexed in parts (quangba.site.search), which the browser merges; 1,500 pages keep Pagefind near 300 MB.
    search_index_pages: int = 1500

    @property
    def file_bytes(self) -> int:
        return self.front_matter_bytes + self.body_bytes + 16


@dataclass(frozen=True)
class ReportColumn:
    metric: str  # one of REPORT_METRICS
    label: dict[str, str]


# The columns of the agencies' table, as the forms of Circular 22/2016/TT-BTTTT (appendices 01 and 02) ask for
# them; a profile may reorder or relabel them when the official form changes.
DEFAULT_REPORT_COLUMNS = (
    ReportColumn("agency", {"vi": "Cơ quan, đơn vị", "en": "Agency"}),
    ReportColumn("created", {"vi": "Số tin, bài đăng mới", "en": "Entries published"}),
    ReportColumn("updated", {"vi": "Số tin, bài cập nhật", "en": "Entries updated"}),
    ReportColumn("withdrawn", {"vi": "Số tin, bài gỡ bỏ", "en": "Entries withdrawn"}),
    ReportColumn("photos", {"vi": "Số ảnh cung cấp", "en": "Photos added"}),
    ReportColumn("translations", {"vi": "Số bản dịch hoàn thành", "en": "Translations completed"}),
    ReportColumn("quarters", {"vi": "Cung cấp thông tin hằng quý", "en": "Contributed every quarter"}),
)


@dataclass(frozen=True)
class ExportSettings:
    """What the open exports need that the content does not say."""

    admin_email: str  # OAI-PMH Identify: who answers for the repository
    oai_gateway: str  # the OAI static repository gateway that serves the portal's oai.xml
    feed_size: int = 50  # entries in each language's Atom feed


@dataclass(frozen=True)
class Profile:
    """The parsed profile. Texts are dicts keyed by language code."""

    code: str
    name: dict[str, str]
    short_name: dict[str, str]
    site_url: str
    portal_name: dict[str, str]
    description: dict[str, str]
    languages: tuple[Language, ...]
    agencies: dict[str, dict[str, Any]]
    categories: dict[str, dict[str, Any]]
    tags: dict[str, dict[str, str]]
    licences: dict[str, dict[str, Any]]
    exports: ExportSettings
    sectors: dict[str, dict[str, str]] = field(default_factory=dict)
    investment_forms: dict[str, dict[str, str]] = field(default_factory=dict)
    media: MediaPolicy = MediaPolicy()
    limits: Limits = Limits()
    portal: PortalSettings = PortalSettings()
    report_columns: tuple[ReportColumn, ...] = DEFAULT_REPORT_COLUMNS
    editing: EditingSettings | None = None
    timezone: str = "Asia/Ho_Chi_Minh"
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, path: tuple[Any, ...]) -> int:
        """The line of a setting in province.yml, for messages."""
        return nearest_line(self.lines, path)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def today(self) -> dt.date:
        """Today in the province: what the portal's "recent" and "upcoming", a report's running quarter and an
        event's missing report are measured against (the exports never read the clock)."""
        return dt.datetime.now(self.zone).date()

    def local_date(self, moment: dt.datetime) -> dt.date:
        """The calendar date in the province of a moment (a commit at 23:30 UTC is the next day in Viet Nam)."""
        return moment.astimezone(self.zone).date()

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def translation_languages(self) -> tuple[str, ...]:
        return self.language_codes[1:]

    def locale(self, language: str) -> str:
        return next(lang.locale for lang in self.languages if lang.code == language)

    def text(self, texts: dict[str, str], language: str) -> str:
        """A label in the wanted language, falling back to the default one rather than to nothing."""
        return texts.get(language) or texts[self.default_language]

    def vocabulary(self, name: str) -> list[str]:
        """Codes of a controlled vocabulary, in the order the profile lists them."""
        return list(getattr(self, name))


def _media_policy(data: dict[str, Any]) -> MediaPolicy:
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    if "widest" in values:
        values["widest"] = tuple(sorted(values["widest"].items()))
    return MediaPolicy(**values)


def _problem(path: str, line: int, field: str, vi: str, en: str) -> Problem:
    return Problem(file=path, line=line, rule="profile", field=field, vi=vi, en=en)


def load_profile(root: Path) -> Profile:
    """Read and check ``province.yml`` under ``root``; raise :class:`ProfileError` with every problem."""
    path = root / PROFILE_FILE
    rel = PROFILE_FILE
    try:
        text = path.read_text(encoding="utf-8")
        refused = refusal(text, Limits.depth)
        if refused:
            _, line, vi, en = refused
            raise ProfileError([_problem(rel, line, "", vi.replace("Phần thông tin đầu tệp", "Hồ sơ tỉnh"),
                                         en.replace("The front matter", "The province profile"))])
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        lines: dict[tuple, int] = {}
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        if node is not None:
            line_map(node, (), lines)
    except FileNotFoundError:
        raise ProfileError([
            _problem(rel, 0, "", f"Không tìm thấy hồ sơ tỉnh {rel} ở {root}.",
                     f"The province profile {rel} was not found in {root}."),
        ]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise ProfileError([
            _problem(rel, line, "", f"Hồ sơ tỉnh không đọc được (YAML sai cú pháp): {exc}",
                     f"The province profile cannot be read (invalid YAML): {exc}"),
        ]) from None
    validator = jsonschema.Draft202012Validator(PROFILE_SCHEMA)
    problems = [
        _problem(rel, nearest_line(lines, tuple(err.absolute_path)), "/".join(str(p) for p in err.absolute_path),
                 f"Hồ sơ tỉnh không hợp lệ: {err.message}", f"The province profile is invalid: {err.message}")
        for err in validator.iter_errors(data)
    ]
    if problems:
        raise ProfileError(problems)
    languages = tuple(Language(**lang) for lang in data["languages"])
    codes = [lang.code for lang in languages]
    for section in ("name", "short_name", "portal_name", "description"):
        missing = [c for c in codes if c not in data["province"][section]]
        if missing:
            problems.append(_problem(rel, 0, f"province/{section}",
                                     f"Thiếu bản dịch cho ngôn ngữ {', '.join(missing)}.",
                                     f"Missing translation for language {', '.join(missing)}."))
    for vocab in ("agencies", "categories", "licences", "sectors", "investment_forms"):
        for code, item in data.get(vocab, {}).items():
            texts = item.get("name") or item.get("label") if vocab not in ("sectors", "investment_forms") else item
            missing = [c for c in codes if c not in texts]
            if missing:
                problems.append(_problem(rel, 0, f"{vocab}/{code}",
                                         f"Thiếu tên theo ngôn ngữ {', '.join(missing)}.",
                                         f"Missing name in language {', '.join(missing)}."))
    try:
        ZoneInfo(data["province"].get("timezone", "Asia/Ho_Chi_Minh"))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(_problem(rel, nearest_line(lines, ("province", "timezone")), "province/timezone",
                                 "Múi giờ không có trong cơ sở dữ liệu múi giờ IANA; dùng ví dụ `Asia/Ho_Chi_Minh`.",
                                 "Unknown time zone; use an IANA name such as `Asia/Ho_Chi_Minh`."))
    if problems:
        raise ProfileError(problems)
    province = data["province"]
    return Profile(
        code=province["code"],
        name=province["name"],
        short_name=province["short_name"],
        site_url=province["site_url"],
        portal_name=province["portal_name"],
        description=province["description"],
        languages=languages,
        agencies=data["agencies"],
        categories=data["categories"],
        tags=data["tags"],
        sectors=data.get("sectors", {}),
        investment_forms=data.get("investment_forms", {}),
        licences=data["licences"],
        exports=ExportSettings(**data["exports"]),
        timezone=province.get("timezone", "Asia/Ho_Chi_Minh"),
        media=_media_policy(data.get("media", {})),
        limits=Limits(**data.get("limits", {})),
        portal=PortalSettings.read(data.get("portal", {})),
        report_columns=tuple(ReportColumn(**c) for c in data.get("reports", {}).get("columns", ())) or
        DEFAULT_REPORT_COLUMNS,
        editing=EditingSettings(**data["editing"]) if "editing" in data else None,
        lines=lines,
    )
