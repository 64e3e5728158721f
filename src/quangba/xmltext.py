"""Text as XML 1.0 allows it: the validator refuses control characters in content, and every XML export writes
text through :func:`xml_text` as well, so no document the national database harvests can be made invalid."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 forbids anywhere (C0 controls but tab, newline and return; U+FFFE and U+FFFF); and the C1
# controls and DEL, which it allows but which are never text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def xml_text(text: str | None) -> str | None:
    return NOT_XML.sub("", text) if text else text


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    """A child element whose text and attributes are XML whatever they came from."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) or "" for k, v in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element
