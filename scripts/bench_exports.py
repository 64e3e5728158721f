"""Benchmark: every open export (manifest, change feed, OAI-PMH, IIIF, sitemap, Atom feeds) for a large corpus
whose photos are already in the cache.

The corpus is made once by make_corpus.py (1,000 entries per language, three photos of its own each: 3,000
photos) and committed to git, so the history is read as in a real build. The first run processes the photos
into the corpus's cache; the timed rounds then measure what a build spends on exports:

- catalogue: reading and checking every file, and reading the git history (shared with the site build);
- photos: planning every photo against the warm cache (shared with the site build);
- exports: the records and every export file rendered (CPU), then written (file creation: on this virtual
  machine's disk its cost swings tenfold between runs, so it is reported apart).

    python scripts/bench_exports.py --corpus bench/exports-corpus --rounds 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quangba.atomic import write_atomically
from quangba.exports.records import Records
from quangba.exports.writer import export_files
from quangba.site.media import MediaLibrary, Recipe
from quangba.sources.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_AUTHOR_DATE": "2026-01-05T09:00:00+07:00", "GIT_COMMITTER_DATE": "2026-01-05T09:00:00+07:00"}


def make_corpus(corpus: Path, entries: int, photos_per_entry: int) -> None:
    if not (corpus / "content").is_dir():
        subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--entries", str(entries),
                        "--photos", str(entries * photos_per_entry), "--photos-per-entry", str(photos_per_entry),
                        "--photo-width", "1200", "--out", str(corpus)], check=True)
    if not (corpus / ".git").is_dir():
        (corpus / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
            subprocess.run(["git", *command], cwd=corpus, env=GIT_ENV, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "exports-corpus")
    parser.add_argument("--entries", type=int, default=1000, help="entries per language")
    parser.add_argument("--photos-per-entry", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    make_corpus(corpus, args.entries, args.photos_per_entry)

    catalogue = load_catalogue(corpus)
    if not catalogue.ok:
        sys.exit(f"the corpus has problems: {catalogue.problems[:3]}")
    profile = catalogue.profile
    assert profile is not None
    library = MediaLibrary(corpus, Recipe.supported(profile.media.widths, profile.media.outputs))
    files = [photo.file for entry in catalogue.published for photo in entry.photos]
    _, run = library.process(library.plan(files))
    print(f"corpus: {len(catalogue.published)} entries per language, {len(set(files))} photos "
          f"({run.made} processed now, {run.cached} already cached); history: {catalogue.history.available}")

    timings: dict[str, list[float]] = {"catalogue": [], "photos": [], "render": [], "write": []}
    written = size = 0
    for _ in range(args.rounds):
        started = time.perf_counter()
        catalogue = load_catalogue(corpus)
        timings["catalogue"].append(time.perf_counter() - started)
        started = time.perf_counter()
        library = MediaLibrary(corpus, Recipe.supported(profile.media.widths, profile.media.outputs))
        plans, run = library.process(library.plan(files))
        assert run.made == 0, "the cache should be warm"
        timings["photos"].append(time.perf_counter() - started)
        site = Path(tempfile.mkdtemp(prefix="quangba-exports-"))
        started = time.perf_counter()
        exported = export_files(Records(catalogue, plans))
        timings["render"].append(time.perf_counter() - started)
        started = time.perf_counter()
        for rel, data in exported.items():
            write_atomically(site / rel, data)
        timings["write"].append(time.perf_counter() - started)
        written = len(exported)
        size = sum(len(data) for data in exported.values())
        shutil.rmtree(site)
    for name, values in timings.items():
        print(f"{name:>9}: median {statistics.median(values):.2f} s  (min {min(values):.2f}, max {max(values):.2f})")
    exports = [r + w for r, w in zip(timings["render"], timings["write"], strict=True)]
    total = [sum(t) for t in zip(*timings.values(), strict=True)]
    print(f"{'exports':>9}: median {statistics.median(exports):.2f} s (render + write) for {written} files, "
          f"{size / 2**20:.1f} MB")
    print(f"{'total':>9}: median {statistics.median(total):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
