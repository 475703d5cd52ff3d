"""Numbers as printed in the tables, parsed exactly.

Every amount becomes a ``Decimal`` straight from its digits: a float would turn
``1,234.56`` 万元 into 12345599.999... 元. Glued tokens (``1,627.551.工资福利性支出``,
``2,120.19本年支出合计``) are split here, before anything looks at columns.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A whole cell that is an amount: thousands separators or not, 0-4 decimals, a sign.
_AMOUNT_CELL = re.compile(r"^[-－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,4})?$")
# Two-decimal amount used to cut glued tokens; tables print 2 dp, which is what makes the
# cut unambiguous (``1663.961.工资`` is 1663.96 + ``1.工资``).
_AMT2 = r"[-－−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})"
_LEAD_AMOUNT_THEN_ORDINAL = re.compile(rf"^({_AMT2})(\d{{1,2}}[.．、]\D.*)$")
_LEAD_AMOUNT = re.compile(rf"^({_AMT2})([^\d.,．].*)$")
_TRAIL_AMOUNT = re.compile(rf"^(.*[^\d.,．、\s-])({_AMT2})$")


def is_amount(text: str) -> bool:
    return bool(_AMOUNT_CELL.match(text.strip()))


def parse_amount(text: str) -> Decimal | None:
    """``'1,234.56'`` -> ``Decimal('1234.56')``; None when the text is no amount."""
    t = text.strip()
    if not _AMOUNT_CELL.match(t):
        return None
    t = t.replace(",", "").replace("－", "-").replace("−", "-")
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees digits
        return None


def split_glued(text: str) -> list[tuple[int, int]]:
    """Cut points of a token that glues an amount to a label, as (start, end) spans of ``text``.

    Returns one span (the whole text) when nothing is glued.
    """
    spans: list[tuple[int, int]] = []
    _split(text, 0, spans)
    return spans


def _split(text: str, offset: int, spans: list[tuple[int, int]]) -> None:
    if not text:
        return
    if _AMOUNT_CELL.match(text):
        spans.append((offset, offset + len(text)))
        return
    for pattern in (_LEAD_AMOUNT_THEN_ORDINAL, _LEAD_AMOUNT):
        m = pattern.match(text)
        if m:
            spans.append((offset, offset + m.end(1)))
            _split(text[m.end(1) :], offset + m.end(1), spans)
            return
    m = _TRAIL_AMOUNT.match(text)
    if m:
        _split(text[: m.end(1)], offset, spans)
        spans.append((offset + m.start(2), offset + len(text)))
        return
    spans.append((offset, offset + len(text)))
