"""Photos as the public receives them: resized, oriented, stripped of metadata, cached by content.

Derivatives are named by the SHA-256 of the original and the recipe, so a renamed photo is not processed
again and a changed one gets new names (no stale copies in browsers' caches). Originals never reach the
site: they may carry GPS positions and camera serial numbers.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

RECIPE_VERSION = "1"
WIDTHS = (480, 1600)
QUALITY = 82
MEDIA_DIR = "media"
CACHE_DIR = ".cache/media"
_TRANSPOSED_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Derivative:
    name: str  # file name under media/
    width: int
    height: int


@dataclass(frozen=True)
class PhotoPlan:
    """What one original becomes; known before any pixel is decoded so pages can be written first."""

    source: Path
    digest: str
    derivatives: tuple[Derivative, ...]

    @property
    def largest(self) -> Derivative:
        return self.derivatives[-1]


def _recipe_key(digest: str) -> str:
    return hashlib.sha256(f"{digest}:{RECIPE_VERSION}:{WIDTHS}:{QUALITY}".encode()).hexdigest()[:20]


def plan_photo(source: Path) -> PhotoPlan:
    """Read the photo's bytes and header only, and decide the derivatives' names and sizes."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with Image.open(source) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    if orientation in _TRANSPOSED_ORIENTATIONS:
        width, height = height, width
    key = _recipe_key(digest)
    widths = sorted({min(w, width) for w in WIDTHS})
    derivatives = tuple(
        Derivative(f"{key}-{w}.jpg", w, max(1, round(height * w / width))) for w in widths
    )
    return PhotoPlan(source, digest, derivatives)


def _render(plan: PhotoPlan, cache: Path) -> None:
    with Image.open(plan.source) as image:
        image.draft("RGB", (plan.largest.width, plan.largest.height))  # JPEG: decode at reduced size
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGB")
        for derivative in reversed(plan.derivatives):
            image.thumbnail((derivative.width, derivative.height), Image.Resampling.LANCZOS, reducing_gap=2.0)
            handle, temp = tempfile.mkstemp(dir=cache, suffix=".part")
            os.close(handle)
            # No exif=, icc_profile= or xmp= argument: nothing of the original's metadata is written.
            image.save(temp, "JPEG", quality=QUALITY, optimize=True, progressive=True)
            os.replace(temp, cache / derivative.name)


def publish(plans: list[PhotoPlan], project_root: Path, site_dir: Path) -> tuple[int, int]:
    """Make missing derivatives in the cache and copy all of them to the site; returns (made, cached)."""
    cache = project_root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    out = site_dir / MEDIA_DIR
    out.mkdir(parents=True, exist_ok=True)
    made = cached = 0
    for plan in {p.digest: p for p in plans}.values():
        if all((cache / d.name).is_file() for d in plan.derivatives):
            cached += 1
        else:
            _render(plan, cache)
            made += 1
        for derivative in plan.derivatives:
            shutil.copyfile(cache / derivative.name, out / derivative.name)
    return made, cached
