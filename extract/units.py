"""Table units and the exact conversion to 元."""

from __future__ import annotations

import re
from decimal import Decimal

from .text_norm import fold

WAN_YUAN = "万元"
YUAN = "元"

_UNIT = re.compile(r"(?:金额)?单位[:：]?(万元|元)")
_TEN_THOUSAND = Decimal(10000)
_CENT = Decimal("0.01")


def find_unit(text: str) -> str | None:
    """The unit a line declares (``单位：万元`` / ``单位:元``), or None."""
    m = _UNIT.search(fold(text))
    return m.group(1) if m else None


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    """Exact 元 value: 万元 cells are multiplied by 10,000 as Decimals, never through a float."""
    value = amount * _TEN_THOUSAND if unit == WAN_YUAN else amount
    quantized = value.quantize(_CENT)
    # Keep more precision when a cell printed more than the fen (rare 4-dp 万元 cells).
    return quantized if quantized == value else value
