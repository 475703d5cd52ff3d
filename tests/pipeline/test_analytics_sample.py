"""The "done when" questions of the analytics marts, each answered with one query on the marts of
the sample warehouse with its series (tests/conftest.py sample_series_warehouse), against the
exact truth of the generated documents."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import duckdb

DEPARTMENT = "十堰市张湾区文化和旅游局"


def query(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def function_classes(document) -> dict[str, Decimal]:
    """The 支出总表 合计 of each function 类 the document prints."""
    return {
        ln.code: ln.amount_yuan
        for ln in document.lines
        if ln.table_kind == "expenditure_summary" and ln.measure == "total" and ln.code and len(ln.code) == 3
    }


def test_the_series_loads_without_failures(sample_series_warehouse):
    warehouse, summary = sample_series_warehouse
    assert summary.run_succeeded
    assert query(
        warehouse,
        """select count(*) from marts.fct_identity_check c join marts.dim_document d
                               using (document_id) where not c.passed and d.source_file like '%final.pdf'""",
    ) == [(0,)]


def test_share_of_the_2023_budget_spent_by_function_class(sample_series_warehouse, sample_series_corpus):
    """What share of the 2023 budget did 张湾区文化和旅游局 spend, by function 类?"""
    warehouse, _ = sample_series_warehouse
    documents = {d.file_name: d for d in sample_series_corpus[1]}
    rows = query(
        warehouse,
        """
        select e.code, c.function_name, e.budgeted_yuan, e.final_yuan, e.execution_rate
        from marts.fct_budget_execution as e
        join marts.dim_department as d using (department_id)
        left join marts.dim_function_class as c on c.function_code = e.code
        where d.department_name = ? and e.fiscal_year = 2023
          and e.execution_source = 'budget_vs_final_account' and e.table_kind = 'expenditure_summary'
          and e.classification = 'function' and length(e.code) = 3 and e.measure = 'total'
        order by e.code""",
        [DEPARTMENT],
    )
    budgeted = function_classes(documents["zhangwan_culture_tourism_2023_budget.pdf"])
    spent = function_classes(documents["zhangwan_culture_tourism_2023_final.pdf"])
    assert [r[0] for r in rows] == sorted(budgeted.keys() | spent.keys())
    for code, name, budget_yuan, final_yuan, rate in rows:
        assert (budget_yuan, final_yuan) == (budgeted.get(code), spent.get(code)), code
        assert rate == (final_yuan / budget_yuan).quantize(Decimal("0.000001"), ROUND_HALF_UP), code
        assert name, code
    # 207 文化旅游体育与传媒 carries the under-spent projects.
    assert {r[0]: r[4] for r in rows}["207"] < 1


def test_which_class_grew_most_from_2022_to_2023(sample_series_warehouse, sample_series_corpus):
    warehouse, _ = sample_series_warehouse
    documents = {d.file_name: d for d in sample_series_corpus[1]}
    rows = query(
        warehouse,
        """
        select code, any_value(line_label), sum(coalesce(amount_yuan, 0) - coalesce(previous_amount_yuan, 0)) as growth
        from marts.fct_year_over_year
        where fiscal_year = 2023 and previous_fiscal_year = 2022 and document_kind = 'budget'
          and table_kind = 'expenditure_summary' and classification = 'function' and length(code) = 3
          and measure = 'total'
        group by code order by growth desc limit 1""",
    )
    growth: dict[str, Decimal] = defaultdict(Decimal)
    before = function_classes(documents["zhangwan_culture_tourism_2022_budget.pdf"])
    after = function_classes(documents["zhangwan_culture_tourism_2023_budget.pdf"])
    for code in before.keys() | after.keys():
        growth[code] = after.get(code, Decimal(0)) - before.get(code, Decimal(0))
    best = max(growth, key=lambda c: (growth[c], c))
    assert [(rows[0][0], rows[0][2])] == [(best, growth[best])]


def test_department_year_carries_execution_and_growth(sample_series_warehouse, sample_series_corpus):
    warehouse, _ = sample_series_warehouse
    documents = {d.file_name: d for d in sample_series_corpus[1]}
    budget = function_classes(documents["zhangwan_culture_tourism_2023_budget.pdf"])
    rows = query(
        warehouse,
        """
        select document_kind, budgeted_total_expenditure_yuan, final_total_expenditure_yuan,
               total_expenditure_execution_rate, previous_total_expenditure_yuan is not null
        from marts.fct_department_year where department_name = ? and fiscal_year = 2023
        order by document_kind""",
        [DEPARTMENT],
    )
    assert [r[0] for r in rows] == ["budget", "final_account"]
    assert rows[0][1:4] == rows[1][1:4]
    assert rows[0][1] == sum(budget.values())
    assert rows[0][4] is True  # the 2022 budget


def test_regions_of_the_sample_departments(sample_series_warehouse):
    warehouse, _ = sample_series_warehouse
    rows = dict(
        query(
            warehouse,
            """select department_name, concat_ws('/', province_name, city_name, county_name)
                                    from marts.dim_region""",
        )
    )
    assert rows[DEPARTMENT] == "湖北省/十堰市/张湾区"
    assert rows["韶关市浈江区市场监督管理局"] == "广东省/韶关市/浈江区"
    assert rows["武汉市硚口区大数据中心"] == "湖北省/武汉市/硚口区"
    assert query(warehouse, "select count(*) from marts.dim_region where region_level <> 'county'") == [(0,)]


def test_the_series_final_accounts_state_their_execution_as_their_figures_are(sample_series_warehouse):
    """Each 决算's 三公 statement (年初预算, 决算, 完成预算的Y%, its word) is read, and none is found at fault."""
    warehouse, _ = sample_series_warehouse
    statements = query(
        warehouse,
        """select d.source_file, e.subject, e.word from raw.narrative_executions e
           join marts.dim_document d using (document_id)
           where d.source_file like '%final.pdf' and e.budgeted_yuan is not null and e.percent is not null""",
    )
    finals = query(warehouse, "select count(*) from marts.dim_document where source_file like '%final.pdf'")
    assert len(statements) == finals[0][0] > 0
    assert {(subject, word is not None) for _, subject, word in statements} == {("三公经费", True)}
    assert query(
        warehouse, "select count(*) from marts.fct_review_finding where rule = 'narrative_execution_mismatch'"
    ) == [(0,)]
