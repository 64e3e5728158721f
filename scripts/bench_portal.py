"""Benchmark: what a visitor's browser transfers and waits for, in Debian's Chromium at 1366×768.

- bytes transferred before scrolling: the home page (budget 500 KB) and an entry with six photos (1.5 MB);
- the largest contentful paint of the home page on a throttled connection (1.6 Mbps down, 150 ms latency;
  goal 2.5 s), the median of several cold loads;
- what the first search transfers (goal 300 KB), on the corpus of 1,000 entries per language, for a few
  queries, and, with --lunr, the size of the single index Material's lunr search made every page download.

    python scripts/make_corpus.py --entries 1000 --out bench/corpus
    (cd bench/corpus && ../../.venv/bin/mkdocs build)
    python scripts/bench_portal.py --site site --corpus bench/corpus/site [--lunr bench/corpus]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1366, "height": 768}
THROTTLED = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".pagefind")  # as deploy/nginx/quangba.conf gzips


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses what the portal's nginx configuration compresses, so the figures are what a
    visitor of the deployed portal receives."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:  # revalidated, as nginx answers "no-cache" files
            self.send_response(304)
            self.end_headers()
            return None
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def transferred(page: Page, sizes: list[int], action) -> int:
    """Bytes (bodies and headers) of every request that finishes during ``action``."""
    sizes.clear()
    action()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    return sum(sizes)


def new_page(browser, throttled: bool = False) -> tuple[Page, list[int]]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    sizes: list[int] = []

    def finished(request) -> None:
        with contextlib.suppress(Exception):
            measured = request.sizes()
            sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])

    page.on("requestfinished", finished)
    if throttled:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Network.emulateNetworkConditions", THROTTLED)
    return page, sizes


def largest_paint(page: Page, url: str) -> float:
    page.add_init_script("""window.__lcp = 0; new PerformanceObserver(list => { for (const entry of list.getEntries())
        window.__lcp = Math.max(window.__lcp, entry.startTime); }).observe({type: 'largest-contentful-paint',
        buffered: true});""")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)
    return page.evaluate("window.__lcp") / 1000


def first_search(browser, url: str, query: str) -> int:
    page, sizes = new_page(browser)
    page.goto(url)
    page.wait_for_load_state("networkidle")

    def ask() -> None:
        page.locator("#qb-search-input").fill(query)
        page.locator(".qb-search__results .qb-result, .qb-search__results .qb-search__message").first.wait_for()

    total = transferred(page, sizes, ask)
    page.context.close()
    return total


def lunr_index_size(corpus: Path) -> int:
    """The size of the one search_index.json Material's lunr search writes for both languages (a bare build of the
    same corpus with the search plugin back)."""
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "corpus"
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("site", ".cache", ".site.*"))
        config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
        config = config.replace("      slugify: !!python/name:quangba.urls.slugify\n", "")
        config = config.replace("plugins:\n", "plugins:\n  - search\n", 1) + "\nnav:\n  - index.md\n"
        config = config.replace("  custom_dir: overrides\n", "")  # the theme alone: the portal's need its hooks
        (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=copy, check=True, capture_output=True,
                       env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        return (copy / "site/search/search_index.json").stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built sample site")
    parser.add_argument("--corpus", type=Path, help="the built 1,000-entries-per-language corpus site")
    parser.add_argument("--entry", default="tourism/mui-ne-sand-dunes/", help="an entry with six photos")
    parser.add_argument("--runs", type=int, default=5, help="cold loads for the largest contentful paint")
    parser.add_argument("--lunr", type=Path, help="a corpus project: also measure Material's lunr index for it")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with serve(args.site) as url:
            for name, path, budget in (("home page", "", 500), ("six-photo entry", args.entry, 1536)):
                page, sizes = new_page(browser)
                kb = transferred(page, sizes, lambda path=path, page=page: page.goto(url + path)) / 1024
                page.context.close()
                verdict = 'ok' if kb <= budget else 'OVER'
                print(f"{name:18} {kb:7.0f} KB before scrolling (budget {budget} KB): {verdict}")
            paints = []
            for _ in range(args.runs):
                page, _ = new_page(browser, throttled=True)
                paints.append(largest_paint(page, url))
                page.context.close()
            lcp = statistics.median(paints)
            print(f"home page LCP      {lcp:7.2f} s at 1.6 Mbps, 150 ms (median of {args.runs}; goal 2.5 s): "
                  f"{'ok' if lcp <= 2.5 else 'OVER'}  [{', '.join(f'{p:.2f}' for p in paints)}]")
        if args.corpus:
            with serve(args.corpus) as url:
                for start, query in (("", "le hoi"), ("", "Đà Lạt"), ("", "cong chieng bao loc"), ("en/", "gong")):
                    kb = first_search(browser, url + start, query) / 1024
                    print(f"first search       {kb:7.0f} KB for {query!r} on /{start} (goal 300 KB): "
                          f"{'ok' if kb <= 300 else 'OVER'}")
        browser.close()
    if args.lunr:
        size = lunr_index_size(args.lunr)
        print(f"lunr index         {size / 2**20:7.1f} MB, fetched by every page of either language as it loads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
