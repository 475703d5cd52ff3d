"""绩效目标表: the 部门整体支出绩效目标表 and one 项目支出绩效目标表 (项目申报表) per project.

They are forms, not tables: label cells beside value cells, spanning an 8-column grid in
different ways row by row. What the warehouse keeps of them:

* per project, its 项目总预算 and 项目当年预算 (and the 资金来源 items 1.–8. where printed),
  labelled with the project name, in the form's own unit (元 even in a 万元 document);
* the department form's funding block (收入构成 / 支出构成, current year and the two years
  before where printed);
* the 年度绩效指标 grid of both, as ``PerformanceIndicator`` rows (words, not amounts).

A project form may be cut in two by its 年度绩效目标表 band, which reads like a table title:
the grid then arrives as a region of its own, and belongs to the project read just before.
``PerformanceReader`` reads a document's forms in order to carry that project over.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import model as m
from ..amounts import parse_amount
from ..layout import PageLayout, TextLine, Token
from ..regions import TableRegion, is_footnote
from ..text_norm import fold, squash_spaces
from ..units import WAN_YUAN, YUAN, to_yuan
from .grid import Slot, build_slots, slot_of

_UNKNOWN = object()  # whose grid a headerless region continues, when the form before it failed


@dataclass
class _Line:
    page: PageLayout
    line: TextLine


class PerformanceReader:
    """Reads the 绩效目标表 regions of one document, in document order."""

    def __init__(self) -> None:
        self.indicators: list[m.PerformanceIndicator] = []
        self._owner: object = _UNKNOWN  # a project name, None for the department form

    def read(self, region: TableRegion) -> list[m.BudgetLine]:
        carried, self._owner = self._owner, _UNKNOWN  # a form that fails to parse owns nothing after it
        lines = [_Line(part.page, ln) for part in region.parts for ln in part.body()]
        name = _project_name(lines)
        if name is not None:
            owner, out = name, _project_lines(region, lines, name)
        elif _is_department_form(region, lines):
            owner, out = None, _funding_lines(region)
        else:
            owner, out = carried, []  # type: ignore[assignment]  # or _UNKNOWN, checked below
        if owner is not _UNKNOWN:
            self.indicators.extend(_indicators(region, owner))
        self._owner = owner
        return out


def _is_department_form(region: TableRegion, lines: list[_Line]) -> bool:
    return "整体" in fold(region.title) or any(fold(x.line.tokens[0].text).startswith("部门名称") for x in lines)


# --- Text of cells ------------------------------------------------------------------------


def _join(texts: list[str]) -> str:
    """Cell text from its tokens: CJK text has no spaces, so a gap between tokens is a font
    change (``2020`` ``年``, ``机关`` ``PC``), not a space, except between two Latin words."""
    out = ""
    for text in texts:
        if out and _latin(out[-1]) and _latin(text[0]):
            out += " "
        out += text
    return squash_spaces(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _reading_order(tokens: list[Token]) -> list[str]:
    """Tokens of one cell, line by line (a wrapped cell), left to right."""
    rows: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.yc):
        if rows and abs(t.yc - rows[-1][0].yc) <= 0.45 * max(t.bottom - t.top, 1.0):
            rows[-1].append(t)
        else:
            rows.append([t])
    return [t.text for row in rows for t in sorted(row, key=lambda t: t.x0)]


def _cell_right_of(page: PageLayout, line: TextLine, label: Token) -> str:
    """The value cell right of a label cell: up to the next vertical ruling after it (a form
    row may hold several label/value pairs, 项目名称 | name | 项目性质 | ...)."""
    walls = sorted(r.pos for r in page.vrules if r.start - 1 <= line.yc <= r.end + 1 and r.pos > label.x1)
    after = [t for t in line.tokens if t.x0 >= label.x1]
    if not after:
        return ""
    end = next((x for x in walls if x > after[0].x1 - 1), None) if walls else after[0].x1
    return _join([t.text for t in after if end is None or t.x1 <= end + 1])


# --- 项目支出绩效目标表 ----------------------------------------------------------------------

_NAME_LABEL = re.compile(r"^项目名称[:：]?")


def _project_name(lines: list[_Line]) -> str | None:
    for x in lines:
        for t in x.line.tokens:
            label = _NAME_LABEL.match(t.text)
            if not label:
                continue
            glued = t.text[label.end() :]  # 项目名称：xxx printed in one cell
            return squash_spaces(glued) if glued else _cell_right_of(x.page, x.line, t) or None
    return None


def _budget_label(text: str) -> str | None:
    """Which of the two budget figures a label cell names: 项目总预算 / 项目当年预算 (Hubei),
    项目资金总额 / 年度资金申请总额 (Shanghai)."""
    s = fold(text)
    if "变动" in s or "其中" in s:
        return None
    if ("当年" in s or "年度" in s) and ("预算" in s or "资金" in s):
        return "project_current_year_budget"
    if "总预算" in s or "资金总额" in s:
        return "project_total_budget"
    return None


def _project_lines(region: TableRegion, lines: list[_Line], name: str) -> list[m.BudgetLine]:
    unit = region.unit or YUAN  # project forms print 元, even in 万元 documents
    out: list[m.BudgetLine] = []
    for x in lines:
        found = _budget_amounts(x.line)
        if "project_total_budget" in found and "project_current_year_budget" in found:
            for key in ("project_total_budget", "project_current_year_budget"):
                label, cell = found[key]
                amount = parse_amount(cell.text)  # an amount: _budget_amounts took it for parsing as one
                out.append(_line(region, key, name, "total", amount, x.page, unit, False, cell, [label]))  # type: ignore[arg-type]
            break
    return out + _source_lines(region, lines, name, unit)


def _budget_amounts(line: TextLine) -> dict[str, tuple[Token, Token]]:
    """The label and amount tokens of each budget label on one line (the first amount after it)."""
    found: dict[str, tuple[Token, Token]] = {}
    key = label = None
    for t in sorted(line.tokens, key=lambda t: t.x0):
        if parse_amount(t.text) is None:
            if new := _budget_label(t.text):
                key, label = new, t
        elif key and label and key not in found:  # a label is found with its key
            found[key] = (label, t)
    return found


_SOURCE_ITEM = re.compile(r"^([1-8])[.、]\D")


def _source_lines(region: TableRegion, lines: list[_Line], name: str, unit: str) -> list[m.BudgetLine]:
    """项目资金来源 1.–8.: numbered items, each with its amount, between the block's heading
    and the 项目支出明细测算 that follows it."""
    out: list[m.BudgetLine] = []
    inside = False
    for x in lines:
        text = fold(x.line.compact)
        if "资金来源" in text and not inside:
            inside = True
            continue
        if inside and any(w in text for w in ("经济科目", "明细", "绩效", "采购")):
            break
        if not inside:
            continue
        tokens = sorted(x.line.tokens, key=lambda t: t.x0)
        for i, t in enumerate(tokens):
            item = _SOURCE_ITEM.match(fold(t.text))
            if not item:
                continue
            cell = next((u for u in tokens[i + 1 :] if parse_amount(u.text) is not None), None)
            if cell is not None:
                out.append(
                    _line(
                        region,
                        f"project_source_{item.group(1)}",
                        name,
                        "total",
                        parse_amount(cell.text),  # type: ignore[arg-type]  # an amount
                        x.page,
                        unit,
                        False,
                        cell,
                        [t],
                    )
                )
                break
    return out


# --- 部门整体支出绩效目标表: the funding block -----------------------------------------------

_FUNDING_ITEMS = (
    ("财政拨款", "income_fiscal_grant", "income"),
    ("其他资金", "income_other", "income"),
    ("基本支出", "expenditure_basic", "expenditure"),
    ("项目支出", "expenditure_project", "expenditure"),
)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_YEAR_MEASURES = {1: "previous_year", 2: "two_years_before"}


def _funding_lines(region: TableRegion) -> list[m.BudgetLine]:
    # All lines, not the body: the block's header names its unit (当年预算收支(单位：万元)).
    lines = [_Line(part.page, ln) for part in region.parts for ln in part.lines()]
    start = next((i for i, x in enumerate(lines) if "当年预算" in fold(x.line.compact)), None)
    if start is None:
        return []
    header = lines[start]
    data: list[_Line] = []
    for x in lines[start + 1 :]:
        if not any(t.is_amount for t in x.line.tokens):
            break
        data.append(x)
    if not data:
        return []
    slots = build_slots(header.page, [header.line], [x.line for x in data])
    measures = _funding_measures(slots, region.title)
    if "total" not in measures.values():
        return []
    # The seed's header says 单位：元 over a body in 万元 (部门总体资金情况（万元）, 当年预算收支
    # (单位：万元)); the body is what the figures are in, so a 万元 it names wins. Without one,
    # the table's own unit applies, and the template's 万元 where it declares none.
    block = fold("".join(x.line.compact for x in lines[: start + 1]))
    unit = WAN_YUAN if "万元" in block else region.unit or WAN_YUAN
    first = min(i for i, ms in measures.items() if ms == "total")
    out: list[m.BudgetLine] = []
    group: set[str] = set()
    for x in data:
        labels = [t for t in x.line.tokens if (slot_of(slots, t) or 0) < first and not t.is_amount]
        if not labels:
            continue
        key, side = _funding_key(labels[-1].text, group)
        if key is None:
            continue
        group = set() if side is None else group | {side}
        for t in x.line.tokens:
            measure = measures.get(slot_of(slots, t))  # type: ignore[arg-type]  # no slot: no measure
            value = parse_amount(t.text) if measure else None
            if measure and value is not None:
                out.append(
                    _line(region, key, labels[-1].text, measure, value, x.page, unit, side is None, t, [labels[-1]])
                )
    return out


def _funding_measures(slots: list[Slot], title: str) -> dict[int, str]:
    """Slot index -> measure: 当年预算 is ``total``, a year column ``previous_year`` or
    ``two_years_before``; 占比 is a percentage, no amount."""
    budget_year = _YEAR.search(title)
    years: dict[int, int] = {}
    measures: dict[int, str] = {}
    for i, slot in enumerate(slots):
        text = fold("".join(slot.own))
        year = _YEAR.search(text)
        if "占比" in text:
            continue
        if year:
            years[i] = int(year.group(1))
        elif "当年" in text or "预算" in text:
            measures[i] = "total"
    # Without the budget year in the title, the latest printed year is the one before it.
    base = int(budget_year.group(1)) if budget_year else max(years.values(), default=0) + 1
    for i, printed in years.items():
        measure = "total" if printed == base else _YEAR_MEASURES.get(base - printed)
        if measure:
            measures[i] = measure
    return measures


def _funding_key(label: str, group: set[str]) -> tuple[str | None, str | None]:
    """(line_key, side) of a funding row; a 合计 closes the items above it since the last
    合计: 收入合计, 支出合计, or one 合计 for both sides where a template prints only one."""
    s = fold(label)
    for word, key, side in _FUNDING_ITEMS:
        if word in s:
            return key, side
    if s in ("合计", "小计", "总计"):
        if group == {"income"}:
            return "income_total", None
        if group == {"expenditure"}:
            return "expenditure_total", None
        return "funding_total", None
    return None, None


def _line(
    region: TableRegion,
    key: str,
    label: str,
    measure: str,
    value: Decimal,
    layout: PageLayout,
    unit: str,
    subtotal: bool,
    cell: Token,
    label_tokens: list[Token],
) -> m.BudgetLine:
    return m.BudgetLine(
        table_kind=region.kind,
        classification="other",
        code=None,
        line_key=key,
        line_label=squash_spaces(label),
        measure=measure,
        amount_yuan=to_yuan(value, unit),
        is_subtotal=subtotal,
        source_page=layout.number,
        unit=unit,
        amount_box=layout.box([cell]),
        label_box=layout.box(label_tokens),
    )


# --- 年度绩效指标 -----------------------------------------------------------------------------

_ROLES = (
    ("指标值", "target"),
    ("目标值", "target"),
    ("一级", "level1"),
    ("二级", "level2"),
    ("三级", "level3"),
    ("指标名称", "level3"),
    ("指标内容", "level3"),
)
_LEVELS = ("level1", "level2", "level3", "target")


def _indicators(region: TableRegion, project: str | None) -> list[m.PerformanceIndicator]:
    out: list[m.PerformanceIndicator] = []
    columns: dict[str, tuple[float, float]] | None = None
    previous: dict[str, str] = {}
    for part in region.parts:
        body = part.body()
        start = next((i for i, ln in enumerate(body) if _is_grid_header(ln)), None)
        if start is not None:
            columns = _grid_columns(part.page, body[start], body[start + 1 :])
            body = body[start + 1 :]
        if not columns:
            continue  # no grid yet; a headerless part continues the grid of the part before
        data = []
        for ln in body:
            if is_footnote(ln):
                break
            data.append(ln)
        for cells in _grid_rows(part.page, columns, data):
            # A 一级 / 二级 cell merged over several rows (or cut by the page) prints once.
            row = {k: cells[k] or (previous.get(k, "") if k in ("level1", "level2") else "") for k in _LEVELS}
            if all(row.values()):
                out.append(
                    m.PerformanceIndicator(
                        project, row["level1"], row["level2"], row["level3"], row["target"], part.page.number
                    )
                )
                previous = row
    return out


def _is_grid_header(line: TextLine) -> bool:
    s = fold(line.compact)
    return "一级指标" in s and "二级指标" in s


def _grid_columns(page: PageLayout, header: TextLine, data: list[TextLine]) -> dict[str, tuple[float, float]]:
    """Role -> x-range of the grid's columns (columns without a role, 绩效标准, are left out)."""
    # The rulings are taken from the grid's first rows: whatever follows the grid in a form
    # has cells of its own that no column ruling crosses.
    slots = build_slots(page, [header], data[:12] or [header])
    columns: dict[str, tuple[float, float]] = {}
    for slot in slots:
        text = fold("".join(slot.own))
        role = next((r for word, r in _ROLES if word in text), None)
        if role and role not in columns:
            columns[role] = (slot.x0, slot.x1)
    return columns if set(columns) == set(_LEVELS) else {}


def _grid_rows(page: PageLayout, columns: dict[str, tuple[float, float]], data: list[TextLine]) -> list[dict[str, str]]:
    """Rows of the grid, each a role -> text mapping.

    Rows are the ruled rows of the indicator (三级) column; every other column's cell is the
    ruled cell of that column around the row, so a merged 一级指标 cell is read for every row
    it spans. Without rulings, a text line is a row.
    """
    tokens = [t for ln in data for t in ln.tokens]
    if not tokens:
        return []
    top, bottom = min(t.top for t in tokens), max(t.bottom for t in tokens)
    cuts = {role: _hcuts(page, x0, x1, top, bottom) for role, (x0, x1) in columns.items()}
    rows_at = cuts["level3"]
    bands = [(ln.top - 0.1, ln.bottom + 0.1) for ln in data] if len(rows_at) < 2 else list(itertools.pairwise(rows_at))
    rows = []
    for y0, y1 in bands:
        mid = (y0 + y1) / 2
        cells = {}
        for role, (x0, x1) in columns.items():
            c0, c1 = _cell_span(cuts[role], mid) if len(rows_at) >= 2 and cuts[role] else (y0, y1)
            inside = [t for t in tokens if x0 <= t.xc < x1 and c0 <= t.yc < c1]
            cells[role] = _join(_reading_order(inside))
        rows.append(cells)
    return rows


def _hcuts(page: PageLayout, x0: float, x1: float, top: float, bottom: float) -> list[float]:
    """y of the horizontal rulings across the column [x0, x1], from just above ``top`` to just
    below ``bottom``, with open ends where the rows run past the last ruling."""
    ys = sorted(
        {
            round(r.pos, 1)
            for r in page.hrules
            if r.start <= x0 + 3 and r.end >= x1 - 3 and top - 40 <= r.pos <= bottom + 40
        }
    )
    if not ys:
        return []
    if ys[0] > top:
        ys.insert(0, top - 1)
    if ys[-1] < bottom:
        ys.append(bottom + 1)
    return ys


def _cell_span(cuts: list[float], y: float) -> tuple[float, float]:
    above = [c for c in cuts if c <= y]
    below = [c for c in cuts if c > y]
    return (above[-1] if above else float("-inf"), below[0] if below else float("inf"))
