"""Serving the published warehouse from PostgreSQL, for BI tools that speak Postgres (Metabase,
Tableau, Power BI, FineBI): the marts and the BI layer copied into a database server, in
schemas named as in DuckDB, and a read-only role to connect as.

A copy (``serve``) reads the published DuckDB file read-only (one version of it, even when a
publication replaces the file meanwhile) and goes in two steps:

1. Each served schema ``S`` is copied into its staging schema ``S__staging`` (a failed copy's
   left over is dropped first): the tables created with the same types (DECIMAL(p,s) as
   NUMERIC(p,s), never a float; lists as arrays; structs, maps and JSON as jsonb), the rows by
   COPY, then each table's row count checked against DuckDB's. This is the long part; no
   reader is granted the staging schemas.
2. One transaction swaps them in: each served table gets the staged rows by DELETE and INSERT
   (a table whose columns changed, or a new one, is replaced by the staged table), tables the
   warehouse no longer has are dropped, the reader role's grants are renewed, the staging
   schemas dropped. Until it commits readers see the previous copy, from then on the new one:
   DELETE keeps the old rows for the snapshots that still see them, so even a REPEATABLE READ
   transaction begun before the swap reads the previous copy whole to its end (renaming
   schemas or truncating would show it empty tables: PostgreSQL resolves names and truncation
   outside snapshots). A failure anywhere rolls back: the previous copy stays as it was. (A
   table replaced because its columns changed, a new release's once, waits for its readers
   and is seen empty by a REPEATABLE READ transaction older than the staging.)

The reader role (``budget_reader``) is created without LOGIN and without a password: an
operator lets BI tools in with ``ALTER ROLE budget_reader LOGIN PASSWORD '...'``, or with a
login role of their own that is granted it. It may read the served schemas, nothing else.

Copy by hand (e.g. after ``python -m warehouse.publish rollback``):
``python -m warehouse.serving.postgres --warehouse W --url URL`` (or BUDGET_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.publish import PARQUET_SCHEMAS

# What is served: the schemas a publication exports (the marts and the dashboards' BI layer).
SERVED_SCHEMAS = tuple(PARQUET_SCHEMAS)
READER_ROLE = "budget_reader"
URL_VARIABLE = "BUDGET_POSTGRES_URL"
STAGING_SUFFIX = "__staging"
CONNECT_TIMEOUT_SECONDS = 10
# Two copies into one database wait for each other (pg_advisory_lock), keyed by this number.
COPY_LOCK = 0x6275_6467_6574  # "budget"
COPY_BATCH_ROWS = 10_000

# PostgreSQL's own spelling of each type (format_type's), so that a served table's columns compare
# equal to the DuckDB table's.
_SCALARS = {
    "boolean": "boolean",
    "tinyint": "smallint",
    "smallint": "smallint",
    "integer": "integer",
    "bigint": "bigint",
    "utinyint": "smallint",
    "usmallint": "integer",
    "uinteger": "bigint",
    "ubigint": "numeric(20,0)",
    "hugeint": "numeric(39,0)",  # up to 1.7e38: 39 digits
    "uhugeint": "numeric(39,0)",
    "float": "real",
    "double": "double precision",
    "varchar": "text",
    "date": "date",
    "time": "time without time zone",
    "timestamp": "timestamp without time zone",
    "timestamp_s": "timestamp without time zone",
    "timestamp_ms": "timestamp without time zone",
    "timestamp_ns": "timestamp without time zone",
    "timestamp with time zone": "timestamp with time zone",
    "interval": "interval",
    "uuid": "uuid",
    "blob": "bytea",
}
_JSON_KINDS = {"struct", "map", "union"}


class ServingError(Exception):
    """A copy that could not be made, said in one line for the operator (no traceback)."""


@dataclass
class Column:
    name: str
    duckdb_type: str
    postgres_type: str
    as_json: bool  # read as DuckDB's JSON text, written as jsonb


@dataclass
class Table:
    schema: str
    name: str
    columns: list[Column]
    rows: int = 0


@dataclass
class ServedCopy:
    url: str  # without its password
    tables: dict[str, int] = field(default_factory=dict)  # "schema.table" -> rows
    seconds: float = 0.0
    publication: str = ""  # the DuckDB publication served (ops.publication), when it says

    def render(self) -> str:
        rows = sum(self.tables.values())
        return (
            f"Served {len(self.tables)} table(s), {rows} row(s) in PostgreSQL ({self.url}, schemas "
            f"{', '.join(SERVED_SCHEMAS)}) in {self.seconds:.1f} s."
        )


# -- types -------------------------------------------------------------------------------


def postgres_type(column: str, dtype: duckdb.sqltypes.DuckDBPyType) -> tuple[str, bool]:
    """The PostgreSQL type of a DuckDB column, and whether it travels as JSON."""
    if str(dtype) == "JSON":
        return "jsonb", True
    kind = dtype.id
    if kind == "decimal":
        precision, scale = (value for _, value in dtype.children)
        return f"numeric({precision},{scale})", False
    if kind in _SCALARS:
        return _SCALARS[kind], False
    if kind == "list":
        [(_, child)] = dtype.children
        inner, as_json = postgres_type(column, child)  # type: ignore[arg-type]  # a list's child is a type
        if not as_json and not inner.endswith("[]"):
            return inner + "[]", False
        return "jsonb", True  # PostgreSQL arrays are rectangular and hold no composite values
    if kind in _JSON_KINDS:
        return "jsonb", True
    raise ServingError(f"column {column} is of DuckDB type {dtype}, which has no PostgreSQL equivalent here.")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qualified(schema: str, name: str) -> str:
    return f"{_ident(schema)}.{_ident(name)}"


def read_tables(con: duckdb.DuckDBPyConnection, schemas: Sequence[str] = SERVED_SCHEMAS) -> list[Table]:
    """The tables and views of ``schemas`` in the DuckDB warehouse, with their columns' types."""
    tables = []
    for schema, name in con.execute(
        "select table_schema, table_name from information_schema.tables where table_schema in "
        f"({', '.join('?' * len(schemas))}) order by 1, 2",
        list(schemas),
    ).fetchall():
        relation = con.table(_qualified(schema, name))
        columns = []
        for column, dtype in zip(relation.columns, relation.dtypes, strict=True):
            pg_type, as_json = postgres_type(f"{schema}.{name}.{column}", dtype)
            columns.append(Column(column, str(dtype), pg_type, as_json))
        rows = con.execute(f"select count(*) from {_qualified(schema, name)}").fetchone()[0]  # type: ignore[index]  # count(*) returns one row
        tables.append(Table(schema, name, columns, rows))
    return tables


# -- connecting ----------------------------------------------------------------------------


def redact(url: str) -> str:
    """``url`` without its password (URL or key=value form)."""
    url = re.sub(r"(://[^:/@?]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", url)


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise ServingError("serving from PostgreSQL needs psycopg: pip install 'budget-etl[postgres]'.") from None
    return psycopg


def connect(url: str):
    """A connection to ``url``; a bad or unreachable URL is a ServingError saying why."""
    psycopg = _psycopg()
    if not url:
        raise ServingError(f"no PostgreSQL URL (set {URL_VARIABLE} or pass --postgres URL).")
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="budget-etl")
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ServingError(f"cannot connect to PostgreSQL at {redact(url)}: {reason}") from None


# -- copying -------------------------------------------------------------------------------


def _create_staging(pg, schema: str) -> str:
    staging = schema + STAGING_SUFFIX
    pg.execute(f"drop schema if exists {_ident(staging)} cascade")
    pg.execute(f"create schema {_ident(staging)}")
    return staging


def _copy_table(duck: duckdb.DuckDBPyConnection, pg, table: Table, staging: str) -> None:
    target = _qualified(staging, table.name)
    pg.execute(
        f"create table {target} (" + ", ".join(f"{_ident(c.name)} {c.postgres_type}" for c in table.columns) + ")"
    )
    select = ", ".join(
        f"cast(to_json({_ident(c.name)}) as varchar)" if c.as_json else _ident(c.name) for c in table.columns
    )
    result = duck.execute(f"select {select} from {_qualified(table.schema, table.name)}")
    names = ", ".join(_ident(c.name) for c in table.columns)
    # JSON arrives as DuckDB's JSON text, which PostgreSQL parses (dumped as jsonb, it would be one string).
    text = pg.adapters.types["text"].oid
    staged = _columns(pg, staging, table.name) or []  # just created
    oids = [text if c.as_json else oid for c, (_, _, oid) in zip(table.columns, staged, strict=True)]
    with pg.cursor() as cursor, cursor.copy(f"copy {target} ({names}) from stdin") as copy:
        copy.set_types(oids)
        while batch := result.fetchmany(COPY_BATCH_ROWS):
            for row in batch:
                copy.write_row(row)
    copied = pg.execute(f"select count(*) from {target}").fetchone()[0]
    if copied != table.rows:
        raise ServingError(
            f"{table.schema}.{table.name}: {copied} row(s) arrived in PostgreSQL of DuckDB's {table.rows}."
        )


def _columns(pg, schema: str, name: str) -> list[tuple[str, str, int]] | None:
    """A table's columns (name, type, type's oid), or None when there is no such table."""
    oid = pg.execute("select to_regclass(%s)", [_qualified(schema, name)]).fetchone()[0]
    if oid is None:
        return None
    return pg.execute(
        "select attname, format_type(atttypid, atttypmod), atttypid from pg_attribute "
        "where attrelid = %s::regclass and attnum > 0 and not attisdropped order by attnum",
        [_qualified(schema, name)],
    ).fetchall()


def _swap_in(pg, schema: str, staging: str, tables: list[Table], reader: str, comment: str) -> None:
    """Make the staged tables of ``schema`` the served ones (inside the caller's transaction)."""
    pg.execute(f"create schema if not exists {_ident(schema)}")
    served = {r[0] for r in pg.execute("select tablename from pg_tables where schemaname = %s", [schema]).fetchall()}
    for table in tables:
        live = _qualified(schema, table.name)
        if _columns(pg, schema, table.name) == _columns(pg, staging, table.name):
            pg.execute(f"delete from {live}")
            pg.execute(f"insert into {live} select * from {_qualified(staging, table.name)}")
        else:
            pg.execute(f"drop table if exists {live}")
            pg.execute(f"alter table {_qualified(staging, table.name)} set schema {_ident(schema)}")
    for gone in sorted(served - {t.name for t in tables}):
        pg.execute(f"drop table {_qualified(schema, gone)}")
    pg.execute(f"grant usage on schema {_ident(schema)} to {_ident(reader)}")
    pg.execute(f"grant select on all tables in schema {_ident(schema)} to {_ident(reader)}")
    pg.execute(f"comment on schema {_ident(schema)} is {_literal(comment)}")  # DDL takes no parameters
    pg.execute(f"drop schema {_ident(staging)} cascade")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ensure_reader(pg, reader: str) -> None:
    """The read-only role, created NOLOGIN without a password when missing (left as it is when
    present: an operator may have let it log in)."""
    if pg.execute("select 1 from pg_roles where rolname = %s", [reader]).fetchone() is None:
        pg.execute(f"create role {_ident(reader)} nologin")


def _publication(duck: duckdb.DuckDBPyConnection) -> str:
    try:
        row = duck.execute("select run_id, built_at, documents from ops.publication limit 1").fetchone()
    except duckdb.CatalogException:
        return ""
    return f"run {row[0]}, built {row[1]:%Y-%m-%d %H:%M:%S}, {row[2]} documents" if row else ""


def serve(
    published: Path,
    url: str,
    reader: str = READER_ROLE,
    log=None,
) -> ServedCopy:
    """Copy the served schemas of the published DuckDB file into PostgreSQL at ``url`` and swap
    them in. Raises ServingError (the previous copy served as it was) when it cannot."""
    started = time.monotonic()
    psycopg = _psycopg()
    published = Path(published)
    if not published.is_file():
        raise ServingError(f"no published warehouse at {published} to serve.")
    try:
        duck = duckdb.connect(str(published), read_only=True)
    except duckdb.Error as exc:
        raise ServingError(f"cannot read the published warehouse {published}: {exc}") from None
    try:
        tables = read_tables(duck)
        publication = _publication(duck)
        with connect(url) as pg:
            try:
                pg.execute("select pg_advisory_lock(%s)", [COPY_LOCK])
                pg.commit()
                staged = {}
                for schema in SERVED_SCHEMAS:
                    staged[schema] = _create_staging(pg, schema)
                    for table in (t for t in tables if t.schema == schema):
                        _copy_table(duck, pg, table, staged[schema])
                        if log:
                            log(f"staged {schema}.{table.name}: {table.rows} row(s)")
                    pg.commit()
                _ensure_reader(pg, reader)
                comment = f"budget-etl: {publication or published.name}, served {time.strftime('%Y-%m-%d %H:%M:%S')}"
                for schema in SERVED_SCHEMAS:
                    _swap_in(pg, schema, staged[schema], [t for t in tables if t.schema == schema], reader, comment)
                pg.commit()
            except psycopg.Error as exc:
                if not pg.closed:
                    with suppress(psycopg.Error):
                        pg.rollback()
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise ServingError(
                    f"the copy into PostgreSQL at {redact(url)} failed, the previous copy is still served: {reason}"
                ) from None
    finally:
        duck.close()
    return ServedCopy(
        url=redact(url),
        tables={f"{t.schema}.{t.name}": t.rows for t in tables},
        seconds=time.monotonic() - started,
        publication=publication,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warehouse.serving.postgres",
        description="Copy the published warehouse's marts and BI layer into PostgreSQL.",
    )
    parser.add_argument("--warehouse", default="warehouse/budget.duckdb", help="the published DuckDB file")
    parser.add_argument(
        "--url", default=os.environ.get(URL_VARIABLE, ""), help=f"the PostgreSQL database (default: {URL_VARIABLE})"
    )
    parser.add_argument("--reader-role", default=READER_ROLE, help=f"the read-only role (default {READER_ROLE})")
    args = parser.parse_args(argv)
    try:
        copy = serve(Path(args.warehouse), args.url, reader=args.reader_role)
    except ServingError as exc:
        print(f"Serving from PostgreSQL failed: {exc}", file=sys.stderr)
        return 2
    print(copy.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
