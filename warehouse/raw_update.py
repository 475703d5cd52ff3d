"""The raw tables of a build, from the extraction cache alone, writing only what changed.

The raw step reads no PDF: every landing file's extraction is in the cache by then (the
extraction step's job), and a file without one is an error of the run, said as such
(``MissingExtractions``), never a document silently left out.

A build that starts as a copy of the published warehouse holds the rows of every document
loaded before, and ``ops.raw_sources`` says which cache entry (``ExtractionCache.stamp``)
each document's rows were written from. An update deletes the rows of the documents that left
the landing folder or whose entry changed (a new file or new bytes are a new document_id; a
backfill rewrites the entry of the same bytes), inserts those of the new ones, and leaves every
other row as it is. It reads their cached extractions a batch at a time: memory is that of one
batch whatever the folder's size, and a load with one changed document writes one document's
rows. A build from nothing (a full refresh, other code) has no ``ops.raw_sources`` and gets
every document. Entries that are not read (refused, unreadable) have no cache entry: their rows,
stamped with the load's time, are written again by every load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from extract.model import Extraction
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import UNREADABLE, Landing, Refusal
from warehouse.raw_tables import delete_raw_rows, document_id, insert_raw_rows

BATCH = 50  # documents whose extractions are held in memory at once

SOURCES_DDL = """
create schema if not exists ops;
create table if not exists ops.raw_sources (
    document_id varchar primary key,
    stamp varchar not null
);
"""


@dataclass(frozen=True)
class LandingEntry:
    """A landing entry as the raw tables take it: its name, its bytes' hash ("" when not read),
    the cache entry of those bytes (ExtractionCache.stamp, None when there is none), and why
    it is not read (None when it is)."""

    name: str
    sha256: str
    stamp: str | None
    refusal: str | None = None

    @property
    def missing(self) -> bool:
        """Read, but not extracted (yet): the extraction step did not see these bytes."""
        return self.refusal is None and self.stamp is None

    @property
    def fingerprint_item(self) -> tuple[str, str, str]:
        """(name, sha256, what its rows are made from), for orchestration.fingerprint."""
        return self.name, self.sha256, self.stamp or f"refused: {self.refusal}"


class MissingExtractions(Exception):
    """Landing files without a usable cached extraction when the raw tables are written."""

    def __init__(self, names: list[str], damaged: bool = False):
        self.names = names
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        why = (
            "had a damaged cache entry, now removed"
            if damaged
            else "changed or arrived after the extraction step ran, or it did not run"
        )
        super().__init__(
            f"{len(names)} landing file(s) have no extraction in the cache ({why}): {shown}. "
            "The next load extracts them (`budget-etl load`, or materialize document_extraction "
            "first); the published warehouse stays as it is."
        )


def landing_entries(landing: Landing, cache: ExtractionCache) -> list[LandingEntry]:
    """Every entry of the landing folder, by name, each file hashed at most once (the
    cache's FileHashes): a file unchanged since a step of this or an earlier run hashed it is
    not read at all."""
    hashes = cache.hashes.sha256s(f.path for f in landing.files)
    entries = [LandingEntry(r.name, "", None, r.reason) for r in landing.refused]
    for file in landing.files:
        sha256 = hashes[file.path]
        entries.append(
            LandingEntry(file.name, "", None, UNREADABLE)
            if sha256 is None
            else LandingEntry(file.name, sha256, cache.stamp(sha256))
        )
    return sorted(entries, key=lambda e: e.name)


@dataclass(frozen=True)
class RawUpdate:
    written: int  # documents whose rows were (re)written
    kept: int  # documents whose rows were already there, untouched


def _extraction(entry: LandingEntry, cache: ExtractionCache, now: datetime) -> tuple[Extraction, datetime]:
    if entry.refusal is not None:
        return Refusal(entry.name, entry.refusal).as_extraction(), now
    read = (cache.get if (entry.stamp or "").startswith("ok:") else cache.get_error)(entry.sha256, entry.name)
    if read is None:  # damaged since its stamp was taken: the next extraction step writes it again
        cache.discard(entry.sha256)
        raise MissingExtractions([entry.name], damaged=True)
    return read


def update_raw_tables(
    con: duckdb.DuckDBPyConnection,
    entries: list[LandingEntry],
    cache: ExtractionCache,
    now: datetime,
    batch: int = BATCH,
) -> RawUpdate:
    """Make the build's raw tables those of ``entries`` (see the module's docstring)."""
    missing = [e.name for e in entries if e.missing]
    if missing:
        raise MissingExtractions(missing)
    con.execute(SOURCES_DDL)
    built = dict(con.execute("select document_id, stamp from ops.raw_sources").fetchall())
    current = {document_id(e.name, e.sha256): e for e in entries}
    keep = {d for d, e in current.items() if e.stamp is not None and built.get(d) == e.stamp}
    todo = [(d, e) for d, e in current.items() if d not in keep]
    # Each commit leaves ops.raw_sources naming exactly the documents whose rows are in place,
    # so that a step retried on the same build file after a failure starts from the truth.
    with _transaction(con):
        delete_raw_rows(con, keep)
        con.execute("delete from ops.raw_sources where document_id not in (select unnest(?))", [sorted(keep)])
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        with _transaction(con):
            insert_raw_rows(con, (_extraction(e, cache, now) for _, e in chunk))
            sources = [[d, e.stamp] for d, e in chunk if e.stamp is not None]
            if sources:
                con.executemany("insert into ops.raw_sources values (?, ?)", sources)
    return RawUpdate(written=len(todo), kept=len(keep))


class _transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self):
        self.con.execute("begin transaction")

    def __exit__(self, kind, value, traceback):
        self.con.execute("rollback" if kind else "commit")
        return False
