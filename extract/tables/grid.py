"""Columns and rows of one table part (a page, or the slice of a page under a title).

Columns ("slots") come from the vertical ruling lines that run through the data rows; where
a table has no rulings they come from the header cells. Each slot is named by its header
text. Rows come from the horizontal rulings (a ruled row holds a wrapped label, a code
printed above its name, an amount printed lower in a tall cell); without rulings, or where a
ruled band holds several rows, each text line is a row and the parsers stitch wrapped text.
Every token is placed by its x-position, never by its order in the line: empty cells leave
no text, so order says nothing about the column.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from ..headers import is_label_header, measure_from_header, measure_of
from ..layout import PageLayout, TextLine, Token


@dataclass
class Slot:
    x0: float
    x1: float
    own: list[str] = field(default_factory=list)  # header text lines inside the slot, top to bottom
    parents: list[str] = field(default_factory=list)  # header cells spanning this slot and others
    measure: str | None = None
    is_label: bool = False


@dataclass
class Row:
    page: int
    lines: list[TextLine]
    cells: dict[int, list[Token]]
    banded: bool  # True when a ruled band made it (several text lines may belong together)

    @property
    def top(self) -> float:
        return min(ln.top for ln in self.lines)

    def tokens(self) -> list[Token]:
        return [t for toks in self.cells.values() for t in toks]


def _dedupe_positions(xs: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if out and x - out[-1] <= tol:
            continue
        out.append(x)
    return out


def ruled_columns(page: PageLayout, top: float, bottom: float) -> list[float]:
    """x of vertical rulings that cross most of the band [top, bottom]."""
    span = max(bottom - top, 1.0)
    xs = []
    for r in page.vrules:
        if r.pos < 3 or r.pos > page.width - 3:
            continue  # the page frame, not a column border
        overlap = min(r.end, bottom) - max(r.start, top)
        if overlap >= 0.6 * span:
            xs.append(r.pos)
    return _dedupe_positions(xs)


def _header_clusters(header_lines: list[TextLine]) -> list[tuple[float, float]]:
    """Column extents from header tokens when there are no rulings.

    The header line with the most cells is the finest division (预算数 / 决算数 under each
    item); tokens of other lines that overlap one of its cells widen it, tokens over
    several cells are spanning headers, and tokens over none are columns of their own.
    """
    if not header_lines:
        return []
    base = max(header_lines, key=lambda ln: (len(ln.tokens), ln.yc))
    clusters: list[list[float]] = [[t.x0, t.x1] for t in base.tokens]
    others = sorted((t for ln in header_lines if ln is not base for t in ln.tokens), key=lambda t: t.x1 - t.x0)

    def overlaps(t: Token, c: list[float]) -> bool:
        shared = min(t.x1, c[1]) - max(t.x0, c[0])
        return shared > 0.3 * min(t.x1 - t.x0, c[1] - c[0])

    for t in others:
        hits = [c for c in clusters if overlaps(t, c)]
        if len(hits) >= 2:
            continue
        if hits:
            hits[0][0] = min(hits[0][0], t.x0)
            hits[0][1] = max(hits[0][1], t.x1)
        else:
            clusters.append([t.x0, t.x1])
    clusters.sort()
    merged: list[list[float]] = []
    for c in clusters:
        if merged and c[0] < merged[-1][1] - 1:
            merged[-1][1] = max(merged[-1][1], c[1])
        else:
            merged.append(list(c))
    return [(c[0], c[1]) for c in merged]


def build_slots(
    page: PageLayout, header_lines: list[TextLine], data_lines: list[TextLine], min_slots: int = 2
) -> list[Slot]:
    """Slots of a table part, named from its header lines."""
    slots: list[Slot] = []
    if data_lines:
        xs = ruled_columns(page, data_lines[0].top, data_lines[-1].bottom)
        if len(xs) >= min_slots + 1:
            slots = [Slot(a, b) for a, b in itertools.pairwise(xs) if b - a > 4]
    if not slots and header_lines:
        clusters = _header_clusters(header_lines)
        if clusters:
            # Header cells are centred over their columns: the border lies halfway between centres.
            centres = [(a + b) / 2 for a, b in clusters]
            bounds = [-1e9] + [(a + b) / 2 for a, b in itertools.pairwise(centres)] + [1e9]
            slots = [Slot(bounds[i], bounds[i + 1]) for i in range(len(clusters))]
    name_slots(slots, header_lines, page)
    return slots


def name_slots(slots: list[Slot], header_lines: list[TextLine], page: PageLayout | None = None) -> None:
    """Give each slot its header cells (wrapped lines of one cell joined) and its measure."""
    own: dict[int, list[tuple[str, float, float]]] = {}
    for ln in header_lines:
        own_in_line: dict[int, list[Token]] = {}
        for t in ln.tokens:
            inside = [i for i, s in enumerate(slots) if t.x0 >= s.x0 - 2 and t.x1 <= s.x1 + 2]
            if inside:
                own_in_line.setdefault(inside[0], []).append(t)
                continue
            for i, s in enumerate(slots):
                if t.x0 < s.x1 and t.x1 > s.x0:
                    slots[i].parents.append(t.text)
        for i, toks in own_in_line.items():
            own.setdefault(i, []).append(
                ("".join(t.text for t in toks), min(t.top for t in toks), max(t.bottom for t in toks))
            )
    for i, entries in own.items():
        slots[i].own = _header_cells(slots[i], entries, page)
    for s in slots:
        if s.own and (is_label_header(s.own[-1]) or is_label_header("".join(s.own[-2:]))):
            # 项目 / 科目名称 under a group heading such as 本年收入: a label column.
            s.measure, s.is_label = None, True
            continue
        s.measure = measure_from_header(s.own, s.parents)
        s.is_label = s.measure is None and (
            any(is_label_header(t) for t in s.own) or (not s.own and any(is_label_header(p) for p in s.parents))
        )


def _header_cells(slot: Slot, entries: list[tuple[str, float, float]], page: PageLayout | None) -> list[str]:
    """Header lines of one column joined into cells: lines of a wrapped cell have no ruling between them."""
    rules = []
    if page is not None:
        rules = [r.pos for r in page.hrules if r.start <= slot.x0 + 3 and r.end >= slot.x1 - 3]
    cells: list[list[tuple[str, float, float]]] = []
    for entry in entries:
        if cells:
            prev = cells[-1][-1]
            ruled = any(prev[2] - 1 <= y <= entry[1] + 1 for y in rules)
            height = max(prev[2] - prev[1], 1.0)
            close = entry[1] - prev[2] < (0.9 * height if rules else 0.5 * height)
            if not ruled and close:
                cells[-1].append(entry)
                continue
        cells.append([entry])
    return ["".join(e[0] for e in cell) for cell in cells]


def slot_of(slots: list[Slot], token: Token) -> int | None:
    x = token.xc
    for i, s in enumerate(slots):
        if s.x0 <= x < s.x1:
            return i
    # Just outside the outer rulings (a number printed over the border): nearest slot.
    if slots and slots[0].x0 - 6 <= x < slots[0].x0:
        return 0
    if slots and slots[-1].x1 <= x < slots[-1].x1 + 6:
        return len(slots) - 1
    return None


def _cells(slots: list[Slot], lines: list[TextLine]) -> dict[int, list[Token]]:
    cells: dict[int, list[Token]] = {}
    for ln in lines:
        for t in ln.tokens:
            i = slot_of(slots, t)
            if i is not None:
                cells.setdefault(i, []).append(t)
    return cells


def row_bands(page: PageLayout, slots: list[Slot], top: float, bottom: float) -> list[float]:
    """y of horizontal rulings across most of the table's width inside [top, bottom]."""
    if not slots:
        return []
    left, right = slots[0].x0, slots[-1].x1
    width = max(right - left, 1.0)
    ys = []
    for r in page.hrules:
        if top - 3 <= r.pos <= bottom + 3:
            covered = min(r.end, right) - max(r.start, left)
            if covered >= 0.5 * width:
                ys.append(r.pos)
    return _dedupe_positions(ys, 1.5)


def build_rows(page: PageLayout, slots: list[Slot], data_lines: list[TextLine], is_start) -> list[Row]:
    """Rows of a table part.

    ``is_start(token)`` says whether a token opens a row (a code, an ordinal, 合计): two such
    tokens, or two amounts, in one slot of one ruled band mean the band holds several rows
    and is read line by line instead.
    """
    if not data_lines:
        return []
    # Rulings a little above and below the data count too: the first and last rows of a
    # page are closed by them, and a continuation page starts inside a ruled row.
    ys = row_bands(page, slots, data_lines[0].top - 40, data_lines[-1].bottom + 40)
    bands: list[list[TextLine]] = []
    if len(ys) >= 3:
        keyed: dict[int, list[TextLine]] = {}
        for ln in data_lines:
            keyed.setdefault(bisect.bisect_right(ys, ln.yc), []).append(ln)
        bands = [keyed[k] for k in sorted(keyed)]
    else:
        bands = [[ln] for ln in data_lines]
    rows: list[Row] = []
    for band in bands:
        if len(band) > 1 and _band_conflicts(slots, band, is_start):
            rows.extend(Row(page.number, [ln], _cells(slots, [ln]), False) for ln in band)
        else:
            rows.append(Row(page.number, band, _cells(slots, band), len(ys) >= 3))
    return rows


def _band_conflicts(slots: list[Slot], band: list[TextLine], is_start) -> bool:
    seen_amount: dict[int, int] = {}
    seen_start: dict[int, int] = {}
    for li, ln in enumerate(band):
        for t in ln.tokens:
            i = slot_of(slots, t)
            if i is None:
                continue
            if t.is_amount and not slots[i].is_label:
                if seen_amount.get(i, li) != li:
                    return True
                seen_amount[i] = li
            elif is_start(t):
                if seen_start.get(i, li) != li:
                    return True
                seen_start[i] = li
    return False


def band_top(page: PageLayout, line: TextLine, min_width: float = 120.0) -> float | None:
    """y of the horizontal ruling right above ``line`` (the top of its ruled row), if any."""
    best = None
    for r in page.hrules:
        if (
            r.pos <= line.top + 1
            and r.end - r.start >= min_width
            and r.start <= line.tokens[0].x1 + 2
            and (best is None or r.pos > best)
        ):
            best = r.pos
    return best


def split_at_first_row(page: PageLayout, lines: list[TextLine], first: int) -> tuple[list[TextLine], list[TextLine]]:
    """Header and data lines, the data starting with the ruled row that holds ``lines[first]``.

    A tall first row can print its wrapped name above the line with its code and amounts
    (``社会保障和就`` / ``208 754.75`` / ``业支出``); that line belongs to the row, not the header.
    """
    top = band_top(page, lines[first])
    start = first
    if top is not None:
        while (
            start > 0
            and lines[start - 1].yc > top
            and lines[start - 1].top >= top - 1
            and not _is_header_words(lines[start - 1])
        ):
            start -= 1
    return lines[:start], lines[start:]


def _is_header_words(line: TextLine) -> bool:
    """A line made only of column headings (类 款 项, 科目编码, 合计 …), never part of a data row."""
    return all(is_label_header(t.text) or measure_of(t.text) for t in line.tokens)
