"""One file per mart: CSV with a header row (UTF-8, optionally with a byte order mark for
Excel) or Parquet. DuckDB writes both, so DECIMAL amounts keep every digit: CSV prints them as
text, Parquet stores them as decimals."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

MARTS_SCHEMA = "marts"
UTF8_BOM = b"\xef\xbb\xbf"


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the marts schema, by name."""
    return [
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
            "order by table_name",
            [MARTS_SCHEMA],
        ).fetchall()
    ]


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f'select count(*) from {MARTS_SCHEMA}."{table}"').fetchone()[0]  # type: ignore[index]  # count(*) returns one row


def copy_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path, bom: bool) -> None:
    """``query``'s result as a CSV file with a header row, UTF-8."""
    target = path.with_name(path.name + ".part") if bom else path
    con.execute(f"copy ({query}) to '{_quoted(target)}' (format csv, header true)")
    if bom:
        # DuckDB writes no byte order mark: prepend one, streaming (a mart may be large).
        with open(path, "wb") as out, open(target, "rb") as body:
            out.write(UTF8_BOM)
            shutil.copyfileobj(body, out)
        target.unlink()


def write_csv(con: duckdb.DuckDBPyConnection, out_dir: Path, bom: bool) -> list[tuple[Path, int]]:
    written = []
    for table in mart_names(con):
        copy_csv(con, f'select * from {MARTS_SCHEMA}."{table}"', out_dir / f"{table}.csv", bom)
        written.append((Path(f"{table}.csv"), row_count(con, table)))
    return written


def write_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path, bom: bool) -> list[tuple[Path, int]]:
    written = []
    for table in mart_names(con):
        path = out_dir / f"{table}.parquet"
        con.execute(f"copy (select * from {MARTS_SCHEMA}.\"{table}\") to '{_quoted(path)}' (format parquet)")
        written.append((Path(path.name), row_count(con, table)))
    return written


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
