"""Deliberate faults of a document's make-up, for the review-rule breakers: a table title printing
another year, a table printed twice, two tables swapped out of their numbered order, a total the
narrative restates as 0 (an unfilled template), a required table left out, a table printed empty
with a note about another table, a share the narrative misstates or states above 100%, a blank
of the template left unfilled, a change from last year whose rate is not its amounts', a change
compared with the document's own year, a 决算's word against its figures, a function class's
amount the narrative misstates, a total the narrative misstates.

Like a misprint (``budget_etl.sample.misprint``), a fault is applied to the laid-out tables and
changes nothing else: every amount stays clean, so no identity breaks. A table printed again
carries no truth lines, as the extractor reads a table printed twice once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_etl.sample.budget import Narrative, Section
from budget_etl.sample.grid import PrintedTable
from budget_etl.sample.money import wan

TITLE_YEAR, REPEAT, SWAP, ZERO_TOTAL, OMIT, NOTE = "title_year", "repeat", "swap", "zero_total", "omit", "note"
HEADER_YEAR = "header_year"
SHARE, OVER_100, PLACEHOLDER = "share", "over_100", "placeholder"
CHANGE, YEAR, EXECUTION, CLASS, MISSTATE = "change", "year", "execution", "class", "misstate"
# Applied by fault_narrative, the tables untouched.
NARRATIVE_FAULTS = (ZERO_TOTAL, SHARE, OVER_100, PLACEHOLDER, CHANGE, YEAR, EXECUTION, CLASS, MISSTATE)
SHARE_DELTA = Decimal("5.00")  # percentage points: far beyond any rounding
_SHARE = re.compile(r"占(\d+\.\d{2})%")
_TOTAL = re.compile(r"收支总预算(\d+\.\d{2})万元")
_CLASS = re.compile(r"（类）(\d+\.\d{2})万元")
_CENT = Decimal("0.01")
_EXECUTION_WORD = re.compile(r"决算数(小于|大于)预算数")
_OPPOSITE = {"小于": "大于", "大于": "小于"}
_AMOUNT_HEADINGS = ("合计", "预算数", "决算数", "金额")


@dataclass(frozen=True)
class LayoutFault:
    """``kind`` TITLE_YEAR: ``table_kind``'s title prints ``year`` instead of the fiscal year;
    HEADER_YEAR: its first amount heading (合计, 预算数 ...) prints ``year``年 in front; REPEAT:
    ``table_kind`` is printed a second time right after itself; SWAP: ``table_kind`` and
    ``other_kind`` change places, each keeping its number; ZERO_TOTAL: the narrative's first
    ``keyword``<amount>万元, restating a total of ``table_kind``, prints 0万元 (the tables are
    untouched); OMIT: ``table_kind`` is not printed (the others keep their numbers); NOTE:
    ``table_kind``, printed empty, prints ``note`` instead of its own note; SHARE: the narrative's
    first share (占x%) prints x + SHARE_DELTA; OVER_100: it prints x + 100; PLACEHOLDER: the
    closing's telephone number is the template's XXXXXXXX; CHANGE: the narrative's 收支总预算 says
    it grew by a tenth of itself from last year, at a rate SHARE_DELTA points above the one its
    amounts give; YEAR: it says so at the right rate, but compared with ``year`` (比2025年预算 in a
    2025 budget, as a real one prints); EXECUTION: a 决算's first 决算数小于预算数 says 大于, or the
    other way round; CLASS: the narrative's first amount of a function class (一般公共服务支出（类）X
    万元, stated without a share) prints a tenth more, at least 1万元; MISSTATE: the narrative's
    first ``keyword``<amount>万元, restating ``total_keys``, prints a tenth more, at least 1万元.
    These eight concern no table: ``table_kind`` None."""

    kind: str
    table_kind: str | None
    year: int | None = None
    other_kind: str | None = None
    keyword: str | None = None
    total_keys: tuple[str, ...] = ()  # the narrative totals (extract.narrative keys) the phrase states first
    note: str | None = None


def apply_faults(tables: Sequence[PrintedTable], faults: Sequence[LayoutFault], fiscal_year: int) -> list[PrintedTable]:
    tables = list(tables)
    for fault in faults:
        if fault.kind in NARRATIVE_FAULTS:
            continue  # fault_narrative
        (i,) = [n for n, t in enumerate(tables) if t.kind == fault.table_kind]
        if fault.kind == TITLE_YEAR:
            title = re.sub(str(fiscal_year), str(fault.year), tables[i].title, count=1)
            if title == tables[i].title:
                raise ValueError(f"{fault}: the title {tables[i].title!r} prints no year")
            tables[i] = dataclasses.replace(tables[i], title=title)
        elif fault.kind == HEADER_YEAR:
            header = list(tables[i].header)
            j = next((n for n, cell in enumerate(header) if cell.text in _AMOUNT_HEADINGS), None)
            if j is None:
                raise ValueError(f"{fault}: the header prints no amount heading")
            header[j] = dataclasses.replace(header[j], text=f"{fault.year}年{header[j].text}")
            tables[i] = dataclasses.replace(tables[i], header=tuple(header))
        elif fault.kind == REPEAT:
            tables.insert(i + 1, _without_truth(tables[i]))
        elif fault.kind == OMIT:
            del tables[i]
        elif fault.kind == NOTE:
            if not tables[i].empty_note:
                raise ValueError(f"{fault}: the table is not printed empty")
            tables[i] = dataclasses.replace(tables[i], empty_note=fault.note)
        elif fault.kind == SWAP:
            (j,) = [n for n, t in enumerate(tables) if t.kind == fault.other_kind]
            tables[i], tables[j] = tables[j], tables[i]
        else:
            raise ValueError(f"unknown layout fault {fault.kind!r}")
    return tables


def _without_truth(table: PrintedTable) -> PrintedTable:
    rows = tuple(tuple(dataclasses.replace(cell, line=None) for cell in row) for row in table.rows)
    return dataclasses.replace(table, rows=rows, continue_on_page=False)


def fault_narrative(narrative: Narrative, faults: Sequence[LayoutFault]) -> Narrative:
    """``narrative`` with its narrative faults (NARRATIVE_FAULTS) applied, its ``totals`` saying
    what it now prints."""
    for fault in faults:
        if fault.kind == ZERO_TOTAL:
            pattern = re.compile(f"{fault.keyword}[0-9.]+万元")
            explanation = _first_replaced(narrative, pattern, f"{fault.keyword}0万元", fault)
            totals = {**narrative.totals, **dict.fromkeys(fault.total_keys, Decimal(0))}
            narrative = dataclasses.replace(narrative, explanation=explanation, totals=totals)
        elif fault.kind in (SHARE, OVER_100):
            raised = _share_raised_by(SHARE_DELTA if fault.kind == SHARE else Decimal(100))
            explanation = _first_replaced(narrative, _SHARE, raised, fault)
            narrative = dataclasses.replace(narrative, explanation=explanation)
        elif fault.kind == PLACEHOLDER:
            closing, replaced = re.subn(r"[0-9-]{7,}", "XXXXXXXX", narrative.closing)
            if not replaced:
                raise ValueError(f"{fault}: the closing {narrative.closing!r} prints no telephone number")
            narrative = dataclasses.replace(narrative, closing=closing)
        elif fault.kind in (CHANGE, YEAR):
            grown = (
                _grown_by_a_tenth("上年", SHARE_DELTA) if fault.kind == CHANGE else _grown_by_a_tenth(f"{fault.year}年")
            )
            explanation = _first_replaced(narrative, _TOTAL, grown, fault)
            narrative = dataclasses.replace(narrative, explanation=explanation)
        elif fault.kind == EXECUTION:
            explanation = _first_replaced(
                narrative, _EXECUTION_WORD, lambda m: m[0].replace(m[1], _OPPOSITE[m[1]]), fault
            )
            narrative = dataclasses.replace(narrative, explanation=explanation)
        elif fault.kind == CLASS:
            explanation = _first_replaced(narrative, _CLASS, _misstated_class, fault)
            narrative = dataclasses.replace(narrative, explanation=explanation)
        elif fault.kind == MISSTATE:
            narrative = _misstated_total(narrative, fault)
    return narrative


def _share_raised_by(points: Decimal) -> Callable[[re.Match[str]], str]:
    return lambda share: f"占{Decimal(share[1]) + points}%"


def _grown_by_a_tenth(since: str, rate_error: Decimal = Decimal(0)) -> Callable[[re.Match[str]], str]:
    """The total, said to have grown by a tenth of itself since ``since``, at its rate plus ``rate_error``."""

    def said(total: re.Match[str]) -> str:
        amount = Decimal(total[1])
        change = (amount / 10).quantize(_CENT)
        rate = (100 * change / (amount - change)).quantize(_CENT) + rate_error
        return f"{total[0]}，比{since}预算增加{change}万元，增长{rate}%"

    return said


def _misstated_class(statement: re.Match[str]) -> str:
    return f"（类）{_a_tenth_more(Decimal(statement[1]))}万元"


def _misstated_total(narrative: Narrative, fault: LayoutFault) -> Narrative:
    pattern = re.compile(f"{fault.keyword}([0-9.]+)万元")
    said = [m for section in narrative.explanation for p in section.paragraphs if (m := pattern.search(p))]
    if not said:
        raise ValueError(f"{fault}: the narrative never prints {pattern.pattern}")
    amount = _a_tenth_more(Decimal(said[0][1]))
    explanation = _first_replaced(narrative, pattern, f"{fault.keyword}{amount}万元", fault)
    totals = {**narrative.totals, **dict.fromkeys(fault.total_keys, wan(str(amount)))}
    return dataclasses.replace(narrative, explanation=explanation, totals=totals)


def _a_tenth_more(amount: Decimal) -> Decimal:
    """An amount in 万元 a tenth higher, at least 1万元: far beyond any rounding."""
    return amount + max((amount / 10).quantize(_CENT), Decimal(1))


def _first_replaced(
    narrative: Narrative,
    pattern: re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    fault: LayoutFault,
) -> tuple[Section, ...]:
    """The explanation with the first match of ``pattern`` replaced."""
    explanation = []
    done = False
    for section in narrative.explanation:
        paragraphs = []
        for paragraph in section.paragraphs:
            if not done and pattern.search(paragraph):
                paragraph, done = pattern.sub(replacement, paragraph, count=1), True
            paragraphs.append(paragraph)
        explanation.append(Section(section.heading, tuple(paragraphs)))
    if not done:
        raise ValueError(f"{fault}: the narrative never prints {pattern.pattern}")
    return tuple(explanation)
