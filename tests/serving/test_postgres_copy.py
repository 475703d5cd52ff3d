"""The copy of the published warehouse into a real PostgreSQL server (warehouse/serving/postgres.py):
every mart and BI table arrives whole with its types, a second copy replaces the rows, readers
see the previous copy or the new one and never half, a failed copy leaves the previous one
served, the read-only role reads and nothing more, a bad URL is one clear line. The warehouse is
the sample corpus loaded once (tests/conftest.py); the versions served after it are copies of
it changed here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
import pytest

from tests.ports import free_port
from warehouse.serving import postgres as serving

# Each copy must leave these as DuckDB has them; the changed versions change all three.
FIGURES = {
    "marts.fct_budget_line": "select count(*), sum(amount_yuan) from marts.fct_budget_line",
    "marts.fct_identity_check": "select count(*), sum(lhs_yuan) from marts.fct_identity_check",
    "bi.bi_identity_check": "select count(*) from bi.bi_identity_check",
}
CHANGES = """
    delete from marts.fct_budget_line where budget_line_id in
        (select budget_line_id from marts.fct_budget_line order by budget_line_id limit 100);
    update marts.fct_budget_line set amount_yuan = amount_yuan + 1;
    update marts.fct_identity_check set lhs_yuan = lhs_yuan + 1;
    delete from bi.bi_identity_check where identity_check_id in
        (select identity_check_id from bi.bi_identity_check order by 1 limit 3);
"""


def figures(execute) -> dict[str, tuple]:
    return {table: tuple(execute(query).fetchone()) for table, query in FIGURES.items()}


def duckdb_figures(warehouse: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return figures(con.execute)
    finally:
        con.close()


def changed_copy(warehouse: Path, folder: Path, changes: str = CHANGES) -> Path:
    """A copy of ``warehouse`` with ``changes`` applied (the test's own file, not a publication)."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "budget.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(changes)
    finally:
        con.close()
    return copy


@pytest.fixture(scope="module")
def versions(sample_warehouse, tmp_path_factory):
    """Two versions of the warehouse: the sample's (A) and a changed copy (B)."""
    a = sample_warehouse[0]
    b = changed_copy(a, tmp_path_factory.mktemp("changed"))
    assert duckdb_figures(a) != duckdb_figures(b)
    return a, b


@pytest.fixture
def database(postgres_server, request):
    """A fresh database for one test, its URL."""
    return postgres_server.database(request.node.name.lower()[:50])


def pg_figures(url: str) -> dict[str, tuple]:
    with psycopg.connect(url) as con:
        return figures(con.execute)


def test_every_table_arrives_whole_with_its_types(versions, database):
    warehouse = versions[0]
    copy = serving.serve(warehouse, database)
    duck = duckdb.connect(str(warehouse), read_only=True)
    tables = serving.read_tables(duck)
    assert len(tables) >= 28 and {t.schema for t in tables} == {"marts", "bi"}
    assert copy.tables == {f"{t.schema}.{t.name}": t.rows for t in tables}
    with psycopg.connect(database) as pg:
        schemas = {r[0] for r in pg.execute("select nspname from pg_namespace").fetchall()}
        assert {"marts", "bi"} <= schemas and not any(s.endswith(serving.STAGING_SUFFIX) for s in schemas)
        served = set(
            pg.execute(
                "select schemaname || '.' || tablename from pg_tables where schemaname in ('marts', 'bi')"
            ).fetchall()
        )
        assert served == {(f"{t.schema}.{t.name}",) for t in tables}
        decimals = amounts = 0
        for table in tables:
            name = serving._qualified(table.schema, table.name)
            types = pg.execute(
                "select attname, format_type(atttypid, atttypmod) from pg_attribute "
                "where attrelid = %s::regclass and attnum > 0 and not attisdropped order by attnum",
                [name],
            ).fetchall()
            assert types == [(c.name, c.postgres_type) for c in table.columns], table.name
            for column, pg_type in types:
                duck_type = next(c.duckdb_type for c in table.columns if c.name == column)
                if duck_type.startswith("DECIMAL"):
                    decimals += 1
                    assert pg_type == "numeric" + duck_type.removeprefix("DECIMAL").replace(" ", "")
                    total = f"select sum({serving._ident(column)}) from {name}"
                    assert pg.execute(total).fetchone()[0] == duck.execute(total).fetchone()[0], (table.name, column)
                if column.endswith("_yuan"):  # every amount is exact: NUMERIC(20,2) (tolerances (20,3))
                    assert pg_type in ("numeric(20,2)", "numeric(20,3)"), (table.name, column, pg_type)
                    amounts += pg_type == "numeric(20,2)"
            # Row for row: the same values, of the same Python types (Decimal, date, list, ...).
            rows = f"select * from {name}"
            assert sorted(map(repr, pg.execute(rows).fetchall())) == sorted(map(repr, duck.execute(rows).fetchall())), (
                table.name
            )
        assert decimals >= 50 and amounts >= 40
        comment = pg.execute("select obj_description('marts'::regnamespace)").fetchone()[0]
        assert copy.publication.startswith("run ") and comment.startswith(f"budget-etl: {copy.publication}, served ")
        amount = pg.execute("select sum(amount_yuan) from marts.fct_budget_line").fetchone()[0]
        assert isinstance(amount, Decimal) and amount > 0
    duck.close()


def test_a_second_copy_replaces_the_rows(versions, database):
    a, b = versions
    serving.serve(a, database)
    serving.serve(b, database)
    assert pg_figures(database) == duckdb_figures(b)
    with psycopg.connect(database) as pg:
        lines, distinct = pg.execute(
            "select count(*), count(distinct budget_line_id) from marts.fct_budget_line"
        ).fetchone()
        assert lines == distinct == duckdb_figures(b)["marts.fct_budget_line"][0]
    serving.serve(a, database)
    assert pg_figures(database) == duckdb_figures(a)


def test_a_transaction_begun_before_the_swap_reads_the_previous_copy_whole(versions, database):
    a, b = versions
    serving.serve(a, database)
    with psycopg.connect(database) as reader:
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        before = reader.execute(FIGURES["marts.fct_budget_line"]).fetchone()
        serving.serve(b, database)  # committed while the reader's transaction is open
        # Tables it had not read yet still show the previous copy, whole.
        assert figures(reader.execute) == duckdb_figures(a)
        assert tuple(before) == duckdb_figures(a)["marts.fct_budget_line"]
        reader.commit()
        assert figures(reader.execute) == duckdb_figures(b)


def test_readers_during_copies_see_one_version_or_the_other(versions, database):
    a, b = versions
    serving.serve(a, database)
    expected = {tuple(sorted(duckdb_figures(a).items())), tuple(sorted(duckdb_figures(b).items()))}
    seen, errors, stop = [], [], threading.Event()

    def read(isolation):
        with psycopg.connect(database) as reader:
            reader.isolation_level = isolation
            while not stop.is_set():
                try:
                    if isolation == psycopg.IsolationLevel.READ_COMMITTED:
                        # Each statement sees one committed state (a transaction's next one may see
                        # the next): one statement reads every table, as a BI tool's query does.
                        row = list(
                            reader.execute(
                                "select * from "
                                + " cross join ".join(f"({query}) as t{i}" for i, query in enumerate(FIGURES.values()))
                            ).fetchone()
                        )
                        observed = {}
                        for table, query in FIGURES.items():
                            width = query.count(",") + 1
                            observed[table], row = tuple(row[:width]), row[width:]
                    else:  # one snapshot for the whole transaction: statement by statement
                        observed = figures(reader.execute)
                    seen.append(tuple(sorted(observed.items())))
                except psycopg.Error as exc:  # a missing table would land here
                    errors.append(exc)
                reader.commit()

    readers = [
        threading.Thread(target=read, args=(level,))
        for level in (psycopg.IsolationLevel.READ_COMMITTED, psycopg.IsolationLevel.REPEATABLE_READ)
    ]
    for reader in readers:
        reader.start()
    try:
        for version in (b, a, b):
            serving.serve(version, database)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    assert len(seen) > 10 and set(seen) <= expected
    assert set(seen) == expected  # both versions were read: the readers ran across the swaps


def test_a_copy_killed_midway_leaves_the_previous_copy(versions, database, postgres_server):
    a, b = versions
    serving.serve(a, database)
    killed = []

    def kill_after_first_table(message):
        if not killed:
            with postgres_server.connect(autocommit=True) as admin:
                killed.extend(
                    admin.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'budget-etl'"
                    ).fetchall()
                )

    with pytest.raises(serving.ServingError, match="the previous copy is still served"):
        serving.serve(b, database, log=kill_after_first_table)
    assert killed == [(True,)]
    assert pg_figures(database) == duckdb_figures(a)
    serving.serve(b, database)  # the next copy clears what the killed one staged
    assert pg_figures(database) == duckdb_figures(b)


def test_a_swap_that_fails_halfway_rolls_back_whole(versions, database, tmp_path):
    """The swap replaces fct_budget_line's rows, then cannot drop dim_region (gone from the new
    version) because a view of the operator's depends on it: nothing of the new version shows."""
    a = versions[0]
    c = changed_copy(a, tmp_path, CHANGES + "drop table marts.dim_region;")
    serving.serve(a, database)
    with psycopg.connect(database) as admin:
        admin.execute("create view public.regions as select * from marts.dim_region")
    with pytest.raises(serving.ServingError, match="depend"):
        serving.serve(c, database)
    assert pg_figures(database) == duckdb_figures(a)
    with psycopg.connect(database) as pg:
        assert pg.execute("select count(*) from marts.dim_region").fetchone()[0] > 0


def test_the_reader_role_reads_and_nothing_more(versions, database, postgres_server):
    a, b = versions
    serving.serve(a, database)
    with postgres_server.connect() as admin:  # created without login and without a password
        assert admin.execute(
            "select rolcanlogin, rolpassword is null, rolsuper, rolcreatedb, rolcreaterole "
            "from pg_authid where rolname = %s",
            [serving.READER_ROLE],
        ).fetchone() == (False, True, False, False, False)
        admin.execute(f"alter role {serving.READER_ROLE} login password 'reader-secret'")  # as the README says
    serving.serve(b, database)  # the grants survive a swap
    dbname = database.rsplit("/", 1)[1]
    reader_url = postgres_server.url(dbname, user=serving.READER_ROLE, password="reader-secret")
    with psycopg.connect(reader_url, autocommit=True) as reader:
        assert figures(reader.execute) == duckdb_figures(b)
        for forbidden in (
            "insert into marts.dim_region select * from marts.dim_region",
            "delete from bi.bi_identity_check",
            "create table marts.mine (x int)",
            "create table bi.mine (x int)",
            "create table public.mine (x int)",
            "create schema mine",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(forbidden)
    with postgres_server.connect(autocommit=True) as admin:
        admin.execute(f"alter role {serving.READER_ROLE} nologin password null")


def test_a_bad_url_is_one_clear_line(versions, postgres_server, tmp_path):
    warehouse = versions[0]
    for url, reason in (
        (postgres_server.url(password="wrong-password"), "password authentication failed"),
        (f"postgresql://budget_admin:pw@127.0.0.1:{free_port()}/postgres", "Connection refused"),
        ("postgres://", "cannot connect"),
        ("not a url", "cannot connect"),
    ):
        with pytest.raises(serving.ServingError, match=reason) as error:
            serving.serve(warehouse, url)
        assert "wrong-password" not in str(error.value) and "\n" not in str(error.value)
    # The command line: exit 2, one line, no traceback; the warehouse untouched.
    before = warehouse.read_bytes()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse.serving.postgres",
            "--warehouse",
            str(warehouse),
            "--url",
            postgres_server.url(password="wrong-password"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        "Serving from PostgreSQL failed: cannot connect to PostgreSQL at postgresql://budget_admin:***@"
    )
    assert "Traceback" not in done.stderr and "wrong-password" not in done.stderr
    assert warehouse.read_bytes() == before


def test_without_psycopg_it_says_what_to_install(versions):
    # psycopg made unimportable in a fresh interpreter, as when the extra is not installed.
    code = (
        "import sys; sys.modules['psycopg'] = None; from warehouse.serving import postgres; "
        f"sys.exit(postgres.main(['--warehouse', {str(versions[0])!r}, '--url', 'postgresql://x@127.0.0.1/x']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "Serving from PostgreSQL failed: serving from PostgreSQL needs psycopg: pip install 'budget-etl[postgres]'."
    )


def test_every_type_arrives_as_its_postgres_equal(database, tmp_path):
    """Beyond what the marts hold today: each DuckDB type the copy maps, with a null beside each value."""
    warehouse = tmp_path / "types.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("""
        create schema marts;
        create table marts.every_type as select * from (values
            (123456789012345678.99::decimal(20,2), 1.5::decimal(9,6), 'a''b"c 中文'::varchar, true, 7::tinyint,
             -3::smallint, 2147483647::integer, 9223372036854775807::bigint, 4294967295::uinteger,
             18446744073709551615::ubigint, 170141183460469231731687303715884105727::hugeint, 0.1::double,
             0.5::float, date '2024-02-29', time '23:59:59.5', timestamp '2024-02-29 12:34:56.789',
             timestamptz '2024-02-29 12:34:56+08', interval 3 day, uuid '12345678-1234-5678-1234-567812345678',
             '\\x00\\xff'::blob, ['x', null, 'y'], [1.25::decimal(20,2)], [[1, 2], [3]], {'k': 1.5::decimal(20,2), 's': 'v'},
             map {'a': 1}, '{"j": [1, 2]}'::json),
            (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
             null, null, null, null, null, null, null, null, null)
        ) as t(amount, rate, label, flag, tiny, small, int, big, uint, ubig, huge, dbl, flt, day, clock, stamp, stamptz,
               span, id, bytes, labels, amounts, nested, struct, map, json);
        create schema bi;
    """)
    con.close()
    serving.serve(warehouse, database)
    with psycopg.connect(database) as pg:
        types = dict(
            pg.execute(
                "select attname, format_type(atttypid, atttypmod) from pg_attribute "
                "where attrelid = 'marts.every_type'::regclass and attnum > 0"
            ).fetchall()
        )
        assert types == {
            "amount": "numeric(20,2)",
            "rate": "numeric(9,6)",
            "label": "text",
            "flag": "boolean",
            "tiny": "smallint",
            "small": "smallint",
            "int": "integer",
            "big": "bigint",
            "uint": "bigint",
            "ubig": "numeric(20,0)",
            "huge": "numeric(39,0)",
            "dbl": "double precision",
            "flt": "real",
            "day": "date",
            "clock": "time without time zone",
            "stamp": "timestamp without time zone",
            "stamptz": "timestamp with time zone",
            "span": "interval",
            "id": "uuid",
            "bytes": "bytea",
            "labels": "text[]",
            "amounts": "numeric(20,2)[]",
            "nested": "jsonb",
            "struct": "jsonb",
            "map": "jsonb",
            "json": "jsonb",
        }
        value, empty = pg.execute("select * from marts.every_type order by amount nulls last").fetchall()
        struct_amount = pg.execute("select struct ->> 'k' from marts.every_type where amount is not null").fetchone()[0]
    row = dict(zip(types, value, strict=True))
    assert row["amount"] == Decimal("123456789012345678.99") and row["rate"] == Decimal("1.500000")
    assert row["label"] == "a'b\"c 中文" and row["flag"] is True and row["huge"] == 2**127 - 1
    assert row["ubig"] == 2**64 - 1 and row["dbl"] == 0.1 and row["flt"] == 0.5
    assert str(row["day"]) == "2024-02-29" and str(row["clock"]) == "23:59:59.500000"
    assert str(row["stamp"]) == "2024-02-29 12:34:56.789000"
    assert row["stamptz"].timestamp() == 1709181296  # 04:34:56 UTC
    assert row["span"].days == 3 and str(row["id"]) == "12345678-1234-5678-1234-567812345678"
    assert bytes(row["bytes"]) == b"\x00\xff"
    assert row["labels"] == ["x", None, "y"] and row["amounts"] == [Decimal("1.25")]
    assert row["nested"] == [[1, 2], [3]] and row["struct"] == {"k": 1.5, "s": "v"}
    assert struct_amount == "1.50"  # the decimal's digits, kept by jsonb's numeric
    assert row["map"] == {"a": 1} and row["json"] == {"j": [1, 2]}
    assert empty == (None,) * len(types)
