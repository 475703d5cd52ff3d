"""Publishing a build for BI readers: an atomic swap, the previous one kept, Parquet beside it,
a rollback; and which documents count as removed. Small DuckDB files, no pipeline."""

from __future__ import annotations

import os
import time
from datetime import datetime

import duckdb
import pytest

from warehouse import publish as publishing
from warehouse.raw_tables import removed_documents


def make_build(published, run_id, value):
    build = publishing.start_build(published, run_id)
    con = duckdb.connect(str(build))
    con.execute("create schema marts; create table marts.fct_x as select ? as v, 'line' as label", [value])
    con.execute("create schema raw; create table raw.documents as select 'a.pdf' as source_file, 'aa' as sha256")
    publishing.record_build(con, run_id, f"fingerprint-{value}", 1, datetime(2026, 1, 1))
    con.close()
    return build


def value_of(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select v from marts.fct_x").fetchone()[0]
    finally:
        con.close()


def parquet_value(folder):
    con = duckdb.connect()
    try:
        return con.execute(f"select v from read_parquet('{folder / 'fct_x.parquet'}')").fetchone()[0]
    finally:
        con.close()


def test_publishing_swaps_the_build_in_and_keeps_the_previous_one(tmp_path):
    published = tmp_path / "budget.duckdb"
    publication = publishing.publish(make_build(published, "run-one-000000", 1), published, "run-one")
    assert publication.previous is None and publication.tables == {"fct_x": 1}
    assert value_of(published) == 1
    assert parquet_value(publishing.parquet_dir(published)) == 1

    build = make_build(published, "run-two-000000", 2)
    publishing.publish(build, published, "run-two")
    assert not build.exists()
    assert value_of(published) == 2 and value_of(publishing.previous_path(published)) == 1
    assert parquet_value(publishing.parquet_dir(published)) == 2
    assert parquet_value(tmp_path / "budget_parquet.previous") == 1
    assert publishing.read_published(published).fingerprint == "fingerprint-2"
    # only the two Parquet versions in use are kept
    publishing.publish(make_build(published, "run-three-0000", 3), published, "run-three")
    assert len(list((tmp_path / ".budget_parquet.versions").iterdir())) == 2


def test_a_reader_of_the_published_file_keeps_its_version_and_does_not_block(tmp_path):
    published = tmp_path / "budget.duckdb"
    publishing.publish(make_build(published, "run-one-000000", 1), published, "run-one")
    reader = duckdb.connect(str(published), read_only=True)
    try:
        publishing.publish(make_build(published, "run-two-000000", 2), published, "run-two")
        assert reader.execute("select v from marts.fct_x").fetchone()[0] == 1  # the version it opened
    finally:
        reader.close()
    assert value_of(published) == 2


def test_rollback_swaps_the_previous_publication_back(tmp_path):
    published = tmp_path / "budget.duckdb"
    with pytest.raises(FileNotFoundError):
        publishing.rollback(published)
    publishing.publish(make_build(published, "run-one-000000", 1), published, "run-one")
    publishing.publish(make_build(published, "run-two-000000", 2), published, "run-two")
    assert publishing.main(["rollback", "--warehouse", str(published)]) == 0
    assert value_of(published) == 1 and value_of(publishing.previous_path(published)) == 2
    assert parquet_value(publishing.parquet_dir(published)) == 1
    publishing.rollback(published)  # and forward again
    assert value_of(published) == 2


def test_a_run_builds_on_a_copy_when_it_did_not_start_a_build(tmp_path):
    published = tmp_path / "budget.duckdb"
    publishing.publish(make_build(published, "run-one-000000", 1), published, "run-one")
    build = publishing.ensure_build(published, "models-only-run")
    assert build != published and value_of(build) == 1


def test_stale_builds_are_cleared_fresh_ones_kept(tmp_path):
    published = tmp_path / "budget.duckdb"
    stale = publishing.build_path(published, "failed-long-ago")
    fresh = publishing.build_path(published, "failed-recently")
    for path in (stale, fresh):
        path.write_bytes(b"x")
    old = time.time() - publishing.STALE_BUILD_SECONDS - 60
    os.utime(stale, (old, old))
    publishing.start_build(published, "new-run-00000")
    assert not stale.exists() and fresh.exists()


def test_dbt_builds_at_one_path_and_the_build_goes_back_whatever_happens(tmp_path):
    published = tmp_path / "budget.duckdb"
    build = make_build(published, "run-one-000000", 1)
    with publishing.dbt_building(build, published) as path:
        assert path == publishing.dbt_path(published) and not build.exists()
        con = duckdb.connect(str(path))
        con.execute("pragma disable_checkpoint_on_shutdown; update marts.fct_x set v = 2")
        con.close()  # a crash's write-ahead log: it must follow its file
        assert publishing.dbt_path(published).with_name("budget.duckdb.dbt.wal").exists()
    assert value_of(build) == 2 and not path.exists()
    with pytest.raises(RuntimeError), publishing.dbt_building(build, published):
        raise RuntimeError("dbt failed")
    assert value_of(build) == 2 and not path.exists()


def test_a_build_a_crash_left_at_dbt_s_path_goes_back_to_its_run(tmp_path):
    published = tmp_path / "budget.duckdb"
    crashed, next_build = make_build(published, "run-one-000000", 1), make_build(published, "run-two-000000", 2)
    stable = publishing.dbt_path(published)
    # what a killed process leaves inside dbt_building: the build renamed, its origin noted
    stable.with_name(stable.name + ".from").write_text(crashed.name)
    os.replace(crashed, stable)
    with publishing.dbt_building(next_build, published) as path:
        assert value_of(path) == 2 and value_of(crashed) == 1
    assert value_of(next_build) == 2 and not stable.exists()


def test_removed_documents_are_kept_until_their_file_comes_back():
    first, later = datetime(2026, 1, 1), datetime(2026, 2, 1)
    previous = {"a.pdf": "aa", "b.pdf": "bb"}
    removed = removed_documents(previous, [("old.pdf", "oo", first)], {"a.pdf"}, later)
    assert removed == [("b.pdf", "bb", later), ("old.pdf", "oo", first)]
    # a file back in the landing folder is no longer removed
    assert removed_documents({"a.pdf": "aa"}, removed, {"a.pdf", "old.pdf"}, later) == [("b.pdf", "bb", later)]


def test_an_incremental_build_starts_from_a_copy_of_the_published_warehouse(tmp_path):
    published = tmp_path / "budget.duckdb"
    first = publishing.start_build(published, "run-one-000000")
    con = duckdb.connect(str(first))
    con.execute("create schema marts; create table marts.fct_x as select 1 as v")
    publishing.record_build(con, "run-one", "fingerprint-1", 1, datetime(2026, 1, 1), code_digest="code-1")
    con.close()
    publishing.publish(first, published, "run-one", parquet=False)
    published_bytes = published.read_bytes()
    assert publishing.read_published(published).code_digest == "code-1"

    copy = publishing.start_build(published, "run-two-000000", from_published=True)
    assert value_of(copy) == 1 and publishing.build_code_digest(copy) == "code-1"
    con = duckdb.connect(str(copy))
    con.execute("update marts.fct_x set v = 2")
    con.close()
    assert published.read_bytes() == published_bytes  # the published file is only read
    assert not publishing.start_build(published, "run-three-0000").exists()  # a full build starts empty


def test_a_warehouse_published_before_code_digests_asks_for_a_full_build(tmp_path):
    published = tmp_path / "budget.duckdb"
    con = duckdb.connect(str(published))
    con.execute(
        "create schema ops; create table ops.publication as "
        "select 'run' as run_id, 'f' as inputs_fingerprint, 1 as documents, now() as built_at"
    )
    con.close()
    state = publishing.read_published(published)
    assert state.fingerprint == "f" and state.code_digest is None
