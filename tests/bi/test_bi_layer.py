"""The BI layer (dbt schema `bi`) in the sample warehouse as `budget-etl load` publishes it: in
the file and in the Parquet export, labelled in Chinese, and its leaves adding up to the
printed class totals."""

from __future__ import annotations

import duckdb
import pytest

from warehouse import publish as publishing

BI_TABLES = {"bi_department_year", "bi_function_spending", "bi_economic_spending", "bi_three_public",
             "bi_document_status", "bi_identity_check", "bi_narrative_check"}


@pytest.fixture(scope="module")
def con(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse[0]), read_only=True)
    yield con
    con.close()


def test_the_bi_tables_are_published_in_the_file_and_as_parquet(con, sample_warehouse):
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables where table_schema = 'bi'").fetchall()}
    assert tables == BI_TABLES
    folder = publishing.parquet_dir(sample_warehouse[0]) / "bi"
    for table in BI_TABLES:
        rows = con.execute(f"select count(*) from bi.{table}").fetchone()[0]
        assert rows > 0, table
        assert con.execute(f"select count(*) from read_parquet('{folder / (table + '.parquet')}')").fetchone()[0] == rows


def test_codes_are_shown_with_their_chinese_labels(con):
    assert set(con.execute("select distinct document_kind_label from bi.bi_department_year").fetchall()) == {("预算",)}
    assert set(con.execute("select distinct status_label from bi.bi_document_status").fetchall()) == {("已载入",), ("已拒绝",)}
    items = dict(con.execute("select distinct item, item_label from bi.bi_three_public").fetchall())
    assert items["total"] == "“三公”经费合计" and items["official_reception"] == "公务接待费"
    assert all(item != label for item, label in items.items())
    assert con.execute("select count(*) from bi.bi_function_spending where class_name is null").fetchone()[0] == 0


def test_function_leaves_add_up_to_the_printed_class_totals_where_identities_hold(con):
    # Documents whose identities all hold: summing the leaves of a 类 gives the printed 类 row.
    mismatches = con.execute("""
        with clean as (
            select document_id from marts.fct_identity_check group by document_id having bool_and(passed)
        ),
        leaves as (
            select document_id, class_code, measure, sum(amount_yuan) as leaves
            from bi.bi_function_spending where document_id in (select document_id from clean)
            group by all
        ),
        printed as (
            select document_id, code as class_code, measure, amount_yuan as printed
            from marts.fct_budget_line
            where table_kind = 'expenditure_summary' and classification = 'function' and length(code) = 3
        )
        select count(*) filter (where leaves <> printed), count(*)
        from leaves inner join printed using (document_id, class_code, measure)
    """).fetchone()
    assert mismatches[1] > 20 and mismatches[0] == 0, mismatches
