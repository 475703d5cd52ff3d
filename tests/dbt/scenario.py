"""Fixture-built extractions for the dbt model tests: seed-like documents written as records.

The figures of ``seed_budget`` are the printed ones of 武汉市硚口区大数据中心's 2021 budget
(domain.md §1-2), including the publisher's rounding (the 合计 row of 支出预算总表 is 2,120.19
while its 类 rows add up to 2,120.20; Σ301xx is 213.83 against a printed 213.81). The other
documents are small variations that exercise one model rule each: a deliberately broken
line, a previous year, a re-published file with its narrative companion (which reprints one
of its tables), a rejected file, a code whose 款 was never printed and a 收支总表 label left
uncoded by the extractor, a publisher printing whole 元, and the seed department's 2021 final
account (决算) beside its budget: an under-spent project, a dropped 项, a new 项, and a 三公
table printing its own 预算数 beside the 决算数.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from budget_etl.sample.seed import BASIC_ROWS, FUNCTION_ROWS  # the seed's printed tables, one source
from extract.model import BudgetLine, DocumentFacts, Extraction, NarrativeTotal, PerformanceIndicator, TableFound

SEED_DEPARTMENT = "武汉市硚口区大数据中心"
BROKEN_DEPARTMENT = "武汉市硚口区测试局"
REPUBLISHED_DEPARTMENT = "武汉市硚口区档案馆"
ODD_CODES_DEPARTMENT = "测试县城乡服务中心"
WHOLE_YUAN_DEPARTMENT = "上海市测试财政局"
# One department under several printings: the short name of the seed department, the three
# names of a Party office (tables and narrative files of one disclosure), an abbreviation known
# only as another document's alias, and a short name two departments end with.
SHORT_SEED_DEPARTMENT = "硚口区大数据中心"
PARTY_OFFICE_NAMES = ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅", "江苏省委办公厅")
NPC_OFFICE, NPC_OFFICE_ALIAS = "江苏省人大常委会办公厅", "省人大办公厅"
GULOU_DEPARTMENTS = ("南京市鼓楼区财政局", "福州市鼓楼区财政局", "鼓楼区财政局")


def wan(text: str) -> Decimal:
    """A printed 万元 amount (thousands separators allowed) in 元, exactly."""
    return (Decimal(text.replace(",", "")) * 10000).quantize(Decimal("0.01"))


# 收支预算总表 groups as the Hubei template prints them: (classification, code, line_key, label, 万元).
SUMMARY_INCOME = (
    ("revenue", None, "财政拨款（补助）", "一.财政拨款（补助）", "2,120.19"),
    ("revenue", None, "公共预算财政拨款（补助）", "（一）公共预算财政拨款（补助）", "2,120.19"),
    ("revenue", None, "经费拨款（补助）", "1.经费拨款（补助）", "2,120.19"),
    ("revenue", None, "income_total", "本年收入合计", "2,120.19"),
    # The seed prints its grand total under a second 本年收入合计 label (domain.md §2.3).
    ("revenue", None, "income_grand_total", "本年收入合计", "2,120.19"),
)
SUMMARY_ECONOMIC = (
    ("economic", "301", None, "1.工资福利性支出", "213.81"),
    ("economic", "302", None, "2.商品和服务支出", "1,845.51"),
    ("economic", "310", None, "6.其他资本性支出", "60.87"),
    ("economic", None, "expenditure_total", "本年支出合计", "2,120.19"),
    ("economic", None, "expenditure_grand_total", "本年支出总计", "2,120.19"),
)
SUMMARY_FUNCTION = (
    ("function", "201", None, "一.一般公共服务支出", "157.44"),
    ("function", "208", None, "七.社会保障和就业", "17.62"),
    ("function", "210", None, "八.卫生健康", "26.81"),
    ("function", "215", None, "十三.资源勘探电力信息等事务", "1,888.50"),
    ("function", "221", None, "十五.住房保障支出", "29.83"),
    ("function", None, "expenditure_total", "本年支出合计", "2,120.19"),
    ("function", None, "expenditure_grand_total", "本年支出总计", "2,120.19"),
)


class DocumentBuilder:
    """Collects the tables and lines of one extraction, page by page."""

    def __init__(self) -> None:
        self.tables: list[TableFound] = []
        self.lines: list[BudgetLine] = []
        self.indicators: list[PerformanceIndicator] = []
        self.narrative: list[NarrativeTotal] = []
        self.page = 4

    def _table(self, table_kind: str, title: str, unit: str = "万元", empty_note: str | None = None) -> int:
        self.page += 1
        self.tables.append(TableFound(table_kind, title, (self.page,), unit, empty_note))
        return self.page

    def coded(self, table_kind: str, title: str, classification: str, rows, measures, unit: str = "万元"):
        page = self._table(table_kind, title, unit)
        for code, name, *values in rows:
            is_subtotal = code is None or len(code) < (7 if classification == "function" else 5)
            for measure, value in zip(measures, values, strict=True):
                if value is None:
                    continue
                self.lines.append(
                    BudgetLine(
                        table_kind,
                        classification,
                        code,
                        None if code else "total",
                        name,
                        measure,
                        wan(value) if unit == "万元" else Decimal(value),
                        is_subtotal,
                        page,
                        unit,
                    )
                )
        return self

    def summary(self, table_kind: str, title: str, groups: Iterable[tuple]):
        page = self._table(table_kind, title)
        for classification, code, line_key, label, value in groups:
            self.lines.append(
                BudgetLine(
                    table_kind,
                    classification,
                    code,
                    line_key,
                    label,
                    "total",
                    wan(value),
                    line_key is not None and line_key.endswith("total"),
                    page,
                    "万元",
                )
            )
        return self

    def three_public(self, items: dict[str, str]):
        page = self._table("three_public_expenses", '财政拨款"三公"经费支出表')
        labels = {
            "total": "合计",
            "outbound_travel": "因公出国（境）费",
            "vehicle_total": "公务用车购置及运行维护费",
            "vehicle_purchase": "公务用车购置费",
            "vehicle_operation": "公务用车运行维护费",
            "official_reception": "公务接待费",
            "office_operating_expenses": "机关运行经费",
        }
        for key, value in items.items():
            self.lines.append(
                BudgetLine(
                    "three_public_expenses",
                    "other" if key == "office_operating_expenses" else "three_public",
                    None,
                    key,
                    labels[key],
                    "total",
                    wan(value),
                    key in ("total", "vehicle_total"),
                    page,
                    "万元",
                )
            )
        return self

    def three_public_final(self, items: dict[str, tuple[str, str]]):
        """A 决算 三公 table: (预算数, 决算数) per item, read as measures budgeted_total and total."""
        self.three_public({key: final for key, (_, final) in items.items()})
        page = self.page
        for key, (budgeted, _) in items.items():
            self.lines.append(
                BudgetLine(
                    "three_public_expenses",
                    "three_public",
                    None,
                    key,
                    key,
                    "budgeted_total",
                    wan(budgeted),
                    key in ("total", "vehicle_total"),
                    page,
                    "万元",
                )
            )
        return self

    def project(self, name: str, total_budget: str, current_budget: str, indicators: Iterable[tuple[str, ...]]):
        """A 项目支出绩效目标表 (amounts in 元) with its indicator grid."""
        page = self._table("performance_targets", "部门项目支出绩效目标表", unit="元")
        for key, value in (("project_total_budget", total_budget), ("project_current_year_budget", current_budget)):
            self.lines.append(
                BudgetLine("performance_targets", "other", None, key, name, "total", Decimal(value), False, page, "元")
            )
        self.indicators += [PerformanceIndicator(name, *row, page) for row in indicators]
        return self

    def says(self, key: str, phrase: str, amount_yuan: str, unit: str = "万元", page: int = 3):
        """A total the narrative restates."""
        self.narrative.append(NarrativeTotal(key, phrase, Decimal(amount_yuan), unit, page))
        return self

    def empty(self, table_kind: str, title: str, note: str):
        self._table(table_kind, title, empty_note=note)
        return self


def extraction(
    source_file: str,
    department: str | None,
    year: int | None,
    builder: DocumentBuilder | None,
    status: str = "loaded",
    reject_kind: str | None = None,
    reason: str | None = None,
    aliases: tuple[str, ...] = (),
    kind: str = "budget",
) -> Extraction:
    return Extraction(
        source_file=source_file,
        sha256=hashlib.sha256(source_file.encode()).hexdigest(),
        page_count=30 if builder else None,
        status=status,
        reject_kind=reject_kind,
        status_reason=reason,
        facts=DocumentFacts(
            department,
            year,
            kind if department else None,
            "department" if department else None,
            18 if department else None,
            12 if department else None,
            aliases,
        ),
        tables=builder.tables if builder else [],
        lines=builder.lines if builder else [],
        indicators=builder.indicators if builder else [],
        narrative_totals=builder.narrative if builder else [],
    )


def seed_budget(function_rows=FUNCTION_ROWS, expenditure_rows=None) -> DocumentBuilder:
    """The seed's eight tables (表7 stated empty), as the extractor would emit them."""
    b = DocumentBuilder()
    b.summary("revenue_expenditure_summary", "2021年收支预算总表", SUMMARY_INCOME + SUMMARY_ECONOMIC + SUMMARY_FUNCTION)
    b.summary("revenue_summary", "2021年收入预算总表", SUMMARY_INCOME)
    b.coded(
        "expenditure_summary",
        "2021年支出预算总表",
        "function",
        expenditure_rows or function_rows,
        ("total", "basic", "project"),
    )
    grand = tuple(g if g[2] != "income_grand_total" else (*g[:3], "本年收入总计", g[4]) for g in SUMMARY_INCOME)
    b.summary("fiscal_grant_summary", "2021年财政拨款收支预算总表", grand + SUMMARY_ECONOMIC + SUMMARY_FUNCTION)
    b.coded(
        "general_public_expenditure",
        "2021年一般公共预算支出表",
        "function",
        function_rows,
        ("total", "basic", "project"),
    )
    b.coded(
        "general_public_basic_expenditure",
        "2021年一般公共预算基本支出表",
        "economic",
        BASIC_ROWS,
        ("total", "personnel", "public_operating"),
    )
    b.empty("government_fund_expenditure", "2021年政府性基金预算支出表", "本单位2021年无政府性基金预算。")
    b.three_public({"total": "0.60", "official_reception": "0.60"})
    return b


def seed_narrative_and_projects(b: DocumentBuilder) -> DocumentBuilder:
    """What the seed's narrative restates (domain.md §2.2) and its 项目支出绩效目标表."""
    b.says("revenue_total", "收支总预算2120.19万元", "21201900.00")
    b.says("expenditure_total", "收支总预算2120.19万元", "21201900.00")  # printed in both expenditure groups
    b.says("basic_expenditure", "基本支出231.69万元", "2316900.00")
    b.says("project_expenditure", "项目支出1888.50万元", "18885000.00")
    b.says("three_public_total", "三公经费预算数0.6万元", "6000.00")
    b.says("outbound_travel", "因公出国(境)费0万元", "0.00")  # blank in the table beside its 合计
    b.says("vehicle_purchase", "公务用车购置费0万元", "0.00")
    b.says("office_operating_expenses", "机关运行经费17.88万元", "178800.00")  # its 三公 table has no such row
    for name, total, current in (
        ("大数据中心运营项目", "51020097", "17006699"),
        ("数据资源管理项目", "2308767", "769589"),
        ("办公家具购置", "8700", "8700"),
        ("信息系统建设项目", "3300000", "1100000"),
    ):
        b.project(
            name,
            total,
            current,
            (
                ("产出指标", "数量指标", "完成项目数", "≥1个"),
                ("满意度指标", "服务对象满意度指标", "使用单位满意度", "≥95%"),
            ),
        )
    return b


def broken_budget() -> DocumentBuilder:
    """The seed with one deliberate error: 2010250's 基本支出 printed 14.52 against a 合计 of 14.42."""
    rows = tuple(
        (code, name, total, "14.52", project) if code == "2010250" else (code, name, total, basic, project)
        for code, name, total, basic, project in FUNCTION_ROWS
    )
    return seed_budget(expenditure_rows=rows)


def previous_year_budget() -> DocumentBuilder:
    """The seed department's 2020 budget, 支出预算总表 only (表9 of the seed: 604.4 = 207.4 + 397)."""
    return DocumentBuilder().coded(
        "expenditure_summary",
        "2020年支出预算总表",
        "function",
        (
            (None, "合计", "604.40", "207.40", "397.00"),
            ("215", "资源勘探信息等支出", "604.40", "207.40", "397.00"),
            ("21505", "工业和信息产业监管", "604.40", "207.40", "397.00"),
            ("2150502", "一般行政管理事务", "604.40", "207.40", "397.00"),
        ),
        ("total", "basic", "project"),
    )


# The seed department's 2021 决算 支出决算表: 215's project under-spent (1,760.00 of 1,888.50),
# 2101199 dropped (budget only), 2080506 new (final only); the rest as budgeted.
FINAL_ACCOUNT_ROWS = (
    (None, "合计", "1,999.03", "239.03", "1,760.00"),
    ("201", "一般公共服务支出", "157.44", "157.44", None),
    ("20102", "政协事务", "14.42", "14.42", None),
    ("2010250", "事业运行", "14.42", "14.42", None),
    ("20103", "政府办公厅（室）及相关机构事务", "143.02", "143.02", None),
    ("2010350", "事业运行", "143.02", "143.02", None),
    ("208", "社会保障和就业支出", "25.72", "25.72", None),
    ("20805", "行政事业单位养老支出", "25.72", "25.72", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "17.62", "17.62", None),
    ("2080506", "机关事业单位职业年金缴费支出", "8.10", "8.10", None),
    ("210", "卫生健康支出", "26.04", "26.04", None),
    ("21011", "行政事业单位医疗", "26.04", "26.04", None),
    ("2101102", "事业单位医疗", "9.58", "9.58", None),
    ("2101103", "公务员医疗补助", "16.46", "16.46", None),
    ("215", "资源勘探工业信息等支出", "1,760.00", None, "1,760.00"),
    ("21505", "工业和信息产业监管", "1,760.00", None, "1,760.00"),
    ("2150502", "一般行政管理事务", "1,760.00", None, "1,760.00"),
    ("221", "住房保障支出", "29.83", "29.83", None),
    ("22102", "住房改革支出", "29.83", "29.83", None),
    ("2210201", "住房公积金", "24.69", "24.69", None),
    ("2210202", "提租补贴", "5.14", "5.14", None),
)


def final_account() -> DocumentBuilder:
    """The seed department's 2021 决算: its 支出决算表 and a 三公 table whose 预算数 (0.80, the
    adjusted budget) differs from the budget's 0.60."""
    b = DocumentBuilder().coded(
        "expenditure_summary", "2021年支出决算表", "function", FINAL_ACCOUNT_ROWS, ("total", "basic", "project")
    )
    return b.three_public_final({"total": ("0.80", "0.45"), "official_reception": ("0.80", "0.45")})


def small_budget(total: str) -> DocumentBuilder:
    """A three-table budget whose totals are all ``total`` 万元 (basic expenditure only)."""
    b = DocumentBuilder()
    b.coded(
        "expenditure_summary",
        "2022年支出预算总表",
        "function",
        (
            (None, "合计", total, total, None),
            ("201", "一般公共服务支出", total, total, None),
            ("20126", "档案事务", total, total, None),
            ("2012601", "行政运行", total, total, None),
        ),
        ("total", "basic", "project"),
    )
    b.coded(
        "general_public_basic_expenditure",
        "2022年一般公共预算基本支出表",
        "economic",
        (
            (None, "合计", total, total, None),
            ("301", "工资福利支出", total, total, None),
            ("30101", "基本工资", total, total, None),
        ),
        ("total", "personnel", "public_operating"),
    )
    b.three_public({"total": "1.00", "official_reception": "1.00"})
    return b


def office_operating_budget() -> DocumentBuilder:
    """A Jiangsu budget: its 机关运行经费 in a table of its own (公开11表), stated in its narrative."""
    return (
        small_budget("65.00")
        .coded(
            "office_operating_expenditure",
            "公开11表 一般公共预算机关运行经费支出预算表",
            "economic",
            (
                (None, "合计", "3.00"),
                ("302", "商品和服务支出", "3.00"),
                ("30201", "办公费", "1.00"),
                ("30299", "其他商品和服务支出", "2.00"),
            ),
            ("total",),
        )
        .says("office_operating_expenses", "一般公共预算机关运行经费预算支出3.00万元", "30000.00")
    )


def narrative_only() -> DocumentBuilder:
    """A narrative PDF that reprints one table (the 三公 table, with Shanghai's 机关运行经费 row
    beside its items) of its disclosure's tables PDF."""
    return DocumentBuilder().three_public(
        {"total": "1.00", "official_reception": "1.00", "office_operating_expenses": "2.00"}
    )


def odd_codes_budget() -> DocumentBuilder:
    """A 项 printed without its 款 (2129999 under 212, no 21299 row), 2150502 under a shorter
    name, a 支出总表 printed in 元, 5xx economic codes, and a 收支总表 function label the
    extractor left uncoded."""
    b = DocumentBuilder()
    b.summary(
        "revenue_expenditure_summary",
        "2021年部门收支总表",
        (
            ("revenue", None, "income_total", "本年收入合计", "30.00"),
            ("function", "212", None, "城乡社区支出", "10.00"),
            ("function", None, "资源勘探电力信息等事务", "十三.资源勘探电力信息等事务", "20.00"),
            ("function", None, "expenditure_total", "本年支出合计", "30.00"),
        ),
    )
    # This publisher prints its 支出总表 in 元, to the fen.
    b.coded(
        "expenditure_summary",
        "2021年部门支出总表",
        "function",
        (
            (None, "合计", "300000.30", "300000.30", None),
            ("212", "城乡社区支出", "100000.10", "100000.10", None),
            ("2129999", "其他城乡社区支出", "100000.10", "100000.10", None),
            ("215", "资源勘探工业信息等支出", "200000.20", "200000.20", None),
            ("21505", "工业和信息产业监管", "200000.20", "200000.20", None),
            ("2150502", "一般行政管理", "200000.20", "200000.20", None),
        ),
        ("total", "basic", "project"),
        unit="元",
    )
    b.coded(
        "general_public_basic_expenditure",
        "2021年一般公共预算基本支出表",
        "economic",
        (
            (None, "合计", "30.00", "25.00", "5.00"),
            ("505", "对事业单位经常性补助", "30.00", "25.00", "5.00"),
            ("50501", "工资福利支出", "25.00", "25.00", None),
            ("50502", "商品和服务支出", "5.00", None, "5.00"),
        ),
        ("total", "personnel", "public_operating"),
    )
    return b


def whole_yuan_budget() -> DocumentBuilder:
    """A publisher printing its tables in whole 元 (as Shanghai's do), with a 1 元 rounding
    difference: 302 prints 24,840,779 while its 款 add up to 24,840,778."""
    return DocumentBuilder().coded(
        "general_public_basic_expenditure",
        "2025年一般公共预算基本支出表",
        "economic",
        (
            (None, "合计", "24840779", None, "24840779"),
            ("302", "商品和服务支出", "24840779", None, "24840779"),
            ("30201", "办公费", "24840000", None, "24840000"),
            ("30299", "其他商品和服务支出", "778", None, "778"),
        ),
        ("total", "personnel", "public_operating"),
        unit="元",
    )


def extracted(day: int) -> datetime:
    return datetime(2024, 1, day, 8, 0, 0)


def scenario() -> list[tuple[Extraction, datetime]]:
    """Every document of the model tests, with the time each was extracted."""
    rejected = extraction(
        "scan_only.pdf",
        None,
        None,
        None,
        status="rejected",
        reject_kind="encrypted",
        reason="The PDF is encrypted and needs a password.",
    )
    # A later file of the republished disclosure that could not be read: it supersedes nothing.
    rejected_republished = extraction(
        "archives_2022_budget_v3.pdf",
        REPUBLISHED_DEPARTMENT,
        2022,
        None,
        status="rejected",
        reject_kind="missing_tables",
        reason="No standard budget table was found in this disclosure.",
    )
    return [
        (
            extraction(
                "qiaokou_bigdata_center_2021_budget.pdf",
                SEED_DEPARTMENT,
                2021,
                seed_narrative_and_projects(seed_budget()),
            ),
            extracted(2),
        ),
        (
            extraction("qiaokou_bigdata_center_2020_budget.pdf", SEED_DEPARTMENT, 2020, previous_year_budget()),
            extracted(2),
        ),
        (
            extraction(
                "qiaokou_bigdata_center_2021_final.pdf", SEED_DEPARTMENT, 2021, final_account(), kind="final_account"
            ),
            extracted(2),
        ),
        (extraction("test_bureau_2021_budget.pdf", BROKEN_DEPARTMENT, 2021, broken_budget()), extracted(2)),
        (
            extraction("archives_2022_budget_tables.pdf", REPUBLISHED_DEPARTMENT, 2022, small_budget("100.00")),
            extracted(3),
        ),
        (
            extraction("archives_2022_budget_tables（更正）.pdf", REPUBLISHED_DEPARTMENT, 2022, small_budget("110.00")),
            extracted(5),
        ),
        (extraction("archives_2022_budget_text.pdf", REPUBLISHED_DEPARTMENT, 2022, narrative_only()), extracted(7)),
        (rejected_republished, extracted(9)),
        (rejected, extracted(2)),
        (
            extraction("county_service_center_2021_budget.pdf", ODD_CODES_DEPARTMENT, 2021, odd_codes_budget()),
            extracted(2),
        ),
        (
            extraction("finance_bureau_2025_unit_budget.pdf", WHOLE_YUAN_DEPARTMENT, 2025, whole_yuan_budget()),
            extracted(2),
        ),
        *department_names_scenario(),
    ]


def department_names_scenario() -> list[tuple[Extraction, datetime]]:
    """Files whose departments are printed in several ways (int_documents__department)."""
    party_full, party_short, party_narrative = PARTY_OFFICE_NAMES
    return [
        (
            extraction("qiaokou_bigdata_center_2022_budget.pdf", SHORT_SEED_DEPARTMENT, 2022, small_budget("50.00")),
            extracted(2),
        ),
        (extraction("party_office_2017_budget_tables.pdf", party_full, 2017, small_budget("70.00")), extracted(2)),
        (extraction("party_office_2018_budget_tables.pdf", party_short, 2018, small_budget("80.00")), extracted(2)),
        (
            extraction(
                "party_office_2018_budget_text.pdf",
                party_narrative,
                2018,
                narrative_only()
                .says("basic_expenditure", "基本支出80.00万元", "800000.00")
                .says("three_public_total", "三公经费预算数1.20万元", "12000.00")
                .says("general_public_expenditure", "一般公共预算支出80.00万元", "800000.00")
                .says("office_operating_expenses", "机关运行经费预算为2.00万元", "20000.00"),
            ),
            extracted(3),
        ),
        (
            extraction(
                "npc_office_2017_budget.pdf", NPC_OFFICE, 2017, small_budget("60.00"), aliases=(NPC_OFFICE_ALIAS,)
            ),
            extracted(2),
        ),
        (extraction("npc_office_2018_budget.pdf", NPC_OFFICE_ALIAS, 2018, office_operating_budget()), extracted(2)),
        *(
            (extraction(f"gulou_{n}_2023_budget.pdf", name, 2023, small_budget("40.00")), extracted(2))
            for n, name in enumerate(GULOU_DEPARTMENTS)
        ),
    ]
