"""The web editor at /admin/: its generated configuration, the checked bundle, and an entry written through it."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from playwright.sync_api import expect

from quangba.editing.cli import main
from quangba.editing.cms import CmsConfigError, cms_config
from quangba.model import KINDS, Field, Scope
from quangba.profile import load_profile
from quangba.site.admin import BUNDLE_RECORD, bundle_digest, config_text
from quangba.site.csp import policy
from tests.conftest import REPO, serve

SCHEMA = REPO / "cms/node_modules/@sveltia/cms/schema/sveltia-cms.json"


def _validator() -> jsonschema.Draft7Validator:
    assert SCHEMA.is_file(), "the web editor is not installed: run `make cms`"
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_generated_configuration_is_valid_for_the_editor_s_own_schema() -> None:
    profile = load_profile(REPO)
    assert profile.editing is not None
    config = cms_config(profile, profile.editing)
    validator = _validator()
    assert [e.message for e in validator.iter_errors(config)] == []
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["fields"][2]["maxlenght"] = 10  # a misspelt option is caught: the schema applies
    assert list(validator.iter_errors(broken))


def test_each_kind_is_a_collection_in_the_repository_s_layout() -> None:
    profile = load_profile(REPO)
    assert profile.editing is not None
    config = cms_config(profile, profile.editing)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "lamdong-province/quangba", "branch": "main",
                                 "open_authoring": False, "base_url": "https://quangba-auth.lamdong.gov.vn"}
    assert config["i18n"]["locales"] == ["vi", "en"] and config["i18n"]["default_locale"] == "vi"
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == list(KINDS)
    investment = collections["investment"]
    assert investment["folder"] == "content/{{locale}}" and investment["path"] == "{{category}}/{{slug}}"
    assert investment["filter"] == {"field": "kind", "value": "investment"}
    fields = {f["name"]: f for f in investment["fields"]}
    assert fields["title"]["label"] == "Tiêu đề · Title" and fields["title"]["i18n"] is True
    assert "i18n" not in fields["category"]  # shared: written once, in the Vietnamese file
    assert {o["value"] for o in fields["category"]["options"]} == set(profile.categories)
    assert {"label": "Văn hóa / Culture", "value": "culture"} in fields["category"]["options"]
    assert {o["value"] for o in fields["sector"]["options"]} == set(profile.sectors)
    assert {"label": "Đang kêu gọi đầu tư / Calling for investment", "value": "calling"} in \
        fields["project_status"]["options"]
    assert fields["capital_vnd_billion"]["widget"] == "number" and fields["capital_vnd_billion"]["min"] == 0
    assert fields["kind"] == {"name": "kind", "label": "Loại bài · Kind", "widget": "hidden", "default": "investment"}
    photos = {f["name"]: f for f in fields["photos"]["fields"]}
    assert fields["photos"]["i18n"] is True and fields["photos"]["min"] == 1
    assert photos["file"]["widget"] == "image" and photos["credit"]["i18n"] == "duplicate"
    assert photos["alt"]["i18n"] is True and photos["caption"]["i18n"] is True
    assert "Tả ảnh cho người không nhìn thấy ảnh." in photos["alt"]["hint"]
    assert "Describes the photo for people who cannot see it." in photos["alt"]["hint"]
    assert investment["slug"]["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert config["slug"]["clean_accents"] is True and config["slug"]["encoding"] == "ascii"
    publication = {f["name"]: f for f in collections["publication"]["fields"]}
    assert publication["file"]["widget"] == "file" and publication["file"]["accept"].startswith(".pdf,.epub")


def test_a_field_the_editor_cannot_show_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    profile = load_profile(REPO)
    assert profile.editing is not None
    odd = Field("signed", Scope.SHARED, {"vi": "Đã ký", "en": "Signed"}, {"vi": "Có hay không.", "en": "Yes or no."},
                {"type": "boolean"})
    article = KINDS["article"]
    monkeypatch.setitem(KINDS, "article", replace(article, fields=(*article.fields, odd)))
    with pytest.raises(CmsConfigError) as raised:
        cms_config(profile, profile.editing)
    assert raised.value.field == "signed" and raised.value.kind == "article"
    message = raised.value.message()
    assert "trường `signed` của loại `article`" in message and "field `signed` of kind `article`" in message
    # The build stops on it, with that message, before writing anything of /admin/.
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from quangba.site import mkdocs_hooks

    site = tmp_path / "site"
    build = SimpleNamespace(catalogue=SimpleNamespace(root=REPO, profile=profile))
    with pytest.raises(PluginError, match="field `signed` of kind `article`"):
        mkdocs_hooks._place_admin(build, site)
    assert not (site / "admin").exists()


def test_the_site_serves_the_recorded_editor_under_its_own_policy(sample_site: Path) -> None:
    record = json.loads((REPO / BUNDLE_RECORD).read_text(encoding="utf-8"))
    assert record["package"] == "@sveltia/cms" and record["version"] == "0.221.1"
    assert bundle_digest(sample_site / "admin/cms") == record["sha256"]
    assert (sample_site / "admin/config.yml").read_text(encoding="utf-8") == config_text(load_profile(REPO))
    head = BeautifulSoup((sample_site / "admin/index.html").read_text(encoding="utf-8"), "html.parser").head
    first = head.find("meta", attrs={"http-equiv": True})
    assert first is not None and first["content"] == policy(admin=True)
    assert "githubstatus" not in first["content"] and "https://api.github.com" in first["content"]
    assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = head.find_all("script")
    assert [s["src"] for s in scripts] == ["cms/cms.js"] and not any(s.string for s in scripts)
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap
    cdn = re.compile(r"https?://(unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|fonts\.(googleapis|gstatic)\.com)")
    for file in (sample_site / "admin").rglob("*"):  # no code path of the editor can reach a CDN
        if file.is_file() and file.suffix in (".js", ".html", ".yml", ".css"):
            assert not cdn.search(file.read_text(encoding="utf-8")), file


def test_verify_refuses_an_editor_that_is_not_the_recorded_one(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    chunk = next((site / "admin/cms/chunks").glob("*.js"))
    chunk.write_text(chunk.read_text(encoding="utf-8") + "\nfetch('https://example.com/steal');\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", str(site), "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert ("web-editor", "admin/cms/") in {(p["rule"], p["file"]) for p in problems}
    assert {p["file"] for p in problems if p["rule"] == "unaccounted"} >= {f"admin/cms/chunks/{chunk.name}"}


def test_a_project_without_an_editing_section_has_no_admin(project, run_build, tmp_path: Path) -> None:
    profile = yaml.safe_load(project.read("province.yml"))
    profile.pop("editing")
    project.write("province.yml", yaml.safe_dump(profile, allow_unicode=True, sort_keys=False))
    project.add_portal()
    result = run_build(project.root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site/admin").exists()


def test_a_built_project_without_the_bundle_says_how_to_build_it(project, run_build, tmp_path: Path) -> None:
    project.add_portal()
    result = run_build(project.root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the web editor is not built (run `make cms`)" in result.stderr
    assert not (tmp_path / "site/admin").exists()


# -- the editor in Chromium, against a local repository --------------------------------------------------------

# The local backend asks for the repository's folder with the File System Access API; the test hands it a folder
# of the browser's origin-private file system, then reads back what the editor wrote there.
_PICKER = ("window.showDirectoryPicker = async () => "
           "(await navigator.storage.getDirectory()).getDirectoryHandle('repo');")
_SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for await (const [name] of root.entries()) await root.removeEntry(name, {recursive: true});
  const repo = await root.getDirectoryHandle('repo', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/'); let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text); await writable.close();
  }
}"""
_READ = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let binary = ''; for (const b of bytes) binary += String.fromCharCode(b);
      out[prefix + name] = btoa(binary);
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""


def _written(page) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    import base64

    return {path: base64.b64decode(data) for path, data in page.evaluate(_READ).items()}


def _shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The editor's alerts and the fields it marks invalid: what an editor would read when a save does not happen."""
    return page.evaluate("""() => [...document.querySelectorAll('[role=alert], [role=status], [aria-invalid=true]')]
        .map(e => (e.getAttribute('aria-label') || '') + ' ' + e.textContent.trim()).filter(t => t.trim())""")


def _save(page, expected: set[str]) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Press Save, wait for the editor to say it saved, and return the files once they are all there.

    On a loaded machine the editor's work after the click can take seconds: wait for its own confirmation rather
    than a fixed time, and if none comes say what the editor showed instead of an empty set of files."""
    saved = page.get_by_text("Đã lưu bài viết.")  # "Entry saved", the editor's own notice
    page.get_by_role("button", name="Lưu").first.click()
    try:
        expect(saved).to_be_visible(timeout=30_000)
    except AssertionError:
        raise AssertionError(f"the editor did not save; it shows: {_shown(page)}") from None
    written: dict[str, bytes] = {}
    for _ in range(120):  # it writes each file in turn: wait until all are there and two reads agree
        now = _written(page)
        if expected <= set(now) and now == written:
            return now
        written = now
        page.wait_for_timeout(250)
    return written


def test_an_entry_made_in_the_editor_is_one_the_validator_accepts(sample_site: Path, browser, project,
                                                                  tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "Lễ hội cồng chiêng.jpg"  # as a camera or a colleague names it
    Image.new("RGB", (1600, 1200), (120, 160, 90)).save(photo, "JPEG")
    with serve(sample_site) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        elsewhere: list[str] = []
        violations: list[str] = []

        def route(request_route) -> None:  # type: ignore[no-untyped-def]
            if request_route.request.url.startswith(url):
                request_route.continue_()
            else:
                elsewhere.append(request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        context.add_init_script(_PICKER)
        page = context.new_page()
        page.on("console", lambda m: violations.extend(re.findall(r"Connecting to '([^']+)' violates", m.text)))
        page.goto(url + "404.html")  # the same origin, so the same private file system
        page.evaluate(_SEED, {".git/HEAD": "ref: refs/heads/main\n"})
        page.goto(url + "admin/")
        page.get_by_text("Làm việc với kho mã nguồn cục bộ").click()  # the interface is Vietnamese
        page.get_by_text("Tạo mới", exact=True).click()
        page.get_by_role("textbox", name="Tiêu đề · Title").fill("Lễ hội cồng chiêng Đà Lạt")
        page.get_by_role("textbox", name="Tóm tắt · Summary").fill("Một bài viết soạn trên trình soạn thảo web.")
        page.get_by_role("combobox", name="Lĩnh vực · Category").click()
        page.get_by_role("option", name="Văn hóa / Culture").click()
        page.get_by_role("combobox", name="Cơ quan cung cấp · Contributing agency").click()
        page.get_by_role("option", name=re.compile("^Sở Văn hóa, Thể thao và Du lịch")).click()
        page.get_by_role("button", name="Hôm nay").first.click()
        page.get_by_role("radio", name="Đăng / Published").click()
        page.get_by_role("radio", name=re.compile("^CC BY 4.0 — Ghi nguồn")).click()
        page.get_by_role("button", name=re.compile("Thêm.*Ảnh · Photos")).click()
        page.locator("input[type=file]").first.set_input_files(photo)
        page.get_by_role("textbox", name=re.compile("Tác giả ảnh")).fill("Nguyễn Văn A")
        page.get_by_role("textbox", name=re.compile("Mô tả thay thế")).fill("Nghệ nhân đánh cồng bên đống lửa")
        page.get_by_role("textbox", name=re.compile("Chú thích")).fill("Đêm hội cồng chiêng")
        page.locator("[contenteditable=true]").first.click()
        page.keyboard.type("Tiếng cồng vang trong đêm hội.")
        page.get_by_role("radio", name="Tiếng Anh").first.click()
        page.get_by_role("textbox", name="Tiêu đề · Title").fill("The gong festival of Da Lat")
        page.get_by_role("textbox", name="Tóm tắt · Summary").fill("An entry written in the web editor.")
        page.get_by_role("textbox", name=re.compile("Mô tả thay thế")).fill("An artisan plays a gong by a fire")
        page.get_by_role("textbox", name=re.compile("Chú thích")).fill("A gong festival night")
        page.get_by_role("checkbox", name=re.compile("Thêm.*Bản dịch · Translation")).click()
        unset = page.get_by_role("radio", name="(Không có)")
        expect(unset).to_be_checked()
        for _ in range(3):  # the editor sometimes drops the first click on a block it just added: click again
            page.get_by_role("radio", name="Đã dịch / Translated").click()
            page.wait_for_timeout(300)
            if not unset.is_checked():
                break
        expect(unset).not_to_be_checked()
        page.locator("[contenteditable=true]").first.click()
        page.keyboard.type("Gongs ring through the festival night.")
        # The preview beside the form shows the state the editor will save: wait until it has the last edits.
        expect(page.get_by_role("radio", name="Đã dịch / Translated")).to_be_checked()
        expect(page.get_by_text("Gongs ring through the festival night.")).to_have_count(3)  # rich, source, preview
        vi, en = "content/vi/culture/le-hoi-cong-chieng-da-lat.md", "content/en/culture/le-hoi-cong-chieng-da-lat.md"
        written = _save(page, {vi, en, "assets/photos/le-hoi-cong-chieng.jpg"})
        context.close()
    assert elsewhere == []  # nothing reached another host
    assert violations and set(violations) == {"https://www.githubstatus.com/api/v2/status.json"}  # refused by CSP
    assert set(written) == {".git/HEAD", vi, en, "assets/photos/le-hoi-cong-chieng.jpg"}
    assert hashlib.sha256(written["assets/photos/le-hoi-cong-chieng.jpg"]).digest() == \
        hashlib.sha256(photo.read_bytes()).digest()
    source = written[vi].decode()
    assert "category: culture" in source and "status: published" in source and "kind: article" in source
    assert "translation" not in source  # the source carries no translation block
    assert "Gongs ring" not in source and "Tiếng cồng vang trong đêm hội." in source
    translation = written[en].decode()
    assert "agency" not in translation and "status: translated" in translation
    for path, data in written.items():
        if not path.startswith(".git"):
            project.write(path, data)
    result = subprocess.run([sys.executable, "-m", "quangba", "validate", "--format", "json"], cwd=project.root,
                            capture_output=True, text=True)
    problems = [p for p in json.loads(result.stdout) if p["severity"] != "info"]
    assert result.returncode == 0 and problems == [], result.stdout + result.stderr


def test_editing_a_translation_keeps_what_the_form_does_not_show(sample_site: Path, browser) -> None:
    """A translator edits the English title: its recorded source version and review stay, and the Vietnamese file
    says the same things it said (the editor may lay out its YAML differently)."""
    vi, en = "content/vi/trade/bao-loc-tea-and-silk.md", "content/en/trade/bao-loc-tea-and-silk.md"
    before = {path: (REPO / path).read_text(encoding="utf-8") for path in (vi, en)}
    with serve(sample_site) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        context.add_init_script(_PICKER)
        page = context.new_page()
        page.goto(url + "404.html")
        page.evaluate(_SEED, {".git/HEAD": "ref: refs/heads/main\n", **before})
        page.goto(url + "admin/")
        page.get_by_text("Làm việc với kho mã nguồn cục bộ").click()
        page.get_by_text("Trà và tơ lụa Bảo Lộc").first.click()
        page.get_by_role("radio", name="Tiếng Anh").first.click()
        page.get_by_role("textbox", name="Tiêu đề · Title").fill("Bao Loc tea and silk, from the hills")
        expect(page.get_by_text("Bao Loc tea and silk, from the hills")).to_have_count(1)  # the preview has it
        written = _save(page, {vi, en})
        context.close()

    def front(text: str) -> dict:
        return yaml.safe_load(text.split("---\n")[1])

    old, new = front(before[en]), front(written[en].decode())
    assert new["title"] == "Bao Loc tea and silk, from the hills"
    assert new["translation"] == old["translation"]  # status, reviewer and the source version it translates
    assert front(written[vi].decode()) == front(before[vi])
    assert written[vi].decode().split("---\n", 2)[2] == before[vi].split("---\n", 2)[2]  # the body, byte for byte
