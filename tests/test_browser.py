"""The portal in a real browser (Debian's Chromium driven by Playwright): what a visitor clicks and sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import serve


@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def test_switching_language_on_an_entry_opens_its_counterpart(served: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(served) else None)
    page.goto(served + "history/da-lat-railway-station/")
    assert page.locator("h1").inner_text() == "Nhà ga Đà Lạt"
    page.locator('nav.qb-languages a[hreflang="en"]').click()
    page.wait_for_url(served + "en/history/da-lat-railway-station/")
    assert page.locator("h1").inner_text() == "Da Lat railway station"
    assert page.locator(".qb-issued").inner_text() == "October 20, 2025"
    page.locator('nav.qb-languages a[hreflang="vi"]').click()
    page.wait_for_url(served + "history/da-lat-railway-station/")
    assert page.locator(".qb-issued").inner_text() == "ngày 20 tháng 10 năm 2025"
    assert outside == []


def test_photos_are_laid_out_without_shift_and_the_lead_one_loads(served: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "en/tourism/mui-ne-sand-dunes/")
    lead = page.locator("figure.qb-photo img").first
    lead.wait_for()
    page.wait_for_function("document.querySelector('figure.qb-photo img').complete")
    natural = page.evaluate("document.querySelector('figure.qb-photo img').naturalWidth")
    assert natural > 0
    box = lead.bounding_box()
    assert box is not None and box["height"] == pytest.approx(box["width"] * 1600 / 2400, rel=0.02)


def test_a_category_page_links_to_its_entries(served: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "en/culture/")
    titles = page.locator(".qb-card__title").all_inner_texts()
    assert titles[0] == "Leaflet “The Space of Gong Culture”"  # newest first, whatever the kind
    page.locator(".qb-card__title a", has_text="The Space of Gong Culture in the Central Highlands").click()
    page.wait_for_url(served + "en/culture/space-of-gong-culture/")
    assert page.locator("figure.qb-photo").count() == 3


def test_a_six_photo_entry_transfers_under_1_5_mb_before_scrolling(served: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(served + "en/tourism/mui-ne-sand-dunes/")
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.qb-photo").count() == 6
    total = 0
    images = []
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if request.resource_type == "image":
            images.append(request.url)
    assert total < 1.5 * 2**20, f"{total / 2**20:.2f} MB"
    assert any(url.endswith(".avif") for url in images)  # the browser picks the best source it knows
    assert not any(url.endswith("-2400.jpg") for url in images)  # the full size only opens in the lightbox
    assert len(images) < 6 + 1  # photos far below the fold wait for scrolling


@pytest.mark.parametrize(("viewport", "scale", "wanted"), [
    ({"width": 1920, "height": 1080}, 1, "-2400.webp"),  # more than AVIF's 1600 px: the WebP, not a stretched AVIF
    ({"width": 1366, "height": 768}, 1, "-1600.avif"),
    ({"width": 390, "height": 844}, 3, "-1600.avif"),  # 1170 device pixels
])
def test_the_hero_is_never_stretched(served: str, browser: Browser, viewport: dict[str, int], scale: int,
                                     wanted: str) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    page.goto(served)
    hero = page.locator(".qb-hero img")
    hero.wait_for()
    page.wait_for_function("document.querySelector('.qb-hero img').complete")
    chosen = page.evaluate("document.querySelector('.qb-hero img').currentSrc")
    context.close()
    assert chosen.endswith(wanted), chosen
