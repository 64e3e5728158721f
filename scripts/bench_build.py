"""Benchmark: `quangba validate` and `mkdocs build` on a synthetic corpus, against a bare build.

The bare build is mkdocs-material (with its search) + static-i18n on the same Markdown and the same mkdocs.yml
without the project's hooks. Its sidebar holds only the standing pages, as ours does, so the comparison measures the
hooks, not the navigation trap. Builds alternate (bare, hooks, bare, hooks…) after one warm-up each, in one
run, and the medians are compared.

    python scripts/make_corpus.py --entries 1000 --out bench/corpus
    python scripts/bench_build.py --corpus bench/corpus --rounds 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (KB) and CPU seconds (user + system) of one command.

    CPU time is reported too because a shared virtual machine's wall time varies by tens of percent."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *command], cwd=cwd, env=ENV,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    peak, user, system = result.stderr.strip().splitlines()[-1].split()
    return elapsed, int(peak), float(user) + float(system)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus: Path = args.corpus.resolve()
    entries = sum(1 for _ in (corpus / "content" / "vi").rglob("*.md")) - 3
    print(f"corpus: {corpus} ({entries} entries per language), {os.cpu_count()} cores")

    validate = [timed([str(BIN / "quangba"), "validate", "--root", str(corpus)], corpus) for _ in range(args.rounds)]
    seconds = [v[0] for v in validate]
    print(f"quangba validate: median {statistics.median(seconds):.2f} s (runs {', '.join(f'{s:.2f}' for s in seconds)})"
          f", peak {max(v[1] for v in validate) / 1024:.0f} MB")

    bare = bare_config(corpus)
    builds = {
        "bare": [str(BIN / "mkdocs"), "build", "-q", "-f", str(bare), "-d", str(corpus / "site-bare")],
        "hooks": [str(BIN / "mkdocs"), "build", "-q", "--strict", "-f", str(corpus / "mkdocs.yml"),
                  "-d", str(corpus / "site-hooks")],
    }
    for name, command in builds.items():  # warm-up: bytecode, disk cache, the photo cache
        elapsed, _, _ = timed(command, corpus)
        print(f"warm-up {name}: {elapsed:.1f} s")
    results: dict[str, list[tuple[float, int, float]]] = {name: [] for name in builds}
    for _ in range(args.rounds):
        for name, command in builds.items():
            results[name].append(timed(command, corpus))
    medians, cpu = {}, {}
    for name, runs in results.items():
        medians[name] = statistics.median(r[0] for r in runs)
        cpu[name] = statistics.median(r[2] for r in runs)
        size = sum(f.stat().st_size for f in (corpus / f"site-{name}").rglob("*") if f.is_file()) / 2**20
        print(f"mkdocs build ({name}): median {medians[name]:.1f} s wall, {cpu[name]:.1f} s CPU "
              f"(wall runs {', '.join(f'{r[0]:.1f}' for r in runs)}), peak {max(r[1] for r in runs) / 1024:.0f} MB, "
              f"output {size:.0f} MB")
    # Each round runs bare then hooks back to back; the ratio within a round cancels the host's slow phases.
    paired = statistics.median(h[2] / b[2] for b, h in zip(results["bare"], results["hooks"], strict=True))
    fastest = min(r[2] for r in results["hooks"]) / min(r[2] for r in results["bare"])
    print(f"ratio hooks/bare: {medians['hooks'] / medians['bare']:.2f} median wall, {cpu['hooks'] / cpu['bare']:.2f} "
          f"median CPU, {paired:.2f} median of paired CPU ratios, {fastest:.2f} fastest CPU (target <= 1.25)")
    for name in builds:
        shutil.rmtree(corpus / f"site-{name}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
