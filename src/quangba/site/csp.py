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


def policy(header: bool = False) -> str:
    return "; ".join(f"{name} {value}" for name, value in (*DIRECTIVES, *(HEADER_ONLY if header else ())))
