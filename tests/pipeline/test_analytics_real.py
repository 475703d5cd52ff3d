"""The analytics marts on the real Shanghai Putuo disclosures of ../shared/corpus/real: the two
2024 final accounts (财政局, 规划和自然资源局), the budgets beside them and 万里街道's three
years of budgets. Which pairs the corpus offers: no department has a budget and a final
account of the same year (财政局 has its 2025 budget, 规划和自然资源局 none), so execution
comes from the 决算's own printed 预算数 only; 万里街道 gives two year-over-year comparisons."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from budget_etl.load import run_load
from tests.paths import land, shared_path

FILES = (
    "shpt_finance_bureau_2024_final.pdf",
    "shpt_finance_bureau_2025_dept_budget.pdf",
    "shpt_planning_resources_bureau_2024_final.pdf",
    "shpt_wanli_subdistrict_2023_dept_budget.pdf",
    "shpt_wanli_subdistrict_2024_dept_budget.pdf",
    "shpt_wanli_subdistrict_2025_dept_budget.pdf",
)
PLANNING = "上海市普陀区规划和自然资源局"
FINANCE = "上海市普陀区财政局"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    real = shared_path("corpus", "real")
    landing = tmp_path_factory.mktemp("shanghai_landing")
    for name in FILES:
        land(real / name, landing)
    path = tmp_path_factory.mktemp("shanghai_warehouse") / "budget.duckdb"
    assert run_load(landing, path, workers=2).run_succeeded
    return path


def query(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_no_budget_and_final_account_of_the_same_year(warehouse):
    assert query(
        warehouse,
        """select count(*) from marts.fct_budget_execution
                               where execution_source = 'budget_vs_final_account'""",
    ) == [(0,)]


def test_a_final_accounts_printed_budget_against_its_spending(warehouse):
    rows = query(
        warehouse,
        """
        select e.line_key, e.budgeted_yuan, e.final_yuan, e.difference_yuan, e.execution_rate
        from marts.fct_budget_execution e join marts.dim_department d using (department_id)
        where d.department_name = ? and e.execution_source = 'final_account_printed'
          and e.line_key in ('total', 'official_reception') order by e.line_key""",
        [PLANNING],
    )
    # 三公: 2.85 万元 budgeted for 公务接待费, 0.39 spent.
    rate = Decimal("0.136842")
    assert rows == [
        ("official_reception", Decimal("28500.00"), Decimal("3900.00"), Decimal("-24600.00"), rate),
        ("total", Decimal("28500.00"), Decimal("3900.00"), Decimal("-24600.00"), rate),
    ]
    headline = query(
        warehouse,
        """select three_public_budgeted_yuan, three_public_total_yuan
                                   from marts.fct_department_year where department_name = ?""",
        [PLANNING],
    )
    assert headline == [(Decimal("28500.00"), Decimal("3900.00"))]


def test_a_blank_final_figure_stays_null(warehouse):
    """财政局's 三公 table prints 预算数 0.95 万元 and leaves its 决算数 blank: kept, budget only."""
    rows = query(
        warehouse,
        """
        select e.line_key, e.line_presence, e.budgeted_yuan, e.final_yuan
        from marts.fct_budget_execution e join marts.dim_department d using (department_id)
        where d.department_name = ? order by e.line_key""",
        [FINANCE],
    )
    assert rows == [
        ("official_reception", "budget_only", Decimal("9500.00"), None),
        ("total", "budget_only", Decimal("9500.00"), None),
    ]


def test_three_years_of_one_subdistrict_compare_year_over_year(warehouse):
    rows = query(
        warehouse,
        """
        select fiscal_year, count(*) filter (where line_presence = 'both')
        from marts.fct_year_over_year where measure = 'total' group by fiscal_year order by fiscal_year""",
    )
    assert [year for year, _ in rows] == [2024, 2025] and all(both > 0 for _, both in rows)
    # The 一般公共预算支出表 合计 of each year, against the lines as loaded.
    changes = query(
        warehouse,
        """
        select fiscal_year, amount_yuan, previous_amount_yuan, change_yuan from marts.fct_year_over_year
        where table_kind = 'general_public_expenditure' and line_key = 'total' and measure = 'total'
        order by fiscal_year""",
    )
    printed = dict(
        query(
            warehouse,
            """
        select l.fiscal_year, l.amount_yuan from marts.fct_budget_line l join marts.dim_department d using (department_id)
        where d.department_name like '%万里街道%' and l.table_kind = 'general_public_expenditure'
          and l.line_key = 'total' and l.measure = 'total'""",
        )
    )
    assert changes == [
        (year, printed[year], printed[year - 1], printed[year] - printed[year - 1]) for year in (2024, 2025)
    ]
    # The 2024 and 2025 支出总表 合计 rows, alone on the last page of their tables, are read.
    assert query(
        warehouse,
        """select fiscal_year, line_presence, change_yuan from marts.fct_year_over_year
                               where table_kind = 'expenditure_summary' and line_key = 'total' and measure = 'total'
                               order by fiscal_year""",
    ) == [(2024, "both", Decimal(156_211_123 - 164_978_640)), (2025, "both", Decimal(189_767_551 - 156_211_123))]


def test_shanghai_departments_are_county_level_in_putuo(warehouse):
    rows = query(warehouse, "select distinct province_name, city_name, county_name, region_level from marts.dim_region")
    assert rows == [("上海市", None, "普陀区", "county")]
