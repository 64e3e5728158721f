"""An OAI-PMH static repository (Open Archives "Specification for an OAI Static Repository"): one XML file
of oai_dc records that a static repository gateway serves to any OAI-PMH harvester.

The specification allows only what a file can say: day granularity, no sets, no resumption tokens, and no
deleted records (``deletedRecord`` must be ``no``). Withdrawals therefore travel in the manifest's
tombstones and the change feed; here a withdrawn entry simply leaves the file. The guidelines mean static
repositories for up to about 5,000 records; a larger portal will want an OAI-PMH server fed from the manifest.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlsplit

from quangba.exports.records import Records
from quangba.sources.catalogue import Entry
from quangba.xmltext import sub

STATIC = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FILE = "oai.xml"

PREFIXES = (("", STATIC), ("oai", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI), ("oai_id", OAI_IDENTIFIER))


def register_prefixes() -> None:
    """ElementTree's prefixes are global and the feeds and sitemap take "" for their own namespace: register ours
    each time the file is written, or a second build in one process would write ``ns0:`` names."""
    for prefix, uri in PREFIXES:
        ET.register_namespace(prefix, uri)


def oai_identifier(records: Records, entry_id: str) -> str:
    return f"oai:{urlsplit(records.profile.site_url).hostname}:{entry_id}"


_sub = sub


def static_repository(records: Records) -> Iterator[bytes]:
    """The repository file in pieces, one record at a time: held whole as one tree it was the build's memory
    peak at 10,000 entries per language. The pieces are the bytes that tree would serialise to: the frame is
    serialised around the first record (so that the root declares every namespace the records use), and each
    other record is serialised on its own, indented at its depth, without the declarations the root makes."""
    register_prefixes()
    root = _frame(records)
    listing = _sub(root, f"{{{STATIC}}}ListRecords", metadataPrefix="oai_dc")
    entries = iter(records.entries)
    first = next(entries, None)
    if first is not None:
        listing.append(_record(records, first))
    ET.indent(root, space=" ")
    whole = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    if first is None:
        yield whole
        return
    first_bytes = _alone(listing[0])
    start = whole.index(first_bytes)
    closing = whole[start + len(first_bytes):]  # after the last record: the frame's closing tags
    yield whole[:start + len(first_bytes)]
    del root, listing, whole
    for entry in entries:
        yield b"\n" + b" " * RECORD_DEPTH + _alone(_record(records, entry))
    yield closing


RECORD_DEPTH = 2  # Repository > ListRecords > record


def _alone(record: ET.Element) -> bytes:
    """A record as the whole tree serialises it: indented at its depth, and with no namespace declarations
    (ElementTree declares on the top element of what it serialises; the file's root already has them)."""
    ET.indent(record, space=" ", level=RECORD_DEPTH)
    record.tail = None  # what follows it is the frame's to say
    text = ET.tostring(record, encoding="utf-8")
    end = text.index(b">")
    return re.sub(rb' xmlns(?::[\w.-]+)?="[^"]*"', b"", text[:end]) + text[end:]


def _frame(records: Records) -> ET.Element:
    """The repository's root with its Identify and ListMetadataFormats parts."""
    profile = records.profile
    url = records.export_url(FILE)
    host = urlsplit(profile.site_url).hostname or ""
    root = ET.Element(f"{{{STATIC}}}Repository", {
        f"{{{XSI}}}schemaLocation": f"{STATIC} http://www.openarchives.org/OAI/2.0/static-repository.xsd "
                                    f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    })
    identify = _sub(root, f"{{{STATIC}}}Identify")
    _sub(identify, f"{{{OAI}}}repositoryName", " / ".join(records.texts(profile.portal_name).values()))
    _sub(identify, f"{{{OAI}}}baseURL", profile.exports.oai_gateway + url.split("://", 1)[1])
    _sub(identify, f"{{{OAI}}}protocolVersion", "2.0")
    _sub(identify, f"{{{OAI}}}adminEmail", profile.exports.admin_email)
    days = sorted(records.dates[e.id].datestamp.date().isoformat() for e in records.entries)
    _sub(identify, f"{{{OAI}}}earliestDatestamp", days[0] if days else "1970-01-01")
    _sub(identify, f"{{{OAI}}}deletedRecord", "no")
    _sub(identify, f"{{{OAI}}}granularity", "YYYY-MM-DD")
    description = _sub(identify, f"{{{OAI}}}description")
    scheme = _sub(description, f"{{{OAI_IDENTIFIER}}}oai-identifier", **{
        f"{{{XSI}}}schemaLocation": f"{OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"})
    _sub(scheme, f"{{{OAI_IDENTIFIER}}}scheme", "oai")
    _sub(scheme, f"{{{OAI_IDENTIFIER}}}repositoryIdentifier", host)
    _sub(scheme, f"{{{OAI_IDENTIFIER}}}delimiter", ":")
    sample = records.entries[0].id if records.entries else "entry-id"
    _sub(scheme, f"{{{OAI_IDENTIFIER}}}sampleIdentifier", oai_identifier(records, sample))
    formats = _sub(root, f"{{{STATIC}}}ListMetadataFormats")
    metadata_format = _sub(formats, f"{{{OAI}}}metadataFormat")
    _sub(metadata_format, f"{{{OAI}}}metadataPrefix", "oai_dc")
    _sub(metadata_format, f"{{{OAI}}}schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _sub(metadata_format, f"{{{OAI}}}metadataNamespace", OAI_DC)
    return root


def _record(records: Records, entry: Entry) -> ET.Element:
    record = ET.Element(f"{{{OAI}}}record")
    header = _sub(record, f"{{{OAI}}}header")
    _sub(header, f"{{{OAI}}}identifier", oai_identifier(records, entry.id))
    _sub(header, f"{{{OAI}}}datestamp", records.dates[entry.id].datestamp.date().isoformat())
    metadata = _sub(record, f"{{{OAI}}}metadata")
    dc = _sub(metadata, f"{{{OAI_DC}}}dc", **{
        f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"})
    for element, values in records.dublin_core(entry).items():
        for value in values:
            attributes = {XML_LANG: value["lang"]} if "lang" in value else {}
            _sub(dc, f"{{{DC}}}{element}", value["value"], **attributes)
    return record
