"""fct_narrative_check and the 绩效目标表 in the marts, on the scenario warehouse (tests.dbt.scenario)."""

from __future__ import annotations

from decimal import Decimal

from tests.dbt.test_marts import SEED_FILE, doc_id


def narrative_checks(query, source_file):
    rows = query(
        """select total_key, narrative_yuan, table_kind, table_yuan, diff_yuan, tolerance_yuan, passed
           from marts.fct_narrative_check where document_id = ? order by total_key""",
        [doc_id(query, source_file)],
    )
    return {r[0]: r[1:] for r in rows}


def test_the_seed_narrative_agrees_with_its_tables(query):
    checks = narrative_checks(query, SEED_FILE)
    assert checks["revenue_total"] == (
        Decimal("21201900.00"),
        "revenue_expenditure_summary",
        Decimal("21201900.00"),
        Decimal("0.00"),
        Decimal("100.000"),
        True,
    )
    # 支出总计 is printed in both expenditure groups of the 收支总表: one cell, not their sum.
    assert checks["expenditure_total"][2] == Decimal("21201900.00") and checks["expenditure_total"][-1]
    assert checks["basic_expenditure"][1:3] == ("expenditure_summary", Decimal("2316900.00"))
    assert checks["project_expenditure"][-1] and checks["three_public_total"][-1]
    # Blank 三公 items beside a printed 合计 are exact zeros.
    assert checks["outbound_travel"][1:4] == ("three_public_expenses", Decimal("0.00"), Decimal("0.00"))
    assert checks["vehicle_purchase"][-1] is True
    # Half a unit of the narrative's last digit (50 元) plus the 万元 cell's own rounding (50 元).
    assert checks["basic_expenditure"][4] == Decimal("100.000")
    assert checks["three_public_total"][4] == Decimal("550.000")  # "0.6万元": 500 元 + 50 元


def test_a_total_whose_table_is_not_printed_is_kept_unchecked(query):
    checks = narrative_checks(query, "party_office_2018_budget_text.pdf")  # its disclosure has no 表5
    assert checks["general_public_expenditure"][1:] == (None, None, None, Decimal("50.000"), None)


def test_office_operating_expenses_are_checked_against_a_printed_row_only(query):
    # The seed's 三公 table prints its 合计 and no 机关运行经费 row: not one of its items, not 0.
    assert narrative_checks(query, SEED_FILE)["office_operating_expenses"] == (
        Decimal("178800.00"),
        None,
        None,
        None,
        Decimal("50.000"),
        None,
    )
    checks = narrative_checks(query, "party_office_2018_budget_text.pdf")
    assert checks["office_operating_expenses"][1:3] == ("three_public_expenses", Decimal("20000.00"))
    assert checks["office_operating_expenses"][-1] is True
    # A Jiangsu budget prints it in a table of its own (priority 1 in ref_narrative_total).
    checks = narrative_checks(query, "npc_office_2018_budget.pdf")
    assert checks["office_operating_expenses"][1:] == (
        "office_operating_expenditure",
        Decimal("30000.00"),
        Decimal("0.00"),
        Decimal("100.000"),
        True,
    )


def test_a_narrative_pdf_is_checked_against_the_tables_pdf_of_its_disclosure(query):
    checks = narrative_checks(query, "party_office_2018_budget_text.pdf")
    assert checks["basic_expenditure"][1:3] == ("expenditure_summary", Decimal("800000.00"))
    assert checks["basic_expenditure"][-1] is True
    # Its own reprint of the 三公 table (1.00万元) is preferred, and contradicts the 1.20万元 stated.
    assert checks["three_public_total"][2:4] == (Decimal("10000.00"), Decimal("2000.00"))
    assert checks["three_public_total"][-1] is False


def test_project_budgets_are_budget_lines_and_indicators_a_mart(query):
    rows = query(
        """select line_label, line_key, amount_yuan, source_unit, is_subtotal from marts.fct_budget_line
           where document_id = ? and table_kind = 'performance_targets' order by line_label, line_key""",
        [doc_id(query, SEED_FILE)],
    )
    current = {r[0]: r[2] for r in rows if r[1] == "project_current_year_budget"}
    # domain.md §2.2 t10_vs_t3: Σ 项目当年预算 = 表3 项目支出 (1888.50万元) within 0.005万元.
    assert sum(current.values()) == Decimal("18884988.00")
    assert {r[3] for r in rows} == {"元"} and not any(r[4] for r in rows)
    indicators = query(
        """select project_name, indicator_level1, indicator_name, target_value, source_page
           from marts.fct_performance_indicator where document_id = ?""",
        [doc_id(query, SEED_FILE)],
    )
    assert len(indicators) == 8 and {r[0] for r in indicators} == set(current)
    assert ("办公家具购置", "满意度指标", "使用单位满意度", "≥95%") in {r[:4] for r in indicators}
