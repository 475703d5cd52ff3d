"""The marts built by `dbt build` on the scenario extractions (tests.dbt.scenario).

Known figures come from the seed disclosure (domain.md §1-2): 武汉市硚口区大数据中心, 2021.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.dbt.scenario import (
    BROKEN_DEPARTMENT,
    ODD_CODES_DEPARTMENT,
    REPUBLISHED_DEPARTMENT,
    SEED_DEPARTMENT,
)

SEED_FILE = "qiaokou_bigdata_center_2021_budget.pdf"


def doc_id(query, source_file):
    return query("select document_id from marts.dim_document where source_file = ?", [source_file])[0][0]


def checks(query, source_file, where="true"):
    return query(
        f"""select identity, table_kind, subject, measure, lhs_yuan, rhs_yuan, diff_yuan, tolerance_yuan,
                   passed, outcome
            from marts.fct_identity_check where document_id = ? and {where} order by all""",
        [doc_id(query, source_file)],
    )


# -- the seed's figures ------------------------------------------------------------------------


def test_basic_expenditure_lines_are_exact_yuan(query):
    rows = dict(
        query(
            """select code, amount_yuan from marts.fct_budget_line
               where document_id = ? and table_kind = 'general_public_basic_expenditure' and measure = 'total'""",
            [doc_id(query, SEED_FILE)],
        )
    )
    assert rows["301"] == Decimal("2138100.00")  # 213.81 万元
    assert rows["30101"] == Decimal("400800.00")  # 40.08 万元
    assert rows["302"] == Decimal("178800.00")  # 17.88 万元
    assert rows[None] == Decimal("2316900.00")  # 合计 231.69 万元


def test_expenditure_summary_totals(query):
    totals = dict(
        query(
            """select measure, amount_yuan from marts.fct_budget_line
               where document_id = ? and table_kind = 'expenditure_summary' and line_key = 'total'""",
            [doc_id(query, SEED_FILE)],
        )
    )
    assert totals == {
        "total": Decimal("21201900.00"),
        "basic": Decimal("2316900.00"),
        "project": Decimal("18885000.00"),
    }


def test_department_year_headline_figures(query):
    rows = query(
        """select fiscal_year, total_expenditure_yuan, basic_expenditure_yuan, project_expenditure_yuan,
                  personnel_yuan, public_operating_yuan, three_public_total_yuan, fiscal_grant_share,
                  previous_total_expenditure_yuan, total_expenditure_change_yuan, total_expenditure_change_ratio,
                  n_identity_failures
           from marts.fct_department_year where department_name = ? and document_kind = 'budget'
           order by fiscal_year""",
        [SEED_DEPARTMENT],
    )
    assert [r[0] for r in rows] == [2020, 2021]
    assert rows[1][1:] == (
        Decimal("21201900.00"),  # 2,120.19 万元
        Decimal("2316900.00"),  # basic 231.69
        Decimal("18885000.00"),  # project 1,888.50
        Decimal("2138100.00"),  # 人员经费 213.81
        Decimal("178800.00"),  # 日常公用经费 17.88
        Decimal("6000.00"),  # 三公 0.60
        Decimal("1.000000"),  # 财政拨款 100%
        Decimal("6044000.00"),  # 2020: 604.40 万元
        Decimal("15157900.00"),  # the narrative's 比2020年增加1515.79万元
        Decimal("2.507925"),  # 增长250.79%
        0,
    )


# -- identities --------------------------------------------------------------------------------

SEED_IDENTITIES = {
    "revenue_expenditure_balance",
    "summary_income_grand_total",
    "summary_income_items_sum",
    "summary_function_items_sum",
    "summary_economic_items_sum",
    "summary_expenditure_grand_total",
    "expenditure_summary_row_sum",
    "general_public_expenditure_row_sum",
    "general_public_basic_expenditure_row_sum",
    "total_row_sum",
    "function_class_sum",
    "function_section_sum",
    "economic_class_sum",
    "three_public_total_sum",
    "summary_function_vs_expenditure_summary",
    "expenditure_summary_total_vs_summary",
    "basic_expenditure_total_vs_general_public",
    "fiscal_grant_function_vs_fund_tables",
    "revenue_summary_vs_summary",
    "basic_expenditure_economic_split",
}


def test_the_seed_passes_every_identity_its_tables_make_computable(query):
    rows = checks(query, SEED_FILE)
    assert {r[0] for r in rows} == SEED_IDENTITIES
    assert [r for r in rows if not r[8]] == []
    # No input, no row: 表7 is stated empty, the 三公 table prints no vehicle subtotal.
    evaluated = {r[0] for r in rows}
    assert "government_fund_expenditure_row_sum" not in evaluated
    assert "three_public_vehicle_sum" not in evaluated


def test_the_office_operating_table_is_checked_by_the_hierarchy_identities(query):
    """Jiangsu's 机关运行经费支出预算表: 合计 = Σ 类 and 302 = Σ 302xx, in its one column."""
    rows = checks(query, "npc_office_2018_budget.pdf", "table_kind = 'office_operating_expenditure'")
    assert [(r[0], r[3], r[4], r[5], r[8]) for r in rows] == [
        ("economic_class_sum", "total", Decimal("30000.00"), Decimal("30000.00"), True),
        ("total_row_sum", "total", Decimal("30000.00"), Decimal("30000.00"), True),
    ]


@pytest.mark.parametrize(
    ("identity", "table_kind", "subject_start", "measure", "diff", "tolerance"),
    [
        # domain.md §2.2/2.3: 157.44 + 17.62 + 26.81 + 1,888.50 + 29.83 = 2,120.20 vs 2,120.19 (n = 5)
        ("summary_function_items_sum", "revenue_expenditure_summary", "本年支出合计", "total", "-100.00", "300.000"),
        ("summary_function_items_sum", "fiscal_grant_summary", "本年支出合计", "total", "-100.00", "300.000"),
        # 支出预算总表 合计 vs Σ类: total 2,120.20 (n = 5), basic 231.70 (n = 4), project exact (n = 1)
        ("total_row_sum", "expenditure_summary", "合计", "total", "-100.00", "300.000"),
        ("total_row_sum", "expenditure_summary", "合计", "basic", "-100.00", "250.000"),
        ("total_row_sum", "expenditure_summary", "合计", "project", "0.00", "100.000"),
        ("total_row_sum", "general_public_expenditure", "合计", "total", "-100.00", "300.000"),
        # Σ301xx = 213.83 vs 213.81 (n = 9); Σ302xx = 17.89 vs 17.88 (n = 15)
        ("economic_class_sum", "general_public_basic_expenditure", "301 ", "total", "-200.00", "500.000"),
        ("economic_class_sum", "general_public_basic_expenditure", "301 ", "personnel", "-200.00", "500.000"),
        ("economic_class_sum", "general_public_basic_expenditure", "302 ", "total", "-100.00", "800.000"),
        ("economic_class_sum", "general_public_basic_expenditure", "302 ", "public_operating", "-100.00", "800.000"),
        # exact ones, for contrast
        ("three_public_total_sum", "three_public_expenses", "合计", "total", "0.00", "100.000"),
        (
            "basic_expenditure_total_vs_general_public",
            "general_public_basic_expenditure",
            "基本支出表",
            "total",
            "0.00",
            "100.000",
        ),
    ],
)
def test_rounding_differences_pass_within_their_tolerance(
    query, identity, table_kind, subject_start, measure, diff, tolerance
):
    rows = [
        r
        for r in checks(query, SEED_FILE, f"identity = '{identity}' and table_kind = '{table_kind}'")
        if r[2].startswith(subject_start) and r[3] == measure
    ]
    assert len(rows) == 1, rows
    _, _, _, _, lhs, rhs, got_diff, got_tolerance, passed, outcome = rows[0]
    assert (got_diff, got_tolerance) == (Decimal(diff), Decimal(tolerance))
    assert lhs - rhs == got_diff
    assert passed
    assert outcome == ("exact" if got_diff == 0 else "rounding")


def test_a_broken_line_fails_exactly_its_identities_with_the_exact_diff(query):
    # 2010250 prints 基本支出 14.52 against a 合计 of 14.42 (and its 款 20102 still says 14.42).
    failed = [
        (identity, table_kind, subject, diff, tolerance)
        for identity, table_kind, subject, _, _, _, diff, tolerance, passed, _ in checks(
            query, "test_bureau_2021_budget.pdf"
        )
        if not passed
    ]
    assert failed == [
        (
            "expenditure_summary_row_sum",
            "expenditure_summary",
            "2010250 事业运行",
            Decimal("-1000.00"),
            Decimal("100.000"),
        ),
        (
            "function_section_sum",
            "expenditure_summary",
            "20102 政协事务 [basic]",
            Decimal("-1000.00"),
            Decimal("100.000"),
        ),
    ]
    status = query("select status from marts.dim_document where department_name = ?", [BROKEN_DEPARTMENT])
    assert status == [("loaded",)]
    identity = query("select n_failed from marts.dim_identity where identity = 'expenditure_summary_row_sum'")
    assert identity == [(1,)]


def test_every_identity_is_in_the_catalog_with_its_model(query):
    catalog = query("select identity, model, description_zh, description_en, tolerance_rule from marts.dim_identity")
    assert len(catalog) >= 20
    assert all(zh and en and rule for _, _, zh, en, rule in catalog)
    views = {
        r[0] for r in query("select table_name from information_schema.tables where table_schema = 'intermediate'")
    }
    assert {model for _, model, *_ in catalog} <= views
    evaluated = {r[0] for r in query("select distinct identity from marts.fct_identity_check")}
    assert evaluated <= {identity for identity, *_ in catalog}


# -- supersession ------------------------------------------------------------------------------


def test_a_republished_file_supersedes_the_old_one_of_the_same_role(query):
    rows = {
        name: (status, by)
        for name, status, by in query(
            """select d.source_file, d.status, newer.source_file
               from marts.dim_document d left join marts.dim_document newer
                 on newer.document_id = d.superseded_by_document_id
               where d.department_name = ?""",
            [REPUBLISHED_DEPARTMENT],
        )
    }
    assert rows == {
        "archives_2022_budget_tables.pdf": ("superseded", "archives_2022_budget_tables（更正）.pdf"),
        "archives_2022_budget_tables（更正）.pdf": ("loaded", None),
        # The narrative-only file of the same disclosure plays another role: it stays loaded.
        "archives_2022_budget_text.pdf": ("loaded", None),
        # A later file that could not be read replaces nothing.
        "archives_2022_budget_v3.pdf": ("rejected", None),
    }
    reason = query(
        "select status_reason from marts.dim_document where source_file = 'archives_2022_budget_tables.pdf'"
    )[0][0]
    assert "archives_2022_budget_tables（更正）.pdf" in reason


def test_the_marts_show_only_the_republished_figures(query):
    old = doc_id(query, "archives_2022_budget_tables.pdf")
    assert query("select count(*) from marts.fct_budget_line where document_id = ?", [old]) == [(0,)]
    assert query("select count(*) from marts.fct_identity_check where document_id = ?", [old]) == [(0,)]
    year = query(
        "select total_expenditure_yuan, n_documents from marts.fct_department_year where department_name = ?",
        [REPUBLISHED_DEPARTMENT],
    )
    assert year == [(Decimal("1100000.00"), 2)]  # 110.00 万元, from the tables and the narrative file


# -- classification ----------------------------------------------------------------------------


def test_every_function_class_is_curated_and_every_printed_code_has_its_ancestors(query):
    curated = query("select count(*) from marts.dim_function_class where is_reference and level = 1")[0][0]
    assert curated >= 29
    rows = {
        code: rest
        for code, *rest in query(
            """select function_code, function_name, level, parent_code, is_printed, is_parent_printed, name_source
               from marts.dim_function_class where function_code like '212%' or function_code like '2010%'"""
        )
    }
    # 2129999 is printed under 212 without its 款: 21299 is implied, nameless, and the 项 is flagged.
    assert rows["2129999"] == ["其他城乡社区支出", 3, "21299", True, False, "printed"]
    assert rows["21299"] == [None, 2, "212", False, True, None]
    assert rows["212"] == ["城乡社区支出", 1, None, True, None, "reference"]
    assert rows["2010250"] == ["事业运行", 3, "20102", True, True, "printed"]


def test_name_variants_map_to_one_code(query):
    aliases = query(
        """select alias, alias_kind, is_reference from marts.dim_class_alias
           where classification = 'function' and code = '215' order by alias"""
    )
    names = {alias for alias, _, _ in aliases}
    assert {
        "资源勘探工业信息等支出",
        "资源勘探电力信息等事务",
        "十三.资源勘探电力信息等事务",
        "资源勘探信息等支出",
    } <= names
    # Every variant folds onto a key that names 215 alone.
    keys = query(
        """select alias_key, list(distinct code) from marts.dim_class_alias
           where classification = 'function' and alias in ('资源勘探工业信息等支出', '资源勘探电力信息等事务',
                 '十三.资源勘探电力信息等事务', '资源勘探电力信息等支出')
           group by alias_key"""
    )
    assert all(codes == ["215"] for _, codes in keys)
    resolved = query(
        """select code from marts.dim_class_alias
           where classification = 'function' and alias_key = (
               select alias_key from marts.dim_class_alias where alias = '十四.商品服务业等事务')
             and not is_ambiguous_key"""
    )
    assert {code for (code,) in resolved} == {"216"}
    assert query("select function_name from marts.dim_function_class where function_code = '215'") == [
        ("资源勘探工业信息等支出",)
    ]


def test_an_uncoded_summary_label_is_resolved_through_the_alias_table(query):
    rows = query(
        """select l.code, l.code_source, l.line_label from marts.fct_budget_line l
           join marts.dim_document d using (document_id)
           where d.department_name = ? and l.table_kind = 'revenue_expenditure_summary'
             and l.classification = 'function' and l.line_key is distinct from 'expenditure_total'
           order by l.code""",
        [ODD_CODES_DEPARTMENT],
    )
    assert rows == [("212", "printed", "城乡社区支出"), ("215", "alias", "十三.资源勘探电力信息等事务")]
    # ... so that the summary's function sum is complete.
    sums = query(
        """select passed, diff_yuan from marts.fct_identity_check c join marts.dim_document d using (document_id)
           where d.department_name = ? and identity = 'summary_function_items_sum'""",
        [ODD_CODES_DEPARTMENT],
    )
    assert sums == [(True, Decimal("0.00"))]


def test_the_most_frequent_printed_name_wins_and_the_others_are_aliases(query):
    assert query(
        "select function_name, n_printed_names from marts.dim_function_class where function_code = '2150502'"
    ) == [("一般行政管理事务", 2)]
    aliases = query(
        """select alias, is_reference, n_documents from marts.dim_class_alias
           where code = '2150502' order by alias"""
    )
    # 一般行政管理事务: the seed's 2020 and 2021 budgets, its 2021 决算, the broken copy.
    assert aliases == [("一般行政管理", False, 1), ("一般行政管理事务", False, 4)]


def test_economic_classes_of_both_families(query):
    rows = {
        code: rest
        for code, *rest in query(
            """select economic_code, economic_name, family, is_reference, is_printed from marts.dim_economic_class
               where economic_code in ('301', '30101', '505', '50501', '304', '599')"""
        )
    }
    assert rows["30101"] == ["基本工资", "department", True, True]
    assert rows["505"] == ["对事业单位经常性补助", "government", True, True]
    assert rows["50501"] == ["工资福利支出", "government", True, True]
    assert rows["304"] == ["对企事业单位的补贴", "department", True, False]
    assert rows["599"] == ["其他支出", "government", True, False]


# -- contract ----------------------------------------------------------------------------------


def test_amounts_are_exact_decimals_in_yuan(query):
    columns = query(
        """select table_name, column_name, data_type from information_schema.columns
           where table_schema = 'marts' and column_name like '%\\_yuan' escape '\\'"""
    )
    assert len(columns) > 10
    wrong = [c for c in columns if c[2] != ("DECIMAL(20,3)" if c[1] == "tolerance_yuan" else "DECIMAL(20,2)")]
    assert wrong == []


def test_the_contract_columns_are_there(query):
    def columns(table):
        return {
            r[0]
            for r in query(
                "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
                [table],
            )
        }

    assert {
        "document_id",
        "source_file",
        "sha256",
        "department_id",
        "department_name",
        "fiscal_year",
        "document_kind",
        "document_scope",
        "disclosure_id",
        "page_count",
        "status",
        "status_reason",
        "extracted_at",
    } <= columns("dim_document")
    assert {
        "budget_line_id",
        "document_id",
        "department_id",
        "fiscal_year",
        "table_kind",
        "classification",
        "code",
        "line_key",
        "line_label",
        "measure",
        "amount_yuan",
        "is_subtotal",
        "source_page",
    } <= columns("fct_budget_line")
    assert {
        "identity_check_id",
        "document_id",
        "identity",
        "table_kind",
        "subject",
        "lhs_yuan",
        "rhs_yuan",
        "diff_yuan",
        "tolerance_yuan",
        "passed",
        "source_page",
    } <= columns("fct_identity_check")
    assert {"function_code", "function_name", "level", "parent_code"} <= columns("dim_function_class")
    assert {"economic_code", "economic_name", "level", "parent_code"} <= columns("dim_economic_class")
    for table in ("dim_department", "dim_fiscal_year", "dim_budget_table", "fct_department_year"):
        assert columns(table)


def test_label_folding_matches_the_extractor(query):
    from extract.codes import label_key

    rows = query("select alias, alias_key from intermediate.int_class_alias__reference")
    rows += query("select printed_name, name_key from intermediate.int_class_names__printed")
    assert [(name, key, label_key(name)) for name, key in rows if key != label_key(name)] == []


def test_the_narrative_companion_keeps_its_role_and_its_reprinted_table(query):
    kinds = dict(
        query(
            "select source_file, table_kinds from marts.dim_document where department_name = ? and status = 'loaded'",
            [REPUBLISHED_DEPARTMENT],
        )
    )
    assert kinds == {
        "archives_2022_budget_tables（更正）.pdf": "expenditure_summary,general_public_basic_expenditure,three_public_expenses",
        "archives_2022_budget_text.pdf": "three_public_expenses",  # 1 table of 3 shared: another role
    }


COUNTY = "county_service_center_2021_budget.pdf"


@pytest.mark.parametrize(
    ("source_file", "identity", "table_kind", "subject_start", "diff", "tolerance"),
    [
        # Within a 元 table printed to the fen: 0.005 元 per printed cell, 合计 + 1 part.
        (COUNTY, "expenditure_summary_row_sum", "expenditure_summary", "212 ", "0.00", "0.010"),
        # 合计 = 212 + 215, all in 元: 0.005 × (2 + 1).
        (COUNTY, "total_row_sum", "expenditure_summary", "合计", "0.00", "0.015"),
        # A 万元 figure against a 元 figure: 50 元 + 0.005 元 (domain.md §2.1, cross-unit):
        # 20.00 万元 vs 200,000.20 元, 30.00 万元 vs 300,000.30 元.
        (COUNTY, "summary_function_vs_expenditure_summary", "revenue_expenditure_summary", "215 ", "-0.20", "50.005"),
        (COUNTY, "expenditure_summary_total_vs_summary", "expenditure_summary", "支出预算总表", "0.30", "50.005"),
        # Whole-元 printing: 0.5 元 per cell, so 24,840,779 vs 24,840,000 + 778 is rounding (n = 2).
        (
            "finance_bureau_2025_unit_budget.pdf",
            "economic_class_sum",
            "general_public_basic_expenditure",
            "302 ",
            "1.00",
            "1.500",
        ),
    ],
)
def test_tolerance_follows_the_unit_and_precision_each_side_was_printed_in(
    query, source_file, identity, table_kind, subject_start, diff, tolerance
):
    rows = [
        (subject, got_diff, tol, passed)
        for _, _, subject, measure, _, _, got_diff, tol, passed, _ in checks(
            query, source_file, f"identity = '{identity}' and table_kind = '{table_kind}'"
        )
        if subject.startswith(subject_start) and measure == "total"
    ]
    assert [(d, tol, passed) for _, d, tol, passed in rows] == [(Decimal(diff), Decimal(tolerance), True)], rows
