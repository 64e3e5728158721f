"""The open exports: what machines receive from the catalogue (the national manifest, the change feed,
OAI-PMH, IIIF, the sitemap and feeds, each page's metadata), and the check that reads them back.

Every export reads :mod:`.records`, so a date, URL or Dublin Core element is worked out once; :mod:`.writer`
writes them all; :mod:`.verify` reads a built site as the national database would.
"""
