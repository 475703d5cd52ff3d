"""Exports of a published warehouse, in the formats open-budget users read: one CSV per mart
(``csv``), one Parquet file per mart (``parquet``), and a Fiscal Data Package (``fdp``).

``export_warehouse(warehouse, format, out_dir)`` reads the warehouse file read-only and writes
into ``out_dir``; it never writes the warehouse.
"""

from warehouse.exports.run import FORMATS, ExportError, ExportResult, export_warehouse

__all__ = ["FORMATS", "ExportError", "ExportResult", "export_warehouse"]
