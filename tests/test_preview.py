"""The editor's preview: ``mkdocs serve --dirty`` (``make serve``) shows a saved entry on its page and on the
pages that list it, in every language, without rebuilding the corpus; a site-wide change rebuilds every page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from quangba.site.listings_kept import KeptListings
from tests.conftest import Project, free_port

ENTRY = "content/vi/culture/gong-festival.md"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def shows(url: str, text: str, limit: float = 60.0) -> bool:
    """Whether ``url`` serves ``text`` within ``limit`` seconds (the server polls files every half second)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


class Preview:
    def __init__(self, base: str, log: Path) -> None:
        self.base = base
        self.log = log

    def messages(self) -> str:
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def preview(project: Project) -> Iterator[Preview]:
    project.add_portal()
    address = f"127.0.0.1:{free_port()}"
    log = project.root.parent / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", address],
                                  cwd=project.root, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
        try:
            running = Preview(f"http://{address}/", log)
            assert shows(running.base + "culture/gong-festival/", "<html", 120), running.messages()
            time.sleep(1.5)  # the watcher takes its first look at the files
            yield running
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def test_a_saved_entry_shows_on_its_page_and_its_listing_in_each_language(project: Project,
                                                                           preview: Preview) -> None:
    page, listing = preview.base + "culture/gong-festival/", preview.base + "culture/"
    project.edit(ENTRY, "title: Lễ hội cồng chiêng", "title: Lễ hội cồng chiêng Tây Nguyên mới")
    assert shows(page, "Lễ hội cồng chiêng Tây Nguyên mới"), preview.messages()
    assert shows(listing, "Lễ hội cồng chiêng Tây Nguyên mới"), preview.messages()
    project.edit("content/en/culture/gong-festival.md", "The text of the entry.", "A sentence saved just now.")
    assert shows(preview.base + "en/culture/gong-festival/", "A sentence saved just now."), preview.messages()
    # only the saved file was read and checked again
    assert "preview: 1 file read again, 1 page checked again" in preview.messages()


def test_a_mistake_saved_is_reported_and_the_fix_shows(project: Project, preview: Preview) -> None:
    page = preview.base + "culture/gong-festival/"
    project.edit(ENTRY, "category: culture", "category: no-such-category")
    started = time.monotonic()
    while "no-such-category" not in preview.messages() and time.monotonic() - started < 60:
        time.sleep(0.2)
    # named in the server's output with the fix (MkDocs then holds requests until the content is fixed)
    assert "Valid codes: geography" in preview.messages()
    project.edit(ENTRY, "category: no-such-category", "category: culture")
    project.edit(ENTRY, "title: Lễ hội cồng chiêng", "title: Lễ hội đã sửa")
    assert shows(page, "Lễ hội đã sửa"), preview.messages()


def test_a_profile_change_reaches_every_page(project: Project, preview: Preview) -> None:
    profile = yaml.safe_load(project.read("province.yml"))
    profile["categories"]["culture"]["label"]["en"] = "Living heritage"
    project.write("province.yml", yaml.safe_dump(profile, allow_unicode=True, sort_keys=False))
    # the entry's own file did not change, yet its page names its category with the new label
    assert shows(preview.base + "en/culture/gong-festival/", "Living heritage"), preview.messages()


def test_a_template_edited_during_the_preview_shows_on_the_next_rebuild(project: Project, preview: Preview) -> None:
    # The theme's compiled templates are kept between rebuilds (quangba.site.mkdocs_hooks): an edited template
    # must be compiled again, not served from what the first build compiled.
    not_found = preview.base + "404.html"
    assert shows(not_found, 'class="qb-not-found"'), preview.messages()
    project.edit("overrides/404.html", 'class="qb-not-found"', 'class="qb-not-found qb-edited-just-now"')
    project.edit(ENTRY, "title: Lễ hội cồng chiêng", "title: Lễ hội cồng chiêng mới")  # serve watches content
    assert shows(preview.base + "culture/gong-festival/", "Lễ hội cồng chiêng mới"), preview.messages()
    assert shows(not_found, "qb-edited-just-now", 10), preview.messages()


def test_a_change_saved_beside_a_mistake_reaches_the_listing_once_the_mistake_is_fixed(project: Project,
                                                                                    preview: Preview) -> None:
    # A rebuild that fails writes no page; the entry saved with it must still reach its category's listing on
    # the rebuild that succeeds, although that one does not read the entry again (quangba.site.listings_kept).
    listing = preview.base + "culture/"
    project.edit(ENTRY, "title: Lễ hội cồng chiêng", "title: Lễ hội cồng chiêng mùa xuân")
    project.edit("content/vi/index.md", "title: Trang chủ", "title: [Trang chủ")
    started = time.monotonic()
    while "index.md" not in preview.messages() and time.monotonic() - started < 60:
        time.sleep(0.2)
    project.edit("content/vi/index.md", "title: [Trang chủ", "title: Trang chủ")
    assert shows(listing, "Lễ hội cồng chiêng mùa xuân"), preview.messages()
    assert shows(preview.base + "tourism/", "<html", 5)  # a listing the change did not touch is served as it was


def test_an_entry_moved_to_another_category_leaves_one_listing_and_joins_the_other(project: Project,
                                                                                preview: Preview) -> None:
    culture, tourism = preview.base + "culture/", preview.base + "tourism/"
    assert shows(culture, "Lễ hội cồng chiêng") and not shows(tourism, "Lễ hội cồng chiêng", 1)
    for language in ("vi", "en"):
        text = project.read(f"content/{language}/culture/gong-festival.md")
        project.write(f"content/{language}/tourism/gong-festival.md", text.replace("category: culture",
                                                                                  "category: tourism"))
        (project.root / f"content/{language}/culture/gong-festival.md").unlink()
    assert shows(tourism, "Lễ hội cồng chiêng"), preview.messages()
    assert shows(preview.base + "en/tourism/", "The gong festival"), preview.messages()
    started = time.monotonic()
    while "Lễ hội cồng chiêng" in fetch(culture) and time.monotonic() - started < 30:
        time.sleep(0.2)
    assert "Lễ hội cồng chiêng" not in fetch(culture), preview.messages()


def test_kept_listings_follow_changes_across_failed_and_site_wide_rebuilds() -> None:
    kept = KeptListings()
    listed = {"culture/": ["culture/a.md", "culture/b.md"], "tourism/": ["tourism/c.md"]}
    kept.changed(set())
    assert kept.decide(listed, everything=False) == set()  # the first rebuild renders everything
    kept.changed({"culture/a.md"})
    assert kept.decide(listed, everything=False) == {"tourism/"}
    kept.changed({"tourism/c.md"})  # that one succeeded; this one fails, and tourism/c.md stays due
    kept.decide(listed, everything=False)
    kept.failed()
    kept.changed(set())
    assert kept.decide(listed, everything=False) == {"culture/"}
    kept.changed(set())
    assert kept.decide(listed, everything=False) == {"culture/", "tourism/"}
    moved = {"culture/": ["culture/a.md"], "tourism/": ["tourism/b.md", "tourism/c.md"]}
    kept.changed(set())  # a deleted file is read by nobody: the lists themselves differ
    assert kept.decide(moved, everything=False) == set()
    kept.changed(set())
    assert kept.decide(moved, everything=True) == set()  # the profile or the theme changed
    kept.failed()
    kept.changed(set())
    assert kept.decide(moved, everything=False) == set()  # not before a rebuild with them has succeeded
