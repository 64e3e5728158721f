"""HTML in an editor's Markdown: only what :mod:`quangba.htmlpolicy` allows, checked at the source so that the
message names the line and the fix (the build removes the rest anyway, silently).

The body is tokenised with markdown-it-py (CommonMark), which gives the lines of raw HTML blocks, inline HTML,
links and images; attribute lists written for Python-Markdown's ``attr_list`` (``{: onclick=... }``) are found
in the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from quangba.htmlpolicy import (
    ALLOWED_TAGS,
    GLOBAL_ATTRIBUTES,
    URL_ATTRIBUTES,
    allowed_attribute,
    allowed_id,
    allowed_url,
    url_scheme,
)
from quangba.problems import Problem
from quangba.sources.content import SourceFile

_MARKDOWN = MarkdownIt("commonmark").enable("table")
_MARKDOWN.validateLink = lambda url: True  # keep every link: we report the bad ones instead of dropping them
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.'"]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_ATTR_LIST_ALLOWED = GLOBAL_ATTRIBUTES | {"width", "height", "loading", "colspan", "rowspan", "hreflang"}


class _Tags(HTMLParser):
    """The start tags of an HTML fragment with their attributes (entities already decoded) and line offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, self.getpos()[0] - 1))

    handle_startendtag = handle_starttag


def _fragment_problems(file: SourceFile, fragment: str, line: int) -> Iterator[Problem]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    for tag, attributes, offset in parser.found:
        where = line + offset
        if tag not in ALLOWED_TAGS:
            yield file.make(
                "html-element",
                f"Thẻ HTML `<{tag}>` không được dùng trong bài (chỉ các thẻ cho chữ, hình và bảng; xem hướng dẫn biên "
                "tập). Xóa thẻ này hoặc viết bằng Markdown.",
                f"The HTML element `<{tag}>` is not allowed in entries (only elements for text, figures and tables; "
                "see the editors' guide). Remove it or write it in Markdown.", line=where)
            continue
        for name, value in attributes:
            yield from _attribute_problems(file, tag, name, value or "", where)


def _attribute_problems(file: SourceFile, tag: str, name: str, value: str, line: int) -> Iterator[Problem]:
    if name.startswith("on"):
        yield file.make(
            "html-script",
            f"Thuộc tính `{name}` chạy mã JavaScript; không bao giờ được dùng trong bài. Xóa thuộc tính này.",
            f"The attribute `{name}` runs JavaScript; it is never allowed in entries. Remove it.", line=line)
    elif not allowed_attribute(tag, name):
        yield file.make(
            "html-attribute",
            f"Thuộc tính `{name}` không được dùng trên `<{tag}>`; xóa thuộc tính này.",
            f"The attribute `{name}` is not allowed on `<{tag}>`; remove it.", line=line)
    elif name in URL_ATTRIBUTES and not allowed_url(value):
        yield _url_problem(file, value, line)
    elif name == "id" and not allowed_id(value):
        yield file.make(
            "html-attribute",
            f"Mã `id=\"{value}\"` không hợp lệ hoặc trùng với mã giao diện dùng; dùng chữ, số và gạch nối.",
            f"The `id=\"{value}\"` is not valid or is one the theme uses; use letters, digits and hyphens.",
            line=line)


def _url_problem(file: SourceFile, url: str, line: int) -> Problem:
    scheme = url_scheme(url)
    return file.make(
        "html-url",
        f"Liên kết kiểu `{scheme}:` không được phép (chỉ http, https, mailto, tel hoặc đường dẫn trong cổng): nó có "
        "thể chạy mã hoặc nhúng nội dung lạ. Xóa hoặc thay bằng địa chỉ https.",
        f"A `{scheme}:` link is not allowed (only http, https, mailto, tel or a path within the portal): it could "
        "run code or embed foreign content. Remove it or use an https address.", line=line)


def html_problems(file: SourceFile) -> Iterator[Problem]:
    """Every piece of HTML, link and attribute list in the body that the policy does not allow, at its line."""
    body = file.body
    if not body.strip():
        return
    first = file.body_line
    # HTML starts with `<` and a link or image with `[` (CommonMark has no other way to write them, and linkify is
    # off): most entries have neither, and tokenising them was half the validator's time.
    tokens = _MARKDOWN.parse(body) if "<" in body or "[" in body else ()
    for token in tokens:
        line = first + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            yield from _fragment_problems(file, token.content, line)
        for child in token.children or ():
            if child.type == "html_inline":
                yield from _fragment_problems(file, child.content, line)
            elif child.type in ("link_open", "image"):
                url = str(child.attrs.get("href") or child.attrs.get("src") or "")
                if not allowed_url(url):
                    yield _url_problem(file, url, line)
    for match in _ATTR_LIST.finditer(body):
        line = first + body.count("\n", 0, match.start())
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            name = pair.group(1).lower()
            value = next(v for v in pair.groups()[1:] if v is not None)
            if name.startswith("on") or name not in _ATTR_LIST_ALLOWED:
                yield from _attribute_problems(file, "*", name, value, line)
