"""Questions a budget analyst asks, each a SQL query on the public marts, answered over loaded
corpora and checked against answers computed independently from the truth files: the office
corpus's truth.json (its lines and table_totals) and the sample corpus's truth
(budget_etl.sample), never from the warehouse itself.

Each corpus is loaded once per session (tests/conftest.py sample_warehouse and
sample_series_warehouse, tests/pipeline/conftest.py shared_warehouse)."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

import duckdb
import pytest

from tests.paths import shared_path

TOTAL = "total"


class Truth:
    """The printed amounts of one document as its truth file lists them, by
    (table_kind, classification, code, line_key, measure)."""

    def __init__(self, lines):
        self.lines = {}
        for kind, classification, code, key, measure, amount in lines:
            self.lines[(kind, classification, code, key, measure)] = Decimal(amount)

    def total(self, kind: str, measure: str = TOTAL, key: str = TOTAL) -> Decimal | None:
        found = [
            v
            for (k, _, code, lk, m), v in self.lines.items()
            if k == kind and code is None and lk == key and m == measure
        ]
        return found[0] if found else None

    def where(self, kind: str, classification: str | None = None):
        return {
            (code, key, measure): v
            for (k, c, code, key, measure), v in self.lines.items()
            if k == kind and (classification is None or c == classification)
        }


def sample_truths(documents) -> dict[str, Truth]:
    return {
        d.file_name: Truth(
            (ln.table_kind, ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan) for ln in d.lines
        )
        for d in documents
        # The scan's misreads are its own test's (tests/extract/test_extract_ocr.py), flagged by identities.
        if d.expect == "loaded" and d.text_source == "text_layer"
    }


def office_truths() -> dict[str, Truth]:
    entries = json.loads(shared_path("corpus", "office", "truth.json").read_text(encoding="utf-8"))
    out = {}
    for e in entries:
        if e["expect"] != "loaded":
            continue
        lines = [
            (ln["table_kind"], ln["classification"], ln["code"], ln["line_key"], ln["measure"], ln["amount_yuan"])
            for ln in e["lines"]
        ]
        lines += [
            (kind, None, None, TOTAL, measure, amount)
            for kind, measures in (e.get("table_totals") or {}).items()
            for measure, amount in measures.items()
        ]
        out[e["file"]] = Truth(lines)
    return out


def ask(warehouse, sql: str, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# --- The questions: SQL on the public marts, one row per answer, keyed by source file -------

HEADLINE = """
    select d.source_file, y.{column}
    from marts.fct_department_year y join marts.dim_document d using (disclosure_id)
    where d.status = 'loaded'
"""
LINES = """
    select d.source_file, l.code, l.line_key, l.measure, l.amount_yuan
    from marts.fct_budget_line l join marts.dim_document d using (document_id)
    where d.status = 'loaded' and l.table_kind = ? {extra}
"""


def headline(warehouse, column: str) -> dict[str, Decimal | None]:
    return dict(ask(warehouse, HEADLINE.format(column=column)))


def lines(warehouse, kind: str, extra: str = "") -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(dict)
    for source_file, code, key, measure, amount in ask(warehouse, LINES.format(extra=extra), [kind]):
        out[source_file][(code, key, measure)] = amount
    return out


def question_total_planned_expenditure(warehouse, truths):
    """Q1. How much does each disclosure plan to spend (支出总表 合计)?"""
    got = headline(warehouse, "total_expenditure_yuan")
    return {f: got.get(f) for f in truths}, {f: t.total("expenditure_summary") for f, t in truths.items()}


def question_basic_vs_project(warehouse, truths):
    """Q2. How is it split between 基本支出 and 项目支出?"""
    basic, project = headline(warehouse, "basic_expenditure_yuan"), headline(warehouse, "project_expenditure_yuan")
    got = {f: (basic.get(f), project.get(f)) for f in truths}
    want = {
        f: (
            t.total("expenditure_summary", "basic") or Decimal(0),
            t.total("expenditure_summary", "project") or Decimal(0),
        )
        for f, t in truths.items()
    }
    return got, want


def question_personnel_vs_public_operating(warehouse, truths):
    """Q3. Of 基本支出 (一般公共预算), how much is 人员经费 and how much 公用经费?"""
    a, b = headline(warehouse, "personnel_yuan"), headline(warehouse, "public_operating_yuan")
    got = {f: (a.get(f), b.get(f)) for f in truths}
    want = {
        f: (
            t.total("general_public_basic_expenditure", "personnel") or Decimal(0),
            t.total("general_public_basic_expenditure", "public_operating") or Decimal(0),
        )
        for f, t in truths.items()
    }
    return got, want


def question_three_public_total(warehouse, truths):
    """Q4. How much 三公 expense does each disclosure plan?"""
    got = headline(warehouse, "three_public_total_yuan")
    want = {f: t.total("three_public_expenses") for f, t in truths.items() if t.where("three_public_expenses")}
    return {f: got.get(f) for f in want}, want


def question_three_public_items(warehouse, truths):
    """Q5. And item by item (因公出国, 公务用车购置 / 运行, 公务接待)?"""
    got = lines(warehouse, "three_public_expenses")
    want = {f: t.where("three_public_expenses") for f, t in truths.items() if t.where("three_public_expenses")}
    return {f: got.get(f, {}) for f in want}, want


def question_spending_per_function_class(warehouse, truths):
    """Q6. How much goes to each function 类 (支出总表, 合计 column)?"""
    got = lines(warehouse, "expenditure_summary", "and length(l.code) = 3 and l.measure = 'total'")
    want = {
        f: {k: v for k, v in t.where("expenditure_summary").items() if k[0] and len(k[0]) == 3 and k[2] == TOTAL}
        for f, t in truths.items()
    }
    return {f: got.get(f, {}) for f in want}, want


def question_largest_function_class(warehouse, truths):
    """Q7. Which function 类 takes the most?"""
    got = dict(
        ask(
            warehouse,
            """
        select d.source_file, arg_max(l.code, l.amount_yuan)
        from marts.fct_budget_line l join marts.dim_document d using (document_id)
        where d.status = 'loaded' and l.table_kind = 'expenditure_summary' and length(l.code) = 3
            and l.measure = 'total'
        group by d.source_file
    """,
        )
    )
    want = {}
    for f, t in truths.items():
        classes = {
            k[0]: v for k, v in t.where("expenditure_summary").items() if k[0] and len(k[0]) == 3 and k[2] == TOTAL
        }
        want[f] = max(classes, key=classes.get)
    return {f: got.get(f) for f in want}, want


def question_general_public_budget(warehouse, truths):
    """Q8. How much of it is 一般公共预算 money (一般公共预算支出表 合计)?"""
    got = lines(warehouse, "general_public_expenditure", "and l.code is null and l.line_key = 'total'")
    want = {
        f: {
            (None, TOTAL, m): v
            for (c, k, m), v in t.where("general_public_expenditure").items()
            if c is None and k == TOTAL
        }
        for f, t in truths.items()
    }
    return {f: got.get(f, {}) for f in want}, want


def question_corpus_total_counted_once(warehouse, truths):
    """Q9. What do these departments plan to spend altogether, each department-year once?"""
    files = sorted(truths)
    ((got,),) = ask(
        warehouse,
        f"""
        select sum(total_expenditure_yuan) from marts.fct_department_year
        where counts_once and disclosure_id in (
            select disclosure_id from marts.dim_document where source_file in ({", ".join("?" * len(files))}))
    """,
        files,
    )
    return got, sum(t.total("expenditure_summary") for t in truths.values())


def question_income_by_source(warehouse, truths):
    """Q10. Where does the money come from (收支总表, income side, item by item)?"""
    got = lines(warehouse, "revenue_expenditure_summary", "and l.classification = 'revenue' and l.code is null")
    want = {
        f: t.where("revenue_expenditure_summary", "revenue")
        for f, t in truths.items()
        if t.where("revenue_expenditure_summary", "revenue")
    }
    return {f: got.get(f, {}) for f in want}, want


def question_total_income(warehouse, truths):
    """Q11. How much income does each disclosure plan (本年收入合计)?"""
    got = headline(warehouse, "total_income_yuan")
    want = {
        f: t.total("revenue_expenditure_summary", key="income_total")
        for f, t in truths.items()
        if t.total("revenue_expenditure_summary", key="income_total") is not None
    }
    return {f: got.get(f) for f in want}, want


def question_fiscal_grant(warehouse, truths):
    """Q12. How much of the income is 财政拨款 (财政拨款收支总表 本年收入合计)?"""
    got = headline(warehouse, "fiscal_grant_yuan")
    want = {
        f: t.total("fiscal_grant_summary", key="income_total")
        for f, t in truths.items()
        if t.total("fiscal_grant_summary", key="income_total") is not None
    }
    return {f: got.get(f) for f in want}, want


SAMPLE_QUESTIONS = [
    question_total_planned_expenditure,
    question_basic_vs_project,
    question_personnel_vs_public_operating,
    question_three_public_total,
    question_three_public_items,
    question_spending_per_function_class,
    question_largest_function_class,
    question_general_public_budget,
    question_corpus_total_counted_once,
    question_income_by_source,
    question_total_income,
    question_fiscal_grant,
]
# The office truth lists the coded tables, their totals and the 三公 lines, not the income side.
OFFICE_QUESTIONS = SAMPLE_QUESTIONS[:9]


@pytest.mark.parametrize("question", SAMPLE_QUESTIONS, ids=lambda q: q.__name__.removeprefix("question_"))
def test_the_sample_corpus_answers(question, sample_warehouse, sample_corpus):
    got, want = question(sample_warehouse[0], sample_truths(sample_corpus[1]))
    assert want, "the truth answers nothing: the question tests nothing"
    assert got == want


@pytest.mark.parametrize("question", OFFICE_QUESTIONS, ids=lambda q: q.__name__.removeprefix("question_"))
def test_the_office_corpus_answers(question, shared_warehouse):
    got, want = question(shared_warehouse[0], office_truths())
    assert want
    assert got == want


def test_the_year_over_year_change_of_a_department(sample_series_warehouse, sample_series_corpus):
    """Q13. How did each department's planned spending change from the year before?"""
    got = {
        (name, year): change
        for name, year, change in ask(
            sample_series_warehouse[0],
            """
        select department_name, fiscal_year, total_expenditure_change_yuan from marts.fct_department_year
        where document_kind = 'budget' and total_expenditure_change_yuan is not null
    """,
        )
    }
    totals = {
        (d.department_name, d.fiscal_year): Truth(
            (ln.table_kind, ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan) for ln in d.lines
        ).total("expenditure_summary")
        for d in sample_series_corpus[1]
        if d.expect == "loaded" and d.document_kind == "budget"
    }
    want = {
        (name, year): total - totals[(name, year - 1)]
        for (name, year), total in totals.items()
        if (name, year - 1) in totals
    }
    assert len(want) >= 2
    assert got == want


def test_every_headline_figure_is_read_or_says_why_not(shared_warehouse):
    """Q14. Over the real and office corpora: a figure has a source or a reason, never neither;
    Wanli's 2024 and 2025 totals, printed alone on the last page of their 支出总表, are read from it."""
    warehouse = shared_warehouse[0]
    figures = {
        "total_expenditure": "total_expenditure_yuan",
        "expenditure_split": "basic_expenditure_yuan",
        "basic_table": "personnel_yuan",
        "three_public_total": "three_public_total_yuan",
        "total_income": "total_income_yuan",
        "fiscal_grant": "fiscal_grant_yuan",
    }
    for name, column in figures.items():
        broken = ask(
            warehouse,
            f"""
            select disclosure_id, {column}, {name}_source, {name}_null_reason from marts.fct_department_year
            where ({column} is null) = ({name}_source is not null) or ({column} is null) = ({name}_null_reason is null)
        """,
        )
        assert broken == [], name
    n, with_total = ask(
        warehouse,
        """
        select count(*), count(total_expenditure_yuan) from marts.fct_department_year
    """,
    )[0]
    # 27 real disclosures (7 Jiangsu two-file ones) + 10 office (源汇区's scan, read by OCR)
    assert n == 37 and with_total == n
    wanli = ask(
        warehouse,
        """
        select fiscal_year, total_expenditure_yuan, total_expenditure_source, basic_expenditure_yuan,
               project_expenditure_yuan, total_expenditure_change_yuan
        from marts.fct_department_year where department_name like '%万里街道%' and fiscal_year >= 2024
        order by fiscal_year
    """,
    )
    assert wanli == [
        (
            2024,
            Decimal("156211123.00"),
            "expenditure_summary",
            Decimal("99706020.00"),
            Decimal("56505103.00"),
            Decimal("156211123.00") - Decimal("164978640.00"),
        ),
        (
            2025,
            Decimal("189767551.00"),
            "expenditure_summary",
            Decimal("101341746.00"),
            Decimal("88425805.00"),
            Decimal("189767551.00") - Decimal("156211123.00"),
        ),
    ]


def test_completeness_findings_name_the_table_and_pages(shared_warehouse):
    """Every table the real and office corpora print is found: the Jiangsu 三公 tables whose
    title wraps (…培训费支出预 / 算表) or ends in （一般公共预算） included, and read, but for the
    tables printed blank (a header and an empty 合计, no note saying why), each a finding with
    its file and page; no coded table is left without its total row. js_procuratorate_2019's
    政府性基金 table says 此表为空: stated empty, no finding."""
    rows = ask(
        shared_warehouse[0],
        """
        select finding, table_kind, pages from marts.fct_table_completeness
        where finding is not null order by all
    """,
    )
    fund, capital = "government_fund_expenditure", "state_capital_expenditure"
    assert rows == [
        ("table_unread", fund, "js_high_court_2017_budget.pdf p. 15"),
        ("table_unread", fund, "js_high_court_2018_budget.pdf p. 14"),
        ("table_unread", fund, "js_npc_office_2019_budget_tables.pdf p. 10"),
        ("table_unread", fund, "js_party_office_2017_budget_tables.pdf p. 7"),
        ("table_unread", fund, "js_procuratorate_2017_budget.pdf p. 13"),
        ("table_unread", fund, "sh_municipal_finance_bureau_2025_unit_budget.pdf p. 15"),
        ("table_unread", capital, "sh_municipal_finance_bureau_2025_unit_budget.pdf p. 16"),
    ]
