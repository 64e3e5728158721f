"""Reading a photo the way the build makes it public: decoded in full, upright, in sRGB, with nothing of the
file's metadata attached. The build (:mod:`quangba.site.media`) and the validator
(:mod:`quangba.sources.checks.photos`) both decode through :func:`decode`, so they never disagree about
whether a photo can be published.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

TRANSPOSED_ORIENTATIONS = {5, 6, 7, 8}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB, whatever the camera or editor embedded; transparency flattened onto white."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")  # 16-bit grey: scale, don't clip
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "CMYK", "L"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            if image.mode == "RGBA":
                image = _flatten(image)
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (OSError, ImageCms.PyCMSError, ValueError):
            pass  # a broken profile: fall through to a plain conversion
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        return _flatten(image.convert("RGBA"))
    return image if image.mode == "RGB" else image.convert("RGB")


def _flatten(image: Image.Image) -> Image.Image:
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def unreadable(exc: Exception) -> tuple[str, str]:
    """The editor's message for a photo that cannot be decoded, the same from the validator and the build."""
    if isinstance(exc, Image.DecompressionBombError):
        return ("Ảnh có quá nhiều điểm ảnh (nghi là ảnh bom giải nén); hãy xuất lại ảnh với kích thước bình thường.",
                "The photo has too many pixels (a suspected decompression bomb); export it again at a normal size.")
    return (f"Không đọc được ảnh ({exc}); tệp có thể bị hỏng hoặc tải lên chưa hết. Hãy xuất lại ảnh và tải lên lại.",
            f"The photo cannot be read ({exc}); the file may be damaged or incompletely uploaded. Export it again "
            "and upload it again.")


DECODE_ERRORS = (Image.DecompressionBombError, OSError, SyntaxError, ValueError)


def decode(source: str | Path, width: int, height: int) -> Image.Image:
    """A photo as every derivative starts from it: decoded in full (a JPEG at the smallest scale that still covers
    ``width`` × ``height``), turned upright, in sRGB, and with nothing of the file's metadata attached (Pillow
    keeps a JPEG's comment, EXIF and XMP in ``info`` and writes them again when saving). The validator decodes
    through here too, so a photo it accepts is one the build can make public."""
    with Image.open(source) as image:
        orientation = image.getexif().get(0x0112, 1)
        size = (height, width) if orientation in TRANSPOSED_ORIENTATIONS else (width, height)
        if image.format == "JPEG":
            image.draft(image.mode if image.mode == "CMYK" else "RGB", size)  # decode at reduced size
        image.load()
        ImageOps.exif_transpose(image, in_place=True)  # in place: a 12-megapixel copy costs 10 ms per photo
    result = _to_srgb(image)
    result.info.clear()
    return result
