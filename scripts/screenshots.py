"""Screenshots of the portal for a reviewer: the home page, a category and an entry, in both languages, at desktop
(1366 px) and phone (375 px) widths, each as the first screen and as the whole page, written as PNG files.
It also says whether anything scrolls sideways at 375 px (nothing should).

    python scripts/screenshots.py --site site --out bench/screenshots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_portal import ARGS, CHROMIUM, serve

PAGES = {"home": "", "category": "culture/", "entry": "culture/space-of-gong-culture/"}
WIDTHS = {"desktop": (1366, 768), "phone": (375, 812)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("bench/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sideways = []
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for device, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for language, prefix in (("vi", ""), ("en", "en/")):
                for name, path in PAGES.items():
                    page.goto(url + prefix + path)
                    page.wait_for_load_state("networkidle")
                    for _ in range(20):  # bring every lazy photo in before the whole-page picture
                        page.mouse.wheel(0, height)
                        page.wait_for_timeout(60)
                    page.evaluate("window.scrollTo(0, 0)")
                    page.wait_for_timeout(300)
                    stem = args.out / f"{name}-{language}-{device}"
                    page.screenshot(path=f"{stem}.png")
                    page.screenshot(path=f"{stem}-full.png", full_page=True)
                    if page.evaluate("document.documentElement.scrollWidth") > width:
                        sideways.append(f"{prefix}{path} at {width} px")
            page.close()
        browser.close()
    print(f"{len(PAGES) * 2 * len(WIDTHS) * 2} screenshots in {args.out}")
    print("sideways scrolling: " + (", ".join(sideways) if sideways else "none"))
    return 1 if sideways else 0


if __name__ == "__main__":
    sys.exit(main())
