"""Text from front matter lands in many places of a page; in each it must stay text. Checked in Chromium: no
payload runs anywhere (not in the page, its head, the navigation, the listing, the lightbox or search results),
and each shows literally where a reader sees it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from tests.conftest import Project, serve

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"
# Each payload sets a different flag when it runs; quotes and angle brackets try every context's way out.
TITLE = """</title><script>window.__xss="title"</script>"'><img src=x onerror="window.__xss='title-img'">"""
SUMMARY = """"><script>window.__xss="summary"</script></script><svg onload="window.__xss='summary-svg'">"""
ALT = """" onerror="window.__xss='alt'" x=\""""
CAPTION = """<img src=x onerror="window.__xss='caption'">"""
CREDIT = """</script><script>window.__xss="credit"</script>"""
PLACE = """"}]</script><script>window.__xss="jsonld"</script>"""
BODY = "Tấn công &lt;img src=x onerror=window.__xss='search'&gt; thử nghiệm lecongchieng"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("hostile"))
    project.add_portal()
    vi = project.read(VI)
    for old, new in (("title: Lễ hội cồng chiêng", f"title: {_quoted(TITLE)}"),
                     ("summary: Tóm tắt bài viết.", f"summary: {_quoted(SUMMARY)}"),
                     ("    alt: Nghệ nhân đánh cồng", f"    alt: {_quoted(ALT)}"),
                     ("    caption: Đêm hội cồng chiêng", f"    caption: {_quoted(CAPTION)}"),
                     ("    credit: Sở Văn hóa", f"    credit: {_quoted(CREDIT)}"),
                     ("  name: Đà Lạt", f"  name: {_quoted(PLACE)}"),
                     ("Nội dung bài viết.", BODY)):
        assert old in vi
        vi = vi.replace(old, new)
    project.write(VI, vi)
    result = __import__("subprocess").run(
        [__import__("sys").executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root, capture_output=True,
        text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project.root / "site") as url:
        yield url


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, dialogs


def _nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_front_matter_text_stays_text_on_the_entry_page(hostile_site: str, browser: Browser) -> None:
    page, dialogs = _open(browser, hostile_site + "culture/gong-festival/")
    _nothing_ran(page, dialogs)
    assert page.title().startswith(TITLE)  # <title>: the whole text, literally
    assert page.locator("article h1").inner_text() == TITLE
    assert page.locator(".qb-summary").first.inner_text() == SUMMARY
    assert page.locator("meta[name=description]").get_attribute("content") == SUMMARY
    assert page.locator('meta[property="og:title"]').get_attribute("content") == TITLE
    image = page.locator("figure.qb-photo img").first
    assert image.get_attribute("alt") == ALT
    assert CAPTION in page.locator("figure.qb-photo figcaption").first.inner_text()
    assert CREDIT in page.locator("figure.qb-photo figcaption").first.inner_text()
    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["headline"] == TITLE and data["contentLocation"]["name"] == PLACE


def test_front_matter_text_stays_text_in_listings_and_the_lightbox(hostile_site: str, browser: Browser) -> None:
    page, dialogs = _open(browser, hostile_site + "culture/")
    _nothing_ran(page, dialogs)
    assert page.locator(".qb-card__title").first.inner_text() == TITLE
    page, dialogs = _open(browser, hostile_site + "culture/gong-festival/")
    page.locator("figure.qb-photo a").first.click()
    page.wait_for_timeout(800)
    _nothing_ran(page, dialogs)


def test_search_results_show_hostile_text_as_text(hostile_site: str, browser: Browser) -> None:
    page, dialogs = _open(browser, hostile_site)
    assert _search(page, "lecongchieng") == 1
    page.wait_for_timeout(500)
    _nothing_ran(page, dialogs)
    result = page.locator(".qb-result").first.inner_text()
    assert "onerror=window.__xss='search'" in result  # the payload is shown as the text it is, never run
    assert TITLE in result


def _search(page: Page, query: str) -> int:
    """Type a query into the portal's search box; the number of results listed."""
    page.locator("#qb-search-input").fill(query)
    page.locator(".qb-search__results li.qb-result, .qb-search__message").first.wait_for()
    return page.locator(".qb-result").count()


def test_hostile_text_in_every_export_stays_data(hostile_site: str, tmp_path: Path) -> None:
    import urllib.request
    import xml.etree.ElementTree as ET

    feed = urllib.request.urlopen(hostile_site + "feed.xml").read()
    titles = [e.text for e in ET.fromstring(feed).iter("{http://www.w3.org/2005/Atom}title")]
    assert TITLE in titles
    sitemap = urllib.request.urlopen(hostile_site + "sitemap.xml").read()
    ET.fromstring(sitemap)
    html = urllib.request.urlopen(hostile_site + "culture/gong-festival/").read().decode()
    head = BeautifulSoup(html, "html.parser").head
    assert head.title.get_text().startswith(TITLE)
    assert len(head.find_all("script", src=False, type=lambda t: t is None)) == 0  # no inline script at all
