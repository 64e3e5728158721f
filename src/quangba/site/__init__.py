"""Pages and media: what the public receives from the catalogue, for any site generator.

The HTML fragments of pages (:mod:`.render`), the photos' derivatives (:mod:`.media`) and the one adapter that
places them into a MkDocs build (:mod:`.mkdocs_hooks`, with :mod:`.listings_kept` for the preview's rebuilds);
nothing outside that adapter knows MkDocs.
"""
