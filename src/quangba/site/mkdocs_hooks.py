"""MkDocs glue: the events that place the catalogue's pages into a mkdocs-material + static-i18n build.

static-i18n runs the whole build once per language in one process (every event fires once per language),
so the catalogue, the renderer and the photo plans are made once in the first pass and reused; site-wide
outputs are written once, after the last language. Everything else lives in generator-independent modules.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import itertools
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from quangba.editing.cms import CmsConfigError
from quangba.exports.records import Records
from quangba.exports.verify import verify_site
from quangba.exports.writer import write_exports
from quangba.htmlpolicy import clean
from quangba.language import both, count, number
from quangba.problems import Severity, describe, format_text, sort_problems
from quangba.profile import PROFILE_FILE
from quangba.schema import Role, published_schema, schema_text
from quangba.site import csp
from quangba.site.admin import ADMIN_DIR, place_admin, recorded_digest
from quangba.site.covers import cover_files
from quangba.site.downloads import ChangedDuringBuild, place_publications
from quangba.site.listings_kept import KeptListings
from quangba.site.media import MediaLibrary, PhotoPlan, Recipe
from quangba.site.output import discard, publish, staging_for
from quangba.site.portal import Portal
from quangba.site.render import Renderer
from quangba.site.search import SearchIndexError, index_site
from quangba.sources.catalogue import Catalogue, load_catalogue
from quangba.sources.details import Publication
from quangba.sources.reuse import GroupResults, stamp
from quangba.urls import HOME, KIND_LISTS, LISTED_KINDS, category_page, kind_list_page, page_path

log = logging.getLogger("mkdocs.plugins.quangba")


@dataclass
class _Build:
    catalogue: Catalogue
    renderer: Renderer
    standing_inserts: dict[str, str]
    # A page's pieces, made when its page asks and never kept: made all up front they held 290 MB at 10,000
    # entries per language until their pages came, for the same CPU (scripts/bench_build.py).
    entry_fragments: Callable[[str, str], Any]  # (path, language) -> an entry's (before, after, provenance) HTML
    media: MediaLibrary
    schemas: dict[str, str]  # published path -> text; the same in every language pass
    records: Records
    heads: Callable[[str, str], Any]  # (path, language) -> the page's extra <head> HTML
    not_found_pages: dict[str, str] = field(default_factory=dict)  # language -> its 404 page, as rendered
    portal: Portal | None = None


_state: _Build | None = None


class _StopReport(logging.Handler):
    """Remembers a build's warnings and why it stopped, and says so in the last line the build prints: MkDocs
    ends a refused strict build with "Aborted with 1 warnings in strict mode!", which says neither which
    messages stopped it nor how to see them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.stopped_by: str | None = None  # "strict" or "error" once the build has failed

    def emit(self, record: logging.LogRecord) -> None:
        problem = getattr(record, "qb_problem", None)
        if problem is not None:
            what = f"{problem.rule} ({problem.file}:{problem.line})"
        else:
            what = f"{record.name.split('.')[-1]}: {record.getMessage().splitlines()[0][:80]}"
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(what)

    def start(self) -> None:
        self.warnings.clear()
        self.errors.clear()
        self.stopped_by = None

    def last_line(self) -> str | None:
        if self.stopped_by == "strict" and self.warnings:
            shown = "; ".join(self.warnings[:5]) + (" …" if len(self.warnings) > 5 else "")
            vi, en = both([(len(self.warnings), "warning")])
            return (f"quangba: bản dựng nghiêm ngặt (strict) dừng vì {vi}: {shown}. Xem và sửa bằng "
                    f"`quangba validate --strict`. / The strict build stopped on {en}: {shown}. See and fix them "
                    "with `quangba validate --strict`.")
        if self.stopped_by == "error":
            return ("quangba: bản dựng dừng vì lỗi ở trên; xem mọi lỗi của nội dung bằng `quangba validate`. / The "
                    "build stopped on the errors above; see every problem in the content with `quangba validate`.")
        return None

    def print_last_line(self) -> None:
        line = self.last_line()
        if line:
            sys.stderr.write("\n" + line + "\n")
            sys.stderr.flush()


_report = _StopReport()


@dataclass
class _Output:
    target: Path  # the published folder (site/)
    staging: Path  # where this build writes until it is verified


_command: str | None = None
_output: _Output | None = None


class _Preview:
    """What ``mkdocs serve --dirty`` keeps between rebuilds, so that saving an entry reads, checks and renders
    that entry and the pages that list it, not the corpus (the full build is not concerned)."""

    def __init__(self) -> None:
        self.reuse: GroupResults | None = None  # made by the first build, which knows the project's folder
        self.site_stamp: tuple[Any, ...] | None = None  # profile, mkdocs.yml and theme overrides, last rebuild
        self.listings = KeptListings()
        self.kept: set[str] = set()  # generated listing pages this rebuild keeps as they are


_preview: _Preview | None = None


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every ``--dirty`` rebuild, which would stop a strict preview before it starts; the
    preview says instead, once, what it rebuilds."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool) -> None:
    """A build run from the command line ends with a line that says why it stopped, if it did."""
    global _command, _preview
    _command = command
    if command in ("build", "gh-deploy"):
        atexit.register(_report.print_last_line)
    if command == "serve" and dirty:
        _preview = _Preview()
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
        log.info("quangba: bản xem trước chỉ dựng lại bài vừa sửa và các trang liệt kê nó; dữ liệu xuất và chỉ mục "
                 "tìm kiếm do `mkdocs build` tạo. / The preview rebuilds only the entry saved and the pages that "
                 "list it; exports and the search index are made by `mkdocs build`.")


def on_build_error(error: Exception) -> None:
    """A failed or refused build publishes nothing: the last good site stays as it was."""
    global _output
    _report.stopped_by = "strict" if isinstance(error, Abort) and "strict" in str(error) else "error"
    if _preview is not None:
        _preview.listings.failed()
    if _output is not None:
        discard(_output.staging)
        _output = None


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("quangba needs the mkdocs-static-i18n plugin (plugins: - i18n) in mkdocs.yml.")
    return plugin


def _language(config: MkDocsConfig) -> str:
    return _i18n(config).current_language or _i18n(config).default_language


def _first_pass(config: MkDocsConfig) -> bool:
    return not _i18n(config).building


def _build() -> _Build:
    if _state is None:
        raise PluginError("quangba: the catalogue was not loaded (on_config did not run).")
    return _state


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the whole corpus once, before anything is written to the site folder."""
    global _state
    # The exports write the sitemap (with every page's counterparts); the theme's would be rendered over 2,000
    # pages at 1,000 entries only to be overwritten.
    config.theme.static_templates.discard("sitemap.xml")
    if not _first_pass(config):
        return config
    config.extra["qb_csp"] = csp.policy()
    started = time.monotonic()
    gc.unfreeze()  # under `mkdocs serve`, let the previous build's catalogue be collected
    _state = None
    _report.start()
    if _report not in logging.getLogger("mkdocs").handlers:
        logging.getLogger("mkdocs").addHandler(_report)
    root = Path(config.config_file_path).parent
    reuse = None
    if _preview is not None:
        reuse = _preview.reuse = _preview.reuse or GroupResults(root.resolve())
    catalogue = load_catalogue(root, reuse=reuse)
    if _preview is not None and reuse is not None:
        _preview.listings.changed(reuse.changed)
    for problem in catalogue.problems:
        if problem.severity is Severity.WARNING:
            log.warning(describe(problem), extra={"qb_problem": problem})
        elif problem.severity is Severity.INFO:
            log.info(describe(problem))
    if not catalogue.ok:
        errors = [p for p in catalogue.problems if p.severity is Severity.ERROR]
        raise PluginError(
            "Nội dung có lỗi, chưa ghi gì vào thư mục site. / The content has errors; nothing was written "
            "to the site folder.\n" + format_text(errors)
        )
    profile = catalogue.profile
    assert profile is not None
    i18n_languages = [lang.locale for lang in _i18n(config).config.languages]
    if i18n_languages != list(profile.language_codes):
        raise PluginError(
            f"Ngôn ngữ trong mkdocs.yml ({', '.join(i18n_languages)}) khác với province.yml "
            f"({', '.join(profile.language_codes)}); sửa cho giống nhau, ngôn ngữ mặc định đứng đầu. / The languages "
            f"in mkdocs.yml differ from province.yml; make them the same, default language first."
        )
    published, checked = len(catalogue.published), len(catalogue.entries)
    if reuse is not None and reuse.reused:
        log.info(f"quangba: preview: {count(reuse.read, 'file', 'en')} read again, "
                 f"{count(len(reuse.changed), 'page', 'en')} checked again, {number(reuse.reused, 'en')} unchanged, "
                 f"in {time.monotonic() - started:.2f} s")
    else:
        log.info(f"quangba: {count(published, 'entry', 'en')} published of {number(checked, 'en')} checked in "
                 f"{time.monotonic() - started:.2f} s")
    library, plans = _photos(catalogue)
    inserts = {p.rel_path: p.insert for p in catalogue.pages if p.insert}
    renderer = Renderer(catalogue, plans)
    schemas = {f"schemas/{role}.schema.json": schema_text(published_schema(profile, role)) for role in Role}
    records = Records(catalogue, plans)
    if not catalogue.history.available:
        # A shallow clone is a deployment mistake (strict builds stop on it); a folder outside git is a test or
        # a preview.
        report = log.warning if catalogue.history.shallow else log.info
        report(f"quangba: no git history ({catalogue.history.note}); export dates come from the front matter "
               "and deleted entries cannot be found")
    fragments = renderer.fragments
    heads = functools.partial(renderer.head, records)
    _state = _Build(catalogue, renderer, inserts, fragments, library, schemas, records, heads,
                    portal=Portal(renderer))
    if reuse is not None:
        _outdate_pages(config, catalogue, reuse.changed)
    _stage(config)
    # The catalogue lives as long as the build and never changes: keep the garbage collector from
    # rescanning its objects on every full collection MkDocs triggers while rendering thousands of pages.
    gc.collect()
    gc.freeze()
    return config


def _outdate_pages(config: MkDocsConfig, catalogue: Catalogue, changed: set[str]) -> None:
    """A dirty rebuild renders a page only if its file is newer than its output: make the outputs of the pages
    that show a changed path older (the path itself in every language, the home page and the standing pages
    that list entries), or every output when the profile, the theme or the day changed. Generated listings
    (category pages, kind lists) have no file: they are rendered unless :class:`KeptListings` keeps them."""
    site = Path(config.site_dir)
    profile = catalogue.profile
    assert profile is not None and _preview is not None
    root = Path(config.config_file_path).parent
    overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    site_stamp = (stamp(root / PROFILE_FILE), stamp(Path(config.config_file_path)),
                  tuple(stamp(f) for f in sorted(overrides.rglob("*")) if f.is_file()) if overrides else (),
                  profile.today())  # "recent" and "upcoming" move with the day
    everything = _preview.site_stamp is not None and site_stamp != _preview.site_stamp
    _preview.site_stamp = site_stamp
    _preview.kept = _preview.listings.decide(_listed(catalogue), everything)
    if everything:
        outputs = list(site.rglob("*.html"))
    else:
        paths = set(changed)
        if changed:
            paths |= {p.rel_path for p in catalogue.pages if p.insert or p.rel_path == HOME}
        outputs = [site / page_path(rel, lang, profile.default_language) / "index.html"
                   for rel in paths for lang in profile.language_codes]
    for output in outputs:
        with contextlib.suppress(FileNotFoundError):
            os.utime(output, (0, 0))


def _listed(catalogue: Catalogue) -> dict[str, list[str]]:
    """The entries each generated listing shows: a category's (:meth:`Portal.category`) and a kind's
    (:meth:`Listings.listing`)."""
    profile = catalogue.profile
    assert profile is not None
    listed = {category_page(code): [e.rel_path for e in catalogue.by_category.get(code, [])]
              for code in profile.categories}
    return listed | {kind_list_page(kind): [e.rel_path for e in catalogue.by_kind.get(kind, [])] for kind in KIND_LISTS}


def _stage(config: MkDocsConfig) -> None:
    """Write this build beside the published site, not into it (``mkdocs serve`` keeps its own folder)."""
    global _output
    _output = None
    if _command == "serve":
        return
    target = Path(config.site_dir).resolve()
    _output = _Output(target, staging_for(target))
    config.site_dir = str(_output.staging)


def _photos(catalogue: Catalogue) -> tuple[MediaLibrary, dict[str, PhotoPlan]]:
    """Every published photo made public once per build, before anything is written to the site."""
    profile = catalogue.profile
    assert profile is not None
    policy = profile.media
    library = MediaLibrary(catalogue.root, Recipe.supported(policy.widths, policy.outputs, policy.widest))
    files = [photo.file for entry in catalogue.published for photo in entry.photos]
    files += cover_files(catalogue.root, catalogue.published)  # publications without a cover photo
    plans, run = library.process(library.plan(files))
    if run.failures:
        problems = [p for f in run.failures for p in catalogue.photo_problems(f.file, "photo-unreadable", f.vi, f.en)]
        raise PluginError(
            "Có ảnh không xử lý được, chưa ghi gì vào thư mục site. / Some photos could not be processed; nothing "
            "was written to the site folder.\n" + format_text(sort_problems(problems))
        )
    log.info(f"quangba: {count(run.made, 'photo', 'en')} made, {number(run.cached, 'en')} from the cache in "
             f"{run.seconds:.2f} s")
    return library, plans


@event_priority(-110)  # after static-i18n has made this language's file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Keep unpublished entries out, add each category's generated page."""
    build = _build()
    language = _language(config)
    _only_checked_sources(files, config, build.catalogue)
    hidden = build.catalogue.unpublished_paths
    for file in list(files):
        if getattr(file, "norm_src_uri", None) in hidden:
            files.remove(file)
    profile = build.catalogue.profile
    assert profile is not None
    kept = _preview.kept if _preview is not None else set()
    for code in profile.categories:
        files.append(_generated(config, category_page(code), language, profile.language_codes,
                                build.renderer.category_markdown(code, language), category_page(code) in kept))
    for kind in KIND_LISTS:
        files.append(_generated(config, kind_list_page(kind), language, profile.language_codes,
                                build.portal.listings.markdown(kind, language),  # type: ignore[union-attr]
                                kind_list_page(kind) in kept))
    live = {getattr(f, "norm_src_uri", f.src_uri) for f in files.documentation_pages()}
    for tombstone in build.records.tombstones:  # a notice where a withdrawn entry was, unless the address is reused
        if tombstone.rel_path not in live:
            files.append(_generated(config, tombstone.rel_path, language, profile.language_codes,
                                    build.renderer.tombstone_markdown(tombstone, language)))
    for name, text in build.schemas.items():  # the content model's schemas, linked from the editors' guide
        files.append(File.generated(config, name, content=text))
    return files


def _only_checked_sources(files: Files, config: MkDocsConfig, catalogue: Catalogue) -> None:
    """The site holds only what the catalogue checked: every file MkDocs took from the docs folder must be a page
    of the catalogue (the validator refuses anything else; this is the second lock)."""
    docs = os.path.abspath(config.docs_dir) + os.sep
    checked = {e.rel_path for e in catalogue.entries} | {p.rel_path for p in catalogue.pages}
    unexpected = []
    for file in list(files):
        source = file.abs_src_path
        if not source or not os.path.abspath(source).startswith(docs):
            continue  # the theme's files, and pages the build generates
        if file.is_documentation_page() and getattr(file, "norm_src_uri", file.src_uri) in checked:
            continue
        files.remove(file)
        unexpected.append(os.path.relpath(source, config.docs_dir))
    if unexpected:
        raise PluginError("Có tệp chưa được kiểm tra trong content/, chưa đăng gì. / Files the catalogue did not check "
                          "are in content/; nothing was published: " + ", ".join(sorted(unexpected)))


class _KeptPage(File):
    """A generated page a preview rebuild keeps: MkDocs renders it only if its output is missing."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def _generated(config: MkDocsConfig, rel_path: str, language: str, languages: tuple[str, ...],
               content: str, kept: bool = False) -> File:
    """A page made by the portal for the language being built, with the counterparts static-i18n's language
    switcher needs (the default language first, at the root)."""
    def one(lang: str) -> File:
        kind = _KeptPage if kept and lang == language else File
        file = kind.generated(config, f"{lang}/{rel_path}", content=content if lang == language else "")
        file.dest_uri = page_path(rel_path, lang, languages[0]) + "index.html"
        file.locale = file.locale_alternate_of = file.localization = lang
        file.norm_src_uri = rel_path
        return file

    alternates = {lang: one(lang) for lang in languages}
    page = alternates[language]
    page.alternates = alternates
    return page


@event_priority(-110)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Home, the categories, then the standing pages; entries are reached from their category's page.

    Listing every entry in the sidebar makes every page carry the whole corpus (95 s and 633 MB of output
    for 1,000 entries per language); the category pages list them instead.
    """
    build = _build()
    profile = build.catalogue.profile
    assert profile is not None
    pages = {getattr(f, "norm_src_uri", f.src_uri): f.page for f in files.documentation_pages() if f.page}
    items: list[Page] = []
    if "index.md" in pages:
        items.append(pages["index.md"])
    items.extend(pages[category_page(code)] for code in profile.categories)
    items.extend(pages[kind_list_page(kind)] for kind in KIND_LISTS)
    standing = sorted(
        (p.rel_path for p in build.catalogue.pages if p.rel_path != "index.md"),
        key=lambda path: (path.count("/"), path),
    )
    items.extend(pages[path] for path in standing if path in pages)
    for page in (f.page for f in files.documentation_pages() if f.page):
        page.previous_page = page.next_page = None
        page.parent = None
    for before, after in itertools.pairwise(items):
        before.next_page, after.previous_page = after, before
    result = Navigation(items, items)
    result.homepage = nav.homepage
    return result


def _where(page: Page, config: MkDocsConfig) -> tuple[str, str]:
    """A page's path relative to its language folder, and the language being built."""
    rel_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    return rel_path, getattr(page.file, "locale_alternate_of", None) or _language(config)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Give MkDocs the body the catalogue already read, so no file is read or its YAML parsed twice."""
    texts = _build().catalogue.texts_of(*_where(page, config))
    return texts.body if texts else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Title and description come from the catalogue (the body MkDocs saw has no front matter), escaped once
    here: the theme's templates print them unescaped (MkDocs's Jinja has no autoescape) in <title>, the header,
    the navigation, the meta description and the search index."""
    rel_path, language = _where(page, config)
    texts = _build().catalogue.texts_of(rel_path, language)
    if texts is not None:
        page.meta = {"title": texts.title}
        if texts.summary:
            page.meta["description"] = texts.summary
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
            page.meta[key] = escape(page.meta[key])
    head = _build().heads(rel_path, language)
    if head:
        page.meta["qb_head"] = head
    page.meta["qb_toc"] = rel_path.startswith("guide/")
    search = _build().portal.search_meta(rel_path, language)  # type: ignore[union-attr]
    if search:
        page.meta["qb_search"] = search
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme passes titles through ``striptags``, whose output is unescaped text printed as HTML: a title
    "&lt;/title&gt;&lt;script&gt;" would become a script. This one strips tags and keeps the text escaped."""
    env.filters["striptags"] = _striptags
    env.bytecode_cache = _compiled_templates.setdefault(_compile_settings(env), _CompiledTemplates())
    return env


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per process, not once per environment: MkDocs makes a new Jinja
    environment for each language and, under ``mkdocs serve``, for every rebuild, and compiling the theme's
    templates again cost 0.2-0.3 s each time. Jinja checks each template's source checksum before reusing its
    code, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates: dict[tuple[object, ...], _CompiledTemplates] = {}


def _compile_settings(env: Environment) -> tuple[object, ...]:
    """What compiled template code depends on besides its source: environments that differ in any of these
    (another plugin's extension, other delimiters) never share code."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "")
    return (tuple(sorted(env.extensions)), autoescape, env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, env.optimized)


def _striptags(value: object) -> Markup:
    return escape(Markup(str(value)).striptags())


@event_priority(50)  # before any plugin adds its own markup: only the editors' converted Markdown is cleaned
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Clean the converted Markdown to the HTML policy (the validator already refused what it removes), then
    place the catalogue's HTML around it: entries get their heading, photos and provenance; category pages
    their listing; standing pages the block they ask for."""
    html = clean(html)
    build = _build()
    rel_path, language = _where(page, config)
    fragments = build.entry_fragments(rel_path, language)
    if fragments is not None:
        before, after, provenance = fragments
        page.meta["qb_provenance"] = provenance  # placed by overrides/main.html, outside the search index
        return before + html + after
    assert build.portal is not None
    code = rel_path.removesuffix("/index.md")
    if build.catalogue.profile and code in build.catalogue.profile.categories:
        return html + str(build.portal.category(code, language))
    if rel_path in LISTED_KINDS:
        return html + str(build.portal.listings.listing(LISTED_KINDS[rel_path], language))
    if rel_path == HOME:
        return _without_first_heading(html) + str(build.portal.home(language))
    insert = build.standing_inserts.get(rel_path)
    if insert:
        return html + build.renderer.insert(insert, language, rel_path)
    return html


def on_pre_build(config: MkDocsConfig) -> None:
    """The words of this language's 404 page (every language pass renders its own)."""
    build = _build()
    assert build.catalogue.profile is not None
    config.extra["qb_404"] = build.renderer.not_found(_language(config))


def _without_first_heading(html: str) -> str:
    """The home page's text without its title: the hero shows the title over the photo."""
    start = html.find("<h1")
    return html[: start] + html[html.index("</h1>", start) + 5:] if start >= 0 and "</h1>" in html else html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """The portal's header, footer and (on the home page) hero for this page, in its language."""
    build = _build()
    assert build.portal is not None
    rel_path, language = _where(page, config)
    context["qb"] = {"header": build.portal.header(rel_path, language),
                     "footer": build.portal.footer(rel_path, language),
                     "hero": build.portal.hero(language) if rel_path == HOME else ""}
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """A 404 page gets the portal's header and footer with links from the root, and its language switcher leads
    to each language's home: the theme would otherwise use the links of whatever page static-i18n handled last."""
    if template_name == "404.html":
        build = _build()
        assert build.portal is not None
        language = _language(config)
        context["qb"] = {"header": build.portal.header(None, language), "footer": build.portal.footer(None, language),
                         "hero": ""}
        assert build.catalogue.profile is not None
        homes = [{"name": lang.name, "lang": lang.code, "link": text["home"]}
                 for lang in build.catalogue.profile.languages
                 for text in config.extra["qb_404"]["languages"] if text["lang"] == lang.code]
        # static-i18n sets the attribute, not the item, of this mapping; templates read the attribute first
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return context


@event_priority(-200)  # after every plugin has seen the finished page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Let go of a written page's text and our pieces of it: MkDocs keeps every page to the end of the build,
    and these (the Markdown, the HTML, the table of contents, the extra head) made up most of the 430 MB our
    process held over the bare build at 10,000 entries per language. Nothing reads them once the page is
    written: another page's navigation asks only for a page's title, URL and metadata, which stay."""
    page.markdown = None
    page.content = None
    page.toc = TableOfContents([])
    for key in [key for key in page.meta if key.startswith("qb_")]:
        del page.meta[key]
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page: MkDocs writes every pass's to the same root file."""
    if template_name == "404.html":
        _build().not_found_pages[_language(config)] = output_content
    return output_content


@event_priority(-101)  # after static-i18n has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    """Write what is site-wide once: the photos, the root 404 page in the default language, and the open
    exports (manifest, change feed, OAI-PMH, IIIF, sitemap, feeds), which replace the theme's sitemap."""
    if not _first_pass(config):
        return
    build = _build()
    site = Path(config.site_dir)
    assert build.catalogue.profile is not None
    for language, page in build.not_found_pages.items():  # 404.html, en/404.html
        path = site / page_path("404.md", language, build.catalogue.profile.default_language)
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(str(path).rstrip("/") + ".html").write_text(page, encoding="utf-8")
    build.media.place(build.renderer.photo_plans.values(), site)
    _place_publications(build, site)
    _place_admin(build, site)
    if _preview is not None:
        return  # exports, search and verification belong to a build, not to a preview's rebuild
    started = time.monotonic()
    written = write_exports(build.records, site)
    log.info(f"quangba: {count(len(written), 'export file', 'en')} written in {time.monotonic() - started:.2f} s")
    _publish(config)


def _theme_assets(config: MkDocsConfig) -> set[str]:
    """The theme's files as MkDocs copies them into a site (its own selection rules, applied to no page)."""
    theme_files = Files([])
    theme_files.add_files_from_theme(config.theme.get_env(), config)
    return {file.dest_uri for file in theme_files}


def theme_assets(config_file: Path) -> set[str]:
    """The theme's files of the project whose ``mkdocs.yml`` is ``config_file``, for ``quangba verify``."""
    from mkdocs.config import load_config

    return _theme_assets(load_config(str(config_file)))


def _place_publications(build: Any, site: Path) -> None:
    """Copy the published publications into the site, or stop the build if one changed since it was checked."""
    files = [e.details.file for e in build.catalogue.published if isinstance(e.details, Publication)]
    try:
        place_publications(build.catalogue.root, files, site)
    except ChangedDuringBuild as exc:
        raise PluginError(
            f"quangba: tệp `{exc.args[0]}` đã thay đổi sau khi được kiểm tra; dựng lại trang. / The file "
            f"`{exc.args[0]}` changed after it was checked; build again.") from None


def _place_admin(build: Any, site: Path) -> None:
    """The web editor at /admin/, once per build (a preview's rebuild keeps the one it placed)."""
    if _preview is not None and (site / ADMIN_DIR).is_dir():
        return
    try:
        placed = place_admin(build.catalogue.root, site, build.catalogue.profile)
    except CmsConfigError as exc:
        raise PluginError(f"quangba: {exc.message()}") from None
    if placed.skipped_en:
        log.info(f"quangba: {placed.skipped_vi}. / {placed.skipped_en}.")
    elif placed.files:
        log.info(f"quangba: trình soạn thảo web ở /{ADMIN_DIR}/ ({placed.files} tệp). / The web editor at "
                 f"/{ADMIN_DIR}/ ({count(placed.files, 'file', 'en')}).")


def _publish(config: MkDocsConfig) -> None:
    """Verify the finished site as the national database would read it, then put it in the published folder's
    place in one step; a strict build with warnings publishes nothing (MkDocs stops it right after)."""
    global _output
    output = _output
    if output is None:
        return
    started = time.monotonic()
    try:
        profile = _build().catalogue.profile
        indexed = index_site(output.staging, profile.language_codes, profile.limits.search_index_pages)
    except SearchIndexError as exc:
        raise PluginError(f"Pagefind could not index the site: {exc}") from None
    log.info(f"quangba: search index ({indexed}) in {time.monotonic() - started:.2f} s")
    problems, _ = verify_site(output.staging, quick=True, theme_assets=_theme_assets(config),
                              admin_bundle=recorded_digest(Path(config.config_file_path).parent))
    if problems:
        raise PluginError("quangba verify: site/ được giữ nguyên. / site/ was left as it was.\n"
                          + format_text(sort_problems(problems)))
    if config.strict and (_report.warnings or _report.errors):
        discard(output.staging)
        _output = None
        log.info(f"quangba: {output.target.name}/ được giữ nguyên. / {output.target.name}/ was left as it was.")
        return
    publish(output.staging, output.target)
    config.site_dir = str(output.target)
    _output = None
