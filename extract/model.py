"""What the extractor hands to the rest of the pipeline: plain, exact, traceable records.

Everything downstream (the raw DuckDB tables, the dbt models, the tests) speaks this
vocabulary; the public schema built from it is described in ``docs/schema.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# table_kind values (warehouse contract, "Vocabulary").
REVENUE_EXPENDITURE_SUMMARY = "revenue_expenditure_summary"
REVENUE_SUMMARY = "revenue_summary"
EXPENDITURE_SUMMARY = "expenditure_summary"
FISCAL_GRANT_SUMMARY = "fiscal_grant_summary"
GENERAL_PUBLIC_EXPENDITURE = "general_public_expenditure"
GENERAL_PUBLIC_BASIC_EXPENDITURE = "general_public_basic_expenditure"
GOVERNMENT_FUND_EXPENDITURE = "government_fund_expenditure"
THREE_PUBLIC_EXPENSES = "three_public_expenses"
STATE_CAPITAL_EXPENDITURE = "state_capital_expenditure"
OFFICE_OPERATING_EXPENDITURE = "office_operating_expenditure"
PERFORMANCE_TARGETS = "performance_targets"

# Where the text of a line came from (warehouse contract, "Vocabulary"): the PDF's text layer,
# or OCR of a page image (extract.ocr). A document read both ways is "mixed".
TEXT_LAYER = "text_layer"
OCR = "ocr"
MIXED = "mixed"
TEXT_SOURCES = (TEXT_LAYER, OCR, MIXED)

# Why a document was not loaded. The sentence in ``Extraction.status_reason`` says it in
# words; the kind is for machines (tests, truth files, dashboards).
REJECT_KINDS = (
    "empty_file",  # zero bytes
    "not_pdf",  # bytes that are no PDF at all
    "corrupt",  # a PDF that cannot be parsed (truncated, damaged)
    "encrypted",  # needs a password
    "no_text_layer",  # scanned: pages are images without text
    "not_budget",  # a readable PDF that is no budget disclosure
    "missing_tables",  # a disclosure whose required tables could not be found
    "too_large",  # over the page, size or characters-per-page limit
    "timeout",  # over the time limit
    "extractor_error",  # the extractor itself failed: a bug to report, never the document's fault
    "refused_file",  # a landing entry not read: a link out of the folder, a folder, a pipe, unreadable (warehouse.landing)
)


# A rectangle on a page, in pdfplumber's coordinates for that page: PDF points from the
# top-left corner of the page as displayed (after /Rotate), as ``page.crop(box)`` takes it.
Box = tuple[float, float, float, float]  # (x0, top, x1, bottom)


@dataclass(frozen=True)
class PageBox:
    """The frame of a page that lines were read from: what a box on it is relative to."""

    number: int  # 1-based
    width: float  # as pdfplumber reports it (after /Rotate)
    height: float
    rotation: int  # the page's /Rotate, 0 | 90 | 180 | 270


@dataclass(frozen=True)
class BudgetLine:
    """One amount printed in a standard table.

    ``amount_yuan`` is exact: a 万元 cell is multiplied by 10,000 as a Decimal.
    ``unit`` keeps the unit the cell was printed in, because rounding tolerances of the
    identities depend on it (0.005 万元 per printed term vs 0.005 元).
    """

    table_kind: str
    classification: str  # function | economic | revenue | three_public | other
    code: str | None  # 3/5/7-digit function code or 3/5-digit economic code
    line_key: str | None  # stable key for lines without a code (totals, income items, 三公 items)
    line_label: str  # as printed, whitespace normalised
    measure: str  # total | basic | project | business | ... (contract "measure")
    amount_yuan: Decimal
    is_subtotal: bool  # 类/款 rows and 合计 rows
    source_page: int  # 1-based page number in the source PDF
    unit: str  # 万元 | 元, as printed for the table
    # Where the amount and the row label are printed on ``source_page`` (evidence for a
    # reader who doubts the figure). None when the extractor could not tell.
    amount_box: Box | None = None
    label_box: Box | None = None
    # True for an amount the extractor computed instead of reading it from a cell (none
    # today); such a line has no amount box.
    is_derived: bool = False
    text_source: str = TEXT_LAYER  # TEXT_LAYER | OCR
    # The recogniser's confidence (0-1) in the box the amount was read from; None from a text layer.
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class TableFound:
    table_kind: str
    title: str  # as printed
    pages: tuple[int, ...]  # 1-based
    unit: str  # 万元 | 元
    empty_note: str | None = None  # e.g. 本单位2021年无政府性基金预算。 for a stated-empty table
    # Its header's lines above the first row, each whitespace-normalised, joined by " / "
    # (项目 / 2025年“三公”经费预算数 2026年“三公”经费预算数): the years it prints are checked.
    header: str | None = None


@dataclass
class DocumentFacts:
    department_name: str | None = None
    fiscal_year: int | None = None
    document_kind: str | None = None  # budget | final_account
    document_scope: str | None = None  # department | unit
    authorized_staff: int | None = None  # 编制人数
    actual_staff: int | None = None  # 在职实有人数
    # Other names the document prints for the same body (the cover says 武汉市硚口区大数据中心,
    # the headings 硚口区大数据中心): they let files and years of one department be joined.
    department_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PerformanceIndicator:
    """One row of a 绩效目标表's indicator grid (年度绩效指标): words, not amounts."""

    project: str | None  # the project of a 项目支出绩效目标表; None for 部门整体支出绩效目标表
    level1: str  # 一级指标 (产出指标, 效益指标, 满意度指标 ...)
    level2: str  # 二级指标 (数量指标, 质量指标 ...)
    level3: str  # 三级指标, the indicator itself
    target: str  # 指标值 as printed (≥95%, 4次, 2021年12月底前 ...)
    source_page: int


@dataclass(frozen=True)
class NarrativeTotal:
    """A total the narrative (情况说明, 第三部分) restates in words, kept to be checked against
    the tables: "2021年收支总预算2120.19万元" -> keys ``revenue_total`` and ``expenditure_total``."""

    key: str  # what is restated (see extract.narrative.NARRATIVE_KEYS)
    text: str  # the phrase it was read from, whitespace removed
    amount_yuan: Decimal
    unit: str  # 万元 | 元, as printed in the phrase
    source_page: int


@dataclass(frozen=True)
class NarrativeShare:
    """A share the narrative states of a total ("其中：基本支出231.69万元，占10.93%"), with the
    total it is a share of: the amount its list opens with ("支出预算2120.19万元，其中：") or the
    total it names ("占三公经费的11.24%") as the narrative states it, where the text says which."""

    text: str  # the phrase it was read from, whitespace removed
    amount_yuan: Decimal
    percent: Decimal  # as printed: 10.93 for 10.93%
    base_text: str | None  # the phrase of the total it is a share of, when the text says it
    base_yuan: Decimal | None
    source_page: int


@dataclass(frozen=True)
class NarrativeChange:
    """A change from last year the narrative states of an amount ("收支预算总额2120.19万元，比上年
    预算增加115.79万元，增长5.78%"; "2024年预算安排53.84万元，比2023年预算执行数减少1.39%";
    "比上年持平"), read as printed so that its words and figures can be checked together."""

    text: str  # the statement, whitespace removed
    amount_yuan: Decimal  # this year's amount, the one the change follows
    unit: str  # 万元 | 元, of every amount of the statement
    amount_decimals: int  # the fewest decimals its amounts print (28.1万元: 1), their rounding
    direction: str  # increase, decrease or flat: the change's word (extract.narrative_changes)
    change_yuan: Decimal | None  # the change as printed (增加115.79万元), when printed
    percent: Decimal | None  # its rate as printed (5.78 for 增长5.78%), when printed
    rate_direction: str | None  # the rate's word (增长5.78%: increase), when printed
    previous_yuan: Decimal | None  # last year's amount, when the statement prints it
    source_page: int


@dataclass(frozen=True)
class NarrativeYear:
    """A year the narrative gives a figure ("2026年部门收支总预算") or compares with ("比2025年预算")."""

    text: str  # the year with the words around it, whitespace removed
    year: int
    compares: bool  # named by a comparison (与/比/较 2025年), else opening a figure
    source_page: int


@dataclass(frozen=True)
class NarrativeExecution:
    """An execution statement a final account's narrative makes ("…年初预算为54.53万元，支出决算为
    54.53万元，完成年初预算的100.00%。决算数同预算数持平"), read as printed so that its words and
    figures can be checked together, and its 决算 against the table row its subject names."""

    text: str  # the statement with the words of its clause in front, whitespace removed
    subject: str  # what was budgeted and spent: its (类)(款)(项) chain, or the words in front (三公经费)
    budgeted_yuan: Decimal | None  # 年初预算 P, when printed
    final_yuan: Decimal  # 支出决算 X
    unit: str  # 万元 | 元, of both amounts
    amount_decimals: int  # the fewest decimals its amounts print, their rounding
    percent: Decimal | None  # 完成(年初)预算的Y%, as printed, when printed
    word: str | None  # above, below, flat or roughly_flat (extract.narrative_executions), when said
    wording: str | None  # the word's phrase as printed (决算数小于预算数)
    source_page: int
    # The names of the subject's chain (extract.narrative_classes.chain_segments), when it is one.
    class_name: str | None
    subclass_name: str | None
    item_name: str | None


@dataclass(frozen=True)
class NarrativeClassAmount:
    """An amount the narrative states for a function class by its names ("一般公共服务支出(类)
    2106.66万元"; "一般公共服务支出(类)财政事务(款)行政运行(项)1,623.18万元"), read so that it can
    be checked against the row of that class in the table it restates."""

    text: str  # the chain of names and the amount, whitespace removed
    class_name: str  # the 类, as printed (or printed in the heading above a 款 or 项)
    subclass_name: str | None  # the 款, when the chain names it
    item_name: str | None  # the 项, when the chain names it
    level: int  # of the class the amount is for: 1 类, 2 款, 3 项
    amount_yuan: Decimal
    unit: str  # 万元 | 元, as printed
    amount_decimals: int  # how many decimals the amount prints, its rounding
    restates: str | None  # the table the text last named: extract.narrative_classes scopes
    source_page: int


@dataclass(frozen=True)
class NarrativePlaceholder:
    """Template text left unfilled outside the tables ("上海市XX局", "增加××万元")."""

    text: str  # the placeholder with the words around it, whitespace removed
    placeholder: str  # XX, ××, ** ...
    source_page: int


@dataclass
class Extraction:
    source_file: str  # file name as dropped in the landing folder
    sha256: str
    page_count: int | None
    status: str  # loaded | rejected
    reject_kind: str | None = None  # one of REJECT_KINDS when rejected
    status_reason: str | None = None  # a plain sentence when rejected
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    tables: list[TableFound] = field(default_factory=list)
    lines: list[BudgetLine] = field(default_factory=list)
    indicators: list[PerformanceIndicator] = field(default_factory=list)
    narrative_totals: list[NarrativeTotal] = field(default_factory=list)
    narrative_shares: list[NarrativeShare] = field(default_factory=list)
    placeholders: list[NarrativePlaceholder] = field(default_factory=list)
    narrative_changes: list[NarrativeChange] = field(default_factory=list)
    narrative_years: list[NarrativeYear] = field(default_factory=list)
    narrative_executions: list[NarrativeExecution] = field(default_factory=list)
    narrative_class_amounts: list[NarrativeClassAmount] = field(default_factory=list)
    pages: list[PageBox] = field(default_factory=list)  # the pages lines were read from
    # TEXT_LAYER; OCR when no page has a text layer; MIXED when some pages have one and others
    # were read by OCR (a born-digital narrative with scanned tables).
    text_source: str = TEXT_LAYER
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages read by OCR
