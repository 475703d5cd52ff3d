"""Identity breakers: for every catalogued identity a budget's printed tables can break, one
disclosure with a single deliberately misprinted amount that breaks it.

Each breaker is a clean fictional department (one of the five fixed ones, in a year the
sample corpus does not use, so that no two files are the same disclosure and none supersedes
another in a warehouse) whose one printed cell is 31,700.00 元 (3.17 万元) too high: far above
any rounding tolerance, and easy to spot. The cell is chosen so that the targeted identity
fails; a cell is usually in more than one identity (a 项 row's 合计 is in its row sum and in
its 款's Σ项), and ``broken`` lists every catalogued identity that fails, computed by
``budget_etl.sample.identities`` from the printed lines, the targeted one first;
``expected_failures`` holds each failed check with the exact subject and difference the
warehouse must report.

Review-rule breakers do the same for the rules of ``review_rule_catalog`` a budget's make-up
can break: one clean disclosure with a single layout fault (``budget_etl.sample.faults``) each,
whose amounts are all clean, so that it breaks its rule and nothing else. Narrative breakers do
it for a total the narrative restates (marts.fct_narrative_check) that no other breaker's check
covers: its narrative misstates that total, its tables are clean.

``write_identity_breakers(out_dir)`` writes ``break_<identity>.pdf``, ``break_<rule>.pdf`` and
``break_narrative_<total>.pdf`` for each, with a ``truth.json``; the sample corpus itself
(``write_sample_corpus``) is not affected.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from budget_etl.sample import identities as ids
from budget_etl.sample.budget import PublishedBudget
from budget_etl.sample.builder import DepartmentPlan, Execution, build
from budget_etl.sample.corpus import sample_document
from budget_etl.sample.departments import FIXED
from budget_etl.sample.document import Disclosure, Rendered, render
from budget_etl.sample.faults import (
    CHANGE,
    CLASS,
    EXECUTION,
    HEADER_YEAR,
    MISSTATE,
    NOTE,
    OMIT,
    OVER_100,
    PLACEHOLDER,
    REPEAT,
    SHARE,
    SWAP,
    TITLE_YEAR,
    YEAR,
    ZERO_TOTAL,
    LayoutFault,
    fault_narrative,
)
from budget_etl.sample.misprint import Misprint
from budget_etl.sample.money import WAN, WAN_YUAN
from budget_etl.sample.narrative import compose, compose_final_account
from budget_etl.sample.tables import TITLES
from budget_etl.sample.truth import SampleDocument, write_truth
from extract.model import (
    EXPENDITURE_SUMMARY,
    FISCAL_GRANT_SUMMARY,
    GENERAL_PUBLIC_BASIC_EXPENDITURE,
    GENERAL_PUBLIC_EXPENDITURE,
    GOVERNMENT_FUND_EXPENDITURE,
    REVENUE_EXPENDITURE_SUMMARY,
    REVENUE_SUMMARY,
    STATE_CAPITAL_EXPENDITURE,
    THREE_PUBLIC_EXPENSES,
)

DELTA = Decimal("31700.00")  # 3.17 万元

XILING, BEIHU, ZHENJIANG, ZHANGWAN, XIGONG = FIXED  # hubei, national, national 元, hubei, national

# Catalogued identities no budget disclosure can break (final-account ones, say), with why.
NOT_IN_BUDGETS: dict[str, str] = {}


@dataclass(frozen=True)
class Breaker:
    identity: str
    department: DepartmentPlan
    year: int
    misprint: Misprint

    @property
    def file_name(self) -> str:
        return f"break_{self.identity}.pdf"


def _cell(
    kind: str, measure: str, code: str | None = None, key: str | None = None, classification: str | None = None
) -> Misprint:
    return Misprint(kind, measure, DELTA, code, key, classification)


BREAKERS = (
    Breaker(
        ids.REVENUE_EXPENDITURE_BALANCE,
        BEIHU,
        2021,
        _cell(REVENUE_EXPENDITURE_SUMMARY, "total", key="income_grand_total"),
    ),
    Breaker(
        ids.SUMMARY_INCOME_GRAND_TOTAL, XIGONG, 2022, _cell(REVENUE_EXPENDITURE_SUMMARY, "total", key="carried_over")
    ),
    Breaker(
        ids.SUMMARY_INCOME_ITEMS_SUM,
        ZHENJIANG,
        2023,
        _cell(REVENUE_EXPENDITURE_SUMMARY, "total", key="一般公共预算拨款收入"),
    ),
    Breaker(ids.SUMMARY_FUNCTION_ITEMS_SUM, XIGONG, 2021, _cell(REVENUE_EXPENDITURE_SUMMARY, "total", code="213")),
    Breaker(ids.SUMMARY_ECONOMIC_ITEMS_SUM, ZHANGWAN, 2021, _cell(REVENUE_EXPENDITURE_SUMMARY, "total", code="302")),
    Breaker(
        ids.SUMMARY_EXPENDITURE_GRAND_TOTAL,
        XILING,
        2021,  # prints 年终结余 0.00
        _cell(REVENUE_EXPENDITURE_SUMMARY, "total", key="year_end_balance", classification="function"),
    ),
    Breaker(ids.EXPENDITURE_SUMMARY_ROW_SUM, ZHANGWAN, 2020, _cell(EXPENDITURE_SUMMARY, "project", code="2070109")),
    Breaker(
        ids.GENERAL_PUBLIC_EXPENDITURE_ROW_SUM, XILING, 2022, _cell(GENERAL_PUBLIC_EXPENDITURE, "total", code="2040604")
    ),
    Breaker(
        ids.GOVERNMENT_FUND_EXPENDITURE_ROW_SUM,
        ZHANGWAN,
        2024,
        _cell(GOVERNMENT_FUND_EXPENDITURE, "total", code="2070701"),
    ),
    Breaker(
        ids.STATE_CAPITAL_EXPENDITURE_ROW_SUM, BEIHU, 2022, _cell(STATE_CAPITAL_EXPENDITURE, "total", code="2230105")
    ),
    Breaker(
        ids.GENERAL_PUBLIC_BASIC_EXPENDITURE_ROW_SUM,
        XIGONG,
        2023,
        _cell(GENERAL_PUBLIC_BASIC_EXPENDITURE, "personnel", code="30101"),
    ),
    Breaker(ids.TOTAL_ROW_SUM, ZHENJIANG, 2024, _cell(EXPENDITURE_SUMMARY, "project", key="total")),
    Breaker(ids.FUNCTION_CLASS_SUM, XILING, 2023, _cell(EXPENDITURE_SUMMARY, "basic", code="20406")),
    Breaker(ids.FUNCTION_SECTION_SUM, BEIHU, 2023, _cell(GENERAL_PUBLIC_EXPENDITURE, "basic", code="2010301")),
    Breaker(ids.ECONOMIC_CLASS_SUM, ZHANGWAN, 2022, _cell(GENERAL_PUBLIC_BASIC_EXPENDITURE, "total", code="30201")),
    Breaker(ids.THREE_PUBLIC_TOTAL_SUM, XIGONG, 2020, _cell(THREE_PUBLIC_EXPENSES, "total", key="official_reception")),
    Breaker(ids.THREE_PUBLIC_VEHICLE_SUM, BEIHU, 2024, _cell(THREE_PUBLIC_EXPENSES, "total", key="vehicle_operation")),
    Breaker(
        ids.THREE_PUBLIC_WITH_MEETINGS_TRAINING_SUM,
        ZHENJIANG,
        2019,
        _cell(THREE_PUBLIC_EXPENSES, "total", key="total_with_meetings_training"),
    ),
    Breaker(
        ids.SUMMARY_FUNCTION_VS_EXPENDITURE_SUMMARY,
        XILING,
        2024,
        _cell(REVENUE_EXPENDITURE_SUMMARY, "total", code="204"),
    ),
    Breaker(
        ids.EXPENDITURE_SUMMARY_TOTAL_VS_SUMMARY, ZHENJIANG, 2020, _cell(EXPENDITURE_SUMMARY, "total", key="total")
    ),
    Breaker(
        ids.BASIC_EXPENDITURE_TOTAL_VS_GENERAL_PUBLIC,
        XIGONG,
        2019,
        _cell(GENERAL_PUBLIC_BASIC_EXPENDITURE, "total", key="total"),
    ),
    Breaker(ids.FISCAL_GRANT_FUNCTION_VS_FUND_TABLES, ZHANGWAN, 2019, _cell(FISCAL_GRANT_SUMMARY, "total", code="207")),
    Breaker(ids.REVENUE_SUMMARY_VS_SUMMARY, XILING, 2020, _cell(REVENUE_SUMMARY, "total", key="经费拨款（补助）")),
    Breaker(ids.REVENUE_SUMMARY_ROW_SUM, BEIHU, 2019, _cell(REVENUE_SUMMARY, "general_public_budget", key="total")),
    Breaker(
        ids.BASIC_EXPENDITURE_ECONOMIC_SPLIT,
        ZHENJIANG,
        2021,
        _cell(GENERAL_PUBLIC_BASIC_EXPENDITURE, "public_operating", key="total"),
    ),
    Breaker(
        ids.FISCAL_GRANT_SUMMARY_ROW_SUM,
        XIGONG,
        2017,
        _cell(FISCAL_GRANT_SUMMARY, "general_public_budget", code="213"),
    ),
    Breaker(
        ids.REVENUE_SUMMARY_VS_FISCAL_GRANT_INCOME,
        BEIHU,
        2018,
        _cell(FISCAL_GRANT_SUMMARY, "total", key="income_total"),
    ),
    Breaker(
        ids.REVENUE_SUMMARY_VS_EXPENDITURE_SUMMARY, ZHENJIANG, 2017, _cell(REVENUE_SUMMARY, "total", code="2013805")
    ),
)


@dataclass(frozen=True)
class ReviewBreaker:
    """A clean disclosure with one layout ``fault``; or, for a rule on how a budget was spent,
    a final account (决算) spent as ``execution`` says; or, for a rule on what an amount can be,
    with ``misprints`` that leave every identity holding."""

    rule: str  # a rule of dbt_project/seeds/review_rule_catalog.csv
    department: DepartmentPlan  # one whose titles print their number, for the rules on numbers
    year: int
    fault: LayoutFault | None = None
    execution: Execution | None = None
    # The printed cells to change, given the clean budget (their amounts depend on its draws).
    misprints: Callable[[PublishedBudget], tuple[Misprint, ...]] | None = None
    finding_table: str | None = None  # the table an execution's or misprints' finding concerns

    @property
    def file_name(self) -> str:
        return f"break_{self.rule}.pdf"

    @property
    def table_kind(self) -> str | None:
        """The table its one finding names (None: a finding on the narrative alone)."""
        assert self.fault or self.finding_table, "a review breaker has a fault or a finding table"
        return self.fault.table_kind if self.fault else self.finding_table


def _reception_printed_negative(budget: PublishedBudget) -> tuple[Misprint, ...]:
    """The 三公 table's 公务接待费 printed as its negative, and its 因公出国（境）费 higher by as much
    again, so that the 合计 still adds up: one negative amount, and no identity broken."""
    twice = 2 * budget.three_public.official_reception
    assert twice > 0, "a department with a 公务接待费 to print negative"
    return (
        Misprint(THREE_PUBLIC_EXPENSES, "total", -twice, line_key="official_reception"),
        Misprint(THREE_PUBLIC_EXPENSES, "total", twice, line_key="outbound_travel"),
    )


# Departments and years no identity breaker uses. ZHENJIANG and XIGONG print 附表N / 表N in the title.
REVIEW_BREAKERS = (
    ReviewBreaker(
        "table_year_mismatch", BEIHU, 2025, LayoutFault(TITLE_YEAR, GENERAL_PUBLIC_BASIC_EXPENDITURE, year=2018)
    ),
    # Its 三公 table's 合计 headed 2019年合计, in its 2026 budget.
    ReviewBreaker(
        "table_header_year_mismatch", ZHENJIANG, 2026, LayoutFault(HEADER_YEAR, THREE_PUBLIC_EXPENSES, year=2019)
    ),
    ReviewBreaker("table_duplicated", XIGONG, 2018, LayoutFault(REPEAT, GENERAL_PUBLIC_EXPENDITURE)),
    ReviewBreaker(
        "table_out_of_order",
        ZHENJIANG,
        2018,
        LayoutFault(SWAP, GENERAL_PUBLIC_EXPENDITURE, other_kind=GENERAL_PUBLIC_BASIC_EXPENDITURE),
    ),
    ReviewBreaker(
        "narrative_zero_total",
        XILING,
        2018,
        LayoutFault(
            ZERO_TOTAL,
            REVENUE_EXPENDITURE_SUMMARY,
            keyword="收支总预算",
            total_keys=("revenue_total", "expenditure_total"),
        ),
    ),
    # The 财政拨款收支总表, one of the eight tables of 财预〔2016〕143号 a budget must print.
    ReviewBreaker("required_table_absent", XILING, 2025, LayoutFault(OMIT, FISCAL_GRANT_SUMMARY)),
    # Its 政府性基金 table, printed empty, with the note of the 国有资本经营 table it does not print.
    ReviewBreaker(
        "empty_note_of_another_table",
        XIGONG,
        2025,
        LayoutFault(NOTE, GOVERNMENT_FUND_EXPENDITURE, note="本部门2025年无国有资本经营预算收支，此表为空表。"),
    ),
    # Its 收入 list's first share (…占x%) printed 5 points too high.
    ReviewBreaker("narrative_share_mismatch", BEIHU, 2017, LayoutFault(SHARE, None)),
    # Its 收入 list's first share printed 100 points too high (占1xx%).
    ReviewBreaker("narrative_share_over_100", BEIHU, 2026, LayoutFault(OVER_100, None)),
    # Its closing's telephone number left as the template's XXXXXXXX.
    ReviewBreaker("narrative_placeholder", XILING, 2017, LayoutFault(PLACEHOLDER, None)),
    # Its 收支总预算 said to have grown by a tenth, at a rate 5 points too high.
    ReviewBreaker("narrative_change_mismatch", ZHANGWAN, 2017, LayoutFault(CHANGE, None)),
    # Its 收支总预算 said to have grown by a tenth since 2026, in its 2027 budget, at the right rate:
    # the 2026 budget it compares with (the share breaker's) restates another total.
    ReviewBreaker("narrative_previous_year_mismatch", BEIHU, 2027, LayoutFault(YEAR, None, year=2026)),
    # Its 收支总预算 said to have grown by a tenth since 2026, in its 2026 budget.
    ReviewBreaker("narrative_year_mismatch", XILING, 2026, LayoutFault(YEAR, None, year=2026)),
    # Its first 类 restated from the 一般公共预算支出表 (…（类）X万元) a tenth too high.
    ReviewBreaker("narrative_class_mismatch", XIGONG, 2026, LayoutFault(CLASS, None)),
    ReviewBreaker(
        "negative_amount",
        ZHENJIANG,
        2025,
        misprints=_reception_printed_negative,
        finding_table=THREE_PUBLIC_EXPENSES,
    ),
    # A 决算 whose 公务接待费 was half spent, its narrative saying 决算数大于预算数 of its 三公.
    ReviewBreaker(
        "narrative_execution_mismatch",
        ZHANGWAN,
        2025,
        LayoutFault(EXECUTION, None),
        execution=Execution(spent={"30217": Decimal("0.5")}),
    ),
    ReviewBreaker(
        "three_public_over_budget",
        ZHANGWAN,
        2018,
        execution=Execution(spent={"30217": Decimal("1.5")}),  # 公务接待费 half as much again
        finding_table=THREE_PUBLIC_EXPENSES,
    ),
)


@dataclass(frozen=True)
class NarrativeBreaker:
    """A clean disclosure whose narrative misstates one total its tables print (``fault``)."""

    total_key: str  # an extract.narrative.NARRATIVE_KEYS key
    department: DepartmentPlan
    year: int
    fault: LayoutFault

    @property
    def file_name(self) -> str:
        return f"break_narrative_{self.total_key}.pdf"


NARRATIVE_BREAKERS = (
    # 机关运行经费 a tenth too high, in a budget whose 三公 table prints it (Shanghai's layout, which
    # the sample corpus does not use: its 三公 tables print no 机关运行经费).
    NarrativeBreaker(
        "office_operating_expenses",
        dataclasses.replace(ZHANGWAN, style=dataclasses.replace(ZHANGWAN.style, three_public_office_operating=True)),
        2026,
        LayoutFault(MISSTATE, None, keyword="机关运行经费", total_keys=("office_operating_expenses",)),
    ),
)


def _clean(
    department: DepartmentPlan, year: int, file_name: str, execution: Execution | None = None
) -> tuple[DepartmentPlan, PublishedBudget]:
    """The department in the year, clean, without 绩效目标表 (they carry no identity) to keep
    the file small: its budget, or its final account spent as ``execution`` says (with the
    cover a 决算 prints, as the series' do)."""
    plan = dataclasses.replace(
        department,
        key=file_name.removesuffix(".pdf"),
        fiscal_year=year,
        misprint=None,
        style=dataclasses.replace(
            department.style, performance_tables=False, cover=department.style.cover or execution is not None
        ),
    )
    return plan, build(plan, random.Random(plan.key), execution)


def breaker_disclosure(breaker: Breaker) -> Disclosure:
    """The breaker's department in its year, clean, with the one misprint."""
    plan, budget = _clean(breaker.department, breaker.year, breaker.file_name)
    return Disclosure(
        breaker.file_name, budget, compose(budget, plan.duties), plan.style, (breaker.identity,), (breaker.misprint,)
    )


def review_breaker_disclosure(breaker: ReviewBreaker) -> Disclosure:
    """The breaker's department in its year, clean, with the one layout fault or spent as its
    execution says."""
    plan, budget = _clean(breaker.department, breaker.year, breaker.file_name, breaker.execution)
    compose_text = compose_final_account if breaker.execution is not None else compose
    narrative = compose_text(budget, plan.duties)
    faults = (breaker.fault,) if breaker.fault else ()
    return Disclosure(
        breaker.file_name,
        budget,
        fault_narrative(narrative, faults),
        plan.style,
        misprints=breaker.misprints(budget) if breaker.misprints else (),
        faults=faults,
        review_rules=(breaker.rule,),
    )


def narrative_breaker_disclosure(breaker: NarrativeBreaker) -> Disclosure:
    """The breaker's department in its year, clean, its narrative misstating its total."""
    plan, budget = _clean(breaker.department, breaker.year, breaker.file_name)
    return Disclosure(
        breaker.file_name,
        budget,
        fault_narrative(compose(budget, plan.duties), (breaker.fault,)),
        plan.style,
        narrative_failures=(breaker.total_key,),
    )


def write_identity_breakers(out_dir: Path) -> list[SampleDocument]:
    """Write ``break_<identity>.pdf`` for every breakable catalogued identity, ``break_<rule>.pdf``
    for every breakable review rule, ``break_narrative_<total>.pdf`` for each narrative breaker,
    and their ``truth.json``, into ``out_dir``. The same call
    writes the same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = []
    for breaker in BREAKERS:
        disclosure = breaker_disclosure(breaker)
        rendered = render(disclosure)
        (out_dir / disclosure.file_name).write_bytes(rendered.pdf)
        documents.append(sample_document(disclosure, rendered, notes=_describe(rendered, disclosure)))
    for review in REVIEW_BREAKERS:
        disclosure = review_breaker_disclosure(review)
        rendered = render(disclosure)
        (out_dir / disclosure.file_name).write_bytes(rendered.pdf)
        if review.fault:
            notes = f"One layout fault: {review.fault}."
        elif review.execution:
            notes = f"A final account spent so: {review.execution}."
        else:
            changes = ", ".join(f"{m.line_key} {m.delta_yuan:+,.2f} 元" for m in disclosure.misprints)
            notes = f"Printed amounts changed, every identity holding: {changes}."
        documents.append(sample_document(disclosure, rendered, notes=notes))
    for narrative_breaker in NARRATIVE_BREAKERS:
        disclosure = narrative_breaker_disclosure(narrative_breaker)
        rendered = render(disclosure)
        (out_dir / disclosure.file_name).write_bytes(rendered.pdf)
        documents.append(
            sample_document(disclosure, rendered, notes=f"One narrative fault: {narrative_breaker.fault}.")
        )
    write_truth(out_dir / "truth.json", documents)
    return documents


def _describe(rendered: Rendered, disclosure: Disclosure) -> str:
    ((clean, printed),) = rendered.misprinted
    page = next(ln.source_page for ln in rendered.lines if dataclasses.replace(ln, source_page=0) == printed)
    unit = disclosure.style.unit
    hubei = disclosure.style.template == "hubei"
    title = TITLES[clean.table_kind][0 if hubei else 1]
    row = clean.code or clean.line_key

    def amount(yuan: Decimal) -> str:
        return f"{yuan / WAN:,.2f} 万元" if unit == WAN_YUAN else f"{yuan:,.2f} 元"

    return (
        f"One misprint: {title}, row {row} {clean.line_label}, column {clean.measure}, page "
        f"{page}: printed {amount(printed.amount_yuan)} instead of {amount(clean.amount_yuan)} "
        f"({amount(printed.amount_yuan - clean.amount_yuan)} too high). Breaks {', '.join(disclosure.broken)} "
        "as targeted; see broken for every identity it breaks."
    )
