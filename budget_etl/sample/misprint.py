"""A deliberate misprint: one printed amount of one standard table changed, nothing else.

The change is made on the laid-out table, after every total has been added up from the line
items, so the misprinted cell is the only one that differs from a clean disclosure (the other
tables, the narrative and the 绩效目标表 still show the clean figures). Its truth line says
what is printed, the misprinted amount, so the extractor is still judged exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget_etl.sample.grid import Cell, PrintedTable
from budget_etl.sample.money import printed
from budget_etl.sample.style import Style
from extract.model import BudgetLine


@dataclass(frozen=True)
class Misprint:
    """The cell whose truth line has these fields (``classification`` only where the same key is
    printed in two column groups, as 本年支出合计 in the Wuhan 收支预算总表), printed
    ``delta_yuan`` off."""

    table_kind: str
    measure: str
    delta_yuan: Decimal
    code: str | None = None
    line_key: str | None = None
    classification: str | None = None

    def matches(self, line: BudgetLine) -> bool:
        return (
            line.table_kind == self.table_kind
            and line.measure == self.measure
            and line.code == self.code
            and line.line_key == self.line_key
            and (self.classification is None or line.classification == self.classification)
        )


def misprint_tables(
    tables: Sequence[PrintedTable], misprints: Sequence[Misprint], style: Style
) -> tuple[list[PrintedTable], list[tuple[BudgetLine, BudgetLine]]]:
    """``tables`` with each misprint applied to the one cell it names, and (clean line, printed
    line) for each. A misprint naming no printed cell, or more than one, is an error: a blank
    cell has no amount to misprint."""
    tables = list(tables)
    changed: list[tuple[BudgetLine, BudgetLine]] = []
    for misprint in misprints:
        hits = [
            (t, r, c)
            for t, table in enumerate(tables)
            for r, row in enumerate(table.rows)
            for c, cell in enumerate(row)
            if cell.line and misprint.matches(cell.line)
        ]
        if len(hits) != 1:
            raise ValueError(f"{misprint} names {len(hits)} printed cells, not one")
        t, r, c = hits[0]
        table = tables[t]
        cell = table.rows[r][c]
        clean = cell.line
        assert clean is not None  # a hit is a cell with a line
        line = dataclasses.replace(clean, amount_yuan=clean.amount_yuan + misprint.delta_yuan)
        new_cell = Cell(printed(line.amount_yuan, style.unit, style.thousands), cell.align, cell.span, line)
        row = (*table.rows[r][:c], new_cell, *table.rows[r][c + 1 :])
        tables[t] = dataclasses.replace(table, rows=(*table.rows[:r], row, *table.rows[r + 1 :]))
        changed.append((clean, line))
    return tables, changed
