"""Photos: where an entry's photo file is, what it is called, and whether the media policy accepts it.

A photo shared by many entries is looked at once; its findings are reported at every entry that uses it.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image

from quangba.atomic import write_atomically
from quangba.images import DECODE_ERRORS, decode, unreadable
from quangba.problems import Problem, Severity
from quangba.profile import Profile
from quangba.sources.checks.names import SLUG, ascii_slug
from quangba.sources.content import SourceFile
from quangba.sources.tree import Kind, Tree

ASSETS_DIR = "assets"
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")
_EXTENSION_FORMATS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "tif": "tiff", "tiff": "tiff"}


@dataclass(frozen=True)
class Finding:
    """What the policy says of one photo file, before it is attached to the entries that use it."""

    rule: str
    vi: str
    en: str
    severity: Severity = Severity.ERROR


def photo_items(source: SourceFile) -> list[str]:
    """The photo files a file's front matter names (``photos[].file``), in order, however malformed the rest;
    an item without a file name yields an empty string so that indexes keep matching the list."""
    photos = (source.meta or {}).get("photos")
    return [p["file"] if isinstance(p, dict) and isinstance(p.get("file"), str) else "" for p in
            (photos if isinstance(photos, list) else [])]


class PhotoRules:
    """Checks the photos entries refer to; remembers what it found for each file."""

    def __init__(self, root: Path, profile: Profile, tree: Tree) -> None:
        self.root = root
        self.profile = profile
        self._kinds = tree.kinds
        self._findings: dict[str, list[Finding]] = {}
        self._decoded = _DecodeCache(root / DECODE_CACHE)

    def check(self, source: SourceFile, file: str, index: int) -> Iterator[Problem]:
        at = ("photos", index, "file")
        name = f"photos[{index + 1}].file"
        posix = PurePosixPath(file)
        inside = not posix.is_absolute() and ".." not in posix.parts and posix.parts[:1] == (ASSETS_DIR,)
        kind = self._kinds.get(posix.as_posix())  # from the listing: nothing is followed or opened to know it
        if not inside:
            yield source.make(
                "photo-outside-assets",
                f"Ảnh `{file}` phải nằm trong thư mục `{ASSETS_DIR}/` và ghi đường dẫn từ thư mục gốc, ví dụ "
                f"`{ASSETS_DIR}/photos/{ascii_slug(posix.stem) or 'anh'}{posix.suffix.lower()}`.",
                f"The photo `{file}` must be inside the `{ASSETS_DIR}/` folder, written as a path from the "
                f"project root, e.g. `{ASSETS_DIR}/photos/{ascii_slug(posix.stem) or 'photo'}{posix.suffix.lower()}`.",
                field=name, at=at)
            return
        if posix.suffix.lower() not in PHOTO_EXTENSIONS:
            yield source.make(
                "photo-format",
                f"Ảnh `{file}` có đuôi không được chấp nhận; dùng {', '.join(PHOTO_EXTENSIONS)}.",
                f"The photo `{file}` has an extension that is not accepted; use {', '.join(PHOTO_EXTENSIONS)}.",
                field=name, at=at)
        if [p for p in [*posix.parts[:-1], posix.stem] if not SLUG.match(p)]:
            suggestion = "/".join([*(ascii_slug(p) for p in posix.parts[:-1]), ascii_slug(posix.stem)])
            yield source.make(
                "photo-name",
                f"Tên ảnh `{file}` phải là chữ thường không dấu, số và gạch nối; đổi thành "
                f"`{suggestion}{posix.suffix.lower()}`.",
                f"The photo name `{file}` must be lower-case ASCII, digits and hyphens; rename it to "
                f"`{suggestion}{posix.suffix.lower()}`.",
                field=name, at=at)
        if kind is Kind.LINK or kind is Kind.OTHER:
            return  # refused where it lies (checks.tree); never opened
        if kind is not Kind.FILE:
            yield self._missing(source, file, name, at)
            return
        if file not in self._findings:
            self._findings[file] = list(self._policy(file))
        for finding in self._findings[file]:
            yield source.make(finding.rule, finding.vi, finding.en, field=name, at=at, severity=finding.severity)

    def _missing(self, source: SourceFile, file: str, name: str, at: tuple[str | int, ...]) -> Problem:
        posix = PurePosixPath(file)
        folder = (self.root / file).resolve().parent
        siblings = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        close = difflib.get_close_matches(posix.name, siblings, n=1, cutoff=0.6)
        hint_vi = f" Có phải là `{posix.parent / close[0]}`?" if close else " Thêm ảnh vào yêu cầu hợp nhất."
        hint_en = f" Did you mean `{posix.parent / close[0]}`?" if close else " Add the photo to the pull request."
        return source.make("photo-missing", f"Không tìm thấy ảnh `{file}`.{hint_vi}",
                           f"The photo `{file}` does not exist.{hint_en}", field=name, at=at)

    def _policy(self, file: str) -> Iterator[Finding]:
        """The media policy, checked from the file's size and header alone: nothing is decoded here."""
        policy = self.profile.media
        path = self.root / file
        size = path.stat().st_size
        mb = f"{size / 2**20:.1f} MB"
        if size > policy.max_bytes:
            limit = f"{policy.max_bytes / 2**20:.0f} MB"
            yield Finding("photo-too-large",
                          f"Ảnh `{file}` nặng {mb}, quá giới hạn {limit}. Xuất lại ảnh JPEG chất lượng 85–90.",
                          f"The photo `{file}` is {mb}, over the {limit} limit. Export it again as JPEG at quality "
                          "85–90.")
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    fmt, (width, height), mode = (image.format or "").lower(), image.size, image.mode
                    frames = getattr(image, "n_frames", 1)
        except Image.DecompressionBombError:
            fmt, width, height, mode, frames = "", 10**6, 10**6, "", 1
        except (OSError, SyntaxError, ValueError):
            yield Finding("photo-not-image",
                          f"Tệp `{file}` không phải ảnh đọc được (SVG, HEIC, PDF hay tệp hỏng?). Xuất lại dạng JPEG.",
                          f"The file `{file}` is not a readable photo (SVG, HEIC, PDF or a damaged file?). Export "
                          "it again as JPEG.")
            return
        if width * height > policy.max_pixels:
            size_text = f"{width} × {height}" if width < 10**6 else "quá lớn / too large"
            yield Finding("photo-too-many-pixels",
                          f"Ảnh `{file}` có {size_text} điểm ảnh, quá giới hạn {policy.max_pixels / 1e6:.0f} "
                          "megapixel (có thể là ảnh bom giải nén). Thu nhỏ ảnh trước khi tải lên.",
                          f"The photo `{file}` is {size_text} pixels, over the {policy.max_pixels / 1e6:.0f} "
                          "megapixel limit (perhaps a decompression bomb). Scale it down before uploading.")
            return
        accepted = ", ".join(policy.formats).upper()
        if fmt not in policy.formats:
            yield Finding("photo-format",
                          f"Ảnh `{file}` ở định dạng {fmt.upper() or '?'}, không được chấp nhận; dùng {accepted}.",
                          f"The photo `{file}` is in {fmt.upper() or '?'} format, which is not accepted; use "
                          f"{accepted}.")
        if frames > 1:
            yield Finding("photo-animated",
                          f"Ảnh `{file}` là ảnh động ({frames} khung hình); chọn một khung hình và lưu dạng JPEG.",
                          f"The photo `{file}` is animated ({frames} frames); choose one frame and save it as JPEG.")
        extension = PurePosixPath(file).suffix.lower().lstrip(".")
        if fmt and _EXTENSION_FORMATS.get(extension, fmt) != fmt:
            yield Finding("photo-extension",
                          f"Tệp `{file}` thực ra là ảnh {fmt.upper()} nhưng có đuôi .{extension}; hệ thống đọc theo "
                          f"nội dung nên ảnh vẫn được đăng đúng. Có thể đổi đuôi cho khớp.",
                          f"The file `{file}` is really a {fmt.upper()} image but is named .{extension}; the build "
                          "reads the content, so it is published correctly. You may rename it to match.",
                          Severity.INFO)
        if max(width, height) < policy.min_long_side:
            yield Finding("photo-small",
                          f"Ảnh `{file}` chỉ {width} × {height} điểm ảnh; cạnh dài nên từ {policy.min_long_side} trở "
                          "lên, nếu không ảnh sẽ mờ trên màn hình lớn.",
                          f"The photo `{file}` is only {width} × {height} pixels; its long side should be at least "
                          f"{policy.min_long_side}, or it will look soft on large screens.", Severity.WARNING)
        if mode == "CMYK":
            yield Finding("photo-cmyk",
                          f"Ảnh `{file}` ở hệ màu CMYK (dành cho in ấn); hệ thống chuyển sang sRGB theo hồ sơ màu "
                          "kèm ảnh khi đăng.",
                          f"The photo `{file}` is CMYK (meant for print); the build converts it to sRGB through its "
                          "colour profile when it is published.", Severity.INFO)
        if mode.startswith("I;16") or mode in ("I", "F") or (mode in ("RGB", "RGBA") and _bits(path) == 16):
            yield Finding("photo-16-bit",
                          f"Ảnh `{file}` là ảnh 16 bit; hệ thống chuyển sang 8 bit khi đăng.",
                          f"The photo `{file}` is 16-bit; the build converts it to 8-bit when it is published.",
                          Severity.INFO)
        if fmt in policy.formats and frames == 1:
            failure = self._decoded.get(file, path, lambda: _decode_failure(path, policy.widths))
            if failure:
                yield Finding("photo-unreadable", f"Ảnh `{file}`: {failure[0]}", f"Photo `{file}`: {failure[1]}")

    def save(self) -> None:
        self._decoded.save()


def _bits(path: Path) -> int:
    """Bits per sample of a PNG (Pillow opens 16-bit RGB PNGs as 8-bit RGB and says nothing of it)."""
    with path.open("rb") as handle:
        head = handle.read(26)
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return head[24]
    return 8


DECODE_CACHE = ".cache/photo-checks.json"


def _decode_failure(path: Path, widths: tuple[int, ...]) -> tuple[str, str] | None:
    """Decode the photo all the way, as the build will (at the smallest width, which costs least for a JPEG)."""
    try:
        decode(path, min(widths), 1)
    except DECODE_ERRORS as exc:
        return unreadable(exc)
    return None


class _DecodeCache:
    """Which photos were decoded already, by size and modification time: decoding every photo on every run would
    cost seconds per hundred photos; only new and changed ones are decoded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known: dict[str, list[Any]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def get(self, key: str, photo: Path, check: Callable[[], tuple[str, str] | None]) -> tuple[str, str] | None:
        info = photo.stat()
        known = self.known.get(key)
        if known and known[:2] == [info.st_size, info.st_mtime_ns]:
            return tuple(known[2]) if known[2] else None  # type: ignore[return-value]
        failure = check()
        self.known[key] = [info.st_size, info.st_mtime_ns, list(failure) if failure else None]
        self.changed = True
        return failure

    def save(self) -> None:
        if self.changed:
            with contextlib.suppress(OSError):  # a read-only checkout: the next run decodes again
                write_atomically(self.path, json.dumps(self.known, sort_keys=True).encode("utf-8"))
