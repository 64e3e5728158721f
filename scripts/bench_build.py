"""Benchmark: `quangba validate` and `mkdocs build` on a synthetic corpus, against a bare build.

The bare build is mkdocs-material (with its search) + static-i18n on the same Markdown and the same mkdocs.yml
without the project's hooks. Its sidebar holds only the standing pages, as ours does, so the comparison measures the
hooks, not the navigation trap. Builds alternate (bare, hooks, bare, hooks…) after one warm-up each, in one
run, and the medians are compared.

    python scripts/make_corpus.py --entries 1000 --out bench/corpus
    python scripts/bench_build.py --corpus bench/corpus --rounds 3

Growth: ``--sizes 1000,5000,10000`` makes (or reuses) ``bench/corpus-<N>`` for each size and prints one line per
size: wall, CPU and peak memory of both builds, the peak of the build's own Python process (the whole-tree peak
includes Pagefind, a separate process), the memory the tree held at once (the build and Pagefind beside it), and
Pagefind alone run again on the finished site.

    python scripts/bench_build.py --sizes 1000,5000,10000 --rounds 1
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# mkdocs, reporting at exit the peak memory of its own process (GNU time reports the largest of the process tree,
# which for the portal's build is Pagefind's).
MKDOCS = [sys.executable, "-c",
          "import atexit, resource, sys\n"
          "atexit.register(lambda: sys.stderr.write("
          "f'\\nself-peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
          "from mkdocs.__main__ import cli\n"
          "sys.argv[0] = 'mkdocs'\n"
          "cli()"]


class Run(NamedTuple):
    wall: float  # seconds
    peak: int  # KB, the largest process of the tree
    cpu: float  # seconds, user + system, the whole process tree
    own_peak: int  # KB, the measured process alone (0 if it did not say)
    together: int  # KB, the most the process tree held at once (its processes' resident memory summed, sampled)


def _resident(pid: int) -> int:
    """Resident KB of one process, 0 if it has ended."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                with contextlib.suppress(OSError):
                    todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def timed(command: list[str], cwd: Path) -> Run:
    """Wall seconds, peak resident memory (KB) and CPU seconds (user + system) of one command.

    CPU time is reported too because a shared virtual machine's wall time varies by tens of percent. GNU time's
    peak is the largest single process; the build runs Pagefind beside itself, so the memory the machine must
    have is the sum, sampled every 0.1 s from /proc."""
    started = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", *command], cwd=cwd, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    together = 0
    with ThreadPoolExecutor(1) as reader:
        output = reader.submit(process.communicate)
        while process.poll() is None:
            together = max(together, sum(_resident(pid) for pid in _tree(process.pid)[1:]))  # not GNU time itself
            time.sleep(0.1)
        stdout, stderr = output.result()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stdout}\n{stderr}")
    peak, user, system = stderr.strip().splitlines()[-1].split()
    own = re.findall(r"^self-peak (\d+)$", stderr, flags=re.M)
    return Run(elapsed, int(peak), float(user) + float(system), int(own[-1]) if own else 0, max(together, int(peak)))


def search_command(corpus: Path) -> list[str]:
    """The build's own search step (Pagefind, one language and part at a time) again on the finished site, after
    removing its index (over an index already written, Pagefind took half the time: 18 s against 33 s of CPU at 5,000
    entries per language, which no build sees); its peak is the largest of its Pagefind runs."""
    return [sys.executable, "-c",
            "import shutil, sys\nfrom pathlib import Path\n"
            "shutil.rmtree(Path(sys.argv[1]) / 'site-hooks' / 'pagefind')\n"
            "from quangba.profile import load_profile\nfrom quangba.site.search import index_site\n"
            "profile = load_profile(Path(sys.argv[1]))\n"
            "index_site(Path(sys.argv[1]) / 'site-hooks', profile.language_codes, profile.limits.search_index_pages)",
            str(corpus)]


def bare_config(corpus: Path) -> Path:
    text = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    text = text.replace("      slugify: !!python/name:quangba.urls.slugify\n", "")
    if "hooks/portal.py" in text or "quangba.urls" in text:
        sys.exit("could not strip the project's hooks from mkdocs.yml")
    # The bare build is Material as a site would use it, search included: the portal's build replaces that search
    # with Pagefind, so each side pays for its own.
    text = text.replace("plugins:\n", "plugins:\n  - search\n", 1).replace("reconfigure_search: false",
                                                                           "reconfigure_search: true")
    text = text.replace("  custom_dir: overrides\n", "")  # the portal's templates need its hooks
    text += "\nnav:\n  - index.md\n  - about.md\n  - contact.md\n"
    path = corpus / "mkdocs-bare.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build_commands(corpus: Path) -> dict[str, list[str]]:
    bare = bare_config(corpus)
    return {
        "bare": [*MKDOCS, "build", "-q", "-f", str(bare), "-d", str(corpus / "site-bare")],
        "hooks": [*MKDOCS, "build", "-q", "--strict", "-f", str(corpus / "mkdocs.yml"),
                  "-d", str(corpus / "site-hooks")],
    }


def refresh_frame(corpus: Path) -> None:
    """Give a corpus made earlier the project's current hooks, theme and mkdocs.yml (make_corpus.py copies them
    once): an old copy of the hook adapter would leave out a newer hook and measure the old build."""
    for folder in ("hooks", "overrides"):
        shutil.rmtree(corpus / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, corpus / folder)
    shutil.copy(ROOT / "mkdocs.yml", corpus / "mkdocs.yml")


def compare(corpus: Path, rounds: int, quiet: bool = False) -> dict[str, list[Run]]:
    """Alternate bare and hooks builds, after one warm-up each (bytecode, disk cache, the photo cache)."""
    refresh_frame(corpus)
    builds = build_commands(corpus)
    for name, command in builds.items():
        run = timed(command, corpus)
        if not quiet:
            print(f"warm-up {name}: {run.wall:.1f} s")
    results: dict[str, list[Run]] = {name: [] for name in builds}
    for _ in range(rounds):
        for name, command in builds.items():
            results[name].append(timed(command, corpus))
    return results


def paired_ratio(results: dict[str, list[Run]]) -> float:
    """Each round runs bare then hooks back to back; the ratio within a round cancels the host's slow phases."""
    return statistics.median(h.cpu / b.cpu for b, h in zip(results["bare"], results["hooks"], strict=True))


def single(corpus: Path, rounds: int) -> None:
    entries = sum(1 for _ in (corpus / "content" / "vi").rglob("*.md")) - 3
    print(f"corpus: {corpus} ({entries} entries per language), {os.cpu_count()} cores")
    validate = [timed([str(BIN / "quangba"), "validate", "--root", str(corpus)], corpus) for _ in range(rounds)]
    seconds = [v.wall for v in validate]
    print(f"quangba validate: median {statistics.median(seconds):.2f} s (runs {', '.join(f'{s:.2f}' for s in seconds)})"
          f", peak {max(v.peak for v in validate) / 1024:.0f} MB")
    results = compare(corpus, rounds)
    medians, cpu = {}, {}
    for name, runs in results.items():
        medians[name] = statistics.median(r.wall for r in runs)
        cpu[name] = statistics.median(r.cpu for r in runs)
        size = sum(f.stat().st_size for f in (corpus / f"site-{name}").rglob("*") if f.is_file()) / 2**20
        print(f"mkdocs build ({name}): median {medians[name]:.1f} s wall, {cpu[name]:.1f} s CPU "
              f"(wall runs {', '.join(f'{r.wall:.1f}' for r in runs)}), peak {max(r.peak for r in runs) / 1024:.0f} MB "
              f"(its Python process {max(r.own_peak for r in runs) / 1024:.0f} MB, the tree at once "
              f"{max(r.together for r in runs) / 1024:.0f} MB), output {size:.0f} MB")
    fastest = min(r.cpu for r in results["hooks"]) / min(r.cpu for r in results["bare"])
    print(f"ratio hooks/bare: {medians['hooks'] / medians['bare']:.2f} median wall, {cpu['hooks'] / cpu['bare']:.2f} "
          f"median CPU, {paired_ratio(results):.2f} median of paired CPU ratios, {fastest:.2f} fastest CPU "
          "(target <= 1.25)")
    search = timed(search_command(corpus), corpus)
    print(f"of which Pagefind alone, run again on the built site: {search.wall:.1f} s wall, {search.cpu:.1f} s CPU, "
          f"peak {search.peak / 1024:.0f} MB")
    for name in results:
        shutil.rmtree(corpus / f"site-{name}", ignore_errors=True)


def growth(sizes: list[int], rounds: int, base: Path) -> None:
    """One line per corpus size, so that growth can be read down the columns."""
    print(f"{os.cpu_count()} cores; medians of {rounds} round(s) after a warm-up; CPU = user + system of the process "
          "tree; peak = largest process of the tree; python = the build's own process; at once = the tree's processes "
          "summed (sampled)")
    print("entries/lang | bare wall  CPU   peak | hooks wall  CPU   peak  python at once | CPU ratio memory ratio "
          "| Pagefind wall  CPU   peak")
    for size in sizes:
        corpus = base.parent / f"{base.name}-{size}"
        if not (corpus / "mkdocs.yml").exists():
            subprocess.run([sys.executable, str(Path(__file__).with_name("make_corpus.py")), "--entries", str(size),
                            "--out", str(corpus)], check=True, capture_output=True)
        results = compare(corpus, rounds, quiet=True)
        bare, hooks = (sorted(results[n], key=lambda r: r.cpu)[len(results[n]) // 2] for n in ("bare", "hooks"))
        search = timed(search_command(corpus), corpus)
        print(f"{size:>12,} | {bare.wall:8.1f} {bare.cpu:5.1f} {bare.peak / 1024:5.0f} | {hooks.wall:9.1f} "
              f"{hooks.cpu:5.1f} {hooks.peak / 1024:5.0f} {hooks.own_peak / 1024:6.0f} {hooks.together / 1024:7.0f} "
              f"| {paired_ratio(results):9.2f} {hooks.together / bare.together:12.2f} "
              f"| {search.wall:12.1f} {search.cpu:5.1f} {search.peak / 1024:5.0f}",
              flush=True)
        for name in results:
            shutil.rmtree(corpus / f"site-{name}", ignore_errors=True)
    print("(seconds and MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", help="comma-separated entries per language, e.g. 1000,5000,10000")
    args = parser.parse_args()
    if args.sizes:
        growth([int(n) for n in args.sizes.split(",")], args.rounds, args.corpus.resolve())
    else:
        single(args.corpus.resolve(), args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
