"""Generate a synthetic portal project with N entries per language, for benchmarks.

The project is complete (profile, mkdocs.yml, hooks, theme overrides, home and standing pages) and valid:
`quangba validate --root OUT` passes and `mkdocs build -f OUT/mkdocs.yml` builds it. Bodies are about 600
words of Vietnamese (with diacritics, NFC) and English assembled from sentence parts about the province.
Photos come from a small pool of camera-size JPEGs shared by many entries, as a real corpus reuses
photos; the pool is drawn once.

    python scripts/make_corpus.py --entries 1000 --out bench/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample_photos import camera_exif, draw_scene

ROOT = Path(__file__).resolve().parent.parent

VI_SUBJECTS = ["Cao nguyên Lâm Viên", "Đồng bào Cơ Ho", "Thành phố Đà Lạt", "Vùng biển Bình Thuận", "Hồ Tà Đùng",
               "Công viên địa chất Đắk Nông", "Làng nghề dệt thổ cẩm", "Nghề trồng hoa", "Đồi chè Bảo Lộc",
               "Lễ hội cồng chiêng", "Những hàng thông già", "Người nông dân Di Linh", "Đảo Phú Quý",
               "Tháp Chăm Pô Sah Inư", "Nhà ga Đà Lạt"]
VI_VERBS = ["gìn giữ", "mang đến cho du khách", "là niềm tự hào của", "gắn bó lâu đời với", "góp phần làm nên",
            "được nhiều người biết đến nhờ", "tạo nên vẻ đẹp riêng của", "đang từng ngày thay đổi cùng"]
VI_OBJECTS = ["những giá trị văn hóa đặc sắc", "khí hậu mát mẻ quanh năm", "cộng đồng các dân tộc anh em",
              "nền nông nghiệp công nghệ cao", "những cánh rừng nguyên sinh", "các lễ hội truyền thống",
              "hương vị cà phê đậm đà", "vùng đất từ cao nguyên đến biển", "những làng chài ven biển",
              "sắc màu của hoa dã quỳ"]
VI_TAILS = ["trong nhiều thế hệ", "suốt bốn mùa", "trên khắp các xã, phường", "từ sáng sớm tới chiều muộn",
            "theo cách riêng của mình", "giữa đại ngàn Tây Nguyên"]
EN_SUBJECTS = ["The Lam Vien plateau", "The K'Ho people", "The city of Da Lat", "The Binh Thuan coast", "Ta Dung lake",
               "The Dak Nong geopark", "The brocade-weaving village", "Flower growing", "The Bao Loc tea hills",
               "The gong festival", "The old pine trees", "The farmers of Di Linh", "Phu Quy island",
               "The Po Sah Inu towers", "Da Lat station"]
EN_VERBS = ["preserves", "offers visitors", "is the pride of", "has long been tied to", "helps shape",
            "is widely known for", "gives its own beauty to", "changes day by day with"]
EN_OBJECTS = ["distinctive cultural values", "a cool climate all year round", "a community of many peoples",
              "high-tech agriculture", "primeval forests", "traditional festivals", "the rich taste of coffee",
              "a land from the highlands to the sea", "seaside fishing villages", "the colours of wild sunflowers"]
EN_TAILS = ["for generations", "through all four seasons", "across the communes and wards",
            "from dawn until late afternoon", "in its own way", "in the heart of the Central Highlands"]


def sentence(rng: random.Random, language: str) -> str:
    parts = (VI_SUBJECTS, VI_VERBS, VI_OBJECTS, VI_TAILS) if language == "vi" else \
        (EN_SUBJECTS, EN_VERBS, EN_OBJECTS, EN_TAILS)
    return " ".join(rng.choice(p) for p in parts) + "."


def body(rng: random.Random, language: str, words: int = 600) -> str:
    paragraphs, count = [], 0
    heading = "Đôi nét" if language == "vi" else "In brief"
    while count < words:
        paragraph = " ".join(sentence(rng, language) for _ in range(rng.randint(4, 7)))
        count += len(paragraph.split())
        paragraphs.append(paragraph)
        if len(paragraphs) == 2:
            paragraphs.append(f"## {heading}")
    return "\n\n".join(paragraphs) + "\n"


def make_photos(out: Path, count: int, width: int | None = None) -> list[str]:
    names = ["mountains", "pine-hills", "dunes", "white-dunes-lake", "coast-island", "lighthouse", "brocade",
             "gong-circle", "cham-towers", "station-roofs", "coffee-hills", "tea-terraces", "flower-field",
             "lake-islands", "wind-turbines", "greenhouses"]
    files = []
    for index in range(count):
        name = f"{names[index % len(names)]}-{index:03d}"
        rel = f"assets/photos/pool/{name}.jpg"
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            image = draw_scene(name)
            if width:  # a smaller pool keeps a 3,000-photo benchmark corpus quick to draw and process
                image = image.resize((width, round(image.height * width / image.width)))
            image.save(path, "JPEG", quality=88,
                                  exif=camera_exif("2025-06-01", {"lat": 11.94, "lon": 108.45}, f"POOL-{index:04d}"))
        files.append(rel)
    return files


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1000, help="entries per language")
    parser.add_argument("--photos", type=int, default=24, help="size of the shared photo pool")
    parser.add_argument("--photo-width", type=int, default=None, help="width of the pool's photos (default: camera)")
    parser.add_argument("--photos-per-entry", type=int, default=0,
                        help="each entry takes this many photos of its own from the pool (default: 1 to 3, shared)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    out: Path = args.out
    if (out / "content").exists():
        shutil.rmtree(out / "content")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("province.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, out / name)
    for folder in ("hooks", "overrides"):
        shutil.rmtree(out / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, out / folder)
    for language in ("vi", "en"):
        for page in ("index.md", "about.md", "contact.md"):
            shutil.copy(ROOT / "content" / language / page, (out / "content" / language).mkdir(parents=True,
                        exist_ok=True) or out / "content" / language / page)
    profile = yaml.safe_load((ROOT / "province.yml").read_text(encoding="utf-8"))
    categories, agencies, tags = list(profile["categories"]), list(profile["agencies"]), list(profile["tags"])
    photos = make_photos(out, args.photos, args.photo_width)
    rng = random.Random(args.seed)
    start = dt.date(2025, 7, 1)
    for index in range(args.entries):
        category = categories[index % len(categories)]
        slug = f"bai-{index:05d}"
        issued = start + dt.timedelta(days=rng.randint(0, 500))
        if args.photos_per_entry:
            chosen = [photos[(index * args.photos_per_entry + k) % len(photos)] for k in range(args.photos_per_entry)]
        else:
            chosen = [photos[(index + k) % len(photos)] for k in range(rng.randint(1, 3))]
        vi_title = f"{rng.choice(VI_SUBJECTS)} – bài số {index}"
        vi = {
            "id": f"bench-{index:05d}", "kind": "article", "title": vi_title,
            "summary": sentence(rng, "vi"), "category": category, "tags": rng.sample(tags, 2),
            "agency": rng.choice(agencies), "issued": issued.isoformat(), "status": "published",
            "classification": "public", "licence": "cc-by-4.0",
            "place": {"name": "Đà Lạt", "lat": 11.9404, "lon": 108.4583},
            "photos": [{"file": f, "credit": "Minh họa mẫu (quangba)", "alt": f"Ảnh minh họa {k + 1} của bài {index}",
                        "caption": f"Chú thích ảnh {k + 1}"} for k, f in enumerate(chosen)],
        }
        en = {
            "title": f"{rng.choice(EN_SUBJECTS)} – entry {index}", "summary": sentence(rng, "en"),
            "translation": {"status": "reviewed", "reviewer": "Benchmark reviewer"},
            "photos": [{"file": f, "alt": f"Illustration {k + 1} of entry {index}", "caption": f"Caption {k + 1}"}
                       for k, f in enumerate(chosen)],
        }
        for language, meta in (("vi", vi), ("en", en)):
            path = out / "content" / language / category / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = dump(meta).replace(f"'{issued.isoformat()}'", issued.isoformat())
            path.write_text(f"---\n{text}---\n\n{body(rng, language)}", encoding="utf-8")
    _fit_portal(out, photos[0], min(args.entries, 3))
    print(f"{args.entries} entries per language, {len(photos)} shared photos in {out}")
    return 0


def _fit_portal(out: Path, hero: str, featured: int) -> None:
    """The home page's hero and featured entries, and the profile's portal links, made to name what the corpus has
    (the copied ones name the sample site's photos and pages)."""
    home = out / "content/vi/index.md"
    _, front, text = home.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    meta["hero"] = hero
    meta["featured"] = [f"bench-{index:05d}" for index in range(featured)]
    home.write_text(f"---\n{dump(meta)}---\n{text}", encoding="utf-8")
    profile_path = out / "province.yml"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    pages = {p.relative_to(out / "content/vi").as_posix() for p in (out / "content/vi").rglob("*.md")}
    portal = profile.get("portal", {})
    for name in ("navigation", "audiences", "footer"):
        portal[name] = [link for link in portal.get(name, [])
                        if link["page"].split("#")[0].rstrip("/") in profile["categories"]
                        or link["page"].split("#")[0] in pages]
    profile_path.write_text(dump(profile), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
