"""Making every width of a photo from one decoded image, with libvips.

Resizing was the largest cost of the photo pipeline: Pillow's Lanczos takes 180–210 ms to bring a 4000 × 3000
photo to 2400 pixels on this project's 2-core machine, libvips (``pyvips``, with the ``pyvips-binary`` wheel so
that no system package is needed) 26 ms with the same Lanczos-3 kernel. Decoding stays with Pillow
(:func:`quangba.images.decode`, shared with the validator) and so does encoding (the read-back of metadata in
:mod:`quangba.site.media` is written for Pillow's encoders): only the pixels pass through libvips.

Each width is made from the next larger one, which costs less than making each from the original and scores
the same structural similarity (``scripts/bench_photos.py``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from types import ModuleType

from PIL import Image


@functools.cache
def _vips() -> ModuleType:
    """libvips, loaded by the photo workers only (validating needs none of it), with one thread per worker: the
    build already runs one worker process per core."""
    os.environ.setdefault("VIPS_CONCURRENCY", "1")  # read when libvips starts
    import pyvips

    pyvips.cache_set_max(0)  # every operation runs once per photo: caching them only holds memory
    return pyvips


def shrink(image: Image.Image, sizes: Iterable[tuple[int, int]]) -> Iterator[Image.Image]:
    """``image`` (8-bit RGB) at each of ``sizes``, largest first, each from the one before it."""
    if image.mode != "RGB":
        image = image.convert("RGB")
    current = _vips().Image.new_from_memory(image.tobytes(), image.width, image.height, 3, "uchar")
    for width, height in sizes:
        if (current.width, current.height) != (width, height):
            current = current.resize(width / current.width, vscale=height / current.height,
                                     kernel="lanczos3").copy_memory()
        if (current.width, current.height) != (width, height):  # rounding: never publish a size the page doesn't say
            current = current.crop(0, 0, min(width, current.width), min(height, current.height)).gravity(
                "north-west", width, height, extend="copy").copy_memory()
        yield Image.frombuffer("RGB", (width, height), current.write_to_memory(), "raw", "RGB", 0, 1)
