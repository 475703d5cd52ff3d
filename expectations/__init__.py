"""Data-quality rules, enforced with Great Expectations (GX Core 1.x).

The accounting identities are computed once, in the dbt model ``marts.fct_identity_check``
(SQL over the whole warehouse is where sums across tables and rows are natural); the suites
here enforce them and the warehouse's structure, on pandas frames read from DuckDB (GX's
SQL datasource is unreliable on DuckDB), in the file-based context of ``expectations/gx/``.
"""
