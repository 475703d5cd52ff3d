"""What sqlfluff renders for the `dbt.` macros the models call (dbt-core itself is not run
when linting): the same SQL dbt-duckdb's default macros produce."""


def concat(fields: list[str]) -> str:
    return " || ".join(fields)
