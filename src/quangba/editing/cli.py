"""The ``quangba`` command: what editors and CI run outside MkDocs."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import subprocess
import sys
from pathlib import Path

import click
import yaml

from quangba.atomic import write_atomically
from quangba.editing.activity import NoHistory, read_events
from quangba.editing.codeowners import codeowners
from quangba.editing.fixes import FIXABLE_RULES, fix_file
from quangba.editing.reports import BadPeriod, build_report, csv_text, markdown, parse_period, xlsx
from quangba.editing.scaffold import scaffold
from quangba.editing.translations import (
    NotMarked,
    format_states,
    mark_current,
    photo_agencies,
    translation_states,
)
from quangba.exports.verify import verify_site
from quangba.exports.writer import schema_files
from quangba.language import both
from quangba.model import KINDS
from quangba.problems import FORMATTERS, Severity, format_markdown, has_errors, sort_problems
from quangba.profile import Profile, ProfileError, load_profile
from quangba.schema import Role, published_schema, schema_text
from quangba.site.nginx import nginx_config
from quangba.sources.catalogue import load_catalogue, read_groups
from quangba.sources.checks.names import ascii_slug
from quangba.sources.content import CONTENT_DIR
from quangba.sources.history import git

SCHEMA_DIR = "schemas"


@click.group()
@click.version_option(package_name="quangba")
def main() -> None:
    """quangba: the province's image-promotion data system."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Project folder (holding province.yml and content/).")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              help="text for people, github for Actions annotations, json for machines.")
@click.option("--fix", is_flag=True, help="Convert text typed in legacy encodings (TCVN3, VNI, VIQR, Windows-1258, "
              "mis-read UTF-8) to Unicode, rewrite it in NFC (TCVN 6909) and drop byte-order marks.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--changed-since", "changed_since", metavar="REF",
              help="List first the problems of the files changed since this git ref (a pull request's base): GitHub "
                   "shows only the first 10 error annotations of a step.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also append the whole report, in Markdown, to this file ($GITHUB_STEP_SUMMARY).")
@click.argument("paths", nargs=-1)
def validate(root: Path, output_format: str, fix: bool, strict: bool, changed_since: str | None,
             summary_file: Path | None, paths: tuple[str, ...]) -> None:
    """Check every content file, the same checks `mkdocs build` runs. Exit 1 on any error.

    Given PATHS (as pre-commit gives the files it is committing), the whole corpus is still checked but only the
    problems of those files are reported and decide the exit status."""
    catalogue = load_catalogue(root)
    if fix:
        fixes = [fix_file(root.resolve(), path)
                 for path in sorted({p.file for p in catalogue.problems if p.rule in FIXABLE_RULES})]
        for done in fixes:
            if done.changed:
                click.echo(done.describe(), err=True)
        if any(done.changed for done in fixes):
            catalogue = load_catalogue(root)
    problems = catalogue.problems
    if paths:
        wanted = {Path(p).as_posix().removeprefix("./") for p in paths}
        problems = [p for p in problems if p.file in wanted]
    if changed_since:
        changed = changed_files(root.resolve(), changed_since)
        problems = sorted(problems, key=lambda p: p.file not in changed)  # stable: each group keeps its order
    if summary_file is not None:
        with summary_file.open("a", encoding="utf-8") as handle:
            handle.write(format_markdown(problems))
    if problems or output_format == "json":
        click.echo(FORMATTERS[output_format](problems))
    elif output_format == "text":
        vi, en = both([(len(catalogue.entries), "entry")])
        click.echo(f"Không có lỗi trong {vi}. / No problems in {en}.")
    failed = has_errors(problems) or (strict and any(p.severity is Severity.WARNING for p in problems))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--check", is_flag=True, help="Fail if the schemas in schemas/ are not up to date.")
def schema(root: Path, check: bool) -> None:
    """Write the JSON Schemas to schemas/: the content model's (derived from the field declarations) and the
    exports' (the manifest and the change feed)."""
    try:
        profile = load_profile(root)
    except ProfileError as exc:
        click.echo(FORMATTERS["text"](exc.problems), err=True)
        sys.exit(1)
    stale = []
    wanted = {f"{role}.schema.json": schema_text(published_schema(profile, role)) for role in Role}
    wanted.update(schema_files(profile.site_url))
    for name, text in wanted.items():
        path = root / SCHEMA_DIR / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text.encode("utf-8"))
            click.echo(f"wrote {path}")
    if stale:
        click.echo("Out of date, run `quangba schema`: " + ", ".join(stale), err=True)
        sys.exit(1)


@main.command()
@click.argument("category")
@click.argument("title")
@click.option("--kind", type=click.Choice(sorted(KINDS)), default="article")
@click.option("--agency", required=True, help="Your agency's code in province.yml.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def new(category: str, title: str, kind: str, agency: str, root: Path) -> None:
    """Create a draft entry of a kind in every language with a fresh id, ready to fill in."""
    profile = load_profile(root)
    if category not in profile.categories:
        raise click.BadParameter(f"unknown category; choose one of {', '.join(profile.categories)}")
    if agency not in profile.agencies:
        raise click.BadParameter(f"unknown agency; choose one of {', '.join(profile.agencies)}")
    slug = ascii_slug(title) or "bai-moi"
    today = dt.date.today()
    entry_id = f"{today.year}-{slug[:40].rstrip('-')}-{secrets.token_hex(2)}"
    for language in profile.language_codes:
        path = root / CONTENT_DIR / language / category / f"{slug}.md"
        if path.exists():
            raise click.ClickException(f"{path} already exists")
    metas = scaffold(KINDS[kind], profile, entry_id=entry_id, title=title, category=category, agency=agency,
                     slug=slug, today=today)
    for language, meta in metas.items():
        path = root / CONTENT_DIR / language / category / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=120)
        head = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", head)  # dates, as editors write them
        path.write_text(f"---\n{head}---\n\n", encoding="utf-8")
        click.echo(f"created {path}")



def changed_files(root: Path, ref: str) -> set[str]:
    """The files changed between ``ref`` and HEAD (a pull request's changes); none if git cannot say."""
    try:
        out = git(root, "diff", "--name-only", "--no-renames", "--relative", f"{ref}...HEAD")
    except (OSError, subprocess.CalledProcessError):
        click.echo(f"quangba: không so được với `{ref}` / cannot compare with `{ref}`", err=True)
        return set()
    return set(out.decode("utf-8", "replace").splitlines())


def _profile(root: Path) -> Profile:
    """The profile, or the editor's message and exit 1: never a traceback for a broken province.yml."""
    try:
        return load_profile(root)
    except ProfileError as exc:
        click.echo(FORMATTERS["text"](exc.problems), err=True)
        sys.exit(1)


@main.command()
@click.option("--agency", help="Only this agency's entries (its code in province.yml).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def status(agency: str | None, output_format: str, root: Path) -> None:
    """Each translation's state: missing, stale (the source changed since), draft, translated or reviewed; and
    per agency, the translations waiting for it."""
    profile = _profile(root)
    if agency is not None and agency not in profile.agencies:
        raise click.BadParameter(f"unknown agency; choose one of {', '.join(profile.agencies)}", param_hint="--agency")
    click.echo(format_states(translation_states(root.resolve(), profile, agency), output_format))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--reviewer", help="Also mark the translations reviewed by this person.")
@click.option("--untracked", is_flag=True, help="Every translation that does not yet record its source version.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def translated(paths: tuple[str, ...], reviewer: str | None, untracked: bool, root: Path) -> None:
    """Mark translations current: record in each the version of the source text it now translates. A source
    (default-language) path marks all its translations."""
    profile = _profile(root)
    root = root.resolve()
    if untracked and not paths:
        paths = tuple(f"{CONTENT_DIR}/{profile.default_language}/{rel}" for rel in sorted(read_groups(root, profile)))
    if not paths:
        raise click.UsageError("name the translations to mark, or give --untracked")
    try:
        written = mark_current(root, profile, paths, reviewer=reviewer, untracked_only=untracked)
    except NotMarked as exc:
        vi, en = exc.args
        click.echo(f"Không đánh dấu được: {vi}. / Not marked: {en}.", err=True)
        sys.exit(1)
    for path, version in written:
        click.echo(f"{path}: bản dịch của phiên bản {version} / translates version {version}")


@main.command()
@click.option("--period", required=True,
              help="A year (2026), a half (2026-H1), a quarter (2026-Q3), or current (today's quarter).")
@click.option("--format", "output_format", type=click.Choice(["md", "csv", "xlsx"]), default="md")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of printing.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def report(period: str, output_format: str, output: Path | None, root: Path) -> None:
    """The periodic report of the regulations: per agency, entries published, updated and withdrawn, photos,
    translations and the quarterly duty; totals by kind, category and language. Counted from the git history."""
    profile = _profile(root)
    root = root.resolve()
    try:
        today = profile.today()
        chosen = parse_period(period, today)
        events = read_events(root, profile, photo_agencies(root, profile))
    except (BadPeriod, NoHistory) as exc:
        vi, en = exc.args
        click.echo(f"Không lập được báo cáo: {vi}. / No report: {en}.", err=True)
        sys.exit(1)
    built = build_report(events, profile, chosen, today)
    data = {"md": lambda: markdown(built, profile).encode("utf-8"), "csv": lambda: csv_text(built, profile),
            "xlsx": lambda: xlsx(built, profile)}[output_format]()
    if output is not None:
        write_atomically(output, data)
        click.echo(f"{output}", err=True)
    elif output_format == "xlsx":
        raise click.UsageError("an XLSX workbook needs --output FILE")
    else:
        click.echo(data.decode("utf-8-sig"), nl=False)


@main.command(name="codeowners")
@click.option("--org", required=True, help="The GitHub organisation whose teams review (one per agency code, "
              "translators, managing-department).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def codeowners_command(org: str, root: Path) -> None:
    """Print a CODEOWNERS file: each agency's entries and photos to its team, translations also to the
    translators, everything else to the managing department."""
    click.echo(codeowners(root.resolve(), _profile(root), org), nl=False)


@main.command()
@click.argument("site", type=click.Path(file_okay=False, path_type=Path), default="site")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The project whose mkdocs.yml names the theme: its files are the site's theme assets.")
def verify(site: Path, output_format: str, root: Path) -> None:
    """Read a built SITE as the national database would: the manifest against its schema, every listed file
    against its SHA-256, both languages of every record, the tombstones and the change feed, every XML export,
    and that every file of the site is accounted for. Exit 1 on any failure."""
    config = root / "mkdocs.yml"
    assets = None
    if config.is_file():
        from quangba.site.mkdocs_hooks import theme_assets

        assets = theme_assets(config)
    from quangba.site.admin import recorded_digest

    problems, checked = verify_site(site, theme_assets=assets, admin_bundle=recorded_digest(root))
    if problems or output_format == "json":
        click.echo(FORMATTERS[output_format](sort_problems(problems)))
    if problems:
        vi, en = both([(len(problems), "problem")])
        click.echo(f"{vi} trong {site}. / {en} in {site}.", err=True)
        sys.exit(1)
    if output_format == "text":
        items = [(checked["records"], "record"), (checked["tombstones"], "tombstone"), (checked["files"], "file")]
        vi, en = both(items)
        click.echo(f"Hợp lệ: {vi} đã kiểm tra. / Valid: {en} checked.")


NGINX_FILE = "deploy/nginx/quangba.conf"


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--site-root", default="/srv/quangba/site", help="Where the built site lies on the web server.")
@click.option("--listen", default="80", help="nginx's listen value, e.g. 80 or 127.0.0.1:8080.")
@click.option("--server-name", default=None, help="Host name (default: the profile's site_url host).")
@click.option("--check", is_flag=True, help=f"Fail if {NGINX_FILE} is not what this version generates.")
def nginx(root: Path, site_root: str, listen: str, server_name: str | None, check: bool) -> None:
    """Print the nginx configuration that serves the built portal (security headers, caching, 404 pages)."""
    try:
        profile = load_profile(root)
    except ProfileError as exc:
        click.echo(FORMATTERS["text"](exc.problems), err=True)
        sys.exit(1)
    text = nginx_config(profile, site_root, listen, server_name)
    if check:
        path = root / NGINX_FILE
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            click.echo(f"Out of date, run `quangba nginx > {NGINX_FILE}`: {path}", err=True)
            sys.exit(1)
        return
    click.echo(text, nl=False)
