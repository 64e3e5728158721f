"""Draw the sample site's photos: designed illustrations of each subject, saved as real camera-like JPEGs.

Every photo an entry references under assets/ is drawn from keywords in its file name (mountains,
dunes, sea, brocade, towers…) with a palette and layout seeded by the name, so the same name always gives
the same picture. Each JPEG carries the EXIF a phone would write: make, model, body serial number, the
date taken and the GPS position of the entry's place; that is what the portal must strip before publishing.

    python scripts/make_sample_photos.py            # draw the photos that are missing
    python scripts/make_sample_photos.py --force    # draw them all again
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 2400, 1600
ROOT = Path(__file__).resolve().parent.parent

PALETTES = {
    "highland": [(236, 214, 170), (120, 160, 190), (62, 104, 96), (38, 74, 70), (22, 48, 46)],
    "dawn": [(250, 200, 150), (235, 140, 120), (110, 90, 130), (70, 60, 100), (40, 36, 70)],
    "coast": [(190, 225, 240), (90, 170, 210), (30, 110, 160), (240, 220, 170), (20, 70, 110)],
    "desert": [(250, 220, 170), (240, 170, 100), (215, 120, 60), (180, 90, 50), (120, 60, 40)],
    "night": [(20, 24, 50), (40, 40, 80), (240, 150, 50), (250, 210, 90), (10, 10, 20)],
    "brocade": [(150, 20, 30), (20, 20, 20), (230, 180, 40), (240, 240, 230), (30, 90, 60)],
    "green": [(200, 230, 190), (120, 180, 100), (60, 130, 70), (30, 90, 50), (240, 240, 210)],
}


def _gradient(draw: ImageDraw.ImageDraw, top: tuple[int, ...], bottom: tuple[int, ...], y0: int, y1: int) -> None:
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def _ridge(rng: random.Random, base: float, amplitude: float, roughness: int) -> list[tuple[float, float]]:
    phases = [rng.uniform(0, math.tau) for _ in range(roughness)]
    points = []
    for x in range(0, WIDTH + 40, 40):
        y = base
        for k, phase in enumerate(phases, start=1):
            y -= amplitude / k * math.sin(x / WIDTH * math.pi * (k + 1) * 0.9 + phase)
        points.append((x, y))
    return [(0, HEIGHT), *points, (WIDTH, HEIGHT)]


def mountains(image: Image.Image, rng: random.Random, palette: list, layers: int = 4, pines: bool = False) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, palette[0], palette[1], 0, HEIGHT)
    sun = (rng.randint(400, 2000), rng.randint(250, 500))
    draw.ellipse([sun[0] - 110, sun[1] - 110, sun[0] + 110, sun[1] + 110], fill=(255, 240, 210))
    for i in range(layers):
        t = i / max(1, layers - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(palette[2], palette[4], strict=True))
        draw.polygon(_ridge(rng, 700 + i * 230, 260 - i * 40, 4), fill=colour)
    if pines:
        for _ in range(90):
            x, y = rng.randint(0, WIDTH), rng.randint(1250, 1600)
            h = rng.randint(120, 260)
            draw.polygon([(x, y - h), (x - h // 4, y), (x + h // 4, y)], fill=palette[4])


def sea(image: Image.Image, rng: random.Random, palette: list, extra: str = "") -> None:
    draw = ImageDraw.Draw(image)
    horizon = 820
    _gradient(draw, palette[0], (255, 236, 214), 0, horizon)
    _gradient(draw, palette[1], palette[2], horizon, HEIGHT)
    for _ in range(140):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 20, HEIGHT)
        w = rng.randint(40, 180)
        draw.arc([x, y, x + w, y + 24], 200, 340, fill=(230, 245, 250), width=4)
    if extra in ("island", "lighthouse"):
        draw.polygon([*_ridge(rng, horizon + 40, 120, 2)[:20], (800, horizon + 60), (0, horizon + 60)], fill=palette[4])
    if extra == "lighthouse":
        draw.polygon([(560, 420), (620, 420), (650, 780), (530, 780)], fill=(245, 245, 240))
        draw.rectangle([545, 380, 635, 430], fill=(200, 40, 40))
        draw.polygon([(1000, horizon + 40), (0, horizon + 40), (0, HEIGHT), (1200, HEIGHT)], fill=(90, 80, 70))
    if extra == "boats":
        for _ in range(12):
            x, y = rng.randint(100, 2200), rng.randint(horizon + 60, 1450)
            r = rng.randint(30, 70)
            draw.chord([x - r, y - r // 2, x + r, y + r // 2], 0, 180, fill=(60, 40, 30))
        draw.ellipse([1600, 560, 1840, 800], fill=(255, 190, 120))
    if extra == "turbines":
        for i in range(7):
            x = 250 + i * 300
            top = 300 + rng.randint(0, 120)
            draw.rectangle([x - 8, top, x + 8, horizon + 30], fill=(245, 245, 245))
            for k in range(3):
                a = rng.uniform(0, math.tau) + k * math.tau / 3
                draw.line([(x, top), (x + 170 * math.cos(a), top + 170 * math.sin(a))], fill=(250, 250, 250), width=10)


def dunes(image: Image.Image, rng: random.Random, palette: list, lake: bool = False) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, (120, 190, 235), (220, 235, 245), 0, HEIGHT)
    for i in range(5):
        colour = palette[min(4, i)]
        draw.polygon(_ridge(rng, 760 + i * 170, 160, 2), fill=colour)
    if lake:
        draw.ellipse([300, 1200, 1500, 1520], fill=(60, 140, 190))


def pattern(image: Image.Image, rng: random.Random, palette: list) -> None:
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=palette[1])
    band = 200
    for row, y in enumerate(range(0, HEIGHT, band)):
        colour = palette[(row % 3) + 0 if row % 2 else 2]
        draw.rectangle([0, y + 20, WIDTH, y + band - 20], fill=palette[0] if row % 2 else palette[1])
        for x in range(0, WIDTH, 160):
            cx, cy = x + 80, y + band // 2
            s = 60
            draw.polygon([(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)], fill=colour)
            draw.polygon([(cx, cy - s // 2), (cx + s // 2, cy), (cx, cy + s // 2), (cx - s // 2, cy)], fill=palette[3])


def gongs(image: Image.Image, rng: random.Random, palette: list, fire: bool = True) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, palette[0], palette[1], 0, HEIGHT)
    if fire:
        glow = Image.new("L", image.size, 0)
        ImageDraw.Draw(glow).ellipse([800, 700, 1600, 1500], fill=255)
        glow = glow.filter(ImageFilter.GaussianBlur(160))
        image.paste(Image.new("RGB", image.size, palette[2]), (0, 0), glow)
        draw = ImageDraw.Draw(image)
    for i in range(8):
        a = i / 8 * math.tau
        x, y = 1200 + 800 * math.cos(a), 1000 + 380 * math.sin(a)
        r = 120 - 40 * (math.sin(a) < 0)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(184, 134, 11), outline=(120, 80, 10), width=10)
        draw.ellipse([x - r // 3, y - r // 3, x + r // 3, y + r // 3], fill=(215, 170, 60))
    for _ in range(8):
        x = rng.randint(300, 2100)
        draw.ellipse([x - 40, 1150, x + 40, 1230], fill=palette[4])
        draw.polygon([(x - 60, 1540), (x + 60, 1540), (x + 40, 1220), (x - 40, 1220)], fill=palette[4])


def towers(image: Image.Image, rng: random.Random, palette: list, kind: str) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, palette[0], palette[1], 0, HEIGHT)
    draw.polygon(_ridge(rng, 1250, 80, 2), fill=palette[4])
    if kind == "cham":
        for i, h in enumerate((620, 820, 560)):
            x = 700 + i * 500
            draw.rectangle([x - 150, 1250 - h, x + 150, 1260], fill=(170, 70, 50))
            for k in range(3):
                w = 150 - k * 40
                y = 1250 - h - k * 90
                draw.rectangle([x - w, y - 90, x + w, y], fill=(190, 85, 60))
    elif kind == "station":
        for i in range(3):
            x = 800 + i * 400
            draw.polygon([(x - 180, 900), (x, 420), (x + 180, 900)], fill=(200, 80, 60))
        draw.rectangle([500, 900, 1900, 1300], fill=(245, 215, 120))
        for i in range(9):
            draw.rectangle([600 + i * 145, 1000, 680 + i * 145, 1200], fill=(90, 140, 170))
    else:  # rails through pines
        for side in (-1, 1):
            draw.line([(1200 + side * 40, 700), (1200 + side * 700, HEIGHT)], fill=(80, 80, 80), width=18)
        for k in range(14):
            y = 720 + k * k * 5
            half = 40 + (y - 700) * 0.75
            draw.line([(1200 - half, y), (1200 + half, y)], fill=(110, 80, 50), width=10 + k)
        for _ in range(70):
            x, y = rng.choice([rng.randint(0, 800), rng.randint(1600, WIDTH)]), rng.randint(900, 1500)
            h = rng.randint(200, 420)
            draw.polygon([(x, y - h), (x - h // 4, y), (x + h // 4, y)], fill=palette[3])


def rows(image: Image.Image, rng: random.Random, palette: list, item: str) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, (200, 225, 240), palette[0], 0, HEIGHT)
    draw.polygon(_ridge(rng, 650, 120, 3), fill=palette[1])
    for k in range(18):
        y = 700 + k * 52
        for x in range(-60, WIDTH + 60, 70 + k * 4):
            r = 18 + k * 2
            if item == "greenhouse":
                draw.rectangle([x, y, x + 60 + k * 3, y + 30], fill=(240, 245, 245))
            else:
                draw.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=palette[2 + (k % 2)])
                if item == "coffee" and rng.random() < 0.3:
                    draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=(180, 30, 30))


def fruit(image: Image.Image, rng: random.Random, palette: list) -> None:
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(40, 110, 60))
    for y in range(150, HEIGHT, 300):
        for x in range(150 + (y // 300 % 2) * 150, WIDTH, 300):
            draw.ellipse([x - 100, y - 120, x + 100, y + 120], fill=(220, 40, 110))
            for k in range(6):
                a = k / 6 * math.tau
                draw.polygon([(x + 80 * math.cos(a), y + 100 * math.sin(a)),
                              (x + 150 * math.cos(a + 0.2), y + 170 * math.sin(a + 0.2)),
                              (x + 90 * math.cos(a + 0.4), y + 110 * math.sin(a + 0.4))], fill=(140, 200, 60))


def network(image: Image.Image, rng: random.Random, palette: list, icon: str = "") -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, (20, 50, 90), (10, 25, 50), 0, HEIGHT)
    points = [(rng.randint(150, 2250), rng.randint(150, 1450)) for _ in range(26)]
    for a in points:
        for b in sorted(points, key=lambda p: (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2)[1:3]:
            draw.line([a, b], fill=(90, 160, 220), width=4)
    for x, y in points:
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=(250, 210, 90))
    if icon == "camera":
        draw.rounded_rectangle([850, 600, 1550, 1100], radius=60, fill=(235, 235, 235))
        draw.ellipse([1030, 680, 1370, 1020], fill=(40, 60, 90))
        draw.ellipse([1110, 760, 1290, 940], fill=(120, 170, 220))
    if icon == "music":
        for k in range(5):
            pts = [(x, 700 + k * 50 + 120 * math.sin(x / 400)) for x in range(0, WIDTH + 20, 20)]
            draw.line(pts, fill=(240, 240, 240), width=6)
        for x in range(300, 2200, 260):
            y = 760 + 120 * math.sin(x / 400) + rng.randint(-40, 120)
            draw.ellipse([x - 34, y - 26, x + 34, y + 26], fill=(250, 210, 90))
            draw.line([(x + 30, y), (x + 30, y - 180)], fill=(250, 210, 90), width=8)


def cave(image: Image.Image, rng: random.Random, palette: list) -> None:
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(40, 90, 50))
    for _ in range(300):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        r = rng.randint(20, 80)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randint(40, 90), rng.randint(110, 170), 60))
    draw.chord([300, 200, 2100, 2400], 180, 360, fill=(25, 22, 20))
    draw.rectangle([300, 1300, 2100, HEIGHT], fill=(25, 22, 20))


def road(image: Image.Image, rng: random.Random, palette: list, runway: bool = False) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, (150, 200, 235), (235, 240, 240), 0, HEIGHT)
    draw.polygon(_ridge(rng, 760, 140, 3), fill=palette[3] if runway else palette[2])
    draw.rectangle([0, 900, WIDTH, HEIGHT], fill=palette[1] if runway else (230, 190, 130))
    if runway:
        draw.polygon([(1120, 900), (1280, 900), (1900, HEIGHT), (500, HEIGHT)], fill=(70, 70, 75))
        for k in range(8):
            y = 920 + k * k * 11
            draw.rectangle([1192, y, 1208, y + 10 + k * 6], fill=(250, 250, 250))
    else:
        pts = [(x, 1100 + 260 * math.sin(x / 520)) for x in range(0, WIDTH + 20, 20)]
        draw.line(pts, fill=(70, 70, 75), width=140)
        draw.line(pts, fill=(250, 250, 250), width=6)
        for _ in range(200):
            x, y = rng.randint(0, WIDTH), rng.randint(1300, HEIGHT)
            draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill=(220, 40, 110))


def flowers(image: Image.Image, rng: random.Random, palette: list) -> None:
    mountains(image, rng, PALETTES["highland"], layers=2)
    draw = ImageDraw.Draw(image)
    colours = [(230, 60, 90), (250, 200, 40), (250, 250, 250), (160, 80, 200), (250, 120, 40)]
    for band in range(10):
        colour = colours[band % len(colours)]
        for _ in range(160):
            x = rng.randint(0, WIDTH)
            y = 1050 + band * 55 + rng.randint(-20, 20)
            r = 8 + band * 2
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def lake(image: Image.Image, rng: random.Random, palette: list, pines: bool = False) -> None:
    draw = ImageDraw.Draw(image)
    _gradient(draw, palette[0], palette[1], 0, 800)
    draw.polygon(_ridge(rng, 780, 160, 3), fill=palette[3])
    _gradient(draw, (90, 150, 170), (50, 100, 120), 820, HEIGHT)
    for _ in range(9):
        x, y = rng.randint(100, 2300), rng.randint(900, 1450)
        w, h = rng.randint(120, 300), rng.randint(40, 110)
        draw.ellipse([x - w, y - h, x + w, y + h // 3], fill=palette[2])
    if pines:
        for _ in range(60):
            x, y = rng.randint(0, WIDTH), rng.randint(700, 860)
            h = rng.randint(120, 220)
            draw.polygon([(x, y - h), (x - h // 4, y), (x + h // 4, y)], fill=palette[4])


SCENES = [
    ("cave", lambda im, r: cave(im, r, PALETTES["green"])),
    ("dragon-fruit", lambda im, r: fruit(im, r, PALETTES["green"])),
    ("greenhouse", lambda im, r: rows(im, r, PALETTES["green"], "greenhouse")),
    ("coffee", lambda im, r: rows(im, r, PALETTES["green"], "coffee")),
    ("tea", lambda im, r: rows(im, r, PALETTES["green"], "tea")),
    ("runway", lambda im, r: road(im, r, PALETTES["green"], runway=True)),
    ("expressway", lambda im, r: road(im, r, PALETTES["desert"])),
    ("turbines", lambda im, r: sea(im, r, PALETTES["coast"], "turbines")),
    ("lighthouse", lambda im, r: sea(im, r, PALETTES["coast"], "lighthouse")),
    ("boats", lambda im, r: sea(im, r, PALETTES["dawn"], "boats")),
    ("island", lambda im, r: sea(im, r, PALETTES["coast"], "island")),
    ("white-dunes", lambda im, r: dunes(im, r, [(250, 250, 245), (240, 236, 225), (230, 224, 210),
                                                 (220, 212, 196), (205, 198, 180)], lake=True)),
    ("dunes", lambda im, r: dunes(im, r, PALETTES["desert"])),
    ("cham-towers", lambda im, r: towers(im, r, PALETTES["dawn"], "cham")),
    ("station-roofs", lambda im, r: towers(im, r, PALETTES["highland"], "station")),
    ("railway", lambda im, r: towers(im, r, PALETTES["highland"], "rails")),
    ("gong-night", lambda im, r: gongs(im, r, PALETTES["night"])),
    ("gong-brocade", lambda im, r: pattern(im, r, PALETTES["brocade"])),
    ("gong", lambda im, r: gongs(im, r, PALETTES["night"])),
    ("brocade", lambda im, r: pattern(im, r, PALETTES["brocade"])),
    ("camera", lambda im, r: network(im, r, PALETTES["night"], "camera")),
    ("art-deco", lambda im, r: pattern(im, r, [(30, 60, 110), (240, 230, 200), (200, 160, 60), (120, 30, 40),
                                                  (20, 20, 30)])),
    ("pattern", lambda im, r: pattern(im, r, [(240, 200, 60), (170, 30, 40), (250, 240, 220), (40, 30, 30),
                                                 (90, 40, 30)])),
    ("music", lambda im, r: network(im, r, PALETTES["night"], "music")),
    ("network", lambda im, r: network(im, r, PALETTES["night"])),
    ("map", lambda im, r: network(im, r, PALETTES["night"])),
    ("flower", lambda im, r: flowers(im, r, PALETTES["green"])),
    ("lake-islands", lambda im, r: lake(im, r, PALETTES["highland"])),
    ("pine-lake", lambda im, r: lake(im, r, PALETTES["highland"], pines=True)),
    ("sunrise", lambda im, r: mountains(im, r, PALETTES["dawn"], layers=5)),
    ("forest", lambda im, r: mountains(im, r, PALETTES["green"], layers=3, pines=True)),
    ("pine", lambda im, r: mountains(im, r, PALETTES["highland"], layers=3, pines=True)),
]


def draw_scene(name: str) -> Image.Image:
    rng = random.Random(name)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    for keyword, scene in SCENES:
        if keyword in name:
            scene(image, rng)
            break
    else:
        mountains(image, rng, PALETTES["highland"], layers=rng.randint(3, 5))
    return image.filter(ImageFilter.SMOOTH)


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600 * 100)
    return Fraction(degrees), Fraction(minutes), Fraction(seconds, 100)


def camera_exif(taken: str | None, place: dict | None, serial: str) -> Image.Exif:
    """EXIF as a phone writes it, GPS included."""
    exif = Image.Exif()
    exif[0x010F] = "SampleCam"  # Make
    exif[0x0110] = "SC-24 Pro"  # Model
    exif[0x0131] = "make_sample_photos.py"  # Software
    exif[0x0112] = 1  # Orientation
    stamp = (taken or "2025-01-01").replace("-", ":") + " 08:30:00"
    exif[0x0132] = stamp
    details = exif.get_ifd(0x8769)
    details[0x9003] = stamp  # DateTimeOriginal
    details[0xA431] = serial  # BodySerialNumber
    if place:
        gps = exif.get_ifd(0x8825)
        gps[0x0001] = "N" if place["lat"] >= 0 else "S"
        gps[0x0002] = _dms(place["lat"])
        gps[0x0003] = "E" if place["lon"] >= 0 else "W"
        gps[0x0004] = _dms(place["lon"])
    return exif


def referenced_photos(root: Path) -> dict[str, tuple[str | None, dict | None]]:
    """Every photo referenced by a Vietnamese entry, with the date taken and the entry's place."""
    photos: dict[str, tuple[str | None, dict | None]] = {}
    for file in sorted((root / "content" / "vi").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        for photo in meta.get("photos") or []:
            taken = photo.get("taken")
            photos[photo["file"]] = (str(taken) if taken else None, meta.get("place"))
    return photos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="draw every photo again")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    made = 0
    for index, (name, (taken, place)) in enumerate(sorted(referenced_photos(args.root).items())):
        path = args.root / name
        if path.exists() and not args.force:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        image = draw_scene(Path(name).stem)
        exif = camera_exif(taken, place, serial=f"SC24-{index:06d}")
        image.save(path, "JPEG", quality=88, exif=exif)
        made += 1
        print(f"drew {name}")
    print(f"{made} photos drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
