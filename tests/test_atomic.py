"""The published site changes in one step or not at all: a failed, refused or killed build leaves the last good
site byte for byte, and no photo worker outlives its build."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import Project

VI = "content/vi/culture/gong-festival.md"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of a folder with its SHA-256: what "byte for byte" compares."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Project, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project.root, capture_output=True,
                          text=True, **options)  # type: ignore[call-overload]


@pytest.fixture
def published(project: Project) -> tuple[Project, dict[str, str]]:
    """A project whose good site is already published."""
    project.add_portal()
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project, fingerprint(project.root / "site")


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if ".building-" in p.name or p.name.endswith(".previous"))


def test_a_good_build_replaces_the_site_in_one_step(published) -> None:
    project, before = published
    project.edit(VI, "Nội dung bài viết.", "Nội dung mới của bài viết.")
    assert build(project).returncode == 0
    after = fingerprint(project.root / "site")
    pages = {name for name in after if not name.startswith("pagefind/")}  # the search index's names follow the text
    assert after != before and pages == {name for name in before if not name.startswith("pagefind/")}
    assert "Nội dung mới" in (project.root / "site/culture/gong-festival/index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_an_error_leaves_the_last_good_site(published) -> None:
    project, before = published
    project.edit(VI, "agency: so-vhttdl", "agency: so-khong-co")
    assert build(project).returncode == 1
    assert fingerprint(project.root / "site") == before and leftovers(project) == []


def test_a_strict_build_refused_for_a_warning_leaves_the_last_good_site(published) -> None:
    project, before = published
    Image.new("RGB", (800, 600), (1, 2, 3)).save(project.root / "assets/photos/culture/gong.jpg", "JPEG")
    result = build(project)
    assert result.returncode == 1 and "strict" in result.stdout + result.stderr
    assert fingerprint(project.root / "site") == before and leftovers(project) == []


def test_a_failed_verification_leaves_the_last_good_site(published, monkeypatch) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    import quangba.site.mkdocs_hooks as hooks
    from quangba.problems import Problem

    project, before = published
    project.edit(VI, "Nội dung bài viết.", "Nội dung mới của bài viết.")
    failing = [Problem("exports/manifest.json", 0, "checksum", "", "sai", "wrong")]
    monkeypatch.setattr(hooks, "verify_site", lambda site, **options: (failing, {}))
    monkeypatch.chdir(project.root)
    with pytest.raises(Abort):
        mkdocs_build(load_config(str(project.root / "mkdocs.yml")))
    assert fingerprint(project.root / "site") == before and leftovers(project) == []


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("moment", ["photos", "pages"])
def test_a_killed_build_leaves_the_last_good_site_and_no_worker(published, moment: str) -> None:
    project, before = published
    folder = project.root / "assets/photos/culture"
    photos = [f"big-{n}.jpg" for n in range(12)]
    for number, name in enumerate(photos):  # enough work to be killed in the middle of it
        Image.effect_noise((4000, 3000), 60 + number).convert("RGB").save(folder / name, "JPEG", quality=92)
    items = "".join(f"  - file: assets/photos/culture/{n}\n    credit: X\n    alt: A\n    caption: C\n" for n in photos)
    project.edit(VI, "    caption: Đêm hội cồng chiêng\n", "    caption: Đêm hội cồng chiêng\n" + items)
    project.edit("content/en/culture/gong-festival.md", "    caption: A gong festival night\n",
                 "    caption: A gong festival night\n" + items.replace("    credit: X\n", ""))
    marker = f"QB_KILL_TEST_{os.getpid()}_{moment}"
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project.root,
                               env={**os.environ, marker: "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staging = project.root / f".site.building-{process.pid}"
    while time.monotonic() < deadline:
        workers = [pid for pid in _processes_with(marker) if pid != process.pid]
        if moment == "photos" and workers:
            break
        if moment == "pages" and (staging / "culture/gong-festival/index.html").exists():
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the build never reached its {moment}")
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15  # a loaded machine may take a moment to end them: poll, never a fixed sleep
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []  # every worker died with the build
    assert fingerprint(project.root / "site") == before  # the last good site, byte for byte
    assert build(project).returncode == 0  # the next build works, and clears what the killed one left
    assert leftovers(project) == []
