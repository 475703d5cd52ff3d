"""Exact money. Amounts live as Decimal 元 with two places; 万元 appears only when printing.

A printed 万元 cell must be exact (the truth says what the page says), so an amount that is
not a whole multiple of 100 元 cannot be printed in 万元: ``printed`` refuses it instead of
rounding silently. The narrative is different: like real disclosures it restates amounts
rounded half-up (四舍五入), which ``wan_text`` does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
WAN = Decimal(10000)
WAN_YUAN = "万元"
YUAN = "元"


def wan(text: str) -> Decimal:
    """A 万元 figure as printed ("2,120.19") -> 元 (21201900.00), exactly."""
    return (Decimal(text.replace(",", "")) * WAN).quantize(FEN)


def yuan(text: str) -> Decimal:
    return Decimal(text.replace(",", "")).quantize(FEN)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def printed(amount_yuan: Decimal, unit: str, thousands: bool) -> str:
    """The cell text of an amount in ``unit``, two decimals, optionally with thousands separators."""
    value = amount_yuan / WAN if unit == WAN_YUAN else amount_yuan
    if value != value.quantize(FEN):
        raise ValueError(f"{amount_yuan} 元 cannot be printed exactly in {unit}")
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def wan_text(amount_yuan: Decimal, places: int = 2) -> str:
    """The narrative form: 万元, rounded half-up, no separators (2120.19, or 2120.2 with places=1)."""
    return str((amount_yuan / WAN).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def percent_text(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0.00"
    return str((part * 100 / whole).quantize(FEN, ROUND_HALF_UP))
