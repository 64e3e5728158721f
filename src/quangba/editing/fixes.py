"""What ``quangba validate --fix`` rewrites in an editor's file, and nothing else: the byte-order mark dropped,
text in NFC (TCVN 6909), and every field or paragraph typed in a legacy encoding converted to Unicode the same
way the validator's message shows it. A file is rewritten in one step, or not at all."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quangba.atomic import write_atomically
from quangba.sources.content import BOM, FRONT_MATTER
from quangba.sources.legacy import NAMES, Encoding, judge, judge_paragraph, line_values, paragraphs

FIXABLE_RULES = frozenset({"bom", "nfc", "legacy-encoding"})
_TEXT_TAG = "tag:yaml.org,2002:str"


@dataclass
class Fix:
    """What was changed in one file, for the editor to read."""

    path: str
    bom: bool = False
    nfc: bool = False
    legacy: dict[Encoding, int] = field(default_factory=dict)  # encoding -> fields and paragraphs converted

    def describe(self) -> str:
        done_vi, done_en = [], []
        if self.bom:
            done_vi.append("bỏ BOM")
            done_en.append("byte-order mark removed")
        if self.nfc:
            done_vi.append("chuẩn hóa NFC")
            done_en.append("normalised to NFC")
        for encoding, count in self.legacy.items():
            done_vi.append(f"{NAMES[encoding][0]} → Unicode: {count} chỗ")
            done_en.append(f"{NAMES[encoding][1]} → Unicode: {count} place{'s' if count != 1 else ''}")
        return f"đã sửa / fixed: {self.path} ({'; '.join(done_vi)} / {'; '.join(done_en)})"

    @property
    def changed(self) -> bool:
        return self.bom or self.nfc or bool(self.legacy)


def _text_scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every text value of a YAML document (values only: keys are field names)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _TEXT_TAG:
            yield node
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _text_scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _text_scalars(item)


def _front_values(front: str) -> Iterator[tuple[int, int, str]]:
    """Each text value of the front matter as (start, end, value), the span inside any quotes. YAML that cannot be
    read (control characters left by UTF-8 read as Windows-1252) is read line by line instead."""
    try:
        root = yaml.compose(front, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        yield from line_values(front)
        return
    for node in _text_scalars(root) if root is not None else ():
        quoted = node.style in ("'", '"')
        yield node.start_mark.index + quoted, node.end_mark.index - quoted, node.value


def convert_legacy(text: str, fix: Fix) -> str:
    """``text`` (a whole content file) with every legacy-encoded field value and paragraph in Unicode."""
    replacements: list[tuple[int, int, str]] = []
    match = FRONT_MATTER.match(text)
    body_start = 0
    if match:
        body_start = match.end()
        if match.group(1):
            offset, front = match.start(1), match.group(1)
            for start, end, value in _front_values(front):
                verdict = judge(value)
                if verdict is not None:
                    replacements.append((offset + start, offset + end, verdict.convert(front[start:end])))
                    fix.legacy[verdict.encoding] = fix.legacy.get(verdict.encoding, 0) + 1
    for start, end, paragraph in paragraphs(text[body_start:]):
        verdict = judge_paragraph(paragraph)
        if verdict is not None:
            replacements.append((body_start + start, body_start + end, verdict.convert(paragraph)))
            fix.legacy[verdict.encoding] = fix.legacy.get(verdict.encoding, 0) + 1
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def fix_file(root: Path, rel: str) -> Fix:
    """Rewrite one file in place if anything needs fixing; a file that is not UTF-8 is left alone."""
    fix = Fix(rel)
    path = root / rel
    raw = path.read_bytes()
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
        fix.bom = True
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Fix(rel)
    normal = unicodedata.normalize("NFC", text)
    fix.nfc = normal != text
    new = convert_legacy(normal, fix)
    if fix.changed:
        write_atomically(path, new.encode("utf-8"))
    return fix
