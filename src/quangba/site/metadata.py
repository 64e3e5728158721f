"""What a published photo file carries besides its pixels, read from its bytes.

Derivatives must carry nothing: no EXIF (GPS positions, camera serial numbers), no XMP, no comment, no ICC
profile (they are sRGB, which is what a file without a profile means). The encoders are asked to write none;
these readers check the bytes that were actually written, in the build and again in ``quangba verify``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_JPEG_SEGMENTS = {0xFE: "COM"} | {0xE0 + n: f"APP{n}" for n in range(1, 16)}
_WEBP_METADATA = {b"ICCP": "ICC profile", b"EXIF": "EXIF", b"XMP ": "XMP"}
_CONTAINERS = {b"meta", b"iprp", b"ipco", b"iinf", b"moov", b"trak", b"udta"}
_FULL_BOXES = {b"meta": 4, b"iinf": None}  # header bytes after the box header (iinf depends on its version)


def metadata_segments(data: bytes) -> list[str]:
    """The names of the metadata a JPEG, WebP or AVIF file carries (an empty list: none)."""
    if data[:2] == b"\xff\xd8":
        return list(_jpeg(data))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return list(_webp(data))
    if data[4:8] == b"ftyp":
        return list(_isobmff(data, 0, len(data)))
    return ["unknown format"]


def _jpeg(data: bytes) -> Iterator[str]:
    """Every marker segment, including those between the scans of a progressive JPEG."""
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            i = data.find(b"\xff", i)  # skip entropy-coded data
            if i < 0:
                return
            continue
        marker = data[i + 1]
        if marker in (0x00, 0xFF) or 0xD0 <= marker <= 0xD7:
            i += 2  # stuffed byte, fill byte or restart marker inside the scan
            continue
        if marker == 0xD9:
            return
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in _JPEG_SEGMENTS:
            yield _JPEG_SEGMENTS[marker]
        i += 2 + length


def _webp(data: bytes) -> Iterator[str]:
    i = 12
    while i + 8 <= len(data):
        kind, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        if kind in _WEBP_METADATA:
            yield _WEBP_METADATA[kind]
        i += 8 + size + (size & 1)


def _isobmff(data: bytes, start: int, end: int) -> Iterator[str]:
    """AVIF boxes: Exif and XMP items in the item info, ICC profiles in colour boxes."""
    i = start
    while i + 8 <= end:
        size, kind = struct.unpack(">I", data[i:i + 4])[0], data[i + 4:i + 8]
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[i + 8:i + 16])[0], 16
        elif size == 0:
            size = end - i
        if size < header or i + size > end:
            return
        body = i + header
        if kind == b"infe":
            version = data[body]
            offset = body + 4 + (2 if version < 3 else 4) + 2
            item_type = data[offset:offset + 4] if version >= 2 else b""
            if item_type == b"Exif":
                yield "EXIF"
            elif item_type == b"mime":
                yield "XMP"
        elif kind == b"colr" and data[body:body + 4] in (b"prof", b"rICC"):
            yield "ICC profile"
        elif kind in _CONTAINERS:
            skip = 4 if kind == b"meta" else 0
            if kind == b"iinf":
                skip = 4 + (2 if data[body] == 0 else 4)
            yield from _isobmff(data, body + skip, i + size)
        i += size
