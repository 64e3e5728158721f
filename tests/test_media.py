"""Photos as the public receives them, read back from the derivatives; the cache; every bad input."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageCms, features

from quangba.editing.cli import main
from quangba.site.media import MediaLibrary, Recipe
from quangba.site.metadata import metadata_segments
from tests.conftest import Project

RECIPE = Recipe.supported(widths=(480, 960, 1600), formats=("webp", "jpeg"))
VI = "content/vi/culture/gong-festival.md"


def camera_jpeg(path: Path, size: tuple[int, int] = (1600, 1200), orientation: int = 1, **save: object) -> Path:
    """Left half red, right half blue; EXIF as a phone writes it, with GPS, a serial number and XMP."""
    image = Image.new("RGB", size, (220, 30, 30))
    image.paste((30, 30, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "SampleCam", "SC-1", orientation
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-123"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (11.0, 56.0, 25.0), "E", (108.0, 27.0, 30.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif, xmp=xmp, **save)
    return path


def library(tmp_path: Path) -> MediaLibrary:
    return MediaLibrary(tmp_path, RECIPE, cache=tmp_path / "cache")


def process(tmp_path: Path, *files: str):
    lib = library(tmp_path)
    plans, run = lib.process(lib.plan(files), workers=2)
    return lib, plans, run


def test_orientation_is_applied_to_the_pixels(tmp_path: Path) -> None:
    camera_jpeg(tmp_path / "p.jpg", orientation=6)  # stored landscape, shown rotated 90° clockwise: portrait
    lib, plans, _ = process(tmp_path, "p.jpg")
    plan = plans["p.jpg"]
    assert (plan.width, plan.height) == (1200, 1600)
    largest = plan.of_format("jpeg")[-1]
    with Image.open(lib.cache / largest.name) as image:
        assert image.size == (largest.width, largest.height)
        assert image.height > image.width
        top, bottom = image.getpixel((image.width // 2, 10)), image.getpixel((image.width // 2, image.height - 10))
    assert top[0] > 150 and top[2] < 100  # the red left half is now on top
    assert bottom[2] > 150 and bottom[0] < 100


def test_no_metadata_leaves_the_building(tmp_path: Path) -> None:
    camera_jpeg(tmp_path / "p.jpg", comment=b"Chup tai SERIAL-123 cua co quan",
                icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    assert {"COM", "APP1", "APP2"} <= set(metadata_segments((tmp_path / "p.jpg").read_bytes()))  # the original does
    lib, plans, _ = process(tmp_path, "p.jpg")
    assert len(plans["p.jpg"].derivatives) == 6
    for derivative in plans["p.jpg"].derivatives:
        raw = (lib.cache / derivative.name).read_bytes()
        assert metadata_segments(raw) == [], derivative.name  # no COM, APPn, EXIF, XMP or ICC, read from the bytes
        with Image.open(io.BytesIO(raw)) as image:
            assert not image.getexif(), derivative.name
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), derivative.name
        for secret in (b"SERIAL-123", b"SampleCam", b"xmpmeta", b"GPS", b"Chup tai"):
            assert secret not in raw, (secret, derivative.name)


def swapped_primaries_profile() -> bytes:
    """An RGB profile whose red and blue primaries are swapped: LittleCMS's sRGB with two tags exchanged."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", icc[128:132])[0]
    entries = {bytes(icc[132 + 12 * i: 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    icc[red + 4: red + 12], icc[blue + 4: blue + 12] = icc[blue + 4: blue + 12], icc[red + 4: red + 12]
    return bytes(icc)


def test_colour_is_converted_to_srgb_from_the_embedded_profile(tmp_path: Path) -> None:
    red = Image.new("RGB", (1600, 1200), (220, 30, 30))
    red.save(tmp_path / "tagged.jpg", "JPEG", quality=95, icc_profile=swapped_primaries_profile())
    red.save(tmp_path / "plain.jpg", "JPEG", quality=95)
    lib, plans, _ = process(tmp_path, "tagged.jpg", "plain.jpg")

    def centre(file: str) -> tuple[int, int, int]:
        with Image.open(lib.cache / plans[file].of_format("jpeg")[0].name) as image:
            assert image.mode == "RGB" and "icc_profile" not in image.info
            return image.getpixel((image.width // 2, image.height // 2))

    plain, tagged = centre("plain.jpg"), centre("tagged.jpg")
    assert plain[0] > 200 and plain[2] < 50  # untagged pixels are taken as sRGB
    assert tagged[2] > 150 and tagged[0] < 100  # tagged pixels are read through their profile: blue in sRGB


def test_nothing_changed_means_nothing_decoded_and_renames_are_free(tmp_path: Path) -> None:
    camera_jpeg(tmp_path / "a.jpg")
    camera_jpeg(tmp_path / "b.jpg", size=(1800, 1200))
    _, _, first = process(tmp_path, "a.jpg", "b.jpg")
    assert (first.made, first.cached) == (2, 0)
    _, _, second = process(tmp_path, "a.jpg", "b.jpg")
    assert (second.made, second.cached) == (0, 2)
    (tmp_path / "a.jpg").rename(tmp_path / "renamed.jpg")
    _, _, renamed = process(tmp_path, "renamed.jpg", "b.jpg")
    assert (renamed.made, renamed.cached) == (0, 2)


def test_a_changed_photo_is_the_only_one_reprocessed(tmp_path: Path) -> None:
    camera_jpeg(tmp_path / "a.jpg")
    camera_jpeg(tmp_path / "b.jpg")
    _, before, _ = process(tmp_path, "a.jpg", "b.jpg")
    Image.new("RGB", (1600, 1200), (10, 200, 10)).save(tmp_path / "b.jpg", "JPEG")
    _, after, run = process(tmp_path, "a.jpg", "b.jpg")
    assert (run.made, run.cached) == (1, 1)
    assert after["a.jpg"].derivatives == before["a.jpg"].derivatives
    assert after["b.jpg"].digest != before["b.jpg"].digest


def test_a_truncated_cache_file_is_rebuilt_not_published(tmp_path: Path) -> None:
    camera_jpeg(tmp_path / "a.jpg")
    lib, plans, _ = process(tmp_path, "a.jpg")
    damaged = lib.cache / plans["a.jpg"].derivatives[-1].name
    good = damaged.read_bytes()
    damaged.write_bytes(good[: len(good) // 2])
    lib2, plans2, run = process(tmp_path, "a.jpg")
    assert (run.made, run.cached) == (1, 0)
    assert damaged.read_bytes() == good
    site = tmp_path / "site"
    lib2.place(plans2.values(), site)
    assert (site / "media" / damaged.name).read_bytes() == good


def test_the_average_colour_is_the_placeholder(tmp_path: Path) -> None:
    Image.new("RGB", (1600, 1200), (200, 100, 50)).save(tmp_path / "a.jpg", "JPEG", quality=95)
    _, plans, _ = process(tmp_path, "a.jpg")
    red, green, blue = (int(plans["a.jpg"].colour[i:i + 2], 16) for i in (1, 3, 5))
    assert abs(red - 200) < 6 and abs(green - 100) < 6 and abs(blue - 50) < 6


def test_small_photos_are_never_upscaled(tmp_path: Path) -> None:
    Image.new("RGB", (700, 500), (1, 2, 3)).save(tmp_path / "a.jpg", "JPEG")
    _, plans, _ = process(tmp_path, "a.jpg")
    assert [d.width for d in plans["a.jpg"].of_format("jpeg")] == [480, 700]


# -- bad input: each gets its message, at the entry that uses the photo -------------------------------


def png_header(path: Path, width: int, height: int) -> None:
    """A PNG that claims to be huge: the header alone, as a decompression bomb would start."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = b"IDAT" + zlib.compress(b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
                     + struct.pack(">I", zlib.crc32(chunk)) + struct.pack(">I", 0) + idat[:4]
                     + struct.pack(">I", zlib.crc32(idat[:4])) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def use_photo(project: Project, name: str) -> None:
    project.edit(VI, "file: assets/photos/culture/gong.jpg", f"file: assets/photos/culture/{name}")
    project.edit("content/en/culture/gong-festival.md", "file: assets/photos/culture/gong.jpg",
                 f"file: assets/photos/culture/{name}")


def validate(project: Project) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def make_bad(project: Project, kind: str) -> str:
    folder = project.root / "assets/photos/culture"
    if kind == "not-an-image":
        (folder / "x.jpg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
        return "x.jpg"
    if kind == "png-as-jpg":
        Image.new("RGB", (1600, 1200), (9, 9, 9)).save(folder / "x.jpg", "PNG")
        return "x.jpg"
    if kind == "cmyk":
        Image.new("CMYK", (1600, 1200), (0, 100, 200, 0)).save(folder / "x.jpg", "JPEG")
        return "x.jpg"
    if kind == "16-bit":
        Image.new("I;16", (1600, 1200), 40000).save(folder / "x.png", "PNG")
        return "x.png"
    if kind == "animated":
        frames = [Image.new("RGB", (1600, 1200), c) for c in ((255, 0, 0), (0, 255, 0))]
        frames[0].save(folder / "x.png", "PNG", save_all=True, append_images=frames[1:])
        return "x.png"
    if kind == "animated-gif":
        frames = [Image.new("RGB", (1600, 1200), c) for c in ((255, 0, 0), (0, 255, 0))]
        frames[0].save(folder / "x.gif", "GIF", save_all=True, append_images=frames[1:])
        return "x.gif"
    if kind == "gif":
        Image.new("RGB", (1600, 1200)).save(folder / "x.png", "GIF")
        return "x.png"
    if kind == "huge":
        png_header(folder / "x.png", 20_000, 20_000)
        return "x.png"
    if kind == "bomb":
        png_header(folder / "x.png", 9_000, 9_000)  # 81 Mpx: under Pillow's own alarm, over the policy
        return "x.png"
    if kind == "small":
        Image.new("RGB", (800, 600)).save(folder / "x.jpg", "JPEG")
        return "x.jpg"
    raise AssertionError(kind)


BAD = [
    ("not-an-image", "photo-not-image", "error", "không phải ảnh", "not a readable photo"),
    ("png-as-jpg", "photo-extension", "info", "thực ra là ảnh PNG", "really a PNG image"),
    ("cmyk", "photo-cmyk", "info", "CMYK", "CMYK"),
    ("16-bit", "photo-16-bit", "info", "16 bit", "16-bit"),
    ("animated", "photo-animated", "error", "ảnh động", "animated"),
    ("gif", "photo-format", "error", "GIF", "GIF"),
    ("animated-gif", "photo-animated", "error", "2 khung hình", "2 frames"),
    ("huge", "photo-too-many-pixels", "error", "megapixel", "megapixel"),
    ("bomb", "photo-too-many-pixels", "error", "9000 × 9000", "9000 × 9000"),
    ("small", "photo-small", "warning", "800 × 600", "800 × 600"),
]


@pytest.mark.parametrize(("kind", "rule", "severity", "vi", "en"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_photo_gets_its_message_at_the_entry(project: Project, kind, rule, severity, vi, en) -> None:
    name = make_bad(project, kind)
    use_photo(project, name)
    code, problems = validate(project)
    found = [p for p in problems if p["rule"] == rule]
    assert found, problems
    assert found[0]["file"] == VI and found[0]["line"] == 19 and found[0]["severity"] == severity
    assert name in found[0]["vi"] and vi in found[0]["vi"] and en in found[0]["en"]
    assert code == (1 if severity == "error" else 0)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_opened(project: Project) -> None:
    project.write("province.yml", project.read("province.yml").replace("max_bytes: 62914560", "max_bytes: 1000"))
    code, problems = validate(project)
    assert code == 1
    assert [p["rule"] for p in problems] == ["photo-too-large"]


def test_one_run_lists_every_bad_photo(project: Project) -> None:
    folder = project.root / "assets/photos/culture"
    (folder / "a.jpg").write_text("not a photo")
    frames = [Image.new("RGB", (1600, 1200), c) for c in ((255, 0, 0), (0, 255, 0))]
    frames[0].save(folder / "b.png", "PNG", save_all=True, append_images=frames[1:])
    project.edit(VI, "    caption: Đêm hội cồng chiêng\n",
                 "    caption: Đêm hội cồng chiêng\n"
                 "  - file: assets/photos/culture/a.jpg\n    credit: X\n    alt: A\n    caption: A\n"
                 "  - file: assets/photos/culture/b.png\n    credit: X\n    alt: B\n    caption: B\n")
    project.edit("content/en/culture/gong-festival.md", "    caption: A gong festival night\n",
                 "    caption: A gong festival night\n"
                 "  - file: assets/photos/culture/a.jpg\n    alt: A\n    caption: A\n"
                 "  - file: assets/photos/culture/b.png\n    alt: B\n    caption: B\n")
    code, problems = validate(project)
    assert code == 1
    assert {p["rule"] for p in problems} == {"photo-not-image", "photo-animated"}


def test_a_second_build_with_nothing_changed_processes_no_photo(project: Project, run_build) -> None:
    project.add_portal()
    logs = [run_build(project.root, project.root / "site").stderr for _ in range(2)]
    assert "quangba: 1 photo made, 0 from the cache" in logs[0]
    assert "quangba: 0 photos made, 1 from the cache" in logs[1]
    published = {p.suffix for p in (project.root / "site" / "media").iterdir()}
    assert {".webp", ".jpg"} <= published  # derivatives placed again from the cache


def test_a_truncated_jpeg_stops_the_build_with_the_entry_named(project: Project, run_build) -> None:
    project.add_portal()
    good = camera_jpeg(project.root / "assets/photos/culture/x.jpg").read_bytes()
    (project.root / "assets/photos/culture/x.jpg").write_bytes(good[: len(good) // 3])
    use_photo(project, "x.jpg")
    site = project.root / "site"
    result = run_build(project.root, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"{VI}:19" in output and "assets/photos/culture/x.jpg" in output
    assert "Không đọc được ảnh" in output and "cannot be read" in output
    assert not site.exists()
    code, problems = validate(project)  # the validator decodes as the build does: they agree
    [problem] = [p for p in problems if p["rule"] == "photo-unreadable"]
    assert code == 1 and problem["file"] == VI and problem["line"] == 19 and "cannot be read" in problem["en"]


def rgb16_png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> Path:
    """A 16-bit-per-channel RGB PNG, as photo editors export it (Pillow cannot write one itself)."""
    width, height = size
    row = b"\x00" + struct.pack(">HHH", *(c * 257 for c in colour)) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


CONVERTED = {
    "cmyk": lambda folder: Image.new("CMYK", (1600, 1200), (0, 100, 200, 0)).save(folder / "x.jpg", "JPEG") or "x.jpg",
    "16-bit-grey": lambda folder: Image.new("I;16", (1600, 1200), 40000).save(folder / "x.png", "PNG") or "x.png",
    "16-bit-rgb": lambda folder: rgb16_png(folder / "x.png", (1600, 1200), (200, 120, 40)).name,
    "png-as-jpg": lambda folder: Image.new("RGB", (1600, 1200), (9, 9, 9)).save(folder / "x.jpg", "PNG") or "x.jpg",
}


@pytest.mark.parametrize("kind", list(CONVERTED))
def test_photos_the_build_converts_are_info_and_build_under_strict(project: Project, run_build, kind: str) -> None:
    """CMYK, 16-bit and a PNG named .jpg are good photos: the build converts them, and says so without refusing."""
    project.add_portal()
    use_photo(project, CONVERTED[kind](project.root / "assets/photos/culture"))
    code, problems = validate(project)
    assert code == 0 and problems and {p["severity"] for p in problems} == {"info"}, problems
    result = run_build(project.root, project.root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Aborted" not in result.stdout + result.stderr
    derivatives = sorted((project.root / "site/media").iterdir())
    assert derivatives
    for file in derivatives:
        with Image.open(file) as image:
            assert image.mode == "RGB", (file.name, image.mode)  # 8 bits per channel, three channels
            assert "icc_profile" not in image.info  # sRGB, said by saying nothing
            if kind == "16-bit-rgb":
                red, green, blue = image.getpixel((10, 10))
                assert abs(red - 200) < 8 and abs(green - 120) < 8 and abs(blue - 40) < 8


def test_a_warning_stops_a_strict_build_and_its_last_line_says_which_and_how_to_see_it(project: Project) -> None:
    project.add_portal()
    Image.new("RGB", (800, 600), (10, 20, 30)).save(project.root / "assets/photos/culture/gong.jpg", "JPEG")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True,
                            text=True)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "1 cảnh báo" in last and "1 warning:" in last and "photo-small" in last
    assert f"{VI}:19" in last and "quangba validate --strict" in last


def test_published_files_and_the_cache_are_readable_by_the_web_server(project: Project) -> None:
    project.add_portal()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True,
                            text=True, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    unreadable = [p for folder in ("site", ".cache") for p in (project.root / folder).rglob("*")
                  if not p.stat().st_mode & stat.S_IROTH]
    assert unreadable == []
    media = list((project.root / "site/media").iterdir())
    assert media and all(p.stat().st_mode & 0o777 == 0o644 for p in media)
    verified = CliRunner().invoke(main, ["verify", str(project.root / "site")])
    assert verified.exit_code == 0, verified.output
    media[0].chmod(0o600)
    verified = CliRunner().invoke(main, ["verify", str(project.root / "site"), "--format", "json"])
    assert verified.exit_code == 1
    [problem] = json.loads(verified.stdout)
    assert problem["rule"] == "not-readable" and problem["file"] == f"media/{media[0].name}"
    assert "0o600" in problem["en"] and "403" in problem["vi"]


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "AVIF"])
def test_the_metadata_reader_sees_what_encoders_can_write(fmt: str) -> None:
    if fmt == "AVIF" and not features.check("avif"):
        pytest.skip("this Pillow writes no AVIF")
    image = Image.new("RGB", (64, 48), (10, 20, 30))
    plain, tagged = io.BytesIO(), io.BytesIO()
    image.save(plain, fmt)
    exif = Image.Exif()
    exif[0x010F] = "SampleCam"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(tagged, fmt, exif=exif, xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>", icc_profile=icc)
    assert metadata_segments(plain.getvalue()) == []
    found = set(metadata_segments(tagged.getvalue()))
    assert found & {"APP1", "EXIF"} and found & {"APP2", "ICC profile"}


def test_verify_refuses_a_published_photo_with_metadata(sample_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    manifest = json.loads((site / "exports/manifest.json").read_text(encoding="utf-8"))
    derivative = next(d for r in manifest["records"] for p in r["photos"] for d in p["derivatives"]
                      if d["media_type"] == "image/jpeg")
    rel = derivative["url"].split("/", 3)[3]
    with Image.open(site / rel) as image:
        image.load()
        image.save(site / rel, "JPEG", comment=b"leaked")
    result = CliRunner().invoke(main, ["verify", str(site), "--format", "json"])
    assert result.exit_code == 1
    assert ("photo-metadata", rel) in {(p["rule"], p["file"]) for p in json.loads(result.stdout)}
