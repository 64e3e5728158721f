"""Translations that know their source: through real commits, editing the source makes its translation stale
(in `quangba status`, in the manifest and on the translated page), and marking it current makes it not."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from quangba.editing.cli import main
from quangba.editing.translations import set_translation_fields
from tests.conftest import Git, Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"


def quangba(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(project.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def states(project: Project, *args: str) -> dict[str, dict]:
    code, output = quangba(project, "status", "--format", "json", *args)
    assert code == 0, output
    return {f"{s['language']}:{s['rel_path']}": s for s in json.loads(output)}


def problems(project: Project) -> list[dict]:
    return json.loads(quangba(project, "validate", "--format", "json")[1])


def test_editing_the_source_makes_the_translation_stale_until_it_is_marked_current(
        git_project: tuple[Project, Git]) -> None:
    project, git = git_project
    assert states(project)["en:culture/gong-festival.md"]["tracked"] is False
    code, output = quangba(project, "translated", VI)  # a source path marks all its translations
    assert code == 0 and "content/en/culture/gong-festival.md" in output, output
    assert '  source: "' in project.read(EN) and "reviewer: Nguyễn Văn A" in project.read(EN)
    git.commit("Translation marked current", "2025-07-02T09:00:00+07:00")
    state = states(project)["en:culture/gong-festival.md"]
    assert (state["state"], state["tracked"]) == ("reviewed", True)

    project.edit(VI, "Nội dung bài viết.", "Nội dung bài viết, thêm một đoạn mới về nghệ nhân.")
    git.commit("The source gains a paragraph", "2025-09-10T23:30:00+07:00")
    state = states(project)["en:culture/gong-festival.md"]
    assert (state["state"], state["source_changed"]) == ("stale", "2025-09-10")
    info = [p for p in problems(project) if p["rule"] == "translation-stale"]
    assert [(p["file"], p["severity"]) for p in info] == [(EN, "info")]
    assert f"quangba translated {EN}" in info[0]["en"]
    text_output = quangba(project, "status")[1]
    assert "so-vhttdl: 1" in text_output and "stale    content/en/culture/gong-festival.md" in text_output

    code, _ = quangba(project, "translated", EN)
    assert code == 0
    assert states(project)["en:culture/gong-festival.md"]["state"] == "reviewed"
    assert not [p for p in problems(project) if p["rule"] == "translation-stale"]


def test_a_change_with_nothing_to_translate_leaves_the_translation_current(project: Project) -> None:
    quangba(project, "translated", EN)
    project.edit(VI, "updated: 2025-08-01", "updated: 2025-08-20")
    project.edit(VI, "tags: [festival]", "tags: [festival, music]")
    assert states(project)["en:culture/gong-festival.md"]["state"] == "reviewed"
    project.edit(VI, "    alt: Nghệ nhân đánh cồng", "    alt: Nghệ nhân đánh cồng bên bếp lửa")  # a photo's text
    assert states(project)["en:culture/gong-festival.md"]["state"] == "stale"


def test_a_stale_page_tells_readers_and_the_manifest_says_stale(project: Project, run_build, tmp_path: Path) -> None:
    project.add_portal()
    git = Git(project.root)
    quangba(project, "translated", EN)
    git.commit("First entry", "2025-07-01T09:00:00+07:00")
    project.edit(VI, "title: Lễ hội cồng chiêng", "title: Lễ hội cồng chiêng Tây Nguyên")
    git.commit("New title", "2025-10-20T10:00:00+07:00")
    site = tmp_path / "site"
    result = run_build(project.root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((site / "en/culture/gong-festival/index.html").read_text(encoding="utf-8"), "html.parser")
    notice = page.select_one(".qb-stale")
    assert "the original changed on October 20, 2025" in notice.get_text()
    assert notice.a["href"] == "../../../culture/gong-festival/" and notice.a["hreflang"] == "vi"
    vi_page = BeautifulSoup((site / "culture/gong-festival/index.html").read_text(encoding="utf-8"), "html.parser")
    assert vi_page.select_one(".qb-stale") is None
    manifest = json.loads((site / "exports/manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"][0]["translation"]["en"]["status"] == "stale"


def test_marking_edits_only_the_translation_block() -> None:
    text = ("---\ntitle: X\n# a comment the editor wrote\ntranslation:\n    status: translated\nphotos: []\n"
            "---\n\nBody\n")
    marked = set_translation_fields(text, {"source": "0123456789012345"})
    assert marked == ("---\ntitle: X\n# a comment the editor wrote\ntranslation:\n    status: translated\n"
                      '    source: "0123456789012345"\nphotos: []\n---\n\nBody\n')  # quoted: digits only stay text
    again = set_translation_fields(marked, {"source": "abcdefabcdefabcd", "reviewer": "Lê Thị: C"})
    assert '    source: "abcdefabcdefabcd"' in again and '    reviewer: "Lê Thị: C"' in again
    assert again.count("source:") == 1
    bare = set_translation_fields("---\r\ntitle: X\r\n---\r\nBody\r\n", {"source": "abcdefabcdefabcd"})
    assert bare == '---\r\ntitle: X\r\ntranslation:\r\n  source: "abcdefabcdefabcd"\r\n---\r\nBody\r\n'


def test_marking_refuses_clearly_what_it_cannot_mark(project: Project) -> None:
    code, output = quangba(project, "translated", "content/en/culture/nothing.md")
    assert code == 1 and "Not marked: there is no file `content/en/culture/nothing.md`" in output
    project.edit(VI, "summary: Tóm tắt bài viết.", "summary: [Tóm tắt")
    code, output = quangba(project, "translated", EN)
    assert code == 1 and "run `quangba validate` and fix them first" in output
    assert "source:" not in project.read(EN)


def test_status_lists_one_agencys_waiting_translations(project: Project) -> None:
    project.write("content/vi/culture/other.md", project.read(VI).replace("2025-test-entry", "2025-other")
                  .replace("agency: so-vhttdl", "agency: so-tai-chinh"))
    by_agency = states(project, "--agency", "so-tai-chinh")
    assert by_agency["en:culture/other.md"]["state"] == "missing" and len(by_agency) == 1
    code, output = quangba(project, "status", "--agency", "so-khong-co")
    assert code == 2 and "unknown agency" in output
