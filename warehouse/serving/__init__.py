"""Publication targets beyond the DuckDB file and its Parquet: the warehouse served from a
database server (``postgres``)."""
