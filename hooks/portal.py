"""MkDocs hooks of the portal: a thin adapter; the logic lives in the installed ``quangba`` package."""

from quangba.site.mkdocs_hooks import (
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_page_read_source,
    on_post_build,
    on_post_page,
    on_post_template,
    on_pre_build,
    on_startup,
    on_template_context,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_page_read_source",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_pre_build",
    "on_startup",
    "on_template_context",
]
