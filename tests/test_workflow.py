"""The pull-request flow: the changed files' problems come first (GitHub shows only 10 error annotations a
step), the whole bilingual report goes to the step summary, pre-commit checks only the files committed, and each
agency's files are routed to its reviewers."""

from __future__ import annotations

import re
import shlex

import yaml
from click.testing import CliRunner

from quangba.editing.cli import main
from tests.conftest import REPO, Git, Project

VI = "content/vi/culture/gong-festival.md"
EN = "content/en/culture/gong-festival.md"


def quangba(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_the_changed_files_problems_come_first_and_the_summary_has_them_all(git_project: tuple[Project, Git],
                                                                          tmp_path) -> None:
    project, git = git_project
    for index in range(12):  # a dozen broken files already on main
        project.write(f"content/vi/culture/old-{index}.md", project.read(VI).replace("2025-test-entry", f"old-{index}")
                      .replace("agency: so-vhttdl", "agency: so-khong-co"))
        project.write(f"content/en/culture/old-{index}.md", project.read(EN))
    git.commit("Old problems", "2025-07-02T09:00:00+07:00")
    git.run("branch", "base")
    project.edit(EN, "title: The gong festival", "title: ''")  # the pull request's own mistake
    git.commit("Pull request", "2025-07-03T09:00:00+07:00")
    summary = tmp_path / "summary.md"
    code, output = quangba("validate", "--root", str(project.root), "--format", "github", "--changed-since", "base",
                           "--summary", str(summary))
    assert code == 1
    annotations = [line for line in output.splitlines() if line.startswith("::error")]
    assert len(annotations) == 13 and f"file={EN}" in annotations[0]  # first, though its path sorts last
    report = summary.read_text(encoding="utf-8")
    assert report.count("không có trong hồ sơ tỉnh") == 12 and f"#### `{EN}`" in report
    assert "| Dòng / Line | Mức / Level |" in report


def test_pre_commit_reports_only_the_files_being_committed(project: Project) -> None:
    project.write("content/vi/culture/other.md", project.read(VI).replace("2025-test-entry", "2025-other")
                  .replace("agency: so-vhttdl", "agency: so-khong-co"))
    project.write("content/en/culture/other.md", project.read(EN))
    code, output = quangba("validate", "--root", str(project.root), "--format", "json", VI, EN)
    assert (code, output.strip()) == (0, "[]")
    code, output = quangba("validate", "--root", str(project.root), "--format", "json", "content/vi/culture/other.md")
    assert code == 1 and "so-khong-co" in output
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == ".venv/bin/quangba validate" and hook["pass_filenames"] is True
    assert re.match(hook["files"], "content/vi/culture/x.md") and not re.match(hook["files"], "src/quangba/model.py")


def test_each_agencys_files_go_to_its_reviewers(project: Project) -> None:
    code, output = quangba("codeowners", "--org", "tinh", "--root", str(project.root))
    assert code == 0
    lines = output.splitlines()
    assert lines[1] == "*\t@tinh/managing-department"  # first: every later, more precise line wins over it
    assert f"/{VI}\t@tinh/so-vhttdl" in lines and f"/{EN}\t@tinh/so-vhttdl @tinh/translators" in lines
    assert "/assets/photos/culture/gong.jpg\t@tinh/so-vhttdl" in lines
    assert not any("index.md" in line for line in lines)  # standing pages stay with the managing department


def test_the_workflow_uses_only_what_exists() -> None:
    """Every quangba command and option the workflow runs exists, every action is pinned to a major version, and
    every job that reads the history checks out all of it."""
    workflow = yaml.safe_load((REPO / ".github/workflows/portal.yml").read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        steps = job["steps"]
        for step in steps:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
            for command in re.findall(r"\.venv/bin/quangba ([^\n]+)", step.get("run", "")):
                words = shlex.split(command.replace("$GITHUB_STEP_SUMMARY", "summary.md").split(">>")[0])
                subcommand, options = words[0], [w for w in words[1:] if w.startswith("--")]
                code, help_text = quangba(subcommand, "--help")
                assert code == 0, subcommand
                assert all(option in help_text for option in options), (subcommand, options)
        checkout = next((s for s in steps if s.get("uses", "").startswith("actions/checkout")), None)
        if checkout is not None:
            assert checkout["with"]["fetch-depth"] == 0, name
    assert workflow["jobs"]["publish"]["needs"] == ["check", "test"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in workflow["jobs"]["publish"]["steps"])
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "quangba validate" in template and "quangba translated" in template
