"""The HTML an editor's Markdown may carry, stated once: the validator checks the source against it (with
line numbers) and the build enforces it on every rendered page with nh3 (ammonia), so nothing an editor
writes can run script, load another site's resources or imitate the portal's own page furniture.

Allowed is what editors need for text, figures and tables; refused is everything that can run code (script,
event handlers, ``javascript:``/``vbscript:``/``data:`` URLs in any spelling), load or embed other content
(iframe, object, embed, form, style, link, meta, base), or take the place of the page's own elements (ids the
theme reads, such as ``__config``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "headers", "style"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "details": frozenset({"open"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown writes table column alignment as a style
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # never "__config" or other ids the theme's script reads
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def allowed_attribute(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in ALLOWED_ATTRIBUTES.get(tag, ())


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use for ``url`` (after entities are decoded): whitespace and control characters
    inside it and percent-encoding are ignored, as browsers ignore them ("java&#9;script:", " JaVaScRiPt:")."""
    compact = _INVISIBLE.sub("", unquote(url))
    found = _SCHEME.match(compact)
    return found.group(1).lower() if found else None


def allowed_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def allowed_id(value: str) -> bool:
    return bool(_ID.match(value))


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not allowed_id(value):
        return None
    if attribute in URL_ATTRIBUTES and not allowed_url(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style", "template", "textarea", "noscript", "iframe", "object", "svg", "math"},
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
    attribute_filter=_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES),
)


def clean(html: str) -> str:
    """``html`` with everything outside the policy removed (an element's text stays; a script's does not)."""
    return _CLEANER.clean(html)
