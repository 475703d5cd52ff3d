"""The undrawn outer borders of a ruled grid, for the text layer and OCR alike.

A table printed without its right border, or running off the page, has horizontal rules that end
together a column's width beyond the last vertical rule they cross: its last column would be no
cell and lose its amounts. (A Ghostscript copy of ``js_npc_office_2018_budget.pdf`` drops the
right border of its 基本支出表, and a scan of it shows none.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# An open side is a border only where this many rules end at it: a row's rule, not an underline.
MIN_OPEN_RULES = 3


class Segment(Protocol):
    """A rule: horizontal (``pos`` = y, span in x) or vertical (``pos`` = x, span in y)."""

    @property
    def pos(self) -> float: ...

    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...


def open_sides(
    rules: Sequence[Segment], borders: Sequence[Segment], beyond: float, tolerance: float, touch: float
) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of each vertical border to add: where at least ``MIN_OPEN_RULES`` of the
    horizontal ``rules`` end within ``tolerance`` of each other, more than ``beyond`` past the
    last of the vertical ``borders`` they cross (within ``touch``), on the left or the right."""
    added: list[tuple[float, float, float]] = []
    for side in ("left", "right"):
        ends = []
        for h in rules:
            crossed = [
                v.pos
                for v in borders
                if h.start - touch <= v.pos <= h.end + touch and v.start - touch <= h.pos <= v.end + touch
            ]
            if not crossed:
                continue
            end = h.start if side == "left" else h.end
            past = min(crossed) - end if side == "left" else end - max(crossed)
            if past > beyond:
                ends.append((end, h.pos))
        ends.sort()
        while ends:
            group = [e for e in ends if abs(e[0] - ends[0][0]) <= tolerance]
            ends = ends[len(group) :]
            if len(group) >= MIN_OPEN_RULES:
                xs = sorted(x for x, _ in group)
                ys = [y for _, y in group]
                added.append((xs[len(xs) // 2], min(ys), max(ys)))
    return added
