"""Draws headings, paragraphs and ruled tables onto A4 pages with reportlab's canvas.

Drawing on the canvas directly (rather than through platypus) keeps it fast and tells us the
page every table row lands on, which is the truth's ``source_page``. The CID font STSong-Light
is built into reportlab and every PDF reader, so no font file is needed, and pdfplumber reads
its text back. ``invariant=1`` pins the creation date and file ID: the same input gives the
same bytes.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from budget_etl.sample.grid import CENTER, LEFT, RIGHT, Cell, PrintedTable
from extract.model import BudgetLine, TableFound

FONT = "STSong-Light"
MARGIN = 42.0
TABLE_SIZE = 9.0
PAD = 2.5


@lru_cache(maxsize=1)
def _register_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write page streams Flate-compressed but not ASCII85-armoured, as office suites do; it also
    saves a fifth of the time. reportlab reads this process-wide setting when it writes a page."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


@lru_cache(maxsize=4096)
def _char_width(char: str) -> float:
    return pdfmetrics.stringWidth(char, FONT, 1.0)


def text_width(text: str, size: float) -> float:
    return sum(_char_width(c) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most ``width`` points, broken between any two characters (Chinese text has
    no spaces to break at); explicit newlines are kept."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for char in paragraph:
            w = _char_width(char) * size
            if line and used + w > width:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += w
        lines.append(line)
    return lines


class PdfWriter:
    def __init__(self, page_numbers: bool = False, encrypt: StandardEncryption | None = None) -> None:
        _register_font()
        self._buffer = io.BytesIO()
        self._canvas = Canvas(self._buffer, pagesize=A4, invariant=1, encrypt=encrypt, pageCompression=1)
        self._page_numbers = page_numbers
        self.page = 0
        self._open = False
        self._landscape = False
        self._y = 0.0

    # --- pages ------------------------------------------------------------------------------

    @property
    def _size(self) -> tuple[float, float]:
        return landscape(A4) if self._landscape else A4

    @property
    def _width(self) -> float:
        return self._size[0] - 2 * MARGIN

    def new_page(self, landscape_page: bool = False) -> None:
        if self._open:
            self._close_page()
        self._landscape = landscape_page
        self._canvas.setPageSize(self._size)
        self.page += 1
        self._open = True
        self._y = self._size[1] - MARGIN

    def _close_page(self) -> None:
        if self._page_numbers:
            self._canvas.setFont(FONT, 10)
            self._canvas.drawCentredString(self._size[0] / 2, MARGIN / 2, f"- {self.page} -")
        with _binary_streams():
            self._canvas.showPage()
        self._open = False

    def _room(self, height: float, landscape_page: bool = False) -> None:
        """Go on to a new page unless ``height`` still fits on the current one."""
        if not self._open or self._landscape != landscape_page or self._y - height < MARGIN:
            self.new_page(landscape_page)

    def finish(self) -> bytes:
        if self._open:
            self._close_page()
        with _binary_streams():
            self._canvas.save()
        return self._buffer.getvalue()

    # --- text -------------------------------------------------------------------------------

    def _line(self, text: str, size: float, align: str = LEFT, indent: float = 0.0) -> None:
        self._y -= size * 1.2
        self._canvas.setFont(FONT, size)
        if align == CENTER:
            self._canvas.drawCentredString(self._size[0] / 2, self._y, text)
        elif align == RIGHT:
            self._canvas.drawRightString(self._size[0] - MARGIN, self._y, text)
        else:
            self._canvas.drawString(MARGIN + indent, self._y, text)

    def heading(self, text: str, size: float = 16.0, align: str = CENTER, space: float = 10.0) -> None:
        self._room(size * 3)
        self._y -= space
        for line in wrap(text, self._width, size):
            self._line(line, size, align)
        self._y -= space

    def paragraph(self, text: str, size: float = 12.0, indent: bool = True) -> None:
        """Body text, first line indented two characters, lines spaced like a word processor's."""
        first = 2 * size if indent else 0.0
        lines = wrap(text, self._width - first, size)
        lines = lines[:1] + wrap("".join(lines[1:]), self._width, size) if len(lines) > 1 else lines
        for i, line in enumerate(lines):
            self._room(size * 1.9)
            self._line(line, size, LEFT, first if i == 0 else 0.0)
            self._y -= size * 0.7

    def spacer(self, height: float) -> None:
        self._y -= height

    # --- tables -----------------------------------------------------------------------------

    def table(self, table: PrintedTable) -> tuple[list[BudgetLine], TableFound]:
        """Draw ``table``, breaking it across pages with its header repeated (never its title);
        return its amount cells' truth lines with their pages, and what was found where."""
        scale = self._page_width(table) / sum(table.widths)
        widths = [w * scale for w in table.widths]
        header_heights = _header_heights(table, widths)
        rows = list(table.rows)
        if table.empty_note:
            rows.append((Cell(table.empty_note, LEFT, span=len(widths)),))
        row_heights = [_row_height(row, widths) for row in rows]
        title_height = self._title_height(table)
        first = title_height + sum(header_heights) + (row_heights[0] if rows else 0)
        if table.continue_on_page and self._open and self._landscape == table.landscape:
            self._y -= 24
            self._room(first, table.landscape)
        else:
            self.new_page(table.landscape)
        pages = {self.page}
        self._title(table)
        self._header(table, widths, header_heights)
        lines = []
        for row, height in zip(rows, row_heights, strict=True):
            if self._y - height < MARGIN:
                self.new_page(table.landscape)
                pages.add(self.page)
                self._header(table, widths, header_heights)
            lines += self._row(row, widths, height)
        found = TableFound(table.kind, table.title, tuple(sorted(pages)), table.unit, table.empty_note)
        return lines, found

    def _page_width(self, table: PrintedTable) -> float:
        return (landscape(A4) if table.landscape else A4)[0] - 2 * MARGIN

    def _title_height(self, table: PrintedTable) -> float:
        """A generous estimate of what ``_title`` takes: title, number line, subtitles, unit line."""
        lines = (1 if table.number_line else 0) + len(table.subtitles) + 1
        return lines * 14 * 1.2 + 30

    def _title(self, table: PrintedTable) -> None:
        if table.number_line:
            self._line(table.number_line, 10)
        self._y -= 4
        self._line(table.title, 15, CENTER)
        for subtitle in table.subtitles:
            self._line(subtitle, 11, CENTER)
        self._y -= 4
        self._line(table.unit_left, 10)
        self._canvas.drawRightString(self._size[0] - MARGIN, self._y, f"单位：{table.unit}")
        self._y -= 4

    def _header(self, table: PrintedTable, widths: list[float], heights: list[float]) -> None:
        xs = _offsets(widths)
        tops = [self._y - sum(heights[:r]) for r in range(len(heights))]
        c = self._canvas
        c.setLineWidth(0.5)
        for cell in table.header:
            x, w = xs[cell.col], sum(widths[cell.col : cell.col + cell.colspan])
            top = tops[cell.row]
            h = sum(heights[cell.row : cell.row + cell.rowspan])
            c.rect(x, top - h, w, h, stroke=1, fill=0)
            _text_block(c, cell.text, x, top, w, h, CENTER, TABLE_SIZE)
        self._y -= sum(heights)

    def _row(self, row: tuple[Cell, ...], widths: list[float], height: float) -> list[BudgetLine]:
        xs = _offsets(widths)
        c = self._canvas
        lines = []
        col = 0
        for cell in row:
            x, w = xs[col], sum(widths[col : col + cell.span])
            c.rect(x, self._y - height, w, height, stroke=1, fill=0)
            _text_block(c, cell.text, x, self._y, w, height, cell.align, TABLE_SIZE)
            if cell.line:
                lines.append(dataclasses.replace(cell.line, source_page=self.page))
            col += cell.span
        self._y -= height
        return lines


def _offsets(widths: list[float]) -> list[float]:
    xs, x = [], MARGIN
    for w in widths:
        xs.append(x)
        x += w
    return xs


def _leading(size: float) -> float:
    return size * 1.3


def _cell_lines(text: str, width: float, align: str) -> int:
    return 1 if align == RIGHT else len(wrap(text, width - 2 * PAD, TABLE_SIZE))


def _row_height(row: tuple[Cell, ...], widths: list[float]) -> float:
    col, most = 0, 1
    for cell in row:
        most = max(most, _cell_lines(cell.text, sum(widths[col : col + cell.span]), cell.align))
        col += cell.span
    return most * _leading(TABLE_SIZE) + 2 * PAD + 2


def _header_heights(table: PrintedTable, widths: list[float]) -> list[float]:
    """Row heights of a header whose merged cells may span rows: single-row cells set their
    row's height first, then a taller spanning cell stretches the last row it covers."""
    rows = max((c.row + c.rowspan for c in table.header), default=0)
    heights = [_leading(TABLE_SIZE) + 2 * PAD + 2] * rows
    for spanning in (False, True):
        for cell in table.header:
            if (cell.rowspan > 1) != spanning:
                continue
            text_lines = _cell_lines(cell.text, sum(widths[cell.col : cell.col + cell.colspan]), CENTER)
            need = text_lines * _leading(TABLE_SIZE) + 2 * PAD + 2
            have = sum(heights[cell.row : cell.row + cell.rowspan])
            if have < need:
                heights[cell.row + cell.rowspan - 1] += need - have
    return heights


def _text_block(c: Canvas, text: str, x: float, top: float, w: float, h: float, align: str, size: float) -> None:
    """Text inside a cell, vertically centred; an amount too wide for its cell is shrunk, never wrapped."""
    if not text:
        return
    if align == RIGHT:
        fit = (w - 2 * PAD) / text_width(text, size)
        lines, size = [text], min(size, size * fit)
    else:
        lines = wrap(text, w - 2 * PAD, size)
    leading = _leading(size)
    y = top - (h - len(lines) * leading) / 2 - size
    c.setFont(FONT, size)
    for line in lines:
        if align == RIGHT:
            c.drawRightString(x + w - PAD, y, line)
        elif align == CENTER:
            c.drawCentredString(x + w / 2, y, line)
        else:
            c.drawString(x + PAD, y, line)
        y -= leading
