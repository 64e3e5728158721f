"""Page furniture rendered once and filled in for each page.

The header and footer are the same on every page of a language but for their relative links and the section
marked as current. Rendering their templates whole for each page took a tenth of the hooks' time at 1,000
entries per language; a :class:`Frame` renders the template once with a marker in each place that changes
(a :class:`Slot`), and each page only joins the pieces with its own values, escaped as the template would.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from jinja2 import Template
from markupsafe import Markup, escape


class Slot:
    """A value a template prints as is (``{{ slot }}``) that each page fills in. A template must not test or
    filter it: it stands for a value it does not know yet."""

    def __init__(self, nonce: str, name: str) -> None:
        self.marker = f"\ue000{nonce}:{name}\ue001"

    def __html__(self) -> str:
        return self.marker

    __str__ = __html__


class Frame:
    """A template rendered with slots, kept as its literal pieces and the names of the slots between them."""

    def __init__(self, template: Template, context: Mapping[str, Any], slots: SlotMaker) -> None:
        parts = slots.pattern.split(template.render(**context))
        self.literals, self.names = parts[0::2], parts[1::2]
        if sorted(self.names) != sorted(slots.made):  # a slot tested, filtered or printed twice: not a frame
            raise ValueError(f"the template {template.name} does not print each slot once: {self.names}")

    def fill(self, values: Mapping[str, str]) -> Markup:
        pieces = [self.literals[0]]
        for name, literal in zip(self.names, self.literals[1:], strict=True):
            pieces += [escape(values[name]), literal]
        return Markup("".join(pieces))


class SlotMaker:
    """Slots for one frame, marked with a nonce no profile text can hold by chance or on purpose."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self.pattern = re.compile(f"\ue000{self.nonce}:([^\ue001]*)\ue001")
        self.made: list[str] = []

    def __call__(self, name: str) -> Slot:
        self.made.append(name)
        return Slot(self.nonce, name)
