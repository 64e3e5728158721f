"""The regulations' own kinds (investment project, clarification, publication, event abroad): each kind's rules
give a bilingual error naming file, line and field; their figures reach the page as each language writes them;
the manifest and OAI-PMH carry them; a publication is served with the checksum the manifest states."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from PIL import Image
from playwright.sync_api import Browser, Page

from quangba.editing.cli import main
from quangba.exports.schemas import EXPORT_SCHEMA_VERSION, manifest_schema
from quangba.sources.checks.kinds import isbn_check_digit
from tests.conftest import REPO, Project, serve

INVESTMENT = "content/vi/investment/wind-farm.md"
INVESTMENT_EN = "content/en/investment/wind-farm.md"
CLARIFICATION = "content/vi/tourism/lake-rumour.md"
PUBLICATION = "content/vi/culture/photo-book.md"
EVENT = "content/vi/trade/fair-abroad.md"
EVENT_EN = "content/en/trade/fair-abroad.md"
PDF = "assets/publications/photo-book.pdf"

FILES = {
    INVESTMENT: """---
id: 2026-wind-farm
kind: investment
title: Nhà máy điện gió
summary: Nhà máy điện gió ven biển.
category: investment
agency: so-cong-thuong
issued: 2026-01-12
status: published
classification: public
licence: cc-by-4.0
sector: renewable-energy
area_ha: 1234.5
capital_vnd_billion: 12500
capital_usd_million: 490
investment_form: direct
project_status: calling
contact: so-cong-thuong
legal_basis: Quyết định số 1/QĐ-UBND
place:
  name: Xã Tuy Phong
  lat: 11.23
  lon: 108.72
photos:
  - file: assets/photos/culture/gong.jpg
    credit: Sở Công Thương
    alt: Tua-bin gió
    caption: Khu dự án
---

Nội dung.
""",
    INVESTMENT_EN: """---
title: Wind farm
summary: A coastal wind farm.
legal_basis: Decision No. 1/QĐ-UBND
translation:
  status: translated
photos:
  - file: assets/photos/culture/gong.jpg
    alt: Wind turbines
    caption: The project site
---

Text.
""",
    CLARIFICATION: """---
id: 2026-lake-rumour
kind: clarification
title: Hồ không bị san lấp
summary: Không có dự án nào san lấp hồ.
category: tourism
agency: van-phong-ubnd
issued: 2026-11-20
status: published
classification: public
licence: cc-by-4.0
claim: Tin đồn hồ bị san lấp.
claim_source:
  name: Mạng xã hội
  url: https://example.com/post
authority: van-phong-ubnd
spokesperson: Nguyễn Văn An
---

Lời thông cáo.
""",
    "content/en/tourism/lake-rumour.md": """---
title: The lake is not being filled in
summary: No project fills in the lake.
claim: A rumour that the lake was being filled in.
translation:
  status: translated
---

The statement.
""",
    PUBLICATION: """---
id: 2026-photo-book
kind: publication
title: Sách ảnh
summary: Sách ảnh song ngữ.
category: culture
agency: so-vhttdl
issued: 2026-06-15
status: published
classification: public
licence: cc-by-4.0
file: assets/publications/photo-book.pdf
languages: [vi, en]
isbn: 978-604-0-12345-9
---

Giới thiệu.
""",
    "content/en/culture/photo-book.md": """---
title: Photo book
summary: A bilingual photo book.
translation:
  status: translated
---

About it.
""",
    EVENT: """---
id: 2026-fair-abroad
kind: event
title: Hội chợ ở Nhật Bản
summary: Gian hàng của tỉnh.
category: trade
agency: so-cong-thuong
issued: 2026-08-20
status: published
classification: public
licence: cc-by-4.0
start: 2026-09-24
end: 2026-09-27
country: JP
city: Tô-ky-ô
organiser: JATA
role: exhibitor
photos:
  - file: assets/photos/culture/gong.jpg
    credit: Sở Công Thương
    alt: Gian hàng
    caption: Gian hàng của tỉnh
---

Kết quả.
""",
    EVENT_EN: """---
title: Fair in Japan
summary: The province's stand.
city: Tokyo
organiser: JATA
translation:
  status: translated
photos:
  - file: assets/photos/culture/gong.jpg
    alt: The stand
    caption: The province's stand
---

What came of it.
""",
}


def pdf_bytes(pages: int = 3) -> bytes:
    out = io.BytesIO()
    images = [Image.new("RGB", (200, 140), (30 * i, 90, 120)) for i in range(pages)]
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def add_kinds(project: Project) -> None:
    for rel, text in FILES.items():
        project.write(rel, text)
    project.write(PDF, pdf_bytes())


def validate(project: Project) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def line_of(project: Project, rel: str, text: str) -> int:
    return next(n for n, line in enumerate(project.read(rel).splitlines(), 1) if text in line)


@dataclass
class Case:
    rule: str
    breaks: Callable[[Project], None]
    file: str
    at: str  # the text of the line the problem must point at (a missing field: the first field's line)
    vi: str
    en: str
    field: str
    severity: str = "error"


CASES = [
    Case("negative-capital", lambda p: p.edit(INVESTMENT, "capital_vnd_billion: 12500", "capital_vnd_billion: -5"),
         INVESTMENT, "capital_vnd_billion:", "nằm ngoài khoảng cho phép", "is out of range", "capital_vnd_billion"),
    Case("text-capital", lambda p: p.edit(INVESTMENT, "capital_vnd_billion: 12500",
                                          "capital_vnd_billion: 12,500 tỷ"),
         INVESTMENT, "capital_vnd_billion:", "không dấu phân cách hàng nghìn", "no thousands separator",
         "capital_vnd_billion"),
    Case("zero-area", lambda p: p.edit(INVESTMENT, "area_ha: 1234.5", "area_ha: 0"), INVESTMENT, "area_ha:",
         "nằm ngoài khoảng", "out of range", "area_ha"),
    Case("dotted-thousands", lambda p: p.edit(INVESTMENT, "capital_vnd_billion: 12500",
                                              "capital_vnd_billion: 12.500"),
         INVESTMENT, "capital_vnd_billion:", "được đọc là 12.5", "is read as 12.5", "capital_vnd_billion", "warning"),
    Case("exchange-rate", lambda p: p.edit(INVESTMENT, "capital_usd_million: 490", "capital_usd_million: 490000"),
         INVESTMENT, "capital_usd_million:", "đồng/USD", "dong per dollar", "capital_usd_million", "warning"),
    Case("unknown-sector", lambda p: p.edit(INVESTMENT, "sector: renewable-energy", "sector: renewable-energi"),
         INVESTMENT, "sector:", "Có phải ý bạn là `renewable-energy`", "Did you mean `renewable-energy`", "sector"),
    Case("unknown-project-status", lambda p: p.edit(INVESTMENT, "project_status: calling", "project_status: open"),
         INVESTMENT, "project_status:", "Chọn một trong: `calling`", "Choose one of: `calling`", "project_status"),
    Case("missing-legal-basis-translation", lambda p: p.edit(INVESTMENT_EN, "legal_basis: Decision No. 1/QĐ-UBND\n",
                                                             ""),
         INVESTMENT_EN, "title:", "Thiếu trường bắt buộc `legal_basis`", "required field `legal_basis`", "legal_basis"),
    Case("missing-place", lambda p: p.edit(INVESTMENT, "place:\n  name: Xã Tuy Phong\n  lat: 11.23\n  lon: 108.72\n",
                                           ""),
         INVESTMENT, "id:", "Thiếu trường bắt buộc `place`", "required field `place`", "place"),
    Case("clarification-without-date", lambda p: p.edit(CLARIFICATION, "issued: 2026-11-20\n", ""),
         CLARIFICATION, "id:", "Thiếu trường bắt buộc `issued`", "required field `issued`", "issued"),
    Case("clarification-source-url", lambda p: p.edit(CLARIFICATION, "url: https://example.com/post",
                                                      "url: example.com/post"),
         CLARIFICATION, "url:", "không đúng dạng", "not in the expected form", "claim_source.url"),
    Case("end-before-start", lambda p: p.edit(EVENT, "end: 2026-09-27", "end: 2026-09-20"), EVENT, "end:",
         "trước ngày bắt đầu", "before the start date", "end"),
    Case("country-name", lambda p: p.edit(EVENT, "country: JP", "country: Japan"), EVENT, "country:",
         "Có phải ý bạn là `JP` (Nhật Bản)", "Did you mean `JP` (Japan)", "country"),
    Case("country-unknown", lambda p: p.edit(EVENT, "country: JP", "country: XY"), EVENT, "country:",
         "không phải mã quốc gia ISO 3166", "is not an ISO 3166 country code", "country"),
    Case("country-uk", lambda p: p.edit(EVENT, "country: JP", "country: UK"), EVENT, "country:",
         "`GB` (Vương quốc Anh)", "`GB` (United Kingdom)", "country"),
    Case("past-event-without-report", lambda p: (
        p.edit(EVENT, "photos:\n  - file: assets/photos/culture/gong.jpg\n    credit: Sở Công Thương\n"
                      "    alt: Gian hàng\n    caption: Gian hàng của tỉnh\n", ""),
        p.edit(EVENT_EN, "photos:\n  - file: assets/photos/culture/gong.jpg\n    alt: The stand\n"
                         "    caption: The province's stand\n", "")),
         EVENT, "start:", "chưa có ảnh tường thuật", "has no photo report", "photos", "warning"),
    Case("missing-city-translation", lambda p: p.edit(EVENT_EN, "city: Tokyo\n", ""), EVENT_EN, "title:",
         "Thiếu trường bắt buộc `city`", "required field `city`", "city"),
    Case("publication-not-pdf", lambda p: p.write(PDF, b"<html>not a pdf</html>"), PUBLICATION, "file:",
         "không phải PDF", "is not a PDF", "file"),
    Case("publication-damaged", lambda p: p.write(PDF, pdf_bytes()[:400]), PUBLICATION, "file:",
         "hỏng", "damaged", "file"),
    Case("publication-too-large", lambda p: p.edit("province.yml", "publication_bytes: 104857600",
                                                                   "publication_bytes: 1024"),
         PUBLICATION, "file:", "quá giới hạn", "over the", "file"),
    Case("publication-word-file", lambda p: (p.write("assets/publications/book.docx", b"PK"),
                                             p.edit(PUBLICATION, "photo-book.pdf", "book.docx")),
         PUBLICATION, "file:", "phải là .pdf hoặc .epub", "must be a .pdf or .epub", "file"),
    Case("publication-missing", lambda p: p.edit(PUBLICATION, "photo-book.pdf", "photo-bok.pdf"), PUBLICATION,
         "file:", "Không tìm thấy tệp ấn phẩm", "does not exist", "file"),
    Case("isbn-check-digit", lambda p: p.edit(PUBLICATION, "978-604-0-12345-9", "978-604-0-12345-3"),
         PUBLICATION, "isbn:", "chữ số cuối phải là 9", "the last digit should be 9", "isbn"),
    Case("unknown-language", lambda p: p.edit(PUBLICATION, "languages: [vi, en]", "languages: [vi, English]"),
         PUBLICATION, "languages:", "Có phải ý bạn là `en`", "Did you mean `en`", "languages[2]"),
]


def test_the_four_kinds_are_valid(project: Project) -> None:
    add_kinds(project)
    code, problems = validate(project)
    assert (code, [p for p in problems if p["severity"] != "info"]) == (0, [])


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_each_kind_rule_names_file_line_field_and_fix(project: Project, case: Case) -> None:
    add_kinds(project)
    case.breaks(project)
    code, problems = validate(project)
    found = [p for p in problems if p["field"] == case.field and case.en in p["en"]]
    assert found, f"no problem on {case.field} saying {case.en!r} in {problems}"
    problem = found[0]
    assert (problem["file"], problem["severity"]) == (case.file, case.severity)
    assert problem["line"] == line_of(project, case.file, case.at)
    assert case.vi in problem["vi"]
    assert code == (1 if case.severity == "error" else 0)


def test_isbn_check_digits_follow_the_standard() -> None:
    # ISBNs printed on real books: 978-0-306-40615-7 (ISBN-13) and 0-306-40615-2 (ISBN-10), and one ending in X.
    assert isbn_check_digit("978030640615") == "7"
    assert isbn_check_digit("030640615") == "2"
    assert isbn_check_digit("080442957") == "X"


@pytest.mark.parametrize("kind", ["investment", "clarification", "publication", "event"])
def test_new_scaffolds_each_kind_and_validation_lists_what_to_fill_in(project: Project, kind: str) -> None:
    result = CliRunner().invoke(main, ["new", "--kind", kind, "--agency", "so-cong-thuong", "--root",
                                       str(project.root), "trade", f"Thử {kind}"])
    assert result.exit_code == 0, result.output
    vi = project.read(f"content/vi/trade/thu-{kind}.md")
    assert f"kind: {kind}" in vi and "status: draft" in vi
    code, problems = validate(project)
    assert code == 1
    # Only what the editor must still write: no field of the kind is forgotten, none is unknown.
    assert {p["rule"] for p in problems} <= {"empty", "type", "photo-missing", "publication-missing",
                                             "unknown-country", "unknown-investment-sector",
                                             "unknown-form-of-investment"}
    assert not [p for p in problems if p["rule"] == "required"]


# -- the sample site: pages, manifest, OAI-PMH ------------------------------------------------------------

def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def fact(soup: BeautifulSoup, name: str) -> str:
    return soup.select_one(f".qb-entry-facts .qb-fact-{name}").get_text(" ", strip=True)


def test_investment_figures_are_written_as_each_language_writes_them(sample_site: Path) -> None:
    vi = page(sample_site, "investment/tuy-phong-wind-farm")
    en = page(sample_site, "en/investment/tuy-phong-wind-farm")
    assert fact(vi, "area") == "1.234,5 ha"
    assert fact(vi, "capital") == "12.500 tỷ đồng (≈ 490 triệu USD)"
    assert fact(en, "area") == "1,234.5 ha"
    assert fact(en, "capital") == "VND 12,500 billion (≈ US$ 490 million)"
    assert fact(vi, "project-status") == "Đã cấp chủ trương đầu tư" and fact(en, "project-status") == "Licensed"
    assert fact(en, "sector") == "Renewable energy"


def test_event_and_clarification_facts_read_in_each_language(sample_site: Path) -> None:
    en = page(sample_site, "en/tourism/tourism-expo-japan-2026")
    vi = page(sample_site, "tourism/tourism-expo-japan-2026")
    assert fact(en, "where") == "Tokyo, Japan" and fact(vi, "where") == "Tô-ky-ô, Nhật Bản"
    assert fact(en, "dates") == "Sep 24\u2009–\u200927, 2026"  # CLDR's interval, with thin spaces
    assert fact(en, "role") == "Exhibitor" and fact(vi, "role") == "Tham gia trưng bày"
    statement = page(sample_site, "tourism/clarification-tuyen-lam-lake")
    assert "san lấp" in statement.select_one(".qb-claim").get_text()
    assert fact(statement, "statement-date") == "ngày 20 tháng 11 năm 2026"


def manifest(site: Path) -> dict:
    return json.loads((site / "exports/manifest.json").read_text(encoding="utf-8"))


def test_each_kind_is_in_the_manifest_under_its_published_schema(sample_site: Path) -> None:
    data = manifest(sample_site)
    assert data["schema_version"] == EXPORT_SCHEMA_VERSION == "1.1.0"
    published = json.loads((REPO / "schemas/manifest.schema.json").read_text(encoding="utf-8"))
    assert published == manifest_schema("https://quangba.lamdong.gov.vn/")
    jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker()).validate(data)
    records = {r["id"]: r for r in data["records"]}
    wind = records["2026-tuy-phong-wind-farm"]["investment"]
    assert wind["capital"] == {"vnd": 12_500_000_000_000, "usd": 490_000_000}
    assert wind["area_ha"] == 1234.5 and wind["status"]["code"] == "licensed"
    assert records["2026-tourism-expo-japan"]["event"]["country"] == {
        "code": "JP", "name": {"vi": "Nhật Bản", "en": "Japan"}}
    assert records["2026-clarification-tuyen-lam-lake"]["clarification"]["spokesperson"] == "Nguyễn Văn An"
    assert "iiif_manifest" not in records["2026-clarification-tuyen-lam-lake"]  # no photos, no IIIF manifest
    book = records["2026-investment-guide"]["publication"]
    assert book["pages"] == 5 and book["languages"] == ["vi", "en", "ja", "ko"]
    # An article reads as in 1.0.0: no object of another kind.
    article = records["2026-getting-here"]
    assert not {"investment", "clarification", "publication", "event"} & article.keys()
    assert "iiif_manifest" in article


def test_the_publication_served_is_the_file_the_manifest_describes(sample_site: Path) -> None:
    for record in manifest(sample_site)["records"]:
        if "publication" not in record:
            continue
        file = record["publication"]["file"]
        served = sample_site / file["url"].removeprefix("https://quangba.lamdong.gov.vn/")
        data = served.read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (file["bytes"], file["sha256"])
        assert data.startswith(b"%PDF-") and file["media_type"] == "application/pdf"
        source = next((REPO / "assets/publications").glob(served.name.split(".")[0] + ".pdf"))
        assert source.read_bytes() == data
    book = page(sample_site, "en/investment/investment-guide-2026")
    link = book.select_one(".qb-download a")
    assert link.get_text() == "Download PDF (151 KB)" and link.has_attr("download")
    assert (sample_site / "en/investment/investment-guide-2026" / link["href"]).resolve().is_file()


def test_oai_pmh_types_each_kind(sample_site: Path) -> None:
    tree = ET.parse(sample_site / "exports/oai.xml")
    ns = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
    types: dict[str, list[str]] = {}
    for record in tree.iterfind(".//oai:record", ns):
        identifier = record.findtext("oai:header/oai:identifier", namespaces=ns)
        types[identifier.rsplit(":", 1)[1]] = [t.text for t in record.iterfind(".//dc:type", ns)]
    assert types["2026-tourism-expo-japan"][:1] == ["Event"]
    assert "Event abroad" in types["2026-tourism-expo-japan"]
    assert types["2026-clarification-tuyen-lam-lake"] == ["Text", "Thông tin giải thích, làm rõ", "Clarification"]
    assert types["2026-investment-guide"] == ["Text", "Xuất bản phẩm", "Publication"]
    assert types["2026-tuy-phong-wind-farm"] == ["Text", "Dự án kêu gọi đầu tư", "Investment project"]
    guide = next(r for r in tree.iterfind(".//oai:record", ns) if "2026-investment-guide" in
                 r.findtext("oai:header/oai:identifier", namespaces=ns))
    formats = [f.text for f in guide.iterfind(".//dc:format", ns)]
    assert formats == ["text/html", "application/pdf"]
    assert re.fullmatch(r"https://quangba\.lamdong\.gov\.vn/media/investment-guide-2026\.[0-9a-f]{16}\.pdf",
                        guide.findtext(".//dc:relation", namespaces=ns))


# -- the listings of the kinds, in Chromium --------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def visible_rows(page: Page) -> list[str]:
    return [row.locator("th").inner_text() for row in page.locator("table.qb-projects tbody tr").all()
            if row.is_visible()]


def test_the_project_list_filters_by_sector_location_and_status(served: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(served) else None)
    page.goto(served + "en/projects/")
    assert visible_rows(page) == ["Duc Trong High-Tech Agriculture Zone", "Eco-Resort in Zone 5, Tuyen Lam Lake",
                                  "Tuy Phong Wind Farm, Phase 2"]  # calling, then negotiating, then licensed
    page.select_option("select[name=sector]", label="Renewable energy")
    assert visible_rows(page) == ["Tuy Phong Wind Farm, Phase 2"]
    assert "sector=renewable-energy" in page.url
    page.select_option("select[name=status]", label="Calling for investment")
    assert visible_rows(page) == [] and page.locator(".qb-grid__empty").is_visible()
    page.select_option("select[name=sector]", value="")
    page.select_option("select[name=location]", label="Xã Đức Trọng")
    assert visible_rows(page) == ["Duc Trong High-Tech Agriculture Zone"]
    page.goto(served + "projects/?status=negotiating")  # a shared link keeps its filter
    assert visible_rows(page) == ["Khu nghỉ dưỡng sinh thái phân khu 5, hồ Tuyền Lâm"]
    assert page.locator("select[name=status]").input_value() == "negotiating"
    assert outside == []


def test_the_project_list_downloads_as_a_spreadsheet(served: str, browser: Browser, sample_site: Path) -> None:
    page = browser.new_page()
    page.goto(served + "projects/")
    with page.expect_download() as download:
        page.locator("a[href$='investment-projects.csv']").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with its mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    wind = next(r for r in rows if r["id"] == "2026-tuy-phong-wind-farm")
    assert wind["title_vi"] == "Nhà máy điện gió Tuy Phong giai đoạn 2" and wind["capital_vnd"] == "12500000000000"
    assert wind["capital_usd"] == "490000000" and wind["area_ha"] == "1234.5" and wind["status_en"] == "Licensed"
    assert len(rows) == 3


def test_a_title_cannot_become_a_spreadsheet_formula(project: Project, tmp_path: Path) -> None:
    add_kinds(project)
    project.edit(INVESTMENT, "title: Nhà máy điện gió", 'title: "=HYPERLINK(\\"http://x.invalid\\")"')
    from quangba.exports.records import Records
    from quangba.exports.tables import investment_csv
    from quangba.sources.catalogue import load_catalogue

    catalogue = load_catalogue(project.root, history=False)
    assert catalogue.ok, catalogue.problems
    photos = {p.file for e in catalogue.published for p in e.photos}
    from quangba.site.media import MediaLibrary

    library = MediaLibrary(project.root)
    plans, _ = library.process(library.plan(photos))
    rows = list(csv.reader(io.StringIO(investment_csv(Records(catalogue, plans)).decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(\"http://x.invalid\")"


def test_events_are_split_into_upcoming_and_past_and_the_page_keeps_up(served: str, browser: Browser,
                                                                      sample_site: Path) -> None:
    today = dt.date.today()
    soup = page(sample_site, "en/events")
    built_upcoming = [li.select_one("h3").get_text() for li in soup.select(".qb-events__list--upcoming li")]
    events = {"Lam Dong Coffee at the Paris Coffee Festival 2027": dt.date(2027, 3, 14),
              "Lam Dong Investment Promotion Conference in Seoul": dt.date(2026, 10, 15),
              "Lam Dong at Tourism EXPO Japan 2026": dt.date(2026, 9, 27)}
    assert built_upcoming == [title for title, end in events.items() if end >= today]
    browser_page = browser.new_page()
    browser_page.clock.set_fixed_time(dt.datetime(2027, 6, 1, 9, 0))  # a visitor months after the build
    browser_page.goto(served + "en/events/")
    assert browser_page.locator(".qb-events__list--upcoming li").count() == 0
    assert browser_page.locator(".qb-events__none").first.is_visible()
    past = browser_page.locator(".qb-events__list--past h3").all_inner_texts()
    assert past == list(events)  # newest first


def test_clarifications_are_listed_newest_first_with_their_own_feed(sample_site: Path) -> None:
    soup = page(sample_site, "clarifications")
    dates = [t["datetime"] for t in soup.select(".qb-statement time")]
    assert dates == ["2026-11-20", "2026-08-12", "2026-04-03"]
    feed = ET.parse(sample_site / "en/clarifications/feed.xml")
    atom = {"a": "http://www.w3.org/2005/Atom"}
    titles = [t.text for t in feed.iterfind("a:entry/a:title", atom)]
    assert titles == ["Tuyen Lam Lake is not being filled in", "Lam Dong durian exports are not banned",
                      "No permit to fell Da Lat's pine forest for villas"]
    link = soup.select_one(".qb-list-actions a")
    assert (sample_site / "clarifications" / link["href"]).resolve() == sample_site / "clarifications/feed.xml"


def test_the_home_page_shows_clarifications_while_they_are_recent(sample_site: Path) -> None:
    since = dt.date.today() - dt.timedelta(days=30)  # province.yml: portal.recent_days
    statements = {"2026-11-20": "Tuyen Lam Lake is not being filled in", "2026-08-12": "x", "2026-04-03": "y"}
    expected = [iso for iso in statements if dt.date.fromisoformat(iso) >= since]
    home = BeautifulSoup((sample_site / "en/index.html").read_text(encoding="utf-8"), "html.parser")
    shown = [t["datetime"] for t in home.select(".qb-home-statements time")]
    assert shown == expected


def guide_examples(language: str) -> dict[str, str]:
    """The files the editors' guide shows for the four kinds, by path."""
    text = (REPO / f"content/{language}/guide/kinds.md").read_text(encoding="utf-8")
    return dict(re.findall(r"`(content/[^`]+\.md)`:\n\n```yaml\n(.*?)```", text, re.S))


def test_the_guides_complete_examples_are_valid_in_both_languages(project: Project) -> None:
    examples = guide_examples("vi")
    assert guide_examples("en") == examples  # one set of examples, explained in each language
    assert len(examples) == 8 and {p.split("/")[1] for p in examples} == {"vi", "en"}
    for rel, text in examples.items():
        project.write(rel, text)
        for photo in re.findall(r"file: (assets/photos/\S+)", text):
            project.photo(photo)
        for file in re.findall(r"^file: (assets/publications/\S+)", text, re.M):
            project.write(file, pdf_bytes())
    kinds = {yaml_kind for yaml_kind in re.findall(r"^kind: (\S+)", "".join(examples.values()), re.M)}
    assert kinds == {"investment", "clarification", "publication", "event"}
    code, problems = validate(project)
    assert (code, [p for p in problems if p["severity"] != "info"]) == (0, [])


def test_a_publication_without_photos_shows_its_first_page_as_cover(sample_site: Path) -> None:
    record = next(r for r in manifest(sample_site)["records"] if r["id"] == "2026-investment-guide")
    assert record["photos"] == []
    cover = record["publication"]["cover"]
    largest = max(cover["derivatives"], key=lambda d: d["width"])
    served = sample_site / largest["url"].removeprefix("https://quangba.lamdong.gov.vn/")
    assert hashlib.sha256(served.read_bytes()).hexdigest() == largest["sha256"]
    with Image.open(served) as image:  # the guide's title page: dark teal, as scripts/make_sample_publications.py
        assert image.width == 1600 and abs(image.height - 1131) <= 1
        assert all(abs(a - b) <= 6 for a, b in zip(image.convert("RGB").getpixel((20, 20)), (14, 59, 67),
                                                   strict=True))
    soup = page(sample_site, "investment/investment-guide-2026")
    assert soup.select_one("figure.qb-photo img")["alt"] == "Trang bìa của ấn phẩm «Cẩm nang đầu tư tỉnh Lâm Đồng 2026»"
    listing = page(sample_site, "en/publications")
    assert listing.select_one("img[alt='The cover of “Lam Dong Investment Guide 2026”']") is not None


def test_a_cover_is_cut_from_a_page_far_taller_than_wide(tmp_path: Path) -> None:
    from quangba.site.covers import MAX_HEIGHT, render_cover
    from quangba.sources.details import measure_publication

    strip = Image.new("RGB", (100, 5000), (200, 30, 30))
    (tmp_path / "assets").mkdir()
    strip.save(tmp_path / "assets/strip.pdf", "PDF", resolution=72)
    rendered = render_cover(tmp_path, measure_publication(tmp_path, "assets/strip.pdf"))
    assert rendered is not None
    with Image.open(tmp_path / rendered) as image:
        assert image.size == (1600, MAX_HEIGHT)  # 80,000 pixels tall at full height: never rendered whole


def test_iiif_shows_each_kinds_facts_and_offers_the_publication(sample_site: Path) -> None:
    wind = json.loads((sample_site / "iiif/manifests/2026-tuy-phong-wind-farm.json").read_text(encoding="utf-8"))
    facts = {pair["label"]["en"][0]: pair["value"] for pair in wind["metadata"]}
    assert facts["Total capital"] == {"vi": ["12.500 tỷ đồng (≈ 490 triệu USD)"],
                                      "en": ["VND 12,500 billion (≈ US$ 490 million)"]}
    expo = json.loads((sample_site / "iiif/manifests/2026-tourism-expo-japan.json").read_text(encoding="utf-8"))
    assert {p["label"]["en"][0]: p["value"] for p in expo["metadata"]}["Where"]["en"] == ["Tokyo, Japan"]
    book = json.loads((sample_site / "iiif/manifests/2026-highlands-to-sea-photo-book.json").read_text(
        encoding="utf-8"))
    (rendering,) = book["rendering"]
    assert rendering["format"] == "application/pdf" and rendering["label"]["en"] == ["Download PDF (144 KB)"]
    assert (sample_site / rendering["id"].removeprefix("https://quangba.lamdong.gov.vn/")).is_file()


def test_a_pdf_that_stalls_its_reader_is_refused_not_waited_for(tmp_path: Path) -> None:
    from quangba.sources.details import NotAPublication, measure_publication

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/book.pdf").write_bytes(pdf_bytes())
    with pytest.raises(NotAPublication) as refused:
        measure_publication(tmp_path, "assets/book.pdf", seconds=0.001)  # less than a child takes to start
    assert "took too long" in refused.value.args[1] and "quá lâu" in refused.value.args[0]
    assert measure_publication(tmp_path, "assets/book.pdf").pages == 3  # a timeout is not remembered


def test_a_reader_out_of_memory_is_stopped_in_its_child_and_the_build_goes_on() -> None:
    from quangba.sandbox import Refused, run_limited

    with pytest.raises(Refused):
        run_limited("quangba.sources.details:pdf_facts", str(REPO / "assets/publications/investment-guide-2026.pdf"),
                    seconds=30, memory=25 * 2**20)
