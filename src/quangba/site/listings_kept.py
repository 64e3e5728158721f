"""Which generated listings a preview rebuild may keep as they are.

MkDocs renders a generated page (a category's photo grid, a kind's list) on every ``--dirty`` rebuild, because
it has no source file whose time says it is unchanged: saving one entry rendered every card of every category
in every language again (12 % of a rebuild at 1,000 entries, and the share grows with the corpus). A listing is
kept when it lists the same entries as the last rebuild that succeeded and none of them changed since then,
counting the changes of rebuilds that failed in between (their pages were never written).

Only ``mkdocs serve --dirty`` uses it; a build renders everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Listed = dict[str, frozenset[str]]  # a listing page's path -> the entry paths it lists


class KeptListings:
    """What the listings held at the last rebuild that succeeded, and which paths changed since. A rebuild that
    reports no failure before the next one starts has succeeded (MkDocs tells plugins of errors only)."""

    def __init__(self) -> None:
        self._good: Listed | None = None  # at the last rebuild that succeeded
        self._trying: Listed | None = None  # at the rebuild under way, until it fails or the next one starts
        self._changed: set[str] = set()  # paths changed since the last rebuild that succeeded

    def changed(self, paths: Iterable[str]) -> None:
        """A rebuild starts and has read ``paths`` again (called before its content is known to be valid)."""
        if self._trying is not None:  # the rebuild before this one did not fail
            self._good, self._trying = self._trying, None
            self._changed = set()
        self._changed.update(paths)

    def decide(self, listed: Mapping[str, Iterable[str]], everything: bool) -> set[str]:
        """The listing pages this rebuild may keep; ``everything``: the profile, the configuration or the theme
        changed, so every page is rendered."""
        self._trying = {page: frozenset(paths) for page, paths in listed.items()}
        if everything:
            self._good = None  # nothing is kept until a rebuild with the new profile or theme has succeeded
        if self._good is None:
            return set()
        return {page for page, paths in self._trying.items()
                if self._good.get(page) == paths and not paths & self._changed}

    def failed(self) -> None:
        """The rebuild under way stopped: its changes stay due for the next one."""
        self._trying = None
