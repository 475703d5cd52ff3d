"""The BI layer (dbt schema `bi`) in the sample warehouse with its budget/决算 series (so that
预算执行 has rows) as `budget-etl load` publishes it: in
the file and in the Parquet export, labelled in Chinese, and its leaves adding up to the
printed class totals."""

from __future__ import annotations

import duckdb
import pytest

from tests.paths import BI_MODELS
from warehouse import publish as publishing


@pytest.fixture(scope="module")
def con(sample_series_warehouse):
    con = duckdb.connect(str(sample_series_warehouse[0]), read_only=True)
    yield con
    con.close()


def test_the_bi_tables_are_published_in_the_file_and_as_parquet(con, sample_series_warehouse):
    tables = {
        r[0]
        for r in con.execute("select table_name from information_schema.tables where table_schema = 'bi'").fetchall()
    }
    assert tables == BI_MODELS
    folder = publishing.parquet_dir(sample_series_warehouse[0]) / "bi"
    for table in BI_MODELS:
        rows = con.execute(f"select count(*) from bi.{table}").fetchone()[0]
        assert rows > 0, table
        assert (
            con.execute(f"select count(*) from read_parquet('{folder / (table + '.parquet')}')").fetchone()[0] == rows
        )


def test_codes_are_shown_with_their_chinese_labels(con):
    assert set(con.execute("select distinct document_kind_label from bi.bi_department_year").fetchall()) == {
        ("预算",),
        ("决算",),
    }
    assert set(con.execute("select distinct status_label from bi.bi_document_status").fetchall()) == {
        ("已载入",),
        ("已拒绝",),
    }
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


def test_budget_execution_leaves_add_up_to_the_mart_and_keep_one_sided_lines(con):
    # Per source, department and year the leaves' budgeted and final sums are the mart's, exactly.
    differing = con.execute("""
        with shown as (
            select execution_source, department_id, fiscal_year, sum(budgeted_yuan) as budgeted, sum(final_yuan) as final
            from bi.bi_budget_execution where measure = 'total' group by all
        ),
        mart as (
            select execution_source, department_id, fiscal_year, sum(budgeted_yuan) as budgeted, sum(final_yuan) as final
            from marts.fct_budget_execution
            where table_kind = 'expenditure_summary' and classification = 'function' and code is not null
              and not is_subtotal and measure = 'total'
            group by all
        )
        select count(*) from shown full join mart using (execution_source, department_id, fiscal_year)
        where shown.budgeted is distinct from mart.budgeted or shown.final is distinct from mart.final
    """).fetchone()[0]
    assert differing == 0
    labels = dict(
        con.execute("select distinct line_presence, line_presence_label from bi.bi_budget_execution").fetchall()
    )
    assert labels == {"both": "两边均有", "budget_only": "仅预算（未执行）", "final_only": "仅决算（新增）"}
    assert (
        con.execute(
            "select count(*) from bi.bi_budget_execution where class_name is null or department_name is null"
        ).fetchone()[0]
        == 0
    )


def test_departments_carry_their_region_and_unknown_stays_null(con):
    regions = con.execute("""
        select count(*) filter (where bi.province_name is not distinct from r.province_name
                                  and bi.city_name is not distinct from r.city_name
                                  and bi.county_name is not distinct from r.county_name
                                  and bi.region_level = r.region_level), count(*)
        from bi.bi_department_year as bi inner join marts.dim_region as r using (department_id)
    """).fetchone()
    assert regions[0] == regions[1] > 0
    assert con.execute("select count(*) from bi.bi_department_year where province_name is not null").fetchone()[0] > 0
    assert (
        con.execute(
            "select count(*) from bi.bi_department_year where region_level = 'unknown' and province_name is not null"
        ).fetchone()[0]
        == 0
    )
