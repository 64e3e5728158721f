"""Benchmark: how long an editor waits, under ``mkdocs serve``, between saving an entry and seeing it changed.

Starts ``mkdocs serve`` on a corpus, waits for the first build, then edits one entry's body (in Vietnamese, then in
English, then a list-visible title), each time polling the served page until the new words are there, and reports
the seconds from the save to the page. The edited files are restored at the end.

    python scripts/make_corpus.py --entries 1000 --out bench/corpus
    python scripts/bench_preview.py --corpus bench/corpus
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
ADDRESS = "127.0.0.1:8765"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, marker: str, limit: float) -> float | None:
    """Seconds until ``url`` serves ``marker``; None if it never did within ``limit``."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def entry_to_edit(corpus: Path) -> str:
    """An entry that is published in both languages (the corpus' first culture entry)."""
    for path in sorted((corpus / "content" / "vi").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if "status: published" in text and path.name != "index.md":
            return path.relative_to(corpus / "content" / "vi").as_posix()
    sys.exit("no published entry in the corpus")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--rounds", type=int, default=3, help="saves per kind of edit")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds to wait for a change to show")
    args = parser.parse_args()
    corpus: Path = args.corpus.resolve()
    rel = entry_to_edit(corpus)
    base = f"http://{ADDRESS}/"
    page = base + rel.removesuffix(".md") + "/"
    files = {lang: corpus / "content" / lang / rel for lang in ("vi", "en")}
    originals = {lang: path.read_bytes() for lang, path in files.items()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (corpus / "preview-bench.log").open("w", encoding="utf-8")  # the server's messages, to read afterwards
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", ADDRESS], cwd=corpus, env=env,
                              stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    results: dict[str, list[float]] = {}
    try:
        started = time.perf_counter()
        first = wait_for(page, "<html", args.limit * 3)
        if first is None:
            sys.exit(f"mkdocs serve did not serve {page}")
        print(f"corpus {corpus}: first build served after {time.perf_counter() - started:.1f} s; editing {rel}")
        time.sleep(2)  # let the watcher settle
        for number in range(args.rounds):
            for lang, url in (("vi", page), ("en", base + "en/" + rel.removesuffix(".md") + "/")):
                marker = f"preview-mark-{lang}-{number}-{time.time_ns()}"
                text = files[lang].read_text(encoding="utf-8")
                files[lang].write_text(text.rstrip("\n") + f"\n\nĐoạn mới {marker}.\n", encoding="utf-8")
                waited = wait_for(url, marker, args.limit)
                results.setdefault(f"body ({lang})", []).append(waited if waited is not None else float("inf"))
                time.sleep(1)
            # A title shows on the category listing too: the list must follow.
            marker = f"Tieu de moi {number} {time.time_ns()}"
            text = files["vi"].read_text(encoding="utf-8")
            files["vi"].write_text(re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M),
                                   encoding="utf-8")
            category = base + rel.split("/")[0] + "/"
            waited = wait_for(category, marker, args.limit)
            results.setdefault("title on its listing (vi)", []).append(waited if waited is not None else float("inf"))
            time.sleep(1)
    finally:
        for lang, path in files.items():
            path.write_bytes(originals[lang])
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    for name, seconds in results.items():
        print(f"save -> page shows it, {name}: median {statistics.median(seconds):.2f} s "
              f"(runs {', '.join(f'{s:.2f}' for s in seconds)}; goal < 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
