"""Publications as the public downloads them: a copy of the file the catalogue measured, named by its content.

The name keeps the editor's file name for people (``investment-guide-2026.3f2a…​.pdf``) and adds 64 bits of the
SHA-256, so a corrected file gets a new address and the old one can be cached for ever, like photo derivatives.
The bytes copied are hashed again: a file that changed after it was checked is refused, never published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from quangba.atomic import write_atomically
from quangba.sources.details import PublicationFile

DOWNLOADS_DIR = "media"  # served like photo derivatives: immutable, open to other sites


def publication_name(file: PublicationFile) -> str:
    path = PurePosixPath(file.file)
    return f"{path.stem}.{file.sha256[:16]}{path.suffix.lower()}"


class ChangedDuringBuild(Exception):
    """A publication's bytes are not those the catalogue checked."""


def place_publications(root: Path, files: Iterable[PublicationFile], site_dir: Path) -> list[str]:
    """Copy each publication into the site; returns the site paths written."""
    written = []
    for file in {f.file: f for f in files}.values():
        target = f"{DOWNLOADS_DIR}/{publication_name(file)}"
        if (site_dir / target).is_file():  # named by its content: a preview's earlier rebuild put these very bytes
            continue
        data = (root / file.file).read_bytes()
        if hashlib.sha256(data).hexdigest() != file.sha256:
            raise ChangedDuringBuild(file.file)
        write_atomically(site_dir / target, data)
        written.append(target)
    return written
