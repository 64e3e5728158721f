"""What an entry of each kind beyond the article says: investment figures, a clarification's claim, a
publication's file, an event's dates and place, typed once from the front matter.

Pages and exports read these, never the front matter, so a figure is parsed in one place and agrees everywhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quangba.atomic import write_atomically
from quangba.sandbox import Refused, run_limited

Texts = dict[str, str]


@dataclass(frozen=True)
class Investment:
    sector: str
    area_ha: float
    capital_vnd_billion: float
    capital_usd_million: float | None
    form: str
    status: str  # calling, negotiating, licensed, withdrawn (model.PROJECT_STATUSES)
    contact: str  # an agency code
    legal_basis: Texts

    @property
    def capital_vnd(self) -> int:
        return round(self.capital_vnd_billion * 1_000_000_000)

    @property
    def capital_usd(self) -> int | None:
        return round(self.capital_usd_million * 1_000_000) if self.capital_usd_million is not None else None


@dataclass(frozen=True)
class Clarification:
    claim: Texts
    authority: str  # an agency code
    spokesperson: str
    source_name: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class PublicationFile:
    """The file as the public downloads it: measured from its bytes, never from what an editor wrote."""

    file: str  # under assets/
    media_type: str
    bytes: int
    sha256: str
    pages: int | None  # a PDF's page count; None for an EPUB, whose pages depend on the reader

    @property
    def extension(self) -> str:
        return Path(self.file).suffix.lower()


@dataclass(frozen=True)
class Publication:
    file: PublicationFile
    languages: tuple[str, ...]
    isbn: str | None = None
    publisher_number: str | None = None


@dataclass(frozen=True)
class Event:
    start: dt.date
    end: dt.date
    country: str  # ISO 3166-1 alpha-2
    city: Texts
    organiser: Texts
    role: str  # model.EVENT_ROLES
    venue: Texts

    def is_past(self, today: dt.date) -> bool:
        return self.end < today


Details = Investment | Clarification | Publication | Event


MEDIA_TYPES = {".pdf": "application/pdf", ".epub": "application/epub+zip"}


class NotAPublication(Exception):
    """The file is not what its extension says, or cannot be read: ``args`` are the Vietnamese and English why."""


_measured: dict[tuple[str, int, int], PublicationFile] = {}
PDF_SECONDS = 30.0  # reading a real 100 MB publication takes a second or two
PDF_MEMORY = 1024 * 2**20
_FACTS_CACHE = ".cache/publications.json"  # SHA-256 -> page count or refusal: a file's bytes never change


def measure_publication(root: Path, file: str, seconds: float = PDF_SECONDS) -> PublicationFile:
    """Read a publication's facts from its bytes: a real PDF (pypdf counts its pages, in a child process with a
    time and memory limit: see :mod:`quangba.sandbox`) or a real EPUB (a ZIP whose first entry says
    ``application/epub+zip``). Remembered by size and modification time in the process and by content hash on
    disk, so a preview's rebuilds and later builds read a PDF once. Raises :class:`NotAPublication`."""
    path = root / file
    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns)
    if key not in _measured:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        extension = Path(file).suffix.lower()
        pages = _pdf_pages(root, path, data, digest, seconds) if extension == ".pdf" else _check_epub(path)
        _measured[key] = PublicationFile(file, MEDIA_TYPES[extension], len(data), digest, pages)
    return _measured[key]


def _pdf_pages(root: Path, path: Path, data: bytes, digest: str, seconds: float) -> int:
    if b"%PDF-" not in data[:1024]:
        raise NotAPublication("tệp không phải PDF (không có tiêu đề %PDF-); xuất lại từ phần mềm dàn trang dạng PDF",
                              "the file is not a PDF (no %PDF- header); export it again as PDF from the layout "
                              "software")
    cache_path = root / _FACTS_CACHE
    try:
        cache: dict[str, Any] = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    if digest not in cache:
        try:
            cache[digest] = run_limited("quangba.sources.details:pdf_facts", str(path), seconds=seconds,
                                        memory=PDF_MEMORY)
        except Refused as exc:
            cache[digest] = {"error": _REFUSALS.get(exc.args[0], _REFUSALS["failed"])}
            if exc.args[0] == "time":  # a slow machine may do better next time: not remembered
                raise NotAPublication(*cache.pop(digest)["error"]) from None
        with contextlib.suppress(OSError):
            write_atomically(cache_path, json.dumps(cache, sort_keys=True).encode("utf-8"))
    facts = cache[digest]
    if "error" in facts:
        raise NotAPublication(*facts["error"])
    return int(facts["pages"])


_REFUSALS = {
    "time": ("đọc tệp PDF quá lâu, có thể tệp được dựng để làm treo trình đọc; xuất lại tệp PDF",
             "reading the PDF took too long: it may be built to stall readers; export it again"),
    "memory": ("đọc tệp PDF cần quá nhiều bộ nhớ, có thể là tệp bom; xuất lại tệp PDF",
               "reading the PDF needed too much memory: it may be a bomb; export it again"),
    "failed": ("tệp PDF làm trình đọc dừng bất thường; xuất lại tệp PDF",
               "the PDF made the reader fail; export it again"),
}


def pdf_facts(path: str) -> dict[str, Any]:
    """Run in a child process (see :func:`_pdf_pages`): the page count, or why the file is refused."""
    from pypdf import PdfReader  # imported when a publication is met: most builds have none to read

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {"error": ["tệp PDF có mật khẩu hoặc bị khóa; xuất lại bản không đặt mật khẩu",
                              "the PDF is password-protected or locked; export it again without a password"]}
        pages = len(reader.pages)
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file from a pull request may fail anywhere in the parser
        why = type(exc).__name__
        return {"error": [f"tệp PDF hỏng, không đọc được ({why}); xuất lại tệp PDF",
                          f"the PDF is damaged and cannot be read ({why}); export it again"]}
    if pages < 1:
        return {"error": ["tệp PDF không có trang nào", "the PDF has no pages"]}
    return {"pages": pages}


def _check_epub(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            first = archive.infolist()[0] if archive.infolist() else None
            ok = (first is not None and first.filename == "mimetype" and first.file_size < 100
                  and archive.read(first).strip() == b"application/epub+zip")
    except (zipfile.BadZipFile, OSError, ValueError):
        ok = False
    if not ok:
        raise NotAPublication("tệp không phải EPUB hợp lệ; xuất lại từ phần mềm soạn sách điện tử",
                              "the file is not a valid EPUB; export it again from the e-book software")
    return None


def _texts(metas: dict[str, dict[str, Any]], name: str) -> Texts:
    return {language: m[name] for language, m in metas.items() if isinstance(m.get(name), str)}


def read_details(kind: str, metas: dict[str, dict[str, Any]], default: str, root: Path) -> Details | None:
    """A checked entry's own fields, by kind; None for the kinds that have none (articles, photo stories)."""
    meta = metas[default]
    if kind == "investment":
        usd = meta.get("capital_usd_million")
        return Investment(meta["sector"], float(meta["area_ha"]), float(meta["capital_vnd_billion"]),
                          float(usd) if usd is not None else None, meta["investment_form"], meta["project_status"],
                          meta["contact"], _texts(metas, "legal_basis"))
    if kind == "clarification":
        source = meta.get("claim_source") or {}
        return Clarification(_texts(metas, "claim"), meta["authority"], meta["spokesperson"],
                             source.get("name"), source.get("url"))
    if kind == "publication":
        return Publication(measure_publication(root, meta["file"]), tuple(meta["languages"]), meta.get("isbn"),
                           meta.get("publisher_number"))
    if kind == "event":
        start = dt.date.fromisoformat(meta["start"])
        end = dt.date.fromisoformat(meta["end"]) if meta.get("end") else start
        return Event(start, end, meta["country"], _texts(metas, "city"), _texts(metas, "organiser"), meta["role"],
                     _texts(metas, "venue"))
    return None
