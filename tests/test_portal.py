"""The public portal in Chromium, as visitors at home and abroad use it: search that understands Vietnamese typed
without marks, pages with no accessibility violation (axe-core, WCAG 2.1 AA and 2.2 AA rules), a lightbox and a
menu usable by keyboard, a skip link, pages that print as documents, and nothing fetched from another host."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Project, serve

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ENTRY = "culture/space-of-gong-culture/"  # three photos


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


class Visit:
    """A page opened as a visitor would, recording every request that failed or left the site."""

    def __init__(self, browser: Browser, base: str, width: int = 1366, bypass_csp: bool = False) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 812},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.problems.append(f"other host {r.url}")
                     if not r.url.startswith(base) else None)
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url}"))
        self.page.on("response", lambda r: self.problems.append(f"{r.status} {r.url}")
                     if r.status >= 400 and "no-such" not in r.url else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"error {e}"))

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.problems == []


@pytest.fixture
def visit(browser: Browser, site: str) -> Iterator[Visit]:
    visitor = Visit(browser, site)
    yield visitor
    visitor.close()


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type into the header's search box; the results listed, as a visitor reads them."""
    box = page.locator("#qb-search-input")
    box.fill("")
    page.locator("#qb-search-results").evaluate("panel => panel.replaceChildren()")  # only this query's results
    box.fill(query)
    page.locator(".qb-search__results .qb-result, .qb-search__results .qb-search__message").first.wait_for()
    page.wait_for_timeout(300)
    return page.evaluate("""() => [...document.querySelectorAll('.qb-result')].map(r => ({
        url: r.querySelector('a').getAttribute('href').split('?')[0],
        title: r.querySelector('.qb-result__title')?.textContent || '',
        category: r.querySelector('.qb-result__category')?.textContent || '',
        excerpt: r.querySelector('.qb-result__excerpt')?.textContent || '',
        marked: [...r.querySelectorAll('mark')].map(m => m.textContent),
        image: r.querySelector('img')?.getAttribute('src') || ''}))""")


# -- search -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("le hoi", "Người Chăm và lễ hội Katê"),
    ("cong chieng", "Không gian văn hóa cồng chiêng Tây Nguyên"),
    ("dak nong", "Công viên địa chất toàn cầu UNESCO Đắk Nông"),
    ("DA LAT nha ga", "Nhà ga Đà Lạt"),
])
def test_search_folds_case_and_every_vietnamese_mark_including_d(visit: Visit, query: str, expected: str) -> None:
    page = visit.open("")
    titles = [r["title"] for r in search(page, query)]
    assert expected in titles, titles


def test_da_and_the_letter_d_find_the_same_pages(visit: Visit) -> None:
    page = visit.open("")
    with_mark = {r["url"] for r in search(page, "Đà Lạt")}
    counted = page.locator("#qb-search-status").inner_text()
    without = {r["url"] for r in search(page, "da lat")}
    assert counted == page.locator("#qb-search-status").inner_text() and counted.split()[0].isdigit()
    assert len(with_mark) == len(without) == 8 and len(with_mark & without) >= 6  # the same pages, listed 8 at a time


def test_search_finds_only_the_pages_language(visit: Visit) -> None:
    page = visit.open("")
    vietnamese = search(page, "Đà Lạt")
    assert vietnamese and not any(r["url"].startswith("/en/") for r in vietnamese)
    page = visit.open("en/")
    english = search(page, "Da Lat")
    assert english and all(r["url"].startswith("/en/") for r in english)
    assert search(page, "cồng chiêng") == []  # a Vietnamese-only phrase: nothing in the English index


def test_results_show_title_summary_category_and_thumbnail_and_the_page_highlights(visit: Visit) -> None:
    page = visit.open("")
    [result] = [r for r in search(page, "cong chieng") if r["url"].startswith("/" + ENTRY)]
    assert result["category"] == "Văn hóa" and result["image"].startswith("/media/")
    assert result["marked"] and all(m.lower().startswith(("cồng", "chiêng")) for m in result["marked"])
    assert result["excerpt"]
    page.locator(f'.qb-result a[href^="/{ENTRY}"]').click()
    page.wait_for_url(f"**/{ENTRY}?highlight=*")
    page.locator("mark.pagefind-highlight").first.wait_for()
    assert page.locator("mark.pagefind-highlight").count() >= 2


def test_the_search_box_works_by_keyboard(visit: Visit) -> None:
    page = visit.open("")
    search(page, "Đà Lạt")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.qb-result') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "qb-search-input"
    assert page.locator("#qb-search-results").is_hidden()
    assert "kết quả" in page.locator("#qb-search-status").inner_text()


@pytest.fixture(scope="module")
def ranked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small portal with "hòa" and "hoa" in different entries: an exact mark must rank first."""
    project = Project(tmp_path_factory.mktemp("ranked"))
    project.add_portal()
    vi, en = project.read("content/vi/culture/gong-festival.md"), project.read("content/en/culture/gong-festival.md")
    for slug, title in (("hoa-binh", "Hòa bình trên cao nguyên"), ("hoa-rung", "Hoa rừng trên cao nguyên")):
        project.write(f"content/vi/culture/{slug}.md", vi.replace("2025-test-entry", f"2025-{slug}")
                      .replace("Lễ hội cồng chiêng", title).replace("Nội dung bài viết.", f"{title}. Nội dung."))
        project.write(f"content/en/culture/{slug}.md", en)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with serve(project.root / "site") as url:
        yield url


def test_an_exact_diacritic_match_ranks_first(browser: Browser, ranked_site: str) -> None:
    visitor = Visit(browser, ranked_site)
    page = visitor.open("")
    assert search(page, "hòa")[0]["title"] == "Hòa bình trên cao nguyên"
    assert search(page, "hoa")[0]["title"] == "Hoa rừng trên cao nguyên"
    assert {r["title"] for r in search(page, "hoa")} >= {"Hòa bình trên cao nguyên", "Hoa rừng trên cao nguyên"}
    visitor.close()


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A portal whose languages have more pages than ``limits.search_index_pages``: each is indexed in parts."""
    project = Project(tmp_path_factory.mktemp("parted"))
    project.add_portal()
    profile = yaml.safe_load(project.read("province.yml"))
    profile.setdefault("limits", {})["search_index_pages"] = 2
    project.write("province.yml", yaml.safe_dump(profile, allow_unicode=True, sort_keys=False))
    vi, en = project.read("content/vi/culture/gong-festival.md"), project.read("content/en/culture/gong-festival.md")
    for slug, title in (("hoa-binh", "Hòa bình trên cao nguyên"), ("hoa-rung", "Hoa rừng trên cao nguyên"),
                        ("hoa-ca", "Hoa ca trên cao nguyên"), ("cho-hoa", "Chợ hoa trên cao nguyên")):
        project.write(f"content/vi/culture/{slug}.md", vi.replace("2025-test-entry", f"2025-{slug}")
                      .replace("Lễ hội cồng chiêng", title).replace("Nội dung bài viết.", f"{title}. Nội dung."))
        project.write(f"content/en/culture/{slug}.md", en)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    entry = json.loads((project.root / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert len(entry["quangba_parts"]["vi"]) >= 3, entry
    with serve(project.root / "site") as url:
        yield url


def test_a_search_over_an_index_in_parts_finds_and_ranks_pages_from_every_part(browser: Browser,
                                                                                parted_site: str) -> None:
    visitor = Visit(browser, parted_site)
    parts: set[str] = set()
    visitor.page.on("request", lambda r: parts.add(r.url.split("/parts/")[1].split("/")[0])
                    if "/pagefind/parts/" in r.url else None)
    page = visitor.open("")
    titles = [r["title"] for r in search(page, "cao nguyen")]
    assert {"Hòa bình trên cao nguyên", "Hoa rừng trên cao nguyên", "Hoa ca trên cao nguyên",
            "Chợ hoa trên cao nguyên"} <= set(titles), titles
    assert len(titles) == len(set(titles)) and page.locator("#qb-search-status").inner_text().startswith(
        f"{len(titles)} "), titles  # each page once, and the count is of all parts
    assert search(page, "hòa")[0]["title"] == "Hòa bình trên cao nguyên"  # the exact mark first, across parts
    assert len(parts) >= 2 and all(p.startswith("vi-") for p in parts), parts
    visitor.close()


# -- accessibility -------------------------------------------------------------------------------------------------

def axe_violations(page: Page) -> list[tuple[str, str]]:
    page.add_script_tag(path=str(AXE))
    report = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], json.dumps(v["nodes"][0]["target"])) for v in report["violations"]]


STATES = {
    "home": ("", None), "category": ("culture/", None), "entry": (ENTRY, None), "404": ("404.html", None),
    "search": ("", "search"), "lightbox": (ENTRY, "lightbox"), "phone menu": ("", "menu"),
    "investment": ("investment/tuy-phong-wind-farm/", None), "projects": ("projects/", None),
    "clarifications": ("clarifications/", None), "publications": ("publications/", None), "events": ("events/", None),
}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("state", list(STATES))
def test_no_accessibility_violation(browser: Browser, site: str, language: str, state: str) -> None:
    """axe-core is injected as a script, which the pages' own policy refuses: these pages bypass it (the policy
    is tested on every page elsewhere)."""
    path, action = STATES[state]
    prefix = "" if language == "vi" else "en/"
    visitor = Visit(browser, site, 375 if action == "menu" else 1366, bypass_csp=True)
    page = visitor.open(prefix + path)
    if action == "search":
        assert search(page, "Đà Lạt" if language == "vi" else "Da Lat")
    elif action == "lightbox":
        page.locator("a.qb-lightbox").first.click()
        page.locator(".pswp img.pswp__img").first.wait_for()
        page.wait_for_timeout(600)
    elif action == "menu":
        page.locator(".qb-menu-button").click()
        assert page.locator("#qb-nav").is_visible()
    assert axe_violations(page) == []
    visitor.close()


def test_the_skip_link_is_the_first_stop_is_visible_and_moves_focus_to_the_content(visit: Visit) -> None:
    page = visit.open(ENTRY)
    page.keyboard.press("Tab")
    skip = page.locator(".qb-skip")
    assert page.evaluate("document.activeElement.classList.contains('qb-skip')")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 10  # on screen once focused
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "qb-main"


def test_every_focus_stop_shows_a_focus_ring(visit: Visit) -> None:
    page = visit.open(ENTRY)
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            const card = e.closest('.qb-card'); const c = card && getComputedStyle(card);
            return [e.tagName + '.' + e.className, s.outlineStyle, s.outlineWidth, c ? c.outlineStyle : 'none',
                    e.getBoundingClientRect().width]; }""")
        ring = style[1] != "none" and style[2] != "0px"
        if not ring and style[3] == "none" and style[4] > 0 and not style[0].startswith("BODY"):
            unseen.append(style[0])
    assert unseen == []


def test_the_lightbox_works_by_keyboard_and_gives_focus_back(visit: Visit) -> None:
    page = visit.open(ENTRY)
    first = page.locator("a.qb-lightbox").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(".pswp")
    dialog.wait_for()
    page.wait_for_timeout(500)
    assert dialog.get_attribute("role") == "dialog" and dialog.get_attribute("aria-modal") == "true"
    assert dialog.get_attribute("aria-label") == "Xem ảnh phóng to"
    alts = page.locator("figure.qb-photo img").evaluate_all("images => images.map(i => i.alt)")
    shown = page.locator('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)').first
    assert shown.get_attribute("alt") == alts[0]
    caption = page.locator(".qb-lightbox-caption")
    first_caption = caption.inner_text()
    page.keyboard.press("ArrowRight")
    expect(caption).not_to_have_text(first_caption)  # waits for the slide to change, however slow the machine
    expect(caption).to_contain_text("Ảnh:")
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert page.evaluate("document.activeElement === document.querySelector('a.qb-lightbox')")


def test_the_phone_menu_is_a_disclosure(browser: Browser, site: str) -> None:
    visitor = Visit(browser, site, 375)
    page = visitor.open("en/")
    button = page.locator(".qb-menu-button")
    assert button.get_attribute("aria-expanded") == "false" and page.locator("#qb-nav").is_hidden()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and page.locator("#qb-nav").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#qb-nav").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('qb-menu-button')")
    visitor.close()


@pytest.mark.parametrize("path", ["", "en/", "culture/", "en/culture/", ENTRY, "en/" + ENTRY,
                                  "tourism/mui-ne-sand-dunes/"])
def test_nothing_scrolls_sideways_on_a_phone(browser: Browser, site: str, path: str) -> None:
    visitor = Visit(browser, site, 375)
    page = visitor.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    visitor.close()


# -- category grids ------------------------------------------------------------------------------------------------

def test_a_category_grid_filters_and_pages(visit: Visit, tmp_path) -> None:
    page = visit.open("culture/")
    cards = page.locator(".qb-card:visible")
    total = cards.count()
    assert total >= 2 and page.locator(".qb-pager").is_hidden()  # fewer than a page: no pager
    tag = page.locator('select[name="tag"] option').nth(1)
    value, label = tag.get_attribute("value"), tag.inner_text()
    page.locator('select[name="tag"]').select_option(value)
    shown = page.locator(".qb-card:visible")
    assert 0 < shown.count() < total
    assert all(value in card.get_attribute("data-tags").split() for card in shown.all())
    assert f"tag={value}" in page.url and label
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator('select[name="tag"]').input_value() == value  # the address keeps the filter


def test_a_long_category_is_paged(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    project = Project(tmp_path_factory.mktemp("paged"))
    project.add_portal()
    project.write("province.yml", project.read("province.yml") + "portal:\n  per_page: 4\n")
    vi, en = project.read("content/vi/culture/gong-festival.md"), project.read("content/en/culture/gong-festival.md")
    for number in range(9):
        project.write(f"content/vi/culture/entry-{number}.md", vi.replace("2025-test-entry", f"2025-entry-{number}")
                      .replace("Lễ hội cồng chiêng", f"Bài số {number}"))
        project.write(f"content/en/culture/entry-{number}.md", en)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with serve(project.root / "site") as url:
        visitor = Visit(browser, url)
        page = visitor.open("culture/")
        assert page.locator(".qb-card:visible").count() == 4
        assert page.locator(".qb-grid__status").inner_text() == "Đang xem 1–4 trong 10 bài"
        page.locator('.qb-pager button[aria-label="Trang 3"]').click()
        assert page.locator(".qb-card:visible").count() == 2 and "page=3" in page.url
        assert page.locator('.qb-pager button[aria-current="page"]').inner_text() == "3"
        visitor.close()


# -- each language complete; printing ------------------------------------------------------------------------------

def test_every_page_names_its_alternates_absolutely_with_x_default(sample_site: Path) -> None:
    pages = [p for p in sample_site.rglob("index.html") if not {"pagefind", "admin"} & set(p.parts)]  # the portal's
    assert len(pages) > 60
    for file in pages:
        head = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").head
        links = {link["hreflang"]: link["href"] for link in head.find_all("link", hreflang=True)
                 if "alternate" in link.get("rel", [])}
        if head.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue  # a withdrawal notice is for people, not search engines
        assert set(links) == {"vi", "en", "x-default"}, file
        assert all(urlsplit(href).scheme == "https" for href in links.values()), file
        assert links["x-default"] == links["vi"]
        language = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").html["lang"]
        assert head.find("meta", property="og:locale")["content"] == {"vi": "vi_VN", "en": "en_US"}[language]


def test_an_entry_prints_as_a_document(visit: Visit) -> None:
    page = visit.open(ENTRY)
    page.emulate_media(media="print")
    for hidden in (".qb-header", ".qb-footer", ".qb-skip"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("article h1").is_visible() and page.locator(".qb-summary").first.is_visible()
    url = page.locator(".qb-print-url")
    assert url.is_visible() and "https://quangba.lamdong.gov.vn/" + ENTRY in url.inner_text()
    photo = page.locator("figure.qb-photo img").first.bounding_box()
    assert photo is not None and photo["height"] < 9 / 2.54 * 96 + 1  # modest: at most 9 cm high
    assert page.locator("figure.qb-photo .qb-credit").first.is_visible()
