"""The portal's search: a Pagefind index of the built site, one per language (by each page's ``<html lang>``),
loaded by the browser in chunks, so a visitor's first search fetches a few hundred kilobytes however large the
portal grows. Only what ``data-pagefind-body`` marks is indexed (entries and public standing pages, see
:meth:`quangba.site.portal.Portal.search_meta`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEARCH_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    pass


def index_site(site: Path) -> str:
    """Index ``site`` in place (into ``site/pagefind``); Pagefind's summary line."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", SEARCH_DIR],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stdout[-2000:] + result.stderr[-2000:])
    pages = next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "")
    return pages
