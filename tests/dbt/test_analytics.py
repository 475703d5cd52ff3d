"""The analytics marts on the scenario warehouse (tests.dbt.scenario): the seed department's
2021 budget against its 2021 决算 (fct_budget_execution), its 2020 budget against 2021
(fct_year_over_year), the regions of the scenario's departments (dim_region), and the headline
columns they add to fct_department_year."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tests.dbt.scenario import SEED_DEPARTMENT

SIX = Decimal("0.000001")


def seed_department(query):
    return query("select department_id from marts.dim_department where department_name = ?", [SEED_DEPARTMENT])[0][0]


def rate(final: str, budgeted: str) -> Decimal:
    return (Decimal(final) / Decimal(budgeted)).quantize(SIX, ROUND_HALF_UP)


def test_budget_against_final_account_by_function_class(query):
    """The "what share of its budget did the department spend, by function 类" query."""
    rows = query(
        """select code, budgeted_yuan, final_yuan, difference_yuan, execution_rate
           from marts.fct_budget_execution
           where department_id = ? and fiscal_year = 2021 and execution_source = 'budget_vs_final_account'
             and table_kind = 'expenditure_summary' and classification = 'function' and length(code) = 3
             and measure = 'total'
           order by code""",
        [seed_department(query)],
    )
    assert rows == [
        ("201", Decimal("1574400.00"), Decimal("1574400.00"), Decimal("0.00"), Decimal("1.000000")),
        ("208", Decimal("176200.00"), Decimal("257200.00"), Decimal("81000.00"), rate("257200", "176200")),
        ("210", Decimal("268100.00"), Decimal("260400.00"), Decimal("-7700.00"), rate("260400", "268100")),
        ("215", Decimal("18885000.00"), Decimal("17600000.00"), Decimal("-1285000.00"), rate("17600000", "18885000")),
        ("221", Decimal("298300.00"), Decimal("298300.00"), Decimal("0.00"), Decimal("1.000000")),
    ]


def test_one_sided_lines_are_kept_with_the_other_side_null(query):
    rows = query(
        """select code, line_presence, budgeted_yuan, final_yuan, execution_rate
           from marts.fct_budget_execution
           where department_id = ? and execution_source = 'budget_vs_final_account' and measure = 'total'
             and line_presence <> 'both'
           order by code""",
        [seed_department(query)],
    )
    assert rows == [
        ("2080506", "final_only", None, Decimal("81000.00"), None),  # new during the year
        ("2101199", "budget_only", Decimal("7700.00"), None, None),  # dropped
    ]


def test_only_tables_and_columns_both_sides_print_are_compared(query):
    tables = query(
        """select distinct table_kind, measure from marts.fct_budget_execution
           where department_id = ? and execution_source = 'budget_vs_final_account' order by all""",
        [seed_department(query)],
    )
    # The budget prints eight tables, the 决算 two: 支出决算表 (合计, 基本, 项目) and 三公.
    assert tables == [
        ("expenditure_summary", "basic"),
        ("expenditure_summary", "project"),
        ("expenditure_summary", "total"),
        ("three_public_expenses", "total"),
    ]


def test_a_final_accounts_printed_budget_is_its_own_source_and_disagreement_is_flagged(query):
    rows = query(
        """select execution_source, line_key, budgeted_yuan, final_yuan, execution_rate, sources_disagree
           from marts.fct_budget_execution
           where department_id = ? and table_kind = 'three_public_expenses' order by all""",
        [seed_department(query)],
    )
    assert rows == [
        # The budget printed 0.60 and only the 合计 and 公务接待费; the 决算 prints an adjusted 0.80.
        (
            "budget_vs_final_account",
            "official_reception",
            Decimal("6000.00"),
            Decimal("4500.00"),
            Decimal("0.750000"),
            True,
        ),
        ("budget_vs_final_account", "total", Decimal("6000.00"), Decimal("4500.00"), Decimal("0.750000"), True),
        (
            "final_account_printed",
            "official_reception",
            Decimal("8000.00"),
            Decimal("4500.00"),
            Decimal("0.562500"),
            True,
        ),
        ("final_account_printed", "total", Decimal("8000.00"), Decimal("4500.00"), Decimal("0.562500"), True),
    ]


def test_amounts_and_rates_are_decimal(query):
    types = dict(
        query(
            """select column_name, data_type from information_schema.columns
           where table_schema = 'marts' and table_name in ('fct_budget_execution', 'fct_year_over_year')
             and (column_name like '%yuan' or column_name like '%rate' or column_name like '%ratio')"""
        )
    )
    assert types and all(t.startswith("DECIMAL") for t in types.values()), types


def test_year_over_year_by_function_class(query):
    """The "which 类 grew most" query: the seed department's 2020 budget printed 215 only."""
    rows = query(
        """select code, line_presence, previous_amount_yuan, amount_yuan, change_yuan, change_ratio
           from marts.fct_year_over_year
           where department_id = ? and fiscal_year = 2021 and document_kind = 'budget'
             and table_kind = 'expenditure_summary' and classification = 'function' and length(code) = 3
             and measure = 'total'
           order by change_yuan desc nulls last, code""",
        [seed_department(query)],
    )
    assert rows[0] == (
        "215",
        "both",
        Decimal("6044000.00"),
        Decimal("18885000.00"),
        Decimal("12841000.00"),
        rate("12841000", "6044000"),
    )
    assert [(code, presence) for code, presence, *_ in rows[1:]] == [
        ("201", "current_only"),
        ("208", "current_only"),
        ("210", "current_only"),
        ("221", "current_only"),
    ]


def test_year_over_year_matches_a_renamed_code_by_code(query):
    """215's 2020 name (资源勘探信息等支出) differs from 2021's (资源勘探工业信息等支出); 2150502 too."""
    rows = query(
        """select code, previous_label, line_label, match_method from marts.fct_year_over_year
           where department_id = ? and fiscal_year = 2021 and code = '215' and measure = 'total'""",
        [seed_department(query)],
    )
    assert rows == [("215", "资源勘探信息等支出", "资源勘探工业信息等支出", "code")]


def test_a_budget_is_never_compared_with_a_final_account_of_another_year(query):
    assert query(
        """select count(*) from marts.fct_year_over_year yoy
           join marts.fct_department_year cur on cur.disclosure_id = yoy.current_disclosure_id
           join marts.fct_department_year prev on prev.disclosure_id = yoy.previous_disclosure_id
           where cur.document_kind <> prev.document_kind or cur.fiscal_year <> prev.fiscal_year + 1"""
    ) == [(0,)]


def test_department_year_headline_execution_and_growth(query):
    rows = query(
        """select document_kind, total_expenditure_yuan, budgeted_total_expenditure_yuan,
                  final_total_expenditure_yuan, total_expenditure_execution_rate, three_public_budgeted_yuan,
                  top_growth_function_code, top_growth_function_change_yuan
           from marts.fct_department_year where department_id = ? and fiscal_year = 2021 order by document_kind""",
        [seed_department(query)],
    )
    execution = rate("19990300", "21201900")
    assert rows == [
        (
            "budget",
            Decimal("21201900.00"),
            Decimal("21201900.00"),
            Decimal("19990300.00"),
            execution,
            None,
            "215",
            Decimal("12841000.00"),
        ),
        (
            "final_account",
            Decimal("19990300.00"),
            Decimal("21201900.00"),
            Decimal("19990300.00"),
            execution,
            Decimal("8000.00"),
            None,
            None,
        ),
    ]


def test_regions_are_read_from_names_and_unknown_stays_unknown(query):
    rows = {
        name: (province, city, county, level)
        for name, province, city, county, level in query(
            "select department_name, province_name, city_name, county_name, region_level from marts.dim_region"
        )
    }
    assert rows[SEED_DEPARTMENT] == ("湖北省", "武汉市", "硚口区", "county")
    assert rows["江苏省委办公厅"] == ("江苏省", None, None, "province")
    assert rows["上海市测试财政局"] == ("上海市", None, None, "province")
    assert rows["南京市鼓楼区财政局"] == ("江苏省", "南京市", "鼓楼区", "county")
    # 鼓楼区 is in 南京 and in 福州; 测试县 is in no list: never guessed.
    assert rows["鼓楼区财政局"] == (None, None, None, "unknown")
    assert rows["测试县城乡服务中心"] == (None, None, None, "unknown")
