"""The portal's Content-Security-Policy, stated once.

Every page carries it in a ``<meta>`` element (so it holds on any static host, GitHub Pages included) and the
nginx configuration in ``deploy/nginx/`` sends it as a header with the parts a ``<meta>`` cannot carry. No page
has an inline script (the theme's are served as files, see ``overrides/partials/javascripts``), so scripts come
from the site only; inline ``style`` attributes stay allowed because Markdown aligns table columns with them
and photos show their average colour until they load (the HTML policy removes any other style an editor wrote).
"""

from __future__ import annotations

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # search compiles WebAssembly (never JavaScript eval)
    ("style-src", "'self'"),
    ("style-src-attr", "'unsafe-inline'"),
    ("img-src", "'self' data:"),  # the theme draws its icons as data: SVG in CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)  # ignored in a <meta>

# The web editor at /admin/ (Sveltia CMS) talks to GitHub's API and shows the signed-in editor's avatar; it
# injects its component styles and decodes images in WebAssembly and workers made from blob: URLs. Nothing else
# may leave the browser: in particular its check of www.githubstatus.com is refused here, since the editor has
# no setting to turn it off.
ADMIN_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob: https://avatars.githubusercontent.com"),
    ("media-src", "'self' blob:"),
    ("font-src", "'self'"),
    ("connect-src", "'self' data: blob: https://api.github.com"),
    ("worker-src", "'self' blob:"),
    ("frame-src", "'self' blob:"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def policy(header: bool = False, admin: bool = False) -> str:
    directives = ADMIN_DIRECTIVES if admin else DIRECTIVES
    return "; ".join(f"{name} {value}" for name, value in (*directives, *(HEADER_ONLY if header else ())))
