"""One disclosure PDF: the narrative parts around the standard tables and the 绩效目标表, in the
order and the page setup its style asks for; returns the PDF bytes with the truth of what was
printed where.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.lib.pdfencrypt import StandardEncryption

from budget_etl.sample.budget import Narrative, PublishedBudget, Section
from budget_etl.sample.faults import LayoutFault, apply_faults
from budget_etl.sample.grid import LEFT, PrintedTable
from budget_etl.sample.misprint import Misprint, misprint_tables
from budget_etl.sample.performance import performance_tables
from budget_etl.sample.render import PdfWriter
from budget_etl.sample.style import Style
from budget_etl.sample.tables import TableMaker
from extract.model import BudgetLine, TableFound

OVERVIEW, TABLES, EXPLANATION, GLOSSARY = "overview", "tables", "explanation", "glossary"


@dataclass(frozen=True)
class Disclosure:
    file_name: str
    budget: PublishedBudget
    narrative: Narrative
    style: Style
    broken: tuple[str, ...] = ()  # identities this document breaks on purpose (the targeted ones)
    misprints: tuple[Misprint, ...] = ()  # printed cells changed after layout
    faults: tuple[LayoutFault, ...] = ()  # the make-up changed after layout (a review rule's breaker)
    review_rules: tuple[str, ...] = ()  # the review rules the faults break on purpose
    narrative_failures: tuple[str, ...] = ()  # the narrative totals the faults misstate on purpose


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    page_count: int
    lines: list[BudgetLine]
    tables: list[TableFound]
    truth_kinds: frozenset[str]  # table kinds whose every printed amount is in ``lines``
    misprinted: tuple[tuple[BudgetLine, BudgetLine], ...] = ()  # (clean, printed) of each misprint


def render(disclosure: Disclosure, encrypt: StandardEncryption | None = None) -> Rendered:
    budget, style, narrative = disclosure.budget, disclosure.style, disclosure.narrative
    standard, misprinted = misprint_tables(TableMaker(budget, style).tables(), disclosure.misprints, style)
    standard = apply_faults(standard, disclosure.faults, budget.fiscal_year)
    extra = performance_tables(budget, style, len(standard) + 1) if style.performance_tables else []
    tables = standard + extra
    writer = PdfWriter(page_numbers=style.page_numbers, encrypt=encrypt)
    outline = _outline(budget, style)
    if style.cover:
        _cover(writer, budget, outline, tables)
    sections = {OVERVIEW: narrative.overview, EXPLANATION: narrative.explanation, GLOSSARY: narrative.glossary}
    printed = []
    for heading, part in outline:
        if part == TABLES:
            printed = _tables(writer, heading, tables)
        else:
            _part(writer, heading, sections[part], narrative.closing if part == GLOSSARY else "")
    pdf = writer.finish()
    return Rendered(
        pdf=pdf,
        page_count=writer.page,
        lines=[line for table_lines, _ in printed for line in table_lines],
        tables=[found for _, found in printed],
        truth_kinds=frozenset(t.kind for t in standard if t.truth_complete),
        misprinted=tuple(misprinted),
    )


def _outline(budget: PublishedBudget, style: Style) -> list[tuple[str, str]]:
    """The parts in printed order with their headings; tables last, as 附件, in some documents."""
    name, year, word = budget.short_name, budget.fiscal_year, _kind_word(budget)
    tables, explanation = f"{name}{year}年部门{word}表", f"{name}{year}年部门{word}情况说明"
    if style.tables_as_appendix:
        return [
            (f"第一部分 {name}概况", OVERVIEW),
            (f"第二部分 {explanation}", EXPLANATION),
            ("第三部分 名词解释", GLOSSARY),
            (f"附件：{tables}", TABLES),
        ]
    return [
        (f"第一部分 {name}概况", OVERVIEW),
        (f"第二部分 {tables}", TABLES),
        (f"第三部分 {explanation}", EXPLANATION),
        ("第四部分 名词解释", GLOSSARY),
    ]


def _kind_word(budget: PublishedBudget) -> str:
    return "决算" if budget.document_kind == "final_account" else "预算"


def _part(writer: PdfWriter, heading: str, sections: tuple[Section, ...], closing: str = "") -> None:
    writer.new_page()
    writer.heading(heading)
    for section in sections:
        if section.heading:
            writer.heading(section.heading, size=13, align=LEFT, space=4)
        for paragraph in section.paragraphs:
            writer.paragraph(paragraph)
    if closing:
        writer.spacer(12)
        writer.paragraph(closing)


def _tables(writer: PdfWriter, heading: str, tables: list[PrintedTable]):
    """The part heading shares the first table's page, as in the seed."""
    writer.new_page(tables[0].landscape)
    writer.heading(heading)
    first = dataclasses.replace(tables[0], continue_on_page=True)
    return [writer.table(t) for t in [first, *tables[1:]]]


def _cover(writer: PdfWriter, budget: PublishedBudget, outline, tables: list[PrintedTable]) -> None:
    """A cover, then a 目录 listing the part headings and every table title (a page full of
    table titles without tables, which an extractor must not mistake for the tables)."""
    writer.new_page()
    writer.spacer(220)
    writer.heading(budget.department_name, size=24)
    final = budget.document_kind == "final_account"
    writer.heading(f"{budget.fiscal_year}年度部门决算" if final else f"{budget.fiscal_year}年部门预算", size=24)
    writer.spacer(260)
    # A budget is published before its year begins, a final account the summer after it ends.
    writer.heading(f"{budget.fiscal_year + 1}年8月" if final else f"{budget.fiscal_year - 1}年12月", size=14)
    writer.new_page()
    writer.heading("目  录", size=18)
    for heading, part in outline:
        writer.paragraph(heading, indent=False)
        if part == TABLES:
            for table in tables:
                writer.paragraph(" ".join(filter(None, (table.number_line, table.title))))
