"""Reading YAML that anyone may have written: every content file and the province profile arrive by pull request.

The loader is libyaml's safe one, keeps dates as text (a wrong date is reported, not turned into another type)
and notes keys written twice. Before anything is built, :func:`refusal` turns away what could exhaust the
machine. :func:`line_map` finds the line of every field, for messages.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class SafeLoader(yaml.CSafeLoader):
    """Safe loader that keeps dates as text and notes keys written twice (PyYAML silently keeps the last)."""

    duplicates: list[tuple[str, int]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue  # a list or mapping as a key: the constructor refuses it with its own message
            if key.value in seen:
                self.duplicates.append((str(key.value), key.start_mark.line + 1))
            seen.add(key.value)
        return super().construct_mapping(node, deep=deep)


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


# Characters without which YAML can neither alias, tag, merge nor nest in flow style: most front matters have none.
_YAML_FEATURES = re.compile(r"[&*!<\[{]")


def refusal(yaml_text: str, max_depth: int) -> tuple[str, int, str, str] | None:
    """Why YAML must not be built at all, if it must not: anchors, aliases, merge keys, tags and deep nesting are
    refused before anything builds or walks the data (an alias can make a few lines expand to gigabytes, "billion
    laughs"; deep nesting exhausts the stack). Read from the parser's events, which never expand anything.
    Returns (rule, 1-based line in ``yaml_text``, Vietnamese, English)."""
    indent = max((len(line) - len(line.lstrip(" ")) for line in yaml_text.splitlines()), default=0)
    if not _YAML_FEATURES.search(yaml_text) and indent <= 2 * max_depth:
        return None
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.CSafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return (
                    "yaml-alias", line,
                    "Phần thông tin đầu tệp dùng neo hoặc bí danh YAML (`&`, `*`). Hãy viết thẳng giá trị; đặt chữ có "
                    "`&` hay `*` ở đầu trong ngoặc kép.",
                    "The front matter uses a YAML anchor or alias (`&`, `*`). Write the value itself; put text that "
                    "starts with `&` or `*` in double quotes.")
            if getattr(event, "tag", None) not in (None, "!"):
                return (
                    "yaml-tag", line,
                    f"Phần thông tin đầu tệp dùng thẻ YAML `{event.tag}`. Bỏ thẻ; chữ bắt đầu bằng `!` hãy đặt trong "
                    "ngoặc kép.",
                    f"The front matter uses the YAML tag `{event.tag}`. Remove it; put text starting with `!` in "
                    "double quotes.")
            if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None:
                return (
                    "yaml-merge", line,
                    "Phần thông tin đầu tệp dùng khóa gộp YAML `<<`. Viết thẳng từng trường.",
                    "The front matter uses the YAML merge key `<<`. Write each field out.")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    return (
                        "yaml-depth", line,
                        f"Phần thông tin đầu tệp lồng nhau quá {max_depth} cấp; mô hình nội dung không cần sâu "
                        "như vậy.",
                        f"The front matter is nested more than {max_depth} levels deep; the content model never "
                        "needs that.")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the parser reports it, with its line
    return None


def line_map(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    """Record the 1-based line of every key and item under ``node`` by its path of keys and indexes."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line_map(value, (*path, key.value), lines)
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            line_map(item, (*path, index), lines)


def nearest_line(lines: dict[Path_, int], path: Path_) -> int:
    """The line of a field, or of the nearest enclosing one when the field itself is missing."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
