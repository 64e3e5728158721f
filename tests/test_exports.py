"""The sample site's open exports, read as the national database, an OAI gateway, a IIIF viewer, a search
engine and a feed reader would read them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from quangba.exports.discovery import sitemap_files
from quangba.exports.records import Records
from quangba.sources.catalogue import load_catalogue
from tests.conftest import REPO

CATALOGUE = load_catalogue(REPO)
PUBLISHED = {e.id: e for e in CATALOGUE.published}
SITE_URL = "https://quangba.lamdong.gov.vn/"
EXPORTS = ("exports/manifest.json", "exports/changes.json", "exports/oai.xml", "exports/manifest.schema.json",
           "exports/changes.schema.json", "iiif/collection.json", "sitemap.xml", "sitemap.xml.gz", "feed.xml",
           "en/feed.xml")
NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "sr": "http://www.openarchives.org/OAI/2.0/static-repository",
      "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/", "dc": "http://purl.org/dc/elements/1.1/",
      "sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml",
      "atom": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load(site: Path, rel: str) -> dict:
    return json.loads((site / rel).read_text(encoding="utf-8"))


def site_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = url[len(SITE_URL):]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_the_manifest_follows_its_schema_published_beside_it_and_kept_in_the_repository(sample_site: Path) -> None:
    manifest = load(sample_site, "exports/manifest.json")
    schema = load(sample_site, "exports/manifest.schema.json")
    assert schema == json.loads((REPO / "schemas/manifest.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(manifest)) == []
    assert manifest["schema_version"] == schema["properties"]["schema_version"]["const"]
    assert manifest["history"] == "git"  # the sample site is built from a full clone
    assert [r["id"] for r in manifest["records"]] == sorted(PUBLISHED)
    changes = load(sample_site, "exports/changes.json")
    jsonschema.Draft202012Validator(load(sample_site, "exports/changes.schema.json")).validate(changes)
    assert {c["id"] for c in changes["changes"] if c["change"] != "withdrawn"} == set(PUBLISHED)


def test_the_sample_withdrawn_entry_is_a_tombstone_with_a_notice_at_its_former_address(sample_site: Path) -> None:
    manifest = load(sample_site, "exports/manifest.json")
    (tombstone,) = manifest["tombstones"]
    assert (tombstone["id"], tombstone["status"], tombstone["withdrawn"]) == ("2024-getting-here", "withdrawn",
                                                                               "2025-07-01")
    assert set(tombstone["reason"]) == {"vi", "en"}
    changes = load(sample_site, "exports/changes.json")["changes"]
    assert {"id": "2024-getting-here", "change": "withdrawn", "date": tombstone["datestamp"],
            "url": tombstone["former_url"]} in changes
    for language, url in tombstone["former_url"].items():
        page = BeautifulSoup(site_file(sample_site, url).read_text("utf-8"), "html.parser")
        assert page.html["lang"] == language
        assert tombstone["reason"][language] in page.get_text()
        assert "2024-getting-here" not in page.decode()  # a notice, not the entry
    assert "getting-here-before-the-merger" not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_record_speaks_both_languages_and_names_its_agency_licence_and_dublin_core(sample_site: Path) -> None:
    manifest = load(sample_site, "exports/manifest.json")
    record = next(r for r in manifest["records"] if r["id"] == "2025-gong-culture")
    entry = PUBLISHED["2025-gong-culture"]
    assert record["url"] == {"vi": f"{SITE_URL}culture/space-of-gong-culture/",
                             "en": f"{SITE_URL}en/culture/space-of-gong-culture/"}
    assert record["title"] == {lang: t.title for lang, t in entry.texts.items()}
    assert record["agency"]["name"] == {"vi": "Sở Văn hóa, Thể thao và Du lịch",
                                        "en": "Department of Culture, Sports and Tourism"}
    assert record["licence"]["uri"] == "http://creativecommons.org/licenses/by/4.0/"
    assert record["translation"]["vi"] == {"status": "original"}
    assert record["translation"]["en"]["status"] == "reviewed"
    assert record["place"] == {"name": entry.place.name, "lat": entry.place.lat, "lon": entry.place.lon}
    assert set(record["text_sha256"]) == {"vi", "en"} and record["text_sha256"]["vi"] != record["text_sha256"]["en"]
    titles = {(v["lang"], v["value"]) for v in record["dc"]["title"]}
    assert titles == {("vi", entry.texts["vi"].title), ("en", entry.texts["en"].title)}
    for element in ("creator", "date", "description", "publisher", "identifier", "language", "subject",
                    "contributor", "source"):
        assert record["dc"][element], element
    assert len(record["photos"]) == len(entry.photos)
    for photo, source in zip(record["photos"], entry.photos, strict=True):
        assert photo["alt"] == {lang: t.alt for lang, t in source.texts.items()}
        assert photo["credit"] == source.credit
        assert {d["media_type"] for d in photo["derivatives"]} >= {"image/jpeg", "image/webp"}


def test_every_listed_derivative_is_in_the_site_with_its_size_type_and_checksum(sample_site: Path) -> None:
    manifest = load(sample_site, "exports/manifest.json")
    derivatives = {d["url"]: d for r in manifest["records"] for p in r["photos"] for d in p["derivatives"]}
    assert len(derivatives) > 300
    for url, derivative in list(derivatives.items())[::25]:
        data = site_file(sample_site, url).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (derivative["bytes"], derivative["sha256"])
        with Image.open(site_file(sample_site, url)) as image:
            assert image.size == (derivative["width"], derivative["height"])
            assert Image.MIME[image.format] == derivative["media_type"]


def test_the_same_content_gives_byte_identical_exports_elsewhere(sample_site: Path, tmp_path: Path) -> None:
    """Another folder, another time zone, an empty photo cache: the same bytes."""
    copy = tmp_path / "elsewhere"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".venv", "site", ".cache", "bench", "__pycache__"))
    env = {**os.environ, "TZ": "America/Los_Angeles", "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    iiif = sorted(p.relative_to(sample_site).as_posix() for p in (sample_site / "iiif").rglob("*.json"))
    for rel in (*EXPORTS, *iiif):
        assert (tmp_path / "out" / rel).read_bytes() == (sample_site / rel).read_bytes(), rel


def test_the_oai_static_repository_holds_one_oai_dc_record_per_entry_with_language_tagged_titles(
        sample_site: Path) -> None:
    root = ET.parse(sample_site / "exports/oai.xml").getroot()
    assert root.tag == f"{{{NS['sr']}}}Repository"
    identify = root.find("sr:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DD"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"  # the only value a static repository may use
    assert identify.findtext("oai:baseURL", namespaces=NS).endswith("/quangba.lamdong.gov.vn/exports/oai.xml")
    assert root.find("sr:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix", NS).text == "oai_dc"
    records = root.findall("sr:ListRecords/oai:record", NS)
    identifiers = [r.findtext("oai:header/oai:identifier", namespaces=NS) for r in records]
    assert sorted(identifiers) == sorted(f"oai:quangba.lamdong.gov.vn:{i}" for i in PUBLISHED)
    for record in records:
        header = record.find("oai:header", NS)
        assert "status" not in header.attrib and header.find("oai:setSpec", NS) is None
        assert len(header.findtext("oai:datestamp", namespaces=NS)) == 10
        entry = PUBLISHED[header.findtext("oai:identifier", namespaces=NS).rsplit(":", 1)[1]]
        dc = record.find("oai:metadata/oai_dc:dc", NS)
        titles = {t.get(XML_LANG): t.text for t in dc.findall("dc:title", NS)}
        assert titles == {"vi": entry.texts["vi"].title, "en": entry.texts["en"].title}
        for element in ("creator", "date", "description", "publisher", "identifier"):
            assert dc.find(f"dc:{element}", NS) is not None, element


def test_the_oai_file_written_a_record_at_a_time_is_what_one_tree_of_it_serialises_to(sample_site: Path) -> None:
    from quangba.exports.oai import register_prefixes

    register_prefixes()  # ElementTree's prefixes are global: another test may have taken ""
    written = (sample_site / "exports/oai.xml").read_bytes()
    root = ET.fromstring(written)
    ET.indent(root, space=" ")
    assert ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n" == written
    assert written.count(b"xmlns:dc=") == 1  # declared once, on the root, not on every record


def test_every_iiif_manifest_has_both_languages_and_a_canvas_per_photo(sample_site: Path) -> None:
    collection = load(sample_site, "iiif/collection.json")
    assert collection["type"] == "Collection" and set(collection["label"]) == {"vi", "en"}
    assert len(collection["items"]) == len([e for e in PUBLISHED.values() if e.photos])  # photos make a manifest
    for item in collection["items"]:
        manifest = json.loads(site_file(sample_site, item["id"]).read_text(encoding="utf-8"))
        assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
        assert manifest["type"] == "Manifest" and manifest["id"] == item["id"]
        entry = PUBLISHED[item["id"].split("/")[-1].removesuffix(".json")]
        assert manifest["label"] == {lang: [t.title] for lang, t in entry.texts.items()}
        assert set(manifest["summary"]) == {"vi", "en"}
        assert manifest["rights"].startswith(("http://creativecommons.org/", "http://rightsstatements.org/"))
        assert manifest["requiredStatement"]["value"]["vi"][0].startswith(entry.photos[0].credit)
        assert len(manifest["items"]) == len(entry.photos)
        for canvas, photo in zip(manifest["items"], entry.photos, strict=True):
            assert canvas["label"] == {lang: [t.caption] for lang, t in photo.texts.items()}
            annotation = canvas["items"][0]["items"][0]
            assert annotation["motivation"] == "painting" and annotation["target"] == canvas["id"]
            body = annotation["body"]
            with Image.open(site_file(sample_site, body["id"])) as image:
                assert image.size == (body["width"], body["height"]) == (canvas["width"], canvas["height"])


def test_the_sitemap_pairs_every_page_with_its_counterparts_and_a_default(sample_site: Path) -> None:
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    urls = root.findall("sm:url", NS)
    by_loc = {u.findtext("sm:loc", namespaces=NS): u for u in urls}
    assert len(by_loc) == len(urls) > 2 * len(PUBLISHED)
    for loc, url in by_loc.items():
        assert site_file(sample_site, loc).is_file(), loc
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        assert set(links) == {"vi", "en", "x-default"} and loc in links.values()
        assert links["x-default"] == links["vi"]
        assert all(href.startswith(SITE_URL) for href in links.values())
        counterpart = by_loc[links["en" if links["vi"] == loc else "vi"]]
        assert {link.get("href") for link in counterpart.findall("xhtml:link", NS)} == set(links.values())
    manifest = load(sample_site, "exports/manifest.json")
    record = manifest["records"][0]
    assert by_loc[record["url"]["en"]].findtext("sm:lastmod", namespaces=NS) == record["modified"]


@pytest.mark.parametrize("language, path", [("vi", "feed.xml"), ("en", "en/feed.xml")])
def test_each_language_has_an_atom_feed_of_its_newest_entries(sample_site: Path, language: str, path: str) -> None:
    root = ET.parse(sample_site / path).getroot()
    assert root.tag == f"{{{NS['atom']}}}feed" and root.get(XML_LANG) == language
    entries = root.findall("atom:entry", NS)
    assert len(entries) == len(PUBLISHED)  # fewer than the feed's size
    newest = CATALOGUE.published[0]
    assert entries[0].findtext("atom:title", namespaces=NS) == newest.texts[language].title
    for entry in entries:
        link = entry.find("atom:link[@rel='alternate']", NS).get("href")
        assert site_file(sample_site, link).is_file()
    home = BeautifulSoup((sample_site / ("" if language == "vi" else "en/") / "index.html").read_text("utf-8"),
                         "html.parser")
    assert home.find("link", type="application/atom+xml")["href"] == SITE_URL + path


@pytest.mark.parametrize("language, locale", [("vi", "vi_VN"), ("en", "en_US")])
def test_entry_pages_carry_dublin_core_open_graph_and_json_ld_in_their_language(
        sample_site: Path, language: str, locale: str) -> None:
    entry = PUBLISHED["2025-gong-culture"]
    prefix = "" if language == "vi" else "en/"
    page = BeautifulSoup((sample_site / prefix / "culture/space-of-gong-culture/index.html").read_text("utf-8"),
                         "html.parser")
    title = page.find("meta", attrs={"name": "DC.title"})
    assert (title["lang"], title["content"]) == (language, entry.texts[language].title)
    assert page.find("meta", attrs={"name": "DC.language"})["content"] == language
    assert page.find("meta", attrs={"name": "DC.identifier"})["content"] == \
        f"{SITE_URL}{prefix}culture/space-of-gong-culture/"
    assert all(m.get("lang", language) == language for m in page.find_all("meta", attrs={"name": True})
               if m["name"].startswith("DC."))
    assert page.find("meta", property="og:locale")["content"] == locale
    assert page.find("meta", property="og:title")["content"] == entry.texts[language].title
    image = page.find("meta", property="og:image")["content"]
    assert site_file(sample_site, image).is_file()
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["@type"], data["inLanguage"], data["headline"]) == ("Article", language, entry.texts[language].title)
    assert len(data["image"]) == len(entry.photos)
    if language == "en":
        assert data["translationOfWork"]["@id"] == f"{SITE_URL}culture/space-of-gong-culture/"


def verify(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quangba", "verify", str(site)], capture_output=True, text=True)


def test_verify_passes_on_the_sample_site(sample_site: Path) -> None:
    result = verify(sample_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Valid: {len(PUBLISHED)} records" in result.stdout


def test_verify_fails_naming_the_file_when_a_derivative_was_edited_or_removed(sample_site: Path,
                                                                              tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)  # real copies: the sample site's media are links into the cache
    manifest = load(site, "exports/manifest.json")
    edited, removed = (d["url"][len(SITE_URL):] for d in manifest["records"][3]["photos"][0]["derivatives"][:2])
    data = bytearray((site / edited).read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte, same size: only the checksum can tell
    (site / edited).write_bytes(bytes(data))
    (site / removed).unlink()
    result = verify(site)
    assert result.returncode == 1
    assert f"{edited}: lỗi/error checksum" in result.stdout
    assert f"{removed}: lỗi/error file-missing" in result.stdout
    assert "Rebuild the site" in result.stdout and "Hãy dựng lại site" in result.stdout


def test_verify_fails_when_a_record_loses_a_language(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("media"))
    manifest = load(site, "exports/manifest.json")
    del manifest["records"][0]["title"]["en"]
    manifest["tombstones"].append({"id": manifest["records"][1]["id"], "status": "withdrawn",
                                   "withdrawn": "2026-01-01", "datestamp": "2026-01-01T00:00:00Z",
                                   "former_url": manifest["records"][1]["url"]})
    (site / "exports/manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = verify(site)
    assert result.returncode == 1
    assert "lacks `title` in en" in result.stdout
    assert "is both a published record and a tombstone" in result.stdout
    assert "still serves it" in result.stdout


def test_verify_reads_the_builds_manifest_a_record_at_a_time_and_still_finds_each_fault(sample_site: Path,
                                                                                      tmp_path: Path) -> None:
    """The build writes one record a line; verify reads it so (never every record at once) and must find in that
    layout what it finds in any other: a record that breaks the schema, at its index, and a line that is not JSON."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("media"))
    path = site / "exports/manifest.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines.index('"records":[') + 1
    lines[first + 2] = lines[first + 2].replace('"kind":', '"kinds":', 1)  # the third record
    path.write_text("\n".join(lines), encoding="utf-8")
    result = verify(site)
    assert result.returncode == 1 and "Does not follow the schema at `records/2/`" in result.stdout
    lines[first + 2] = lines[first + 2][:40]  # cut short: not JSON any more
    path.write_text("\n".join(lines), encoding="utf-8")
    result = verify(site)
    assert result.returncode == 1 and "The file is not valid JSON" in result.stdout


def test_the_fast_schema_check_refuses_every_manifest_jsonschema_refuses(sample_site: Path) -> None:
    """verify validates with a compiled validator first (seconds to milliseconds on a large manifest): it must
    never let through a manifest that jsonschema, the reference, refuses."""
    import fastjsonschema

    from quangba.exports.verify import _FAST_FORMATS
    from quangba.schema import fast_validator

    manifest = load(sample_site, "exports/manifest.json")
    schema = load(sample_site, "exports/manifest.schema.json")
    reference = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    fast = fast_validator(schema, _FAST_FORMATS)
    mutations = [
        lambda m: None,
        lambda m: m["records"][0].update(issued="2026-02-31"),  # a date that does not exist
        lambda m: m["records"][0].update(issued="31/01/2026"),
        lambda m: m["records"][0].update(datestamp="yesterday"),
        lambda m: m["records"][0].pop("id"),
        lambda m: m["records"][0].update(extra=1),
        lambda m: m["records"][0]["title"].update(en=5),
        lambda m: m.update(schema_version="0.0"),
        lambda m: m["records"][0].update(category=None),
        lambda m: m["records"].append(m["records"][0]),
    ]
    derivative = next(i for i, r in enumerate(manifest["records"]) if r["photos"])
    mutations += [lambda m: m["records"][derivative]["photos"][0]["derivatives"][0].update(bytes=-1),
                  lambda m: m["records"][derivative]["photos"][0]["derivatives"][0].update(sha256="xyz")]
    for number, mutate in enumerate(mutations):
        changed = json.loads(json.dumps(manifest))
        mutate(changed)
        valid = reference.is_valid(changed)
        try:
            fast(changed)
            fast_valid = True
        except fastjsonschema.JsonSchemaException:
            fast_valid = False
        assert fast_valid == valid, f"mutation {number}: fast says {fast_valid}, jsonschema says {valid}"


def test_a_portal_beyond_the_sitemap_limits_gets_an_index_of_parts_made_of_whole_pages(sample_site: Path) -> None:
    """The protocol takes 50,000 URLs and 50 MB a file: beyond either, search engines drop the sitemap. The
    sample site is far below, so it keeps its one file; with the limits made small it is split as a province of
    25,000 entries per language would be."""
    records = Records(CATALOGUE, {})
    assert list(sitemap_files(records)) == [("sitemap.xml", (sample_site / "sitemap.xml").read_bytes())]
    single = ET.parse(sample_site / "sitemap.xml").getroot()
    every = [u.findtext("sm:loc", namespaces=NS) for u in single.findall("sm:url", NS)]

    files = list(sitemap_files(records, max_urls=10, max_bytes=4_500))
    names = [name for name, _ in files]
    assert names[-1] == "sitemap.xml" and names[:-1] == [f"sitemaps/sitemap-{n}.xml" for n in range(1, len(names))]
    index = ET.fromstring(files[-1][1])
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    listed = index.findall("sm:sitemap", NS)
    assert [s.findtext("sm:loc", namespaces=NS) for s in listed] == [SITE_URL + name for name in names[:-1]]
    split = []
    for (name, data), entry in zip(files, listed, strict=False):
        assert len(data) <= 4_500, name
        urls = ET.fromstring(data).findall("sm:url", NS)
        assert 0 < len(urls) <= 10
        locs = [u.findtext("sm:loc", namespaces=NS) for u in urls]
        for url in urls:  # a page's other languages are in the same part
            assert {link.get("href") for link in url.findall("xhtml:link", NS)} <= set(locs)
        days = [u.findtext("sm:lastmod", namespaces=NS) for u in urls if u.find("sm:lastmod", NS) is not None]
        assert entry.findtext("sm:lastmod", namespaces=NS) == max(days, default=None)
        split += locs
    assert split == every
    sizes = [len(ET.fromstring(data).findall("sm:url", NS)) for _, data in files[:-2]]
    assert 10 in sizes and min(sizes) < 10  # parts of 5 pages, halved where 5 pages took more than 4,500 bytes
