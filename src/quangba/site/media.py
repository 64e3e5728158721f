"""Photos as the public receives them: oriented, in sRGB, stripped of metadata, resized, cached by content.

Derivatives are named by the SHA-256 of the original and the recipe, so a renamed photo is not processed
again and a changed one gets new names. Which originals are unchanged is known from a stat index, so a
build where nothing changed reads no photo; which derivatives are sound is known from a manifest of their
sizes, so a truncated cache file is made again rather than published. Photos are processed in parallel,
before anything is written to the site, and every failure is collected, not raised. Originals never reach
the site: they carry GPS positions and camera serial numbers.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import io
import json
import logging
import os
import shutil
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from PIL import Image, features

from quangba.atomic import FILE_MODE, write_atomically
from quangba.images import DECODE_ERRORS, TRANSPOSED_ORIENTATIONS, decode, unreadable
from quangba.site.metadata import metadata_segments
from quangba.site.resize import shrink

log = logging.getLogger("mkdocs.plugins.quangba")

RECIPE_VERSION = "3"  # 3: JPEG baseline (was progressive), AVIF on one thread, libvips resizing
MEDIA_DIR = "media"
CACHE_DIR = ".cache/media"
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


@dataclass(frozen=True)
class Recipe:
    """What every photo becomes. Part of every derivative's name: change it and all are made again."""

    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    formats: tuple[str, ...] = ("avif", "webp", "jpeg")  # best first; the last is the <img> fallback
    quality: tuple[tuple[str, int], ...] = (("avif", 55), ("webp", 78), ("jpeg", 80))
    widest: tuple[tuple[str, int], ...] = ()  # a format made only up to this width (AVIF: see province.yml)

    @classmethod
    def supported(cls, widths: Iterable[int] = widths, formats: Iterable[str] = formats,
                  widest: Iterable[tuple[str, int]] = ()) -> Recipe:
        """The recipe without formats this Pillow cannot write (AVIF needs Pillow built with libavif)."""
        usable = tuple(f for f in formats if f == "jpeg" or features.check(f))
        return cls(tuple(sorted(widths)), usable, widest=tuple(sorted((f, w) for f, w in widest if f in usable)))

    def made_in(self, fmt: str, width: int) -> bool:
        """Whether ``fmt`` is made at ``width``: every format is, at every width, except above where it stops."""
        limit = self._widest.get(fmt)
        return limit is None or width <= limit

    @cached_property
    def _widest(self) -> dict[str, int]:
        return dict(self.widest)

    @cached_property
    def key(self) -> str:
        """Asked for every photo of every build: made once (5,000 cached photos spent 1 s making it again)."""
        return hashlib.sha256(json.dumps([RECIPE_VERSION, asdict(self)]).encode()).hexdigest()[:8]

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality)[fmt]


@dataclass(frozen=True)
class Derivative:
    name: str  # file name under media/
    width: int
    height: int
    format: str
    bytes: int = 0  # known once made: the manifest of exports lists them with their checksum
    sha256: str = ""

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class PhotoPlan:
    """What one original becomes; known before any pixel is decoded, so pages can be written first."""

    source: Path
    digest: str
    key: str  # content and recipe: the stem of every derivative's name, and the manifest's key for the photo
    width: int  # after EXIF orientation
    height: int
    derivatives: tuple[Derivative, ...]
    colour: str = "#d8d8d8"  # the photo's average colour, shown until it arrives

    def of_format(self, fmt: str) -> list[Derivative]:
        return [d for d in self.derivatives if d.format == fmt]

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(d.format for d in self.derivatives))

    @property
    def fallbacks(self) -> list[Derivative]:
        """The derivatives every browser and reader shows (JPEG: the recipe's last format), narrowest first."""
        return self.of_format(self.formats[-1])

    @property
    def largest(self) -> Derivative:
        return self.fallbacks[-1]

    def fallback_up_to(self, width: int) -> Derivative:
        """The widest fallback derivative no wider than ``width`` (the narrowest if all are wider)."""
        fallbacks = self.fallbacks
        return next((d for d in reversed(fallbacks) if d.width <= width), fallbacks[0])


@dataclass
class PhotoFailure:
    """A photo that could not be made public, explained for the editor."""

    file: str
    vi: str
    en: str


@dataclass
class MediaRun:
    made: int = 0
    cached: int = 0
    failures: list[PhotoFailure] = field(default_factory=list)
    seconds: float = 0.0


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged index only costs a re-read


def _write_json(path: Path, data: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(data, sort_keys=True).encode("utf-8"))


class MediaLibrary:
    """The content-addressed store of derivatives under ``.cache/media`` (outside git)."""

    def __init__(self, root: Path, recipe: Recipe | None = None, cache: Path | None = None) -> None:
        self.root = root
        self.recipe = recipe or Recipe.supported()
        self.cache = cache or root / CACHE_DIR
        self.cache.mkdir(parents=True, exist_ok=True)
        self._index_path = self.cache / "sources.json"
        self._manifest_path = self.cache / "manifest.json"
        self.index: dict[str, Any] = _read_json(self._index_path)  # file -> size, mtime, digest, size in px
        # derivative name -> [bytes, sha256]; photo key -> {"colour": ...}
        self.manifest: dict[str, Any] = _read_json(self._manifest_path)

    # -- planning: no pixel decoded ---------------------------------------------------------------------

    def _source_facts(self, file: str) -> dict[str, Any]:
        path = self.root / file
        stat = os.stat(path)
        known = self.index.get(file)
        if known and known["bytes"] == stat.st_size and known["mtime_ns"] == stat.st_mtime_ns:
            return known
        self._index_changed = True
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
        if orientation in TRANSPOSED_ORIENTATIONS:
            width, height = height, width
        facts = {"bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns, "digest": digest,
                 "width": width, "height": height}
        self.index[file] = facts
        return facts

    def plan(self, files: Iterable[str]) -> dict[str, PhotoPlan]:
        self._index_changed = False
        plans = {file: self._plan(self.root / file, self._source_facts(file)) for file in dict.fromkeys(files)}
        if self._index_changed:
            _write_json(self._index_path, self.index)
        return plans

    def _plan(self, source: Path, facts: dict[str, Any]) -> PhotoPlan:
        width, height = facts["width"], facts["height"]
        widths = sorted({w for w in self.recipe.widths if w < width} | {min(width, max(self.recipe.widths))})
        key = f"{facts['digest'][:16]}-{self.recipe.key}"  # 64 bits of content hash: names appear in every srcset
        derivatives = tuple(
            Derivative(f"{key}-{w}.{EXTENSIONS[fmt]}", w, max(1, round(height * w / width)), fmt)
            for fmt in self.recipe.formats for w in widths if self.recipe.made_in(fmt, w)
        )
        colour = self.manifest.get(key, {}).get("colour", "#d8d8d8")
        return PhotoPlan(source, facts["digest"], key, width, height, derivatives, colour)

    # -- processing -----------------------------------------------------------------------------------

    def is_sound(self, plan: PhotoPlan) -> bool:
        """Every derivative is in the cache with the size it was written with (a truncated one is not)."""
        cache = str(self.cache)
        for derivative in plan.derivatives:
            expected = self.manifest.get(derivative.name)
            path = os.path.join(cache, derivative.name)
            try:
                if not isinstance(expected, list):  # unknown, or made before checksums were kept
                    return False
                found = os.stat(path)
                if found.st_size != expected[0]:
                    return False
                if found.st_mode & 0o777 != FILE_MODE:  # made by a version that left derivatives 0600
                    os.chmod(path, FILE_MODE)
            except OSError:
                return False
        return True

    def process(self, plans: dict[str, PhotoPlan], workers: int | None = None,
                ) -> tuple[dict[str, PhotoPlan], MediaRun]:
        """Make what the cache lacks, in parallel; return the plans with their colours, and what happened."""
        started = time.monotonic()
        run = MediaRun()
        todo = {file: plan for file, plan in plans.items() if not self.is_sound(plan)}
        run.cached = len(plans) - len(todo)
        if todo:
            workers = workers or os.cpu_count() or 1
            jobs = [(file, str(plan.source), plan.derivatives, self.recipe, str(self.cache))
                    for file, plan in todo.items()]
            progress = _Progress(len(jobs))
            with _workers(min(workers, len(jobs))) as pool:
                futures = [pool.submit(_make_derivatives, *job) for job in jobs]
                for future in as_completed(futures):
                    file, colour, sizes, failure = future.result()
                    progress.step()
                    if failure:
                        run.failures.append(PhotoFailure(file, *failure))
                        continue
                    self.manifest.update(sizes)
                    self.manifest[todo[file].key] = {"colour": colour}
                    run.made += 1
            progress.close()
            _write_json(self._manifest_path, self.manifest)
        planned = {file: self._made(plan) for file, plan in plans.items()}
        run.seconds = time.monotonic() - started
        return planned, run

    def _made(self, plan: PhotoPlan) -> PhotoPlan:
        """The plan with what making it produced: its colour, each derivative's size and checksum."""
        manifest = self.manifest
        derivatives = []
        for derivative in plan.derivatives:
            made = manifest.get(derivative.name)
            if isinstance(made, list):
                derivative = Derivative(derivative.name, derivative.width, derivative.height, derivative.format,
                                        made[0], made[1])
            derivatives.append(derivative)
        colour = manifest.get(plan.key, {}).get("colour", plan.colour)
        return replace(plan, colour=colour, derivatives=tuple(derivatives))

    def place(self, plans: Iterable[PhotoPlan], site_dir: Path) -> int:
        """Put the derivatives into the site: hard links where the file system allows, copies elsewhere."""
        out = site_dir / MEDIA_DIR
        out.mkdir(parents=True, exist_ok=True)
        names = list(dict.fromkeys(d.name for plan in plans for d in plan.derivatives))
        cache, target = str(self.cache), str(out)

        def put(name: str) -> int:
            source, destination = os.path.join(cache, name), os.path.join(target, name)
            try:
                os.link(source, destination)
            except FileExistsError:
                return 0
            except OSError:  # another file system: copy
                shutil.copyfile(source, destination)
            return 1

        # Serial on purpose: links into one folder take the folder's lock, and threads only add overhead.
        return sum(map(put, names))


@contextlib.contextmanager
def _workers(count: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that never outlive the build: each asks the kernel to kill it when the build dies (even
    by SIGKILL), and an interrupted build (Ctrl-C, an exception) stops them at once instead of letting every
    queued photo run to its end."""
    pool = ProcessPoolExecutor(max_workers=count, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        raise
    pool.shutdown(wait=True)


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """In a worker: be killed with the build (Linux prctl PR_SET_PDEATHSIG); if it is gone already, stop."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


class _Progress:
    """A progress bar at a terminal; a quiet line every few seconds in CI logs."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.last = total, 0, time.monotonic()
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="photo", desc="quangba photos", leave=False)

    def step(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif time.monotonic() - self.last > 5 or self.done == self.total:
            self.last = time.monotonic()
            log.info(f"quangba: photos {self.done}/{self.total}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _make_derivatives(file: str, source: str, derivatives: tuple[Derivative, ...], recipe: Recipe,
                      cache: str) -> tuple[str, str, dict[str, list[Any]], tuple[str, str] | None]:
    """Worker: decode one photo once, make each width from the next larger one, and write every format of it.
    Never raises for a bad photo."""
    try:
        image = decode(source, max(d.width for d in derivatives), max(d.height for d in derivatives))
        sizes: dict[str, list[Any]] = {}
        widths = sorted({(d.width, d.height) for d in derivatives}, reverse=True)
        shrunk = image
        for (width, _), shrunk in zip(widths, shrink(image, widths), strict=True):
            for derivative in (d for d in derivatives if d.width == width):
                sizes[derivative.name] = _save(shrunk, derivative, recipe, Path(cache))
        colour = "#{:02x}{:02x}{:02x}".format(*shrunk.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0)))
        return file, colour, sizes, None
    except DECODE_ERRORS as exc:
        return file, "", {}, unreadable(exc)


def _save(image: Image.Image, derivative: Derivative, recipe: Recipe, cache: Path) -> list[Any]:
    """Encode one derivative; return its size and SHA-256 (the exports list both), hashed from the bytes written."""
    quality = recipe.quality_of(derivative.format)
    buffer = io.BytesIO()
    # No exif=, icc_profile= or xmp= argument: nothing of the original's metadata is written.
    # Settings measured with scripts/bench_photos.py (SSIM against the original, bytes, CPU per photo):
    # - JPEG baseline with optimised Huffman tables: progressive took twice the time for the same SSIM and 1 % more
    #   bytes, and the JPEG is only the fallback (and the lightbox's full size, which shows a placeholder first);
    # - WebP method 2: method 4 costs 4x the time for ~10 % smaller files, method 1 makes them 15-25 % larger;
    # - AVIF speed 8 on one thread (the build runs a worker per core): speed 9 halves the time but makes files
    #   15-50 % larger at the same SSIM, larger than WebP's, which would leave AVIF no reason to exist.
    #   The tune stays libavif's default (1.4: tune=iq, libaom's perceptual mode). tune=ssim is 1.1-4.7x faster and
    #   scores a higher SSIM and PSNR for the same bytes, but only because those are what it optimises: it smooths
    #   fine texture, and libaom's own human evaluations preferred iq (libheif issue 1725). Not a free speed-up.
    if derivative.format == "jpeg":
        image.save(buffer, "JPEG", quality=quality, optimize=True)
    elif derivative.format == "webp":
        image.save(buffer, "WEBP", quality=quality, method=2)
    else:
        image.save(buffer, "AVIF", quality=quality, speed=8, max_threads=1)
    data = buffer.getbuffer()
    carried = metadata_segments(bytes(data))
    if carried:  # read back: never publish a derivative with metadata, whatever the encoder did
        raise ValueError(f"{derivative.format} derivative carries {', '.join(carried)}")
    write_atomically(cache / derivative.name, data)
    return [len(data), hashlib.sha256(data).hexdigest()]
