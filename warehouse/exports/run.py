"""The one entry point of the exports: check the inputs, open the warehouse read-only, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.exports import fiscal_data_package, tables


class ExportError(Exception):
    """An export that cannot be made (no warehouse, unknown format, no marts): the message says why."""


@dataclass(frozen=True)
class ExportResult:
    format: str
    out_dir: Path
    files: tuple[Path, ...]  # every file written, relative to out_dir
    rows: int  # data rows written, over all files

    def render(self) -> str:
        return f"Exported {len(self.files)} file(s), {self.rows} row(s), as {self.format} into {self.out_dir}."


Writer = Callable[[duckdb.DuckDBPyConnection, Path, bool], list[tuple[Path, int]]]
FORMATS: dict[str, Writer] = {
    "csv": tables.write_csv,
    "parquet": tables.write_parquet,
    "fdp": fiscal_data_package.write_package,
}


def export_warehouse(warehouse: Path, format: str, out_dir: Path, bom: bool = False) -> ExportResult:
    """Write the marts of ``warehouse`` as ``format`` into ``out_dir`` (created if missing).
    ``bom`` starts every CSV with a UTF-8 byte order mark, for Excel."""
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}.")
    if not warehouse.is_file():
        raise ExportError(f"no warehouse at {warehouse}; run `budget-etl load` first.")
    if bom and format == "parquet":
        raise ExportError("--bom applies to CSV files (csv, fdp), not to parquet.")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as error:
        raise ExportError(f"cannot open {warehouse} as a DuckDB warehouse: {error}") from None
    try:
        if not tables.mart_names(con):
            raise ExportError(f"{warehouse} has no marts; is it a budget-etl warehouse?")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = FORMATS[format](con, out_dir, bom)
    finally:
        con.close()
    return ExportResult(format, out_dir, tuple(path for path, _ in written), sum(n for _, n in written))
