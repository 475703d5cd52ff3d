"""Publishing the warehouse to BI readers: build a new file, then swap it in atomically.

DuckDB allows one read-write process or many read-only ones per file, never both. BI
tools hold the published file open read-only, so a load never writes it: each run builds
into its own file beside it, and publishing renames that file over the published one
(``os.replace``, atomic on one filesystem). Readers never block a load and never see a
half-built warehouse; one that had the file open keeps reading the version it opened
until it reconnects. A run that fails before publishing leaves the published file as it was.

Beside the published file ``W`` (e.g. ``warehouse/budget.duckdb``):

==================================  =============================================================
``W``                               the published warehouse; only ever replaced whole
``W.previous``                      the one published before it (``rollback`` swaps them back)
``W.build-<run>``                   a run's build; a failed one stays a day (inspection, re-execution)
``W.dbt``                           the build dbt is building, renamed for the time of the build
                                    (``dbt_building``); ``W.dbt.from`` names the build it came from
``<stem>_parquet/``                 the marts as Parquet, one file per table, published with ``W``;
                                    the BI layer's tables in its subfolder ``bi/``
``<stem>_parquet.previous/``        the Parquet of ``W.previous``
==================================  =============================================================

The two Parquet folders are symbolic links to versions kept in ``.<stem>_parquet.versions/``,
swapped atomically like the file. The build also records what it was built from
(``ops.publication``), so that a load whose inputs did not change can leave the published
warehouse as it is.

Roll back to the previous publication with ``python -m warehouse.publish rollback --warehouse W``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

BUILD_INFIX = ".build-"
# The schemas a publication exports as Parquet, and the subfolder each goes to: the marts at
# the top (the public contract), the dashboards' BI layer beside them.
PARQUET_SCHEMAS = {"marts": "", "bi": "bi"}
STALE_BUILD_SECONDS = 24 * 3600

OPS_DDL = """
create schema if not exists ops;
create or replace table ops.publication (
    run_id varchar not null,
    inputs_fingerprint varchar not null,
    code_digest varchar,
    documents integer not null,
    built_at timestamp not null
);
"""


# -- paths -------------------------------------------------------------------------------


def previous_path(published: Path) -> Path:
    return published.with_name(published.name + ".previous")


def build_path(published: Path, run_id: str) -> Path:
    return published.with_name(f"{published.name}{BUILD_INFIX}{run_id[:12]}")


def parquet_dir(published: Path) -> Path:
    return published.with_name(f"{published.stem}_parquet")


def _parquet_previous(published: Path) -> Path:
    return published.with_name(f"{published.stem}_parquet.previous")


def _parquet_versions(published: Path) -> Path:
    return published.with_name(f".{published.stem}_parquet.versions")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


# -- builds ------------------------------------------------------------------------------


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    _wal(path).unlink(missing_ok=True)


def start_build(published: Path, run_id: str, from_published: bool = False) -> Path:
    """The build file of this run, for its raw tables: a copy of the published warehouse
    when ``from_published`` (the incremental dbt models then replace only the rows of the
    documents that changed), else a new, empty file; unless an earlier run sharing the build
    (the same backfill, a re-execution) started it already. Other builds older than a day
    (failed runs) are cleared."""
    published.parent.mkdir(parents=True, exist_ok=True)
    build = build_path(published, run_id)
    if from_published:
        _copy_published(published, build)
    now = time.time()
    for other in published.parent.glob(f"{published.name}{BUILD_INFIX}*"):
        if other.suffix == ".wal" or other == build:
            continue
        try:
            if now - other.stat().st_mtime > STALE_BUILD_SECONDS:
                _remove(other)
        except FileNotFoundError:
            pass
    return build


def ensure_build(published: Path, run_id: str) -> Path:
    """This run's build file; when no run started it (a run of only models or checks), a
    copy of the published warehouse to build on."""
    build = build_path(published, run_id)
    _copy_published(published, build)
    return build


def _copy_published(published: Path, build: Path) -> None:
    # Read only: copying never writes the published file, and a BI reader may hold it open.
    if not build.exists() and published.exists():
        tmp = build.with_name(build.name + ".copying")
        try:
            shutil.copyfile(published, tmp)
        except BaseException:
            tmp.unlink(missing_ok=True)  # a full disk must not keep half a copy
            raise
        os.replace(tmp, build)


def discard_build(build: Path) -> None:
    _remove(build)


def dbt_path(published: Path) -> Path:
    """Where dbt builds, whichever run's build it is: one path, so that dbt's profile (which
    holds it) is the same every run and dbt parses the project partially (3 s a load)."""
    return published.with_name(published.name + ".dbt")


def _move(source: Path, target: Path) -> None:
    os.replace(source, target)
    if _wal(source).exists():  # left by a crash: it goes with its file, or it is lost
        os.replace(_wal(source), _wal(target))


def _origin(stable: Path) -> Path:
    """Where dbt_building notes the name of the build it moved to ``stable``."""
    return stable.with_name(stable.name + ".from")


def _return_stray(stable: Path) -> None:
    """A build a crash left at ``stable`` goes back to the build file it came from."""
    origin = _origin(stable)
    if stable.exists() and origin.exists():
        _move(stable, stable.with_name(origin.read_text().strip()))
    elif stable.exists():
        _remove(stable)  # no record of its origin: not a build this module moved
    origin.unlink(missing_ok=True)


@contextmanager
def dbt_building(build: Path, published: Path) -> Iterator[Path]:
    """``build`` renamed to ``dbt_path(published)`` while the block runs, then renamed back,
    whether the block succeeded or not. One dbt build at a time (the pool duckdb_writer)."""
    stable = dbt_path(published)
    _return_stray(stable)
    origin = _origin(stable)
    origin.write_text(build.name)
    _move(build, stable)
    try:
        yield stable
    finally:
        _move(stable, build)
        origin.unlink(missing_ok=True)


# -- what the published warehouse holds ---------------------------------------------------


@dataclass
class PublishedState:
    """What a load needs to know of the published warehouse."""

    fingerprint: str | None = None
    code_digest: str | None = None  # of the code it was built with (orchestration.fingerprint)
    documents: dict[str, str] = field(default_factory=dict)  # source_file -> sha256 (raw.documents)
    removed: list[tuple[str, str, datetime]] = field(default_factory=list)  # raw.removed_documents


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}" for s, t in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    }


def read_published(published: Path) -> PublishedState:
    """The published warehouse's inputs, read-only (BI readers may hold it open too)."""
    state = PublishedState()
    if not published.exists():
        return state
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = _tables(con)
        if "ops.publication" in tables:
            row = con.execute("select * from ops.publication limit 1").fetchone()
            if row:
                record = dict(zip([d[0] for d in con.description], row, strict=True))
                state.fingerprint, state.code_digest = record["inputs_fingerprint"], record.get("code_digest")
        if "raw.documents" in tables:
            state.documents = dict(con.execute("select source_file, sha256 from raw.documents").fetchall())
        if "raw.removed_documents" in tables:
            state.removed = con.execute("select source_file, sha256, removed_at from raw.removed_documents").fetchall()
    finally:
        con.close()
    return state


def record_build(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    fingerprint: str,
    documents: int,
    built_at: datetime,
    code_digest: str | None = None,
) -> None:
    """Say in the build what it is built from (read back by ``read_published``)."""
    con.execute(OPS_DDL)
    con.execute(
        "insert into ops.publication values (?, ?, ?, ?, ?)", [run_id, fingerprint, code_digest, documents, built_at]
    )


def build_code_digest(build: Path) -> str | None:
    """The code digest a build (or a published warehouse) says it was built with."""
    return read_published(build).code_digest


# -- publishing ------------------------------------------------------------------------


@dataclass
class Publication:
    warehouse: Path
    previous: Path | None
    parquet: Path | None
    tables: dict[str, int]  # table exported as Parquet -> rows (marts by name, others as bi.<name>)


def _checkpointed(build: Path) -> None:
    # dbt closes its connection cleanly, which checkpoints; a write-ahead log left by a crash
    # would not follow the file through the rename.
    if _wal(build).exists():
        con = duckdb.connect(str(build))
        try:
            con.execute("checkpoint")
        finally:
            con.close()


def _export_parquet(build: Path, folder: Path, schemas: dict[str, str]) -> dict[str, int]:
    """Every table of ``schemas`` as ``folder/<subfolder>/<table>.parquet``; the rows of each,
    by table name (prefixed ``<schema>.`` outside the top folder)."""
    folder.mkdir(parents=True)
    con = duckdb.connect(str(build), read_only=True)
    try:
        counts = {}
        for schema, subfolder in schemas.items():
            names = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
                ).fetchall()
            ]
            (folder / subfolder).mkdir(exist_ok=True)
            for name in names:
                target = str(folder / subfolder / f"{name}.parquet").replace("'", "''")
                con.execute(f'copy (select * from "{schema}"."{name}") to \'{target}\' (format parquet)')
                key = f"{schema}.{name}" if subfolder else name
                counts[key] = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]  # type: ignore[index]  # count(*) returns one row
    finally:
        con.close()
    return counts


def _link_over(link: Path, target: Path) -> None:
    """Point the symbolic link ``link`` at ``target``, atomically."""
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder left by hand: replaced by the link
    tmp = link.with_name(link.name + ".link-tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), tmp, target_is_directory=True)
    os.replace(tmp, link)


def _snapshot(path: Path, to: Path) -> None:
    """``to`` becomes the current contents of ``path``, atomically (a hard link when possible)."""
    tmp = to.with_name(to.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copyfile(path, tmp)
    os.replace(tmp, to)


def publish(
    build: Path, published: Path, run_id: str, parquet: bool = True, schemas: dict[str, str] | None = None
) -> Publication:
    """Make ``build`` the published warehouse; the published one becomes ``W.previous``."""
    if not build.exists():
        raise FileNotFoundError(f"No build to publish at {build}.")
    _checkpointed(build)
    tables: dict[str, int] = {}
    link = None
    if parquet:
        version = _parquet_versions(published) / f"{datetime.now():%Y%m%dT%H%M%S}-{run_id[:12]}"
        if version.exists():
            shutil.rmtree(version)
        tables = _export_parquet(build, version, PARQUET_SCHEMAS if schemas is None else schemas)
    previous = previous_path(published)
    had_previous = published.exists()
    if had_previous:
        _snapshot(published, previous)
    os.replace(build, published)
    if parquet:
        link, link_previous = parquet_dir(published), _parquet_previous(published)
        if link.is_symlink():
            _link_over(link_previous, link.resolve())
        _link_over(link, version)
        keep = {p.resolve() for p in (link, link_previous) if p.is_symlink()}
        for old in _parquet_versions(published).iterdir():
            if old.resolve() not in keep:
                shutil.rmtree(old, ignore_errors=True)
    return Publication(published, previous if had_previous else None, link, tables)


def rollback(published: Path) -> None:
    """Swap the published warehouse and the previous one (and their Parquet folders)."""
    previous = previous_path(published)
    if not previous.exists():
        raise FileNotFoundError(f"There is no previous publication ({previous}) to roll back to.")
    current = published.with_name(published.name + ".rollback")
    if published.exists():
        _snapshot(published, current)
    os.replace(previous, published)
    if current.exists():
        os.replace(current, previous)
    link, link_previous = parquet_dir(published), _parquet_previous(published)
    if link.is_symlink() and link_previous.is_symlink():
        now, before = link.resolve(), link_previous.resolve()
        _link_over(link, before)
        _link_over(link_previous, now)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse.publish", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["rollback"], help="rollback: swap in the previous publication")
    parser.add_argument("--warehouse", default="warehouse/budget.duckdb", help="the published DuckDB file")
    args = parser.parse_args(argv)
    published = Path(args.warehouse)
    try:
        rollback(published)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"Rolled back: {published} is the previous publication again; the one it replaced is {previous_path(published)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
