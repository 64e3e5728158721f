"""A publication without a cover photo gets its first page as cover: rendered once by PDFium (``pypdfium2``, the
engine Chromium uses, so a PDF from a pull request is read by a hardened, fuzzed parser), kept in the cache under
the PDF's SHA-256, then made public like any photo: resized, stripped, in every format of the recipe.

An EPUB has no first page to render; it keeps the card's empty frame until an editor gives a cover photo.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from PIL import Image

from quangba.profile import Profile
from quangba.sandbox import Refused, run_limited
from quangba.site.media import PhotoPlan
from quangba.site.strings import ui_strings
from quangba.sources.catalogue import Entry, Photo, PhotoText
from quangba.sources.details import PDF_MEMORY, PDF_SECONDS, Publication, PublicationFile

log = logging.getLogger("mkdocs.plugins.quangba")

COVERS_DIR = ".cache/covers"
COVER_WIDTH = 1600  # the widest card and the entry page's lead; the recipe makes the smaller widths
MAX_HEIGHT = 3200  # a page far taller than wide (a poster, a strip) is cut here, never rendered whole


def cover_path(file: PublicationFile) -> str:
    """Where a publication's rendered cover lives, relative to the project root (named by the PDF's content)."""
    return f"{COVERS_DIR}/{file.sha256[:16]}.png"


def render_cover(root: Path, file: PublicationFile, seconds: float = PDF_SECONDS) -> str | None:
    """The path of the publication's first page as an image, rendered now if the cache lacks it, by PDFium in a
    child process with a time and memory limit (:mod:`quangba.sandbox`); None when it cannot be rendered (an
    EPUB, or a page PDFium refuses or takes too long on: the build goes on without a cover)."""
    if file.media_type != "application/pdf":
        return None
    rel = cover_path(file)
    target = root / rel
    if target.is_file():
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.rendering")
    try:
        run_limited("quangba.site.covers:render_first_page", str(root / file.file), str(temp), seconds=seconds,
                    memory=PDF_MEMORY)
        os.replace(temp, target)
    except (Refused, OSError) as exc:
        temp.unlink(missing_ok=True)
        log.info(f"quangba: {file.file}: no cover rendered from the first page ({exc}); give one in photos")
        return None
    return rel


def render_first_page(pdf: str, out: str) -> bool:
    """Run in a child process (see :func:`render_cover`): the first page, 1,600 px wide, cut at 3,200 px, as PNG."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        width, height = page.get_size()
        scale = COVER_WIDTH / width
        crop_bottom = max(0.0, height - MAX_HEIGHT / scale)  # in points, from the page's bottom edge
        image: Image.Image = page.render(scale=scale, crop=(0, crop_bottom, 0, 0)).to_pil().convert("RGB")
    finally:
        document.close()
    image.save(out, "PNG")
    return True


def cover_photo(entry: Entry, profile: Profile, plans: Mapping[str, PhotoPlan]) -> Photo | None:
    """The cover a publication without photos shows (its rendered first page), as a photo of the entry: credited
    to its agency, described in every language. None for every other entry, or when no cover was made."""
    details = entry.details
    if entry.photos or not isinstance(details, Publication) or cover_path(details.file) not in plans:
        return None
    texts = {}
    for language, text in entry.texts.items():
        ui = ui_strings(language)
        texts[language] = PhotoText(ui["cover_alt"].format(title=text.title), ui["cover_caption"])
    credit = profile.text(profile.agencies[entry.agency]["name"], profile.default_language)
    return Photo(cover_path(details.file), credit, None, texts)


def cover_files(root: Path, entries: Iterable[Entry]) -> list[str]:
    """The covers the published publications without photos need, rendered now where the cache lacks them."""
    files = []
    for entry in entries:
        if entry.photos or not isinstance(entry.details, Publication):
            continue
        rendered = render_cover(root, entry.details.file)
        if rendered:
            files.append(rendered)
    return files
