"""How a disclosure is laid out: the presentation choices that differ between publishers.

The extractor is judged on PDFs of many producers, so every choice that real disclosures
make differently is a field here, and the corpus spreads them over its documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget_etl.sample.codes import chinese_number
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

HUBEI = "hubei"  # Wuhan's template: 收支预算总表 with 一.财政拨款（补助） rows, two-row headers
NATIONAL = "national"  # the Ministry of Finance template: 部门收支总表, one-row headers

# Table order of the Wuhan template (政府性基金 before 三公) and of the national one (三公 first).
HUBEI_ORDER = (
    REVENUE_EXPENDITURE_SUMMARY,
    REVENUE_SUMMARY,
    EXPENDITURE_SUMMARY,
    FISCAL_GRANT_SUMMARY,
    GENERAL_PUBLIC_EXPENDITURE,
    GENERAL_PUBLIC_BASIC_EXPENDITURE,
    GOVERNMENT_FUND_EXPENDITURE,
    THREE_PUBLIC_EXPENSES,
)
NATIONAL_ORDER = (
    REVENUE_EXPENDITURE_SUMMARY,
    REVENUE_SUMMARY,
    EXPENDITURE_SUMMARY,
    FISCAL_GRANT_SUMMARY,
    GENERAL_PUBLIC_EXPENDITURE,
    GENERAL_PUBLIC_BASIC_EXPENDITURE,
    THREE_PUBLIC_EXPENSES,
    GOVERNMENT_FUND_EXPENDITURE,
)
# Later national templates add 国有资本经营预算支出表 after the fund table (贵州德江 2025: 表9).
NATIONAL_ORDER_STATE_CAPITAL = (*NATIONAL_ORDER, STATE_CAPITAL_EXPENDITURE)
# Seen in Sichuan: the 财政拨款 summary second, the fund table before the basic-expenditure one.
ZIGONG_ORDER = (
    REVENUE_EXPENDITURE_SUMMARY,
    FISCAL_GRANT_SUMMARY,
    REVENUE_SUMMARY,
    EXPENDITURE_SUMMARY,
    GENERAL_PUBLIC_EXPENDITURE,
    GOVERNMENT_FUND_EXPENDITURE,
    GENERAL_PUBLIC_BASIC_EXPENDITURE,
    THREE_PUBLIC_EXPENSES,
)

# Numbering styles: "表 1.2021 年收支预算总表" + "表一" on the unit line (the seed), 表1, 表一, 附表1.
SEED_NUMBERING = "seed"
ARABIC = "arabic"
CHINESE = "chinese"
APPENDIX = "appendix"


@dataclass(frozen=True)
class Style:
    template: str = HUBEI
    numbering: str = ARABIC
    number_inline: bool = True  # "表1 2022年部门收支总表" (else 表1 on its own line above the title)
    title_with_department: bool = False  # "XX局2022年部门收支总表"
    unit: str = "万元"
    thousands: bool = True
    zero_cells: bool = False  # print 0.00 in empty amount cells (else leave them blank)
    split_codes: bool = False  # 类 | 款 | 项 in three columns ("201 01 01", 款 rows show "01")
    landscape: bool = False  # the tables on landscape pages (narrative stays portrait)
    order: tuple[str, ...] = HUBEI_ORDER
    three_public_list: bool = False  # 三公 as a vertical list instead of a one-row grid
    # 三公 grid with 会议费 and 培训费 beside the 三公 columns, under a 合计 of all five (陕西 柞水县).
    three_public_meetings_training: bool = False
    # 三公 grid titled “三公”经费和机关运行经费预算表, its 机关运行经费 (the 公用经费 of the 基本支出表)
    # in a column after the 三公 items (Shanghai).
    three_public_office_operating: bool = False
    all_classes: bool = False  # national 部门收支总表 lists every 类, not only those with money
    cover: bool = False  # a cover page and a 目录 listing every table title
    page_numbers: bool = False  # "- 3 -" at the foot of each page
    tables_as_appendix: bool = False  # tables after the narrative, as 附件
    performance_tables: bool = True  # 绩效目标表 after the standard tables
    # Seed quirks, reproduced because real extractors meet them:
    income_grand_label: str = "收入总计"  # the seed prints 本年收入合计 twice instead
    revenue_summary_top_blank: bool = False  # 表2 prints no amount on 一.财政拨款（补助）
    three_public_below_fund: bool = False  # 三公 printed on the 政府性基金 table's page

    def number(self, n: int) -> str:
        """The table number as printed: 1, 一, 附表1 ..."""
        if self.numbering == CHINESE:
            return f"表{chinese_number(n)}"
        if self.numbering == APPENDIX:
            return f"附表{n}"
        return f"表{n}"

    def project_number(self, n: int, i: int) -> str:
        """The number of the i-th (1-based) per-project 绩效目标表 after table n-1: 表10-1, 附表10-1;
        with Chinese numbers one number per table instead (表九, 表十, 表十一 ...)."""
        if self.numbering == CHINESE:
            return self.number(n + i - 1)
        return f"{self.number(n)}-{i}"

    def title(
        self, number: str, name: str, year: int, department: str, year_word: bool = True
    ) -> tuple[str, str | None]:
        """(title line, number line above it or None) for a table called ``name``.

        ``year_word`` False drops the 年 after the year, as the seed's 绩效目标表 titles do
        ("表 9.2021 部门整体支出绩效目标表")."""
        year_text = f"{year}年" if year_word else f"{year}"
        if self.numbering == SEED_NUMBERING:
            spaced = year_text.replace("年", " 年") if year_word else f"{year} "
            return f"{number.replace('表', '表 ', 1)}.{spaced}{name}", None
        body = f"{department if self.title_with_department else ''}{year_text}{name}"
        if self.number_inline:
            return f"{number} {body}", None
        return body, number

    def unit_line_left(self, n: int, department: str) -> str:
        """What is printed left of 单位：万元: the seed repeats the number as 表一."""
        if self.numbering == SEED_NUMBERING:
            return f"表{chinese_number(n)}"
        return f"编制单位：{department}" if not self.title_with_department else ""
