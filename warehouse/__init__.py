"""The DuckDB warehouse: the raw extraction tables it is built from, and the file BI tools read.

The warehouse files themselves (``*.duckdb``) are build outputs and are not committed.
"""
