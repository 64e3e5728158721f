"""Writes every open export of a built site, from the records, for any site generator.

Layout under the site folder (documented in the editors' guide, "Dữ liệu mở / Open data"):

- ``exports/manifest.json`` and ``exports/manifest.schema.json``: the national manifest and its schema;
- ``exports/changes.json`` and ``exports/changes.schema.json``: the change feed and its schema;
- ``exports/oai.xml``: the OAI-PMH static repository (oai_dc);
- ``iiif/collection.json`` and ``iiif/manifests/<id>.json``: IIIF Presentation 3;
- ``sitemap.xml`` (and ``.gz``) with hreflang alternates, or beyond 50,000 URLs the index of its parts in
  ``sitemaps/``; ``feed.xml`` and ``<lang>/feed.xml``: Atom.

Every file is written whole and then moved into place, so a reader never sees half of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from quangba.atomic import write_atomically
from quangba.exports import discovery, iiif, manifest, oai, tables
from quangba.exports.records import EXPORTS_DIR, IIIF_DIR, Records
from quangba.exports.schemas import changes_schema, manifest_schema
from quangba.schema import schema_text


def schema_files(site_url: str) -> dict[str, str]:
    """The export schemas, by file name: published beside the exports and kept in the repository."""
    return {
        "manifest.schema.json": schema_text(manifest_schema(site_url)),
        "changes.schema.json": schema_text(changes_schema(site_url)),
    }


def export_chunks(records: Records) -> Iterator[tuple[str, Iterable[bytes]]]:
    """Every export as (site path, its bytes in pieces), each made only when it is written: at 10,000 entries per
    language the exports held whole took 750 MB at once."""
    for name, text in schema_files(records.profile.site_url).items():
        yield f"{EXPORTS_DIR}/{name}", [text.encode("utf-8")]
    yield f"{EXPORTS_DIR}/{manifest.MANIFEST}", manifest.chunks(manifest.manifest(records))
    yield f"{EXPORTS_DIR}/{manifest.CHANGES}", manifest.chunks(manifest.change_feed(records))
    yield f"{EXPORTS_DIR}/{oai.FILE}", oai.static_repository(records)
    for entry in records.entries:
        if entry.photos:
            yield f"{IIIF_DIR}/manifests/{entry.id}.json", [manifest.dump(iiif.entry_manifest(records, entry))]
    yield f"{IIIF_DIR}/{iiif.COLLECTION}", [manifest.dump(iiif.collection(records))]
    for name, data in discovery.sitemap_files(records):
        yield name, [data]
        if name == discovery.SITEMAP:  # the one file, or the index of the parts
            yield name + ".gz", [discovery.gzipped(data)]
    for language in records.languages:
        yield discovery.feed_path(records, language), [discovery.atom_feed(records, language)]
        yield discovery.feed_path(records, language, "clarification"), [
            discovery.atom_feed(records, language, "clarification")]
    yield f"{EXPORTS_DIR}/{tables.INVESTMENT_CSV}", [tables.investment_csv(records)]


def export_files(records: Records) -> dict[str, bytes]:
    """Every export as site path -> bytes, all in memory (tests and the exports benchmark)."""
    return {path: b"".join(pieces) for path, pieces in export_chunks(records)}


def write_exports(records: Records, site_dir: Path) -> list[str]:
    written = []
    for path, pieces in export_chunks(records):
        write_atomically(site_dir / path, pieces)
        written.append(path)
    return written
