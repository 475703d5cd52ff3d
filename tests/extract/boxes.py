"""Reading a line's amount back from the page at its box: the check that a box is the cell."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber

from extract.amounts import parse_amount
from extract.model import BudgetLine
from extract.units import WAN_YUAN


def printed_amount(line: BudgetLine) -> Decimal:
    """The number as printed in the cell (万元 or 元), from the exact amount in 元."""
    return line.amount_yuan / 10000 if line.unit == WAN_YUAN else line.amount_yuan


def read_back(page, box) -> Decimal | None:
    """The amount printed inside ``box`` of a pdfplumber page. Sideways text comes out one
    character per line, in either direction: it is joined and read both ways."""
    text = "".join((page.crop(box).dedupe_chars().extract_text() or "").split())
    value = parse_amount(text)
    return value if value is not None else parse_amount(text[::-1])


def mismatches(pdf_bytes: bytes, lines: list[BudgetLine]) -> tuple[int, list[tuple]]:
    """(lines with a box, [lines whose box is missing or reads back another number])."""
    boxed, wrong = 0, []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for ln in lines:
            if ln.amount_box is None:
                wrong.append((ln.source_page, ln.table_kind, ln.line_label, ln.measure, "no box"))
                continue
            boxed += 1
            got = read_back(pdf.pages[ln.source_page - 1], ln.amount_box)
            if got != printed_amount(ln):
                wrong.append((ln.source_page, ln.table_kind, ln.line_label, ln.measure, got, printed_amount(ln)))
    return boxed, wrong
