"""Shared fixtures: a small project to break rule by rule, and the sample site built once."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parent.parent

VI_ENTRY = """---
id: 2025-test-entry
kind: article
title: Lễ hội cồng chiêng
summary: Tóm tắt bài viết.
category: culture
tags: [festival]
agency: so-vhttdl
issued: 2025-07-01
updated: 2025-08-01
status: published
classification: public
licence: cc-by-4.0
place:
  name: Đà Lạt
  lat: 11.94
  lon: 108.45
photos:
  - file: assets/photos/culture/gong.jpg
    credit: Sở Văn hóa
    taken: 2025-06-20
    alt: Nghệ nhân đánh cồng
    caption: Đêm hội cồng chiêng
---

Nội dung bài viết.
"""

EN_ENTRY = """---
title: The gong festival
summary: A summary of the entry.
translation:
  status: reviewed
  reviewer: Nguyễn Văn A
photos:
  - file: assets/photos/culture/gong.jpg
    alt: Artisans playing gongs
    caption: A gong festival night
---

The text of the entry.
"""


class Project:
    """A minimal valid project in a temporary folder, with helpers to break it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # The shipped profile without its portal settings, whose links name the sample site's pages.
        profile = yaml.safe_load((REPO / "province.yml").read_text(encoding="utf-8"))
        profile.pop("portal", None)
        (root / "province.yml").write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
        self.write("content/vi/culture/gong-festival.md", VI_ENTRY)
        self.write("content/en/culture/gong-festival.md", EN_ENTRY)
        self.photo("assets/photos/culture/gong.jpg")
        self.write("content/vi/index.md", "---\nkind: page\ntitle: Trang chủ\ninsert: categories\n---\n")
        self.write("content/en/index.md", "---\ntitle: Home\n---\n")

    def add_portal(self) -> None:
        """The build's own files (mkdocs.yml, hooks, theme overrides), so `mkdocs build` runs here."""
        shutil.copy(REPO / "mkdocs.yml", self.root / "mkdocs.yml")
        for folder in ("hooks", "overrides"):
            shutil.copytree(REPO / folder, self.root / folder)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def photo(self, rel: str, size: tuple[int, int] = (1600, 1200)) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (120, 160, 90)).save(path, "JPEG")
        return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site, built once with --strict exactly as the README's command does."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def run_build() -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=root, capture_output=True, text=True,
        )
    return run


class Git:
    """A real git repository around a test project, with commits at chosen times."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.run("init", "-q", "-b", "main")
        (root / ".gitignore").write_text(".cache/\nsite/\nout/\n", encoding="utf-8")

    def run(self, *args: str, when: str = "2025-01-01T09:00:00+07:00") -> str:
        env = {"GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "editor@example.invalid",
               "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "editor@example.invalid",
               "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin", "HOME": str(self.root)}
        result = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return result.stdout

    def commit(self, message: str, when: str) -> None:
        """Commit everything at ``when`` (ISO 8601 with an offset)."""
        self.run("add", "-A", when=when)
        self.run("commit", "-q", "-m", message, when=when)


@pytest.fixture
def git_project(project: Project) -> tuple[Project, Git]:
    """The test project under git, its first commit made on 2025-07-01 at 09:00 in Viet Nam."""
    git = Git(project.root)
    git.commit("First entry", "2025-07-01T09:00:00+07:00")
    return project, git


# -- a real browser: Debian's Chromium, driven by Playwright; never a downloaded one -----------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    """A loopback port nobody listens on, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep the test output readable
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site on a loopback port, as a static web server would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
