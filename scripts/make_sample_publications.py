"""Make the sample publications under assets/publications/ from the sample photos: a title page and one page per
photo, as small screen PDFs. The files are committed; run this only to remake them.

    .venv/bin/python scripts/make_sample_publications.py
"""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "publications"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE = (842, 595)  # A5 landscape at 144 dpi / A4 landscape at 72 dpi: small, and enough for a screen

BOOKS = {
    "lam-dong-from-highlands-to-sea.pdf": (
        ["Lâm Đồng — từ cao nguyên đến biển", "Lam Dong — from the highlands to the sea"],
        ["geography/highlands-to-the-sea", "nature/langbiang-sunrise-mist", "tourism/pine-lake",
         "tourism/mui-ne-coast-island", "tourism/lighthouse-cape", "nature/phu-quy-island-coast"],
    ),
    "investment-guide-2026.pdf": (
        ["Cẩm nang đầu tư tỉnh Lâm Đồng 2026", "Lam Dong Investment Guide 2026"],
        ["investment/greenhouses-valley", "potential/wind-turbines-coast", "investment/airport-runway-hills",
         "achievements/expressway-coast"],
    ),
    "space-of-gong-culture.pdf": (
        ["Không gian văn hóa cồng chiêng", "The Space of Gong Culture"],
        ["culture/gong-night-festival", "culture/gong-circle", "culture/gong-brocade", "people/brocade-pattern"],
    ),
}


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default()


def title_page(lines: list[str]) -> Image.Image:
    page = Image.new("RGB", PAGE, (14, 59, 67))
    draw = ImageDraw.Draw(page)
    for index, line in enumerate(lines):
        draw.text((60, 200 + index * 70), line, fill=(255, 255, 255), font=_font(40 if index == 0 else 30))
    draw.text((60, 520), "Tỉnh Lâm Đồng / Lam Dong Province — mẫu / sample", fill=(200, 220, 220), font=_font(18))
    return page


def photo_page(name: str) -> Image.Image:
    with Image.open(ROOT / "assets" / "photos" / f"{name}.jpg") as photo:
        photo = photo.convert("RGB")
        photo.thumbnail(PAGE)
        page = Image.new("RGB", PAGE, (255, 255, 255))
        page.paste(photo, ((PAGE[0] - photo.width) // 2, (PAGE[1] - photo.height) // 2))
        return page


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    fixed = time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0))  # the same bytes on every run
    for file, (title, photos) in BOOKS.items():
        pages = [title_page(title), *(photo_page(p) for p in photos)]
        pages[0].save(OUT / file, "PDF", save_all=True, append_images=pages[1:], resolution=72, quality=60,
                      title=title[1], author="quangba sample", creationDate=fixed, modDate=fixed)
        print(f"{file}: {len(pages)} pages, {(OUT / file).stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
