"""Reading and checking sources: the editors' files under ``content/`` and ``assets/``, the province profile and
the git history, turned into one validated :class:`~quangba.sources.catalogue.Catalogue`.

This is the first stage of the flow (files → validated catalogue → outputs) and the only one that reads
editors' files; every later stage reads the catalogue.
"""
