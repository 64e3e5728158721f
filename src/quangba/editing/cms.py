"""The web editor's configuration, generated from the content model and the province profile.

The editor at /admin/ is Sveltia CMS. Its ``config.yml`` is never written by hand: each kind of entry is a
collection, each model field a widget with its Vietnamese and English label and help, each profile vocabulary a
select list. Entries live where the validator expects them, ``content/<language>/<category>/<slug>.md``: the
collection's folder is ``content/{{locale}}`` and its path ``{{category}}/{{slug}}``, so the file lands in the
folder of the category the editor picked, in every language. A field the model shares across languages is
written once, in the default language's file (``i18n`` off); a translated one in every file (``i18n: true``);
within the photo list the file, credit and date are repeated in each language as the validator allows, and the
alt text and caption are each language's own. Saving opens a pull request (editorial workflow) that CI checks.

A model field the editor cannot represent stops the build with a message naming it.
"""

from __future__ import annotations

from typing import Any

from quangba.model import KINDS, Field, Kind, Scope
from quangba.profile import EditingSettings, Profile

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
PHOTO_FOLDER = "assets/photos"
PUBLICATION_FOLDER = "assets/publications"
LONG_TEXT = 300  # a text that may run longer than this gets a multi-line box

# The words of the editor's own labels, in the default language first (its interface follows the browser).
_SLUG_HINT = {"vi": "Tên tệp và địa chỉ trang: chữ thường không dấu, nối bằng gạch ngang (le-hoi-hoa-da-lat).",
              "en": "The file name and page address: lower-case ASCII joined by hyphens (da-lat-flower-festival)."}
_TRANSLATION_HINT = {"vi": "Chỉ điền ở bản dịch, không điền ở bản gốc: trạng thái dịch và người hiệu đính.",
                     "en": "Fill in only in a translation, never in the source: its status and reviewer."}
_BODY = {"label": {"vi": "Nội dung", "en": "Body"},
         "help": {"vi": "Phần bài viết, theo cách trình bày trong Hướng dẫn soạn thảo.",
                  "en": "The text of the entry, formatted as the editors' guide shows."}}


# Words for the model's fixed codes, so an editor picks "Đăng / Published" rather than `published`.
ENUM_LABELS: dict[str, dict[str, str]] = {
    "draft": {"vi": "Nháp, chưa đăng", "en": "Draft, not published"},
    "published": {"vi": "Đăng", "en": "Published"},
    "withdrawn": {"vi": "Đã gỡ", "en": "Withdrawn"},
    "translated": {"vi": "Đã dịch", "en": "Translated"},
    "reviewed": {"vi": "Đã hiệu đính", "en": "Reviewed"},
}


class CmsConfigError(Exception):
    """The model holds a field the web editor cannot represent; ``field`` names it."""

    def __init__(self, kind: str, field: str, reason: str) -> None:
        super().__init__(f"{kind}.{field}: {reason}")
        self.kind, self.field, self.reason = kind, field, reason

    def message(self) -> str:
        return (f"Không tạo được cấu hình trình soạn thảo web: trường `{self.field}` của loại `{self.kind}` "
                f"({self.reason}). Sửa khai báo trường trong quangba.model hoặc bỏ mục `editing` khỏi province.yml. / "
                f"The web editor's configuration cannot be generated: field `{self.field}` of kind `{self.kind}` "
                f"({self.reason}). Change the field's declaration in quangba.model, or remove `editing` from "
                "province.yml.")


def _both(texts: dict[str, str], profile: Profile, separator: str = " · ") -> str:
    """A label in every language, the default one first: editors are Vietnamese first, translators read both."""
    return separator.join(dict.fromkeys(texts[code] for code in profile.language_codes if texts.get(code)))


def _vocabulary_label(item: dict[str, Any], profile: Profile) -> str:
    texts = item.get("name") or item.get("label") or item
    return _both(texts, profile, " / ")


def _options(field: Field, profile: Profile, kind: Kind) -> list[dict[str, str]] | None:
    if field.vocabulary:
        return [{"label": _vocabulary_label(item, profile), "value": code}
                for code, item in getattr(profile, field.vocabulary).items()]
    if field.choices:
        return [{"label": _both(label, profile, " / "), "value": code} for code, label in field.choices.items()]
    if "enum" in field.value:
        return [{"label": _both(ENUM_LABELS[code], profile, " / ") if code in ENUM_LABELS else str(code),
                 "value": code} for code in field.value["enum"]]
    return None


def _i18n(field: Field, within_translated_list: bool) -> Any:
    if field.scope is Scope.TRANSLATED:
        return True
    if within_translated_list:
        return "duplicate"  # a photo's file and credit, repeated in each language as the validator allows
    return None  # shared: written once, in the default language's file


def _widget(field: Field, kind: Kind, profile: Profile, *, within_translated_list: bool = False) -> dict[str, Any]:
    """One model field as a Sveltia widget."""
    spec: dict[str, Any] = {"name": field.name, "label": _both(field.label, profile),
                            "hint": _both(field.help, profile, "  \n"), "required": field.required}
    i18n = _i18n(field, within_translated_list)
    if i18n is not None:
        spec["i18n"] = i18n
    value = field.value
    options = _options(field, profile, kind)
    if field.fields:
        translated_inside = any(sub.scope is Scope.TRANSLATED for sub in field.fields)
        if field.many and translated_inside:
            spec["i18n"] = True  # each language has its own list, keyed by the photo's file
        subfields = [_widget(sub, kind, profile, within_translated_list=field.many and translated_inside)
                     for sub in field.fields if sub.scope is not Scope.TRANSLATION or sub.name != "source"]
        spec.update(widget="list" if field.many else "object", fields=subfields)
        if field.many:
            spec["collapsed"] = False
        if field.many and field.min_items:
            spec["min"] = field.min_items
        return spec
    if options is not None:
        spec.update(widget="select", options=options, multiple=field.many)
        if field.many:
            spec["dropdown_threshold"] = 0
        return spec
    if field.many:
        spec.update(widget="list", field={"name": "value", "label": spec["label"], "widget": "string",
                                          **({"pattern": [value["pattern"], spec["hint"]]} if "pattern" in value
                                             else {})})
        if field.min_items:
            spec["min"] = field.min_items
        return spec
    kind_of_value = value.get("type")
    if value.get("format") == "date":
        spec.update(widget="datetime", time_format=False, format="YYYY-MM-DD", date_format="DD/MM/YYYY")
        return spec
    if kind_of_value in ("number", "integer"):
        spec.update(widget="number", value_type="int" if kind_of_value == "integer" else "float")
        low = value.get("minimum", value.get("exclusiveMinimum"))
        if low is not None:
            spec["min"] = low
        if "maximum" in value:
            spec["max"] = value["maximum"]
        return spec
    if field.key and field.name == "file":
        spec.update(widget="image", choose_url=False,
                    accept="image/jpeg,image/png,image/webp,image/tiff")
        return spec
    if kind.code == "publication" and field.name == "file":
        spec.update(widget="file", media_folder=PUBLICATION_FOLDER, public_folder=PUBLICATION_FOLDER, choose_url=False,
                    accept=".pdf,.epub,application/pdf,application/epub+zip")
        return spec
    if kind_of_value != "string":
        raise CmsConfigError(kind.code, field.name, f"kiểu `{kind_of_value}` chưa có ô nhập / type "
                                                    f"`{kind_of_value}` has no widget")
    long = value.get("maxLength", 0) > LONG_TEXT
    spec["widget"] = "text" if long else "string"
    if "pattern" in value:
        spec["pattern"] = [value["pattern"], _both(field.help, profile, " / ")]
    if "maxLength" in value:
        spec["maxlength"] = value["maxLength"]
    return spec


def _id_widget(field: Field, profile: Profile) -> dict[str, Any]:
    """The stable identifier: made once when the entry is created, never edited (the scaffold's rule)."""
    return {"name": field.name, "label": _both(field.label, profile), "hint": _both(field.help, profile, "  \n"),
            "widget": "uuid", "readonly": True}


def _translation_widget(field: Field, kind: Kind, profile: Profile) -> dict[str, Any]:
    """A translation's status and reviewer, in every language's form: a field cannot show in some languages only,
    so it is optional here, left empty (and so not written) in the default language, and the validator asks
    for it in a translation. Its source version is kept as it was: `quangba translated` writes it."""
    subfields = [{"name": sub.name, "widget": "hidden", "i18n": True} if sub.name == "source" else
                 {**_widget(sub, kind, profile), "i18n": True, "required": False} for sub in field.fields]
    return {"name": field.name, "label": _both(field.label, profile),
            "hint": _both(_TRANSLATION_HINT, profile, "  \n"),
            "widget": "object", "i18n": True, "required": False, "collapsed": False, "fields": subfields}


def _collection(kind: Kind, profile: Profile) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for field in kind.fields:
        if field.name == "id":
            fields.append(_id_widget(field, profile))
        elif field.name == "kind":
            fields.append({"name": "kind", "label": _both(field.label, profile), "widget": "hidden",
                           "default": kind.code})
        elif field.name == "classification":
            fields.append({"name": field.name, "label": _both(field.label, profile), "widget": "hidden",
                           "default": "public"})  # classified information never enters the repository
        elif field.scope is Scope.TRANSLATION:
            fields.append(_translation_widget(field, kind, profile))
        else:
            fields.append(_widget(field, kind, profile))
    fields.append({"name": "body", "label": _both(_BODY["label"], profile), "hint": _both(_BODY["help"], profile),
                   "widget": "markdown", "i18n": True, "required": False})
    return {
        "name": kind.code,
        "label": kind.label[profile.default_language],
        "label_singular": _both(kind.label, profile),
        "description": _both({code: f"{kind.label.get(code, '')}: {kind.help.get(code, '')}" for code in kind.help},
                             profile, " — "),
        "folder": "content/{{locale}}",
        "path": "{{category}}/{{slug}}",
        "filter": {"field": "kind", "value": kind.code},
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": "title",
        "summary": "{{title}} ({{category}})",
        "slug": {"template": "{{title}}", "editable": ["create"], "hint": _both(_SLUG_HINT, profile, "  \n"),
                 "pattern": [SLUG_PATTERN, _both(_SLUG_HINT, profile, " / ")]},
        "sortable_fields": ["title", "issued", "updated"],
        "media_folder": f"/{PHOTO_FOLDER}",
        "public_folder": PHOTO_FOLDER,
        "i18n": True,
        "fields": fields,
    }


def cms_config(profile: Profile, editing: EditingSettings) -> dict[str, Any]:
    """The whole ``config.yml`` of the web editor (raises :class:`CmsConfigError` naming a field it lacks)."""
    backend: dict[str, Any] = {"name": "github", "repo": editing.repository, "branch": editing.branch,
                               "open_authoring": False}
    if editing.auth_url:
        backend["base_url"] = editing.auth_url
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",  # every save is a pull request; CI validates it, a reviewer merges
        "app_title": f"Soạn thảo · Editor — {profile.portal_name[profile.default_language]}",
        "site_url": profile.site_url,
        "media_folder": PHOTO_FOLDER,
        # An uploaded file is renamed like a slug (`Lễ hội.jpg` → `le-hoi.jpg`): the validator accepts ASCII names
        # only; and refused above the profile's limit before it is sent.
        "media_libraries": {"default": {"config": {"slugify_filename": True,
                                                   "max_file_size": profile.media.max_bytes}}},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "maxlength": 80},
        "i18n": {"structure": "multiple_root_folders", "locales": list(profile.language_codes),
                 "default_locale": profile.default_language,
                 # Every language is written by default; an editor may switch a translation off while the entry
                 # is a draft (the validator lets a draft wait for its translation, never a published entry).
                 "initial_locales": "all"},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none"}},
        "show_preview_links": False,
        "collections": [_collection(kind, profile) for kind in KINDS.values()],
    }
