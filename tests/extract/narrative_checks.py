"""Whether a total the narrative restates (extract.narrative) agrees with the table cell it restates.

The extractor's tests check its narrative totals on extractions alone, without a warehouse.
Which cell a total restates comes from the dbt seed ``dbt_project/seeds/ref_narrative_total.csv``,
the one marts.fct_narrative_check joins, so that the mapping has one source.

A restated figure agrees with its cell when they differ by no more than half a unit of the last
digit the narrative printed: 50 元 for "2120.19万元", 5,000 元 for Shanghai's "17,192万元", which
rounds a table printed in 元 to the 万元.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Protocol

from extract.model import THREE_PUBLIC_EXPENSES, NarrativeTotal
from tests.paths import REPO

NARRATIVE_TOTAL_CSV = REPO / "dbt_project" / "seeds" / "ref_narrative_total.csv"

Cell = tuple[str, str, str]  # table_kind, line_key, measure
_PRINTED_DECIMALS = re.compile(r"(?:\.(\d+))?(?:万元|元)$")


class Line(Protocol):
    """What is needed of a budget line: an extract.model.BudgetLine, or a row of the warehouse."""

    table_kind: str
    line_key: str | None
    measure: str
    amount_yuan: Decimal


@cache
def table_cells() -> dict[str, tuple[Cell, ...]]:
    """{total key: the cells that print it, by priority}: the first one a disclosure prints is the one."""
    with open(NARRATIVE_TOTAL_CSV, encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda row: (row["total_key"], int(row["priority"])))
    cells: dict[str, tuple[Cell, ...]] = {}
    for row in rows:
        cell = (row["table_kind"], row["line_key"], row["measure"])
        cells[row["total_key"]] = (*cells.get(row["total_key"], ()), cell)
    return cells


def _three_public_item(key: str) -> bool:
    """As marts.fct_narrative_check: a total only the 三公 table's items print (机关运行经费, printed
    beside them by some 三公 tables, has a table of its own and is none)."""
    return all(kind == THREE_PUBLIC_EXPENSES and line_key != "total" for kind, line_key, _ in table_cells()[key])


def table_figure(lines: Iterable[Line], key: str) -> Decimal | None:
    """The table amount a narrative total restates, or None when the tables do not print it.

    An empty 三公 cell prints nothing, so a missing 三公 item is 0 once the table's 合计 was read.
    """
    printed = {(ln.table_kind, ln.line_key, ln.measure): ln.amount_yuan for ln in lines}
    found = next((printed[c] for c in table_cells()[key] if c in printed), None)
    if found is None and _three_public_item(key) and (THREE_PUBLIC_EXPENSES, "total", "total") in printed:
        return Decimal("0.00")
    return found


def rounding_bound_yuan(total: NarrativeTotal) -> Decimal:
    """Half a unit of the last digit printed: 50 元 for "2120.19万元", 5,000 元 for "17,192万元";
    none for a stated absence ("无机关运行经费"), an exact 0."""
    printed = _PRINTED_DECIMALS.search(total.text)
    if printed is None:
        return Decimal(0)
    places = len(printed.group(1) or "")
    return Decimal(5).scaleb(-places - 1) * (Decimal(10000) if total.unit == "万元" else 1)


def agrees(total: NarrativeTotal, lines: Iterable[Line]) -> bool | None:
    """Whether the tables print the same figure, within the narrative's rounding; None when they
    do not print it (nothing to check against)."""
    figure = table_figure(lines, total.key)
    return None if figure is None else abs(figure - total.amount_yuan) <= rounding_bound_yuan(total)
