"""A hostile or careless contributor, tried against the validator and the build: the site holds only what the
catalogue checked, and no input can exhaust the machine or end in a traceback."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest
from click.testing import CliRunner

from quangba.editing.cli import main
from tests.conftest import Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"
SECRET = "Nội dung tuyệt mật không được đăng"


def validate(project: Project) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(project.root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def rules_at(problems: list[dict]) -> set[tuple[str, str]]:
    return {(p["rule"], p["file"]) for p in problems}


def secret_entry(project: Project) -> str:
    return project.read(VI).replace("2025-test-entry", "2025-secret").replace("Lễ hội cồng chiêng", SECRET)


def built_site_mentions(project: Project, run_build, needle: str) -> tuple[int, bool]:
    """Build; report the exit code and whether ``needle`` reached any file of the site (or the machine's env)."""
    site = project.root / "site"
    result = run_build(project.root, site)
    found = site.is_dir() and any(needle.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())
    return result.returncode, found


# -- what MkDocs would publish that the validator never read -----------------------------------------------

def test_a_link_to_the_machines_environment_is_refused_and_never_read(project: Project, run_build,
                                                                      monkeypatch) -> None:
    project.add_portal()
    monkeypatch.setenv("QB_BUILD_SECRET", "s3cr3t-token-of-the-build-machine")
    (project.root / "content/vi/environ.md").symlink_to("/proc/self/environ")
    code, problems = validate(project)
    assert code == 1 and ("link", "content/vi/environ.md") in rules_at(problems)
    assert run_build(project.root, project.root / "site").returncode != 0
    site = project.root / "site"
    assert not site.exists() or not any(b"s3cr3t-token" in p.read_bytes() for p in site.rglob("*") if p.is_file())


def test_links_to_files_and_folders_outside_the_repository_are_refused(project: Project, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text(secret_entry(project), encoding="utf-8")
    (project.root / "content/vi/culture/linked.md").symlink_to(outside / "secret.md")
    (project.root / "content/vi/history").symlink_to(outside, target_is_directory=True)
    (project.root / "assets/photos/culture/linked.jpg").symlink_to(project.root / "assets/photos/culture/gong.jpg")
    code, problems = validate(project)
    assert code == 1
    assert {("link", "content/vi/culture/linked.md"), ("link", "content/vi/history"),
            ("link", "assets/photos/culture/linked.jpg")} <= rules_at(problems)


def test_a_hard_link_to_a_file_outside_is_refused(project: Project, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(secret_entry(project), encoding="utf-8")
    os.link(outside, project.root / "content/vi/culture/hard.md")
    code, problems = validate(project)
    assert code == 1 and ("hard-link", "content/vi/culture/hard.md") in rules_at(problems)


@pytest.mark.parametrize("name", ["culture/secret.markdown", "culture/.markdown", "culture/.secret.md",
                                  "culture/SECRET.MD", "page.html", "logo.svg",
                                  "assets/javascripts/bundle.a5f9d56c.min.js", "culture/photo.jpg", "notes.txt"])
def test_any_file_but_the_checked_markdown_is_refused(project: Project, run_build, name: str) -> None:
    project.add_portal()
    rel = f"content/vi/{name}"
    if name.endswith("jpg"):
        project.photo(rel)
    else:
        project.write(rel, secret_entry(project) if "secret" in name.lower() else f"<script>alert(1)</script>{SECRET}")
    code, problems = validate(project)
    assert code == 1
    [problem] = [p for p in problems if p["file"] == rel]
    assert problem["rule"] == "unexpected-file" and "assets/photos/" in problem["en"]
    code, leaked = built_site_mentions(project, run_build, SECRET)
    assert code != 0 and not leaked


def test_a_file_outside_the_language_folders_is_refused(project: Project) -> None:
    project.write("content/robots.md", "---\nkind: page\ntitle: x\n---\n")
    code, problems = validate(project)
    assert code == 1 and ("unexpected-file", "content/robots.md") in rules_at(problems)


def test_a_page_cannot_take_the_address_of_an_entry(project: Project) -> None:
    project.write("content/vi/culture/gong-festival/index.md", "---\nkind: page\ntitle: Trang giả mạo\n---\n")
    project.write("content/en/culture/gong-festival/index.md", "---\ntitle: Impostor\n---\n")
    code, problems = validate(project)
    assert code == 1
    collisions = {p["file"] for p in problems if p["rule"] == "address-collision"}
    assert {VI, "content/vi/culture/gong-festival/index.md"} <= collisions
    assert "/culture/gong-festival/" in next(p for p in problems if p["rule"] == "address-collision")["en"]


@pytest.mark.parametrize("name", ["en/fake.md", "media/x.md", "exports.md", "sitemap.xml.md", "sitemaps/x.md",
                                  "schemas/page.md"])
def test_addresses_the_build_writes_are_reserved(project: Project, name: str) -> None:
    project.write(f"content/vi/{name}", "---\nkind: page\ntitle: x\n---\n")
    project.write(f"content/en/{name}", "---\ntitle: x\n---\n")
    code, problems = validate(project)
    assert code == 1 and ("reserved-address", f"content/vi/{name}") in rules_at(problems)


@pytest.mark.parametrize(("rel", "suggestion"), [("content/vi/culture/con.md", "con-1.md"),
                                                 ("content/vi/culture/nul.md", "nul-1.md"),
                                                 ("assets/photos/culture/aux.jpg", "aux-1.jpg"),
                                                 ("assets/photos/culture/Ảnh lễ hội #1.jpg", "anh-le-hoi-1.jpg")])
def test_names_windows_or_urls_cannot_take_are_refused_with_a_free_name(project: Project, rel: str,
                                                                         suggestion: str) -> None:
    if rel.endswith(".jpg"):
        project.photo(rel)
    else:
        project.write(rel, project.read(VI).replace("2025-test-entry", "2025-other"))
        project.write(rel.replace("/vi/", "/en/"), project.read(EN))
    project.photo("assets/photos/culture/anh-le-hoi-1-2.jpg")
    code, problems = validate(project)
    assert code == 1
    [problem] = [p for p in problems if p["rule"] == "unsafe-name" and p["file"] == rel]
    assert f"`{suggestion}`" in problem["en"] and f"`{suggestion}`" in problem["vi"]


def test_the_suggested_name_never_collides_with_an_existing_file(project: Project) -> None:
    project.photo("assets/photos/culture/le-hoi.jpg")
    project.photo("assets/photos/culture/Lễ hội.jpg")
    _, problems = validate(project)
    [problem] = [p for p in problems if p["rule"] == "unsafe-name"]
    assert "`le-hoi-2.jpg`" in problem["en"]


def test_names_equal_but_for_case_are_refused(project: Project) -> None:
    project.photo("assets/photos/culture/Gong.jpg")
    code, problems = validate(project)
    assert code == 1
    assert {p["file"] for p in problems if p["rule"] == "name-case"} == {
        "assets/photos/culture/Gong.jpg", "assets/photos/culture/gong.jpg"}


def test_a_decomposed_file_name_is_refused(project: Project) -> None:
    project.photo("assets/photos/culture/le\u0302\u0303.jpg")
    code, problems = validate(project)
    assert code == 1 and "name-nfc" in {p["rule"] for p in problems}


# -- input that could exhaust the machine ------------------------------------------------------------------

def run_limited(project: Project, *args: str, memory: int = 1024 * 2**20, seconds: int = 60
                ) -> subprocess.CompletedProcess[str]:
    """The real command, in a process that may not use more than ``memory`` bytes or ``seconds`` of CPU."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    return subprocess.run([sys.executable, "-m", "quangba", *args, "--root", str(project.root)],
                          capture_output=True, text=True, preexec_fn=limit, timeout=seconds * 2)


def test_a_yaml_alias_bomb_is_refused_before_it_expands(project: Project) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "licence: cc-by-4.0\n" + "\n".join(lines) + "\n"
    project.write(VI, project.read(VI).replace("licence: cc-by-4.0\n", bomb))
    result = run_limited(project, "validate")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert "yaml-alias" in result.stdout and f"{VI}:14" in result.stdout  # the first anchor


@pytest.mark.parametrize(("yaml", "rule"), [("x: !!python/object:os.system ls", "yaml-tag"),
                                            ("x: !!binary aGVsbG8=", "yaml-tag"),
                                            ("base: &b {a: 1}\nx:\n  <<: *b", "yaml-alias"),
                                            ("x: " + "[" * 5000 + "]" * 5000, "yaml-depth")])
def test_yaml_features_the_model_never_needs_are_refused(project: Project, yaml: str, rule: str) -> None:
    project.write(VI, project.read(VI).replace("licence: cc-by-4.0\n", f"licence: cc-by-4.0\n{yaml}\n"))
    code, problems = validate(project)
    assert code == 1 and rule in {p["rule"] for p in problems}


def test_a_huge_front_matter_is_refused_unread_and_the_report_stays_small(project: Project) -> None:
    keys = "".join(f"k{i}: v\n" for i in range(270_000))
    project.write(VI, project.read(VI).replace("licence: cc-by-4.0\n", "licence: cc-by-4.0\n" + keys))
    result = run_limited(project, "validate", seconds=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stdout) < 20_000
    assert "too-large" in result.stdout and "province.yml" in result.stdout


def test_messages_are_capped_per_file(project: Project) -> None:
    keys = "".join(f"k{i}: v\n" for i in range(2_000))
    project.write(VI, project.read(VI).replace("licence: cc-by-4.0\n", "licence: cc-by-4.0\n" + keys))
    code, problems = validate(project)
    mine = [p for p in problems if p["file"] == VI]
    assert code == 1 and len(mine) == 51
    assert mine[0]["rule"] == "more-problems" and "1,950 more" in mine[0]["en"] and "1.950" in mine[0]["vi"]


def test_the_profile_is_read_as_carefully(project: Project) -> None:
    project.write("province.yml", "a: &a [x, x]\nb: [*a, *a]\n" + project.read("province.yml"))
    code, problems = validate(project)
    assert code == 1 and problems[0]["file"] == "province.yml" and "alias" in problems[0]["en"]


# -- exports that machines read --------------------------------------------------------------------------

@pytest.mark.parametrize(("where", "text"), [("summary", '"Tóm tắt\\x01 bài viết."'),
                                             ("summary", '"Tóm tắt\\u0085 bài viết."'),
                                             ("body", "Nội dung\x0b bài viết.")])
def test_control_characters_are_refused_before_they_break_the_xml(project: Project, run_build, where: str,
                                                                   text: str) -> None:
    project.add_portal()
    if where == "summary":
        project.edit(VI, "summary: Tóm tắt bài viết.", f"summary: {text}")
    else:
        project.edit(VI, "Nội dung bài viết.", text)
    code, problems = validate(project)
    [problem] = [p for p in problems if p["rule"] == "control-character"]
    assert code == 1 and problem["line"] == (5 if where == "summary" else 26)
    assert "U+00" in problem["en"] and "XML" in problem["vi"]
    assert run_build(project.root, project.root / "site").returncode != 0


def test_the_xml_writers_never_write_a_control_character() -> None:
    import xml.etree.ElementTree as ET

    from quangba.xmltext import sub

    root = ET.Element("feed")
    sub(root, "summary", "a\x01b\x85c\ufffe", term="x\x02")
    ET.fromstring(ET.tostring(root))  # well formed
    assert root[0].text == "abc" and root[0].get("term") == "x"


def test_verify_reads_every_xml_export(sample_site, tmp_path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    assert CliRunner().invoke(main, ["verify", str(site)]).exit_code == 0
    feed = site / "en/feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</title>", b"\x01</title>", 1))
    result = CliRunner().invoke(main, ["verify", str(site), "--format", "json"])
    assert result.exit_code == 1
    assert [(p["rule"], p["file"]) for p in json.loads(result.stdout)] == [("xml", "en/feed.xml")]


# -- HTML in the body: checked at the source, and removed from the rendered page --------------------------

HOSTILE_HTML = [
    ("<script>window.__x=1</script>", "html-element"),
    ('<iframe src="https://example.org/"></iframe>', "html-element"),
    ('<form action="https://example.org/"><input name=q></form>', "html-element"),
    ('<p onclick="window.__x=1">x</p>', "html-script"),
    ('<img src="x" onerror="window.__x=1">', "html-script"),
    ('<a href="javascript:alert(1)">x</a>', "html-url"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "html-url"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "html-url"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "html-url"),
    ('<a href="vbscript:msgbox(1)">x</a>', "html-url"),
    ('<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="x">', "html-url"),
    ("[x](javascript:alert(1))", "html-url"),
    ("![x](data:image/png;base64,AAAA)", "html-url"),
    ('Đoạn văn {: onmouseover="window.__x=1" }', "html-script"),
    ('<div id="__config">x</div>', "html-attribute"),
    ('<p style="position:fixed;inset:0">x</p>', "html-attribute"),
]


@pytest.mark.parametrize(("body", "rule"), HOSTILE_HTML, ids=[h[0][:30] for h in HOSTILE_HTML])
def test_html_outside_the_policy_is_refused_at_its_line(project: Project, body: str, rule: str) -> None:
    project.edit(VI, "Nội dung bài viết.", f"Đoạn mở đầu.\n\n{body}\n")
    code, problems = validate(project)
    found = [p for p in problems if p["rule"] == rule]
    assert code == 1 and found, problems
    assert found[0]["file"] == VI and found[0]["line"] == 28
    assert found[0]["vi"] and found[0]["en"]


def test_the_html_editors_need_for_figures_and_tables_is_allowed(project: Project) -> None:
    body = """| Năm | Lượt khách |
|-----|-----------:|
| 2024 | 9.000.000 |

<figure><img src="../other/photo/" alt="Hồ Tuyền Lâm" width="800"><figcaption>Hồ Tuyền Lâm</figcaption></figure>

<details><summary>Chi tiết</summary><p>Xem <a href="https://lamdong.gov.vn/">cổng tỉnh</a>,
<abbr title="Ủy ban nhân dân">UBND</abbr>, <a href="mailto:quangba@lamdong.gov.vn">thư</a>.</p></details>

## Một mục {: #muc-mot .lon }
"""
    project.edit(VI, "Nội dung bài viết.", body)
    code, problems = validate(project)
    assert (code, problems) == (0, [])


def test_the_rendered_page_is_cleaned_even_if_the_source_check_missed_something(project: Project, monkeypatch,
                                                                                 tmp_path) -> None:
    """The second lock: with the source check switched off, the build still removes what the policy refuses."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import quangba.sources.checks.html as source_check

    project.add_portal()
    payloads = "\n\n".join(body for body, _ in HOSTILE_HTML)
    project.edit(VI, "Nội dung bài viết.", f"Đoạn mở đầu.\n\n{payloads}\n\nĐoạn kết.")
    monkeypatch.setattr(source_check, "html_problems", lambda file: iter(()))
    monkeypatch.chdir(project.root)
    site = tmp_path / "site"
    build(load_config(str(project.root / "mkdocs.yml"), site_dir=str(site), strict=False))
    from bs4 import BeautifulSoup

    from quangba.htmlpolicy import url_scheme

    article = BeautifulSoup((site / "culture/gong-festival/index.html").read_text(encoding="utf-8"),
                            "html.parser").article
    assert not article.find_all(["script", "iframe", "form", "input", "object", "embed", "style"])
    for element in article.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            if name in ("href", "src"):
                assert url_scheme(value) in (None, "http", "https", "mailto", "tel"), element
            if name == "style":
                assert value.replace(" ", "").startswith("text-align:") or "background-color" in value, element
        assert element.get("id") != "__config"
    assert "Đoạn mở đầu." in article.get_text() and "Đoạn kết." in article.get_text()


def test_vendored_front_end_files_match_their_checksums() -> None:
    import hashlib

    from tests.conftest import REPO

    vendor = REPO / "overrides/assets/vendor"
    record = json.loads((vendor / "vendored.json").read_text(encoding="utf-8"))
    assert record["photoswipe"]["version"] == "5.4.4"
    for name, package in record.items():
        for file, digest in package["sha256"].items():
            assert hashlib.sha256((vendor / name / file).read_bytes()).hexdigest() == digest, f"{name}/{file}"


def test_verify_accounts_for_every_file_of_the_site(sample_site, tmp_path) -> None:
    import shutil

    from tests.conftest import REPO

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    result = CliRunner().invoke(main, ["verify", str(site), "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    (site / "culture/secret").mkdir()
    (site / "culture/secret/index.html").write_text("<p>unchecked</p>", encoding="utf-8")
    (site / "assets/javascripts/evil.js").write_text("alert(1)", encoding="utf-8")
    (site / "media/original.jpg").write_bytes((REPO / "assets/photos/culture/gong-circle.jpg").read_bytes())
    result = CliRunner().invoke(main, ["verify", str(site), "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 1
    assert {(p["rule"], p["file"]) for p in json.loads(result.stdout)} == {
        ("unaccounted", "culture/secret/index.html"), ("unaccounted", "assets/javascripts/evil.js"),
        ("unaccounted", "media/original.jpg")}


def test_every_page_carries_the_content_security_policy_first(sample_site) -> None:
    from bs4 import BeautifulSoup

    from quangba.site.csp import policy

    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        metas = head.find_all("meta")
        assert metas[0].get("charset") == "utf-8", page
        expected = policy(admin=True) if page == sample_site / "admin/index.html" else policy()  # the web editor's
        assert metas[1].get("http-equiv") == "Content-Security-Policy" and metas[1]["content"] == expected, page
        assert not [s for s in head.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]


def test_a_framed_header_fills_only_its_own_slots_and_escapes_what_it_fills() -> None:
    """The header and footer are rendered once with marked slots: a text that imitates a marker stays text, a
    link is escaped as the template would escape it, and a template that drops or repeats a slot is refused."""
    from jinja2 import Environment

    from quangba.site.frames import Frame, SlotMaker

    env = Environment(autoescape=True)
    slot = SlotMaker()
    forged = f"\ue000{'0' * 16}:home\ue001 <b>"
    frame = Frame(env.from_string('<a href="{{ home }}">{{ name }}</a>'), {"home": slot("home"), "name": forged}, slot)
    filled = frame.fill({"home": '../"><script>x</script>'})
    assert filled == f'<a href="../&#34;&gt;&lt;script&gt;x&lt;/script&gt;">{forged[:-4]} &lt;b&gt;</a>'
    twice = SlotMaker()
    with pytest.raises(ValueError, match="each slot once"):
        Frame(env.from_string("{{ a }}{{ a }}"), {"a": twice("a")}, twice)


def test_a_sitemap_cut_short_vouches_for_no_page(sample_site, tmp_path) -> None:
    """Verify reads the sitemap's addresses as a stream: a sitemap that breaks off halfway is reported, and none of
    the addresses read before the break accounts for a page."""
    import shutil

    from tests.conftest import REPO

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    sitemap = (site / "sitemap.xml").read_bytes()
    (site / "sitemap.xml").write_bytes(sitemap[: len(sitemap) // 2])
    result = CliRunner().invoke(main, ["verify", str(site), "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 1
    found = {(p["rule"], p["file"]) for p in json.loads(result.stdout)}
    assert ("xml", "sitemap.xml") in found
    assert {("unaccounted", "index.html"), ("unaccounted", "en/index.html")} <= found


def test_verify_follows_a_sitemap_index_to_its_own_parts_only(sample_site, tmp_path) -> None:
    """A province beyond 50,000 URLs has its pages listed in parts under sitemaps/: verify accounts for the pages
    through them, notices a missing part's pages, and does not let the index vouch for a file by listing it."""
    import shutil

    from quangba.exports.discovery import sitemap_files
    from quangba.exports.records import Records
    from quangba.sources.catalogue import load_catalogue
    from tests.conftest import REPO

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    files = dict(sitemap_files(Records(load_catalogue(REPO), {}), max_urls=20))
    assert len(files) > 3
    for name, data in files.items():
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_bytes(data)

    def problems() -> set[tuple[str, str]]:
        result = CliRunner().invoke(main, ["verify", str(site), "--root", str(REPO), "--format", "json"])
        return {(p["rule"], p["file"]) for p in json.loads(result.stdout)} if result.exit_code else set()

    assert problems() == set()
    (site / "sitemaps/sitemap-2.xml").unlink()
    missing = problems()
    assert missing and {rule for rule, _ in missing} == {"unaccounted"}
    assert ("unaccounted", "index.html") not in missing  # part 1 is still read
    (site / "sitemaps/sitemap-2.xml").write_bytes(files["sitemaps/sitemap-2.xml"])
    index = files["sitemap.xml"].replace(b"sitemaps/sitemap-3.xml", b"exports/oai.xml")
    (site / "sitemap.xml").write_bytes(index)
    assert ("unaccounted", "sitemaps/sitemap-3.xml") in problems()
