"""A ruled table as it will be drawn: header cells with their spans, body rows of cells, and the
truth carried by every amount cell. ``tables`` and ``performance`` build these; ``render``
draws them without knowing anything about budgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import BudgetLine

LEFT, RIGHT, CENTER = "left", "right", "center"


@dataclass(frozen=True)
class Cell:
    text: str = ""
    align: str = LEFT
    span: int = 1  # columns covered
    # The truth of an amount cell, with source_page 0: the renderer sets the page it lands on.
    line: BudgetLine | None = None


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Column:
    """A header column; ``children`` make it a merged cell over them (其中： over 基本支出 ...)."""

    text: str
    width: float = 1.0  # relative; a parent's width is the sum of its children's
    children: tuple[Column, ...] = ()
    # Header rows a parent's caption takes: 2 puts its children on the row of its cousins'
    # children (合计 over 预算数 | 决算数 beside 公务用车购置及运行费 > 小计 > 预算数 | 决算数).
    caption_rows: int = 1


@dataclass(frozen=True)
class PrintedTable:
    kind: str  # table_kind
    title: str  # the title line as printed
    unit: str  # 万元 | 元
    widths: tuple[float, ...]  # relative column widths
    header: tuple[HeaderCell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    number_line: str | None = None  # 表1 printed on its own line above the title
    subtitles: tuple[str, ...] = ()  # lines between the title and the unit line ("三公"经费支出表)
    unit_left: str = ""  # printed left of 单位：万元 on the unit line: 表一, 编制单位：...
    empty_note: str | None = None
    landscape: bool = False
    continue_on_page: bool = False  # start below the previous table when it fits
    truth_complete: bool = True  # every amount cell carries its truth line


def header_grid(columns: tuple[Column, ...]) -> tuple[tuple[HeaderCell, ...], tuple[float, ...]]:
    """Header cells and leaf column widths for a column tree; leaves reach down to the last row."""
    depth = max(_depth(c) for c in columns)
    cells: list[HeaderCell] = []
    widths: list[float] = []

    def place(column: Column, row: int) -> None:
        col = len(widths)
        if column.children:
            for child in column.children:
                place(child, row + column.caption_rows)
            cells.append(HeaderCell(column.text, row, col, column.caption_rows, len(widths) - col))
        else:
            widths.append(column.width)
            cells.append(HeaderCell(column.text, row, col, depth - row, 1))

    for column in columns:
        place(column, 0)
    return tuple(cells), tuple(widths)


def _depth(column: Column) -> int:
    return (column.caption_rows if column.children else 1) + max((_depth(c) for c in column.children), default=0)
