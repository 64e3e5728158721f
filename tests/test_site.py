"""The built portal, read as its visitors and the national database would read it."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from quangba.sources.catalogue import load_catalogue
from quangba.urls import page_path
from tests.conftest import REPO, Project

CATALOGUE = load_catalogue(REPO)
PROFILE = CATALOGUE.profile
assert PROFILE is not None and CATALOGUE.ok, CATALOGUE.problems


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def resolve(from_url: str, href: str) -> str:
    """The site path a relative link on the page at ``from_url`` points to."""
    joined = posixpath.normpath(posixpath.join("/" + from_url, href))
    return joined.lstrip("/") + ("/" if href.endswith("/") and joined != "/" else "")


def switcher(page: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in page.select("nav.qb-languages a[hreflang]")}


@pytest.mark.parametrize("entry", CATALOGUE.published, ids=lambda e: e.id)
def test_language_switcher_goes_to_the_counterpart_and_back(sample_site: Path, entry) -> None:
    vi_url, en_url = (page_path(entry.rel_path, lang, "vi") for lang in ("vi", "en"))
    vi_page, en_page = soup(page_file(sample_site, vi_url)), soup(page_file(sample_site, en_url))
    assert resolve(vi_url, switcher(vi_page)["en"]) == en_url
    assert resolve(en_url, switcher(en_page)["vi"]) == vi_url
    assert vi_page.h1.get_text(strip=True) == entry.texts["vi"].title
    assert en_page.h1.get_text(strip=True) == entry.texts["en"].title
    assert vi_page.html["lang"] == "vi" and en_page.html["lang"] == "en"


def test_entry_page_shows_photos_agency_dates_and_licence_in_each_language(sample_site: Path) -> None:
    entry = next(e for e in CATALOGUE.published if e.id == "2025-gong-culture")
    vi = soup(page_file(sample_site, "culture/space-of-gong-culture/"))
    en = soup(page_file(sample_site, "en/culture/space-of-gong-culture/"))
    assert vi.select_one(".qb-issued").get_text() == "ngày 15 tháng 11 năm 2025"
    assert en.select_one(".qb-issued").get_text() == "November 15, 2025"
    assert vi.select_one(".qb-updated").get_text() == "ngày 10 tháng 1 năm 2026"
    assert en.select_one(".qb-updated").get_text() == "January 10, 2026"
    assert vi.select_one(".qb-agency").get_text() == "Sở Văn hóa, Thể thao và Du lịch"
    assert en.select_one(".qb-agency").get_text() == "Department of Culture, Sports and Tourism"
    assert en.select_one("a.qb-licence")["href"] == "https://creativecommons.org/licenses/by/4.0/"
    for page, language in ((vi, "vi"), (en, "en")):
        figures = page.select("article figure.qb-photo")
        assert len(figures) == len(entry.photos) == 3
        for figure, photo in zip(figures, entry.photos, strict=True):
            img = figure.img
            assert img["alt"] == photo.texts[language].alt
            assert photo.texts[language].caption in figure.figcaption.get_text()
            assert photo.credit in figure.figcaption.get_text()
            assert int(img["width"]) > 0 and int(img["height"]) > 0
            assert " 480w" in img["srcset"] and " 1600w" in img["srcset"] and img["sizes"]
            sources = {s["type"]: s for s in figure.select("picture source")}
            assert all(s["sizes"] and not s.get("media") for s in sources.values())
            assert " 2400w" in sources["image/webp"]["srcset"]
            # AVIF stops at 1600 px (province.yml media.widest): the 880-px column at twice the density
            assert "image/avif" not in sources or (" 1600w" in sources["image/avif"]["srcset"]
                                                  and " 2400w" not in sources["image/avif"]["srcset"])
            assert img["style"].startswith("background-color:#")  # the placeholder until the photo arrives
            link = figure.select_one("a.qb-lightbox")  # opened by PhotoSwipe at the largest size
            assert resolve(page_path(entry.rel_path, language, "vi"), link["href"]).endswith("-2400.jpg")
            assert (link["data-pswp-width"], link["data-pswp-height"]) == ("2400", "1600")
        assert "loading" not in figures[0].img.attrs  # the lead photo is not lazy
        assert page.select_one('script[type=module][src$="assets/javascripts/quangba.js"]') is not None
        assert all(f.img["loading"] == "lazy" for f in figures[1:])
    assert en.select_one(".qb-translation").get_text() == "Reviewed; reviewer: Tổ biên dịch – hiệu đính (mẫu)"
    assert vi.select_one(".qb-translation") is None  # the source language is not a translation


@pytest.mark.parametrize("url", ["", "investment/", "tourism/", "en/about/", "en/culture/", "404.html"])
def test_the_header_leads_to_every_section_and_marks_the_one_a_visitor_is_in(sample_site: Path, url: str) -> None:
    """Every page's header (rendered once per language and filled in per page) links each section and the
    home page from where the page is, and marks as current the section that is this very page."""
    language = "en" if url.startswith("en/") else "vi"
    page = soup(sample_site / url if url.endswith(".html") else page_file(sample_site, url))
    links = page.select("nav.qb-nav a")
    assert [a.get_text() for a in links] == [PROFILE.text(link.label, language) for link in PROFILE.portal.navigation]
    for a, link in zip(links, PROFILE.portal.navigation, strict=True):
        target, _, anchor = link.page.partition("#")
        rel_path = f"{target}index.md" if target.endswith("/") else target
        expected = page_path(rel_path, language, PROFILE.default_language)
        if url == "404.html":  # a 404 page answers at any depth: its links start at the root
            assert a["href"].split("#")[0] == "/" + expected
        else:
            assert resolve(url, a["href"].split("#")[0]) == expected
        assert (a.get("aria-current") == "page") == (expected == url and not anchor)
    home = page.select_one("a.qb-brand")["href"]
    assert home == "/" if url == "404.html" else resolve(url, home) == page_path("index.md", language, "vi")
    assert page.select_one("nav.qb-languages a[aria-current]")["hreflang"] == language


@pytest.mark.parametrize("code", list(PROFILE.categories))
def test_every_category_page_lists_its_entries_newest_first(sample_site: Path, code: str) -> None:
    expected = CATALOGUE.by_category[code]
    assert expected, f"sample content has no entry in {code}"
    for language in ("vi", "en"):
        url = page_path(f"{code}/index.md", language, "vi")
        page = soup(page_file(sample_site, url))
        assert page.h1.get_text(strip=True) == PROFILE.categories[code]["label"][language]
        items = page.select(".qb-card")
        titles = [i.select_one(".qb-card__title").get_text() for i in items]
        assert titles == [e.texts[language].title for e in expected]
        dates = [i.time["datetime"] for i in items]
        assert dates == sorted(dates, reverse=True)
        for item, entry in zip(items, expected, strict=True):
            href = item.select_one(".qb-card__title a")["href"]
            assert resolve(url, href) == page_path(entry.rel_path, language, "vi")
            assert item["data-agency"] == entry.agency and item["data-tags"] == " ".join(entry.tags)
            if entry.photos:
                assert item.img["alt"] == entry.photos[0].texts[language].alt
                assert item.img.get("loading") in ("lazy", None) and "fetchpriority" not in item.img.attrs


def test_home_page_presents_the_province_and_every_category(sample_site: Path) -> None:
    for url, language in (("", "vi"), ("en/", "en")):
        page = soup(page_file(sample_site, url) if url else sample_site / "index.html")
        tiles = page.select(".qb-category")
        assert [t.strong.get_text() for t in tiles] == [c["label"][language] for c in PROFILE.categories.values()]
        assert all(t.img and t.img["alt"] for t in tiles)  # every category shows its newest photo
        assert page.select_one(".qb-hero h1").get_text() == CATALOGUE.pages_by_path["index.md"].texts[language].title
        assert PROFILE.short_name[language] in page.select_one(".qb-hero h1").get_text()
        assert page.select_one(".qb-hero img")["fetchpriority"] == "high"
        assert len(page.select(".qb-fact")) == len(PROFILE.portal.facts)
        assert [a.strong.get_text() for a in page.select(".qb-audience")] == [
            a.label[language] for a in PROFILE.portal.audiences]
        assert PROFILE.portal.spokesperson.email in page.select_one(".qb-spokesperson").get_text()


def test_entries_stay_out_of_the_sidebar(sample_site: Path) -> None:
    page = soup(sample_site / "index.html")
    assert page.select("nav.md-nav--primary") == []  # no documentation sidebar at all
    sections = [a.get_text(strip=True) for a in page.select("nav.qb-nav a")]
    assert sections == [link.label["vi"] for link in PROFILE.portal.navigation]


def test_no_draft_or_unpublished_text_reaches_the_site(sample_site: Path) -> None:
    drafts = [e for e in CATALOGUE.entries if not e.published]
    assert {e.status for e in drafts} == {"draft", "withdrawn"}, "the sample should hold both to prove this"
    texts, names, withdrawn_names = set(), set(), set()
    for entry in drafts:
        # A withdrawn entry's id and address are announced (tombstone, notice); a draft's never are.
        (withdrawn_names if entry.status == "withdrawn" else names).update(
            {entry.id, entry.rel_path[:-3].split("/")[-1]})
        for text in entry.texts.values():
            texts |= {text.title, text.summary, text.body.strip()}
        names |= {Path(p.file).stem for p in entry.photos}  # derivatives are named by content, never by file
    notices = {"exports/manifest.json", "exports/changes.json"} | {
        f"{prefix}{e.rel_path[:-3]}/index.html" for e in drafts if e.status == "withdrawn" for prefix in ("", "en/")}
    for file in sample_site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".xml", ".js", ".txt"}:
            rel = file.relative_to(sample_site).as_posix()
            text = file.read_text(encoding="utf-8", errors="replace")
            for needle in texts | names | (set() if rel in notices else withdrawn_names):
                assert needle not in text, f"{needle!r} leaked into {rel}"


def test_nothing_is_loaded_from_the_internet(sample_site: Path) -> None:
    external = re.compile(r"^(https?:)?//")
    for file in sample_site.rglob("*.html"):
        page = soup(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in page.find_all(tag):
                value = node.get(attr) or ""
                rels = set(node.get("rel") or ()) if tag == "link" else set()
                # Links to other pages and metadata namespaces (schema.DC) are addresses, never fetched.
                if rels & {"alternate", "canonical"} or any(r.startswith("schema.") for r in rels):
                    continue
                assert not external.match(value), f"{file}: <{tag} {attr}={value}>"
    remote = re.compile(r"(@import\s+(url\()?|url\()\s*['\"]?(https?:)?//")
    for css in sample_site.rglob("*.css"):
        assert not remote.search(css.read_text(encoding="utf-8", errors="replace")), css


def test_originals_never_reach_the_site_and_photos_carry_no_metadata(sample_site: Path) -> None:
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "assets").rglob("*.jpg")}
    published = list((sample_site / "media").glob("*.jpg"))
    assert published
    for file in sample_site.rglob("*"):
        if file.is_file():
            assert hashlib.sha256(file.read_bytes()).hexdigest() not in originals, file
    for file in published:
        with Image.open(file) as image:
            assert not image.getexif(), f"{file.name} still has EXIF"
            assert "icc_profile" not in image.info and "xmp" not in image.info


def test_published_schemas_describe_the_sample_files(sample_site: Path) -> None:
    source = json.loads((sample_site / "schemas/source.schema.json").read_text(encoding="utf-8"))
    translation = json.loads((sample_site / "schemas/translation.schema.json").read_text(encoding="utf-8"))
    assert source == json.loads((REPO / "schemas/source.schema.json").read_text(encoding="utf-8"))
    for lang, schema in (("vi", source), ("en", translation)):
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        for file in (REPO / "content" / lang).rglob("*.md"):
            meta = yaml.load(file.read_text(encoding="utf-8").split("---", 2)[1], Loader=_StringDates)
            errors = list(validator.iter_errors(meta))
            assert not errors, f"{file}: {errors[0].message}"
    bad = {"kind": "article", "titel": "x"}
    assert list(jsonschema.Draft202012Validator(source).iter_errors(bad))


class _StringDates(yaml.SafeLoader):
    pass


_StringDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_a_broken_entry_stops_the_build_before_site_is_touched(project: Project, run_build) -> None:
    project.add_portal()
    site = project.root / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous, good site", encoding="utf-8")
    project.edit("content/vi/culture/gong-festival.md", "agency: so-vhttdl", "agency: so-tttt")
    project.edit("content/en/culture/gong-festival.md", "title:", "titel:")
    result = run_build(project.root, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "content/vi/culture/gong-festival.md:8" in output and "so-tttt" in output
    assert "content/en/culture/gong-festival.md:2" in output and "Did you mean `title`" in output
    assert "chưa ghi gì vào thư mục site" in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous, good site"


def test_withdrawn_and_draft_entries_are_left_out_of_a_build(project: Project, run_build) -> None:
    project.add_portal()
    for status, slug in (("withdrawn", "withdrawn-entry"), ("draft", "draft-entry")):
        vi = project.read("content/vi/culture/gong-festival.md")
        vi = vi.replace("2025-test-entry", f"2025-{slug}").replace("status: published", f"status: {status}")
        vi = vi.replace("Lễ hội cồng chiêng", f"Tiêu đề {status} bí mật")
        project.write(f"content/vi/culture/{slug}.md", vi)
        project.write(f"content/en/culture/{slug}.md",
                      project.read("content/en/culture/gong-festival.md").replace("The gong", f"Secret {status}"))
    site = project.root / "out"
    result = run_build(project.root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "culture/gong-festival/index.html").is_file()
    # Where the withdrawal is announced: the exports, and a notice at the entry's former address.
    notices = {"exports/manifest.json", "exports/changes.json", "culture/withdrawn-entry/index.html",
               "en/culture/withdrawn-entry/index.html"}
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".xml"}:
            text = file.read_text(encoding="utf-8")
            for needle in ("bí mật", "Secret withdrawn", "Secret draft", "draft-entry"):
                assert needle not in text, f"{needle} in {file}"
            if file.relative_to(site).as_posix() not in notices:
                assert "withdrawn-entry" not in text, file
    notice = soup(site / "culture/withdrawn-entry/index.html")
    assert notice.h1.get_text(strip=True).rstrip("¶") == "Bài đã được gỡ"
    assert notice.select_one(".qb-withdrawn").get_text() == \
        "Bài này đã được gỡ khỏi cổng thông tin ngày 1 tháng 8 năm 2025."
    assert notice.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    english = soup(site / "en/culture/withdrawn-entry/index.html")
    assert english.select_one(".qb-withdrawn").get_text() == \
        "This entry was withdrawn from the portal on August 1, 2025."
    assert not (site / "culture/draft-entry").exists()
    assert "withdrawn-entry" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    manifest = json.loads((site / "exports/manifest.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in manifest["records"]] == ["2025-test-entry"]
    # Outside git, the withdrawal is dated from the front matter: the day it was last updated.
    assert manifest["tombstones"] == [{
        "id": "2025-withdrawn-entry", "status": "withdrawn", "withdrawn": "2025-08-01",
        "datestamp": "2025-07-31T17:00:00Z",  # midnight in Viet Nam
        "former_url": {"vi": "https://quangba.lamdong.gov.vn/culture/withdrawn-entry/",
                       "en": "https://quangba.lamdong.gov.vn/en/culture/withdrawn-entry/"},
    }]


def test_each_language_has_its_404_page_which_speaks_the_others_too(sample_site: Path) -> None:
    for file, language, other, title, home in (("404.html", "vi", "en", "Không tìm thấy trang", "/"),
                                               ("en/404.html", "en", "vi", "Page not found", "/en/")):
        page = soup(sample_site / file)
        assert page.html["lang"] == language
        assert page.h1.get_text() == title and page.select_one(f'.qb-not-found[lang="{language}"] a')["href"] == home
        assert page.select_one(f'.qb-not-found[lang="{other}"] h2') is not None
        switcher = {a["hreflang"]: a["href"] for a in page.select("nav.qb-languages a[hreflang]")}
        assert switcher == {"vi": "/", "en": "/en/"}  # each language's home, from any depth


def test_the_editors_guide_carries_the_field_reference_from_the_model(sample_site: Path) -> None:
    from quangba.model import KINDS

    for url, heading in (("guide/content-model/", "Tên trường"), ("en/guide/content-model/", "Field name")):
        page = soup(page_file(sample_site, url))
        table = page.select_one("#field-reference + table")
        assert table.th.get_text() == heading
        names = [row.code.get_text() for row in table.select("tbody tr")]
        assert names[:3] == ["id", "kind", "title"]
        assert {f.name for f in KINDS["article"].fields} <= set(names)
        assert "photos[].alt" in names and "translation.reviewer" in names
        kind_help = table.select("tbody tr")[1].select("td")[3]
        assert kind_help.code is not None  # backticks in the declarations are shown as code
        assert page.select_one('a[href$="schemas/source.schema.json"]') is not None
