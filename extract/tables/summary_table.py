"""收支预算总表 and 财政拨款收支预算总表: column groups printed side by side.

Hubei template: 收入 | 经济分类支出 | 功能分类支出; national: 收入 | 支出(按经济分类) | 支出(按功能分类)
or 收入 | 支出; Jiangsu: 收入 | 支出(功能分类) | 支出(支出用途). Each group is a label column and one
or more amount columns; groups have different row counts, so one printed line holds one to
three items. Groups are recovered from the x-positions of the header cells, items from the
label column of each group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .. import model as m
from ..amounts import parse_amount
from ..codes import economic_class_code, function_class_code
from ..headers import ROW_NUMBER_HEADER
from ..layout import PageLayout, TextLine, Token
from ..regions import TableRegion, is_footnote, is_meta_line
from ..text_norm import ORDINAL, fold, ordinal_level, squash_spaces, strip_ordinal
from ..units import to_yuan
from .grid import Row, Slot, build_rows, build_slots, split_at_first_row

REVENUE, FUNCTION, ECONOMIC, PURPOSE, EXPENDITURE = "revenue", "function", "economic", "other", "expenditure"

_CARRIED_OVER = re.compile(
    r"^(?:上年结余\(转\)|上年结转(?:和|及)?结余|上年结转(?:资金)?|年初结转(?:和)?结余|上年结余)$"
)
_YEAR_END = re.compile(r"^(?:年终结余|年末结转(?:和)?结余|结转下年(?:资金)?|年末结余|年终结转结余)$")


def _total_class(label: str) -> str | None:
    s = fold(strip_ordinal(label))
    if "总计" in s:
        return "grand"
    if re.search(r"(?:收入|支出)?(?:合计|小计)$", s) and len(s) <= 8:
        return "total"
    return None


def _is_start(token: Token) -> bool:
    return bool(ORDINAL.match(token.text)) or _total_class(token.text) is not None


@dataclass
class _Item:
    label_parts: list[str]
    page: int
    amounts: dict[str, Decimal] = field(default_factory=dict)
    layout: PageLayout | None = None  # of ``page``: boxes are read from tokens on it only
    cells: dict[str, Token] = field(default_factory=dict)  # measure -> the amount's token
    label_tokens: list[Token] = field(default_factory=list)

    @property
    def label(self) -> str:
        return squash_spaces("".join(self.label_parts))


@dataclass
class _Group:
    label_slot: int
    value_slots: list[int]
    kind: str
    items: list[_Item] = field(default_factory=list)


def _is_data_line(line: TextLine) -> bool:
    if any(fold(t.text) in ("项目", "预算数", "金额", "决算数", "科目", "项目名称", "行次") for t in line.tokens):
        return any(t.is_amount for t in line.tokens)
    for t in line.tokens:
        if t.is_amount:
            return True
        if ORDINAL.match(t.text) and not fold(t.text).startswith("其中"):
            return True
        if function_class_code(t.text) or economic_class_code(t.text):
            return True
        if _total_class(t.text):
            return True
    return False


def _group_kind(text: str) -> str:
    s = fold(text)
    if "收入" in s:
        return REVENUE
    if "经济" in s:
        return ECONOMIC
    if "功能" in s:
        return FUNCTION
    if "用途" in s:
        return PURPOSE
    return EXPENDITURE


def _groups(slots: list[Slot]) -> list[_Group]:
    groups: list[_Group] = []
    for i, s in enumerate(slots):
        own = fold("".join(s.own))
        if ROW_NUMBER_HEADER.match(own):
            continue
        if s.is_label or (not s.measure and not groups):
            groups.append(_Group(i, [], EXPENDITURE))
        elif groups:
            if not s.measure:
                s.measure = "total" if not groups[-1].value_slots else f"column_{i + 1}"
            groups[-1].value_slots.append(i)
    for g in groups:
        members = [slots[g.label_slot]] + [slots[i] for i in g.value_slots]
        g.kind = _group_kind("".join("".join(s.parents) for s in members) + "".join("".join(s.own) for s in members))
    return groups


_HEADER_WORDS = ("项目", "预算数", "金额", "决算数", "收入", "支出", "科目")


def _is_header(lines: list[TextLine]) -> bool:
    """Whether lines above the first row are a (repeated) column header, not wrapped row text."""
    text = fold("".join(ln.compact for ln in lines))
    return sum(w in text for w in _HEADER_WORDS) >= 2 and not any(
        ln.tokens and ORDINAL.match(ln.tokens[0].text) for ln in lines
    )


def parse_summary_table(region: TableRegion, unit: str) -> list[m.BudgetLine]:
    groups: list[_Group] | None = None
    slots: list[Slot] | None = None
    finished: list[_Group] = []
    pending_header: list[TextLine] = []
    for part in region.parts:
        lines = part.body()
        first = next((i for i, ln in enumerate(lines) if _is_data_line(ln) and not is_meta_line(ln)), None)
        if first is None:
            # A page that ends inside the header: its lines head the next page's columns.
            pending_header = [ln for ln in lines if not is_meta_line(ln)]
            continue
        header, data = split_at_first_row(part.page, lines, first)
        header = pending_header + [ln for ln in header if not is_meta_line(ln)]
        pending_header = []
        data = [ln for ln in data if not is_footnote(ln)]
        if slots is not None and not part.titled and not _is_header(header):
            data = header + data  # a continuation page: no header, wrapped text of the last rows
            header = []
        if slots is None or (header and (part.titled or _is_header(header))):
            new_slots = build_slots(part.page, header, data)
            new_groups = _groups(new_slots)
            if new_groups and any(g.value_slots for g in new_groups):
                if groups is not None and len(new_groups) == len(groups):
                    for old, new in zip(groups, new_groups, strict=True):
                        new.items = old.items
                        new.kind = old.kind if new.kind == EXPENDITURE else new.kind
                elif groups is not None:
                    finished.extend(groups)
                slots, groups = new_slots, new_groups
        if not slots or not groups:
            slots, groups = _list_slots(data)
        if not slots or not groups:
            continue
        _read_part(part, slots, groups, data)
    all_groups = finished + (groups or [])
    if not all_groups:
        return []
    return _emit(region, all_groups, unit)


def _read_part(part, slots: list[Slot], groups: list[_Group], data: list[TextLine]) -> None:
    """Feed each group its own rows.

    The groups are separate tables printed side by side: their rows need not line up (a
    wrapped income label makes one income row as tall as two function rows), so each group
    is cut into rows by the rulings across its own columns.
    """
    orphans: list[tuple[_Group, float, dict[str, Decimal], dict[str, Token]]] = []
    waiting: list[tuple[_Item, float]] = []
    for g in groups:
        members = [g.label_slot, *g.value_slots]
        sub = [slots[i] for i in members]
        left, right = sub[0].x0, sub[-1].x1
        own_lines = []
        for ln in data:
            toks = [t for t in ln.tokens if left <= t.xc < right]
            if toks:
                own_lines.append(TextLine(toks))
        rows = build_rows(part.page, sub, own_lines, _is_start)
        page_top = data[0].bottom + 2 if data else 0
        for k, row in enumerate(rows):
            # Only a fragment at the very top of a continuation page can finish a row broken
            # off at the bottom of the previous page.
            carry_on = k == 0 and not part.titled and row.lines[0].top <= page_top
            _feed(row, part.page, sub, g, carry_on=carry_on, orphans=orphans, waiting=waiting)
    # Jiangsu merges 当年支出小计 over the function columns and prints its amount under the
    # next group: a total label without amount meets the amount without label on its line.
    for item, y in waiting:
        if item.amounts:
            continue
        match = next((o for o in orphans if abs(o[1] - y) < 4 and o[2]), None)
        if match is not None:
            _add_amounts(item, match[2], match[3], part.page)
            match[2].clear()


def _feed(
    row: Row, layout: PageLayout, sub: list[Slot], g: _Group, carry_on: bool, orphans: list, waiting: list
) -> None:
    """Add one row of one group to its items; ``carry_on`` for the first row of a continuation page."""
    labels: list[Token] = []
    amounts: dict[str, Decimal] = {}
    cells: dict[str, Token] = {}
    line_index = {id(t): i for i, ln in enumerate(row.lines) for t in ln.tokens}
    for i, toks in row.cells.items():
        slot = sub[i]
        if i == 0:
            labels.extend(t for t in toks if not t.is_amount or ORDINAL.match(t.text))
            # An amount in the label column is a glued cell whose rule was missing.
            for t in toks:
                if t.is_amount and len(sub) > 1 and sub[1].measure and not ORDINAL.match(t.text):
                    value = parse_amount(t.text)
                    if value is not None and sub[1].measure not in amounts:
                        amounts[sub[1].measure], cells[sub[1].measure] = value, t
        elif slot.measure:
            for t in toks:
                value = parse_amount(t.text)
                if value is not None and slot.measure not in amounts:
                    amounts[slot.measure], cells[slot.measure] = value, t
                elif _total_class(t.text) or _special_key(t.text, g.kind):
                    labels.append(t)  # a merged label cell spilling over the amount column
    ordered = sorted(labels, key=lambda t: (line_index.get(id(t), 0), t.x0))
    label = "".join(t.text for t in ordered)
    if label and _continues(g, label, row, carry_on):
        g.items[-1].label_parts.append(label)
        _add_amounts(g.items[-1], amounts, cells, layout, ordered)
    elif label:
        item = _Item([label], row.page, dict(amounts), layout, dict(cells), list(ordered))
        g.items.append(item)
        if not amounts and _total_class(label):
            waiting.append((item, row.lines[0].yc))
    elif amounts:
        # The amount of a wrapped label printed on a later line, else an orphan for a
        # neighbouring group's merged label.
        target = next((it for it in reversed(g.items[-2:]) if not it.amounts), None)
        if target is not None:
            _add_amounts(target, amounts, cells, layout)
        else:
            orphans.append((g, row.lines[0].yc, dict(amounts), dict(cells)))


def _list_slots(data: list[TextLine]) -> tuple[list[Slot] | None, list[_Group] | None]:
    """Label | amount columns of a list without header or rulings (the seed's 收入预算总表)."""
    amounts = [t for ln in data for t in ln.tokens if t.is_amount]
    if not amounts:
        return None, None
    split = min(t.x0 for t in amounts) - 1
    slots = [Slot(-1e9, split, measure=None, is_label=True), Slot(split, 1e9, measure="total")]
    return slots, [_Group(0, [1], EXPENDITURE)]


def _add_amounts(
    item: _Item,
    amounts: dict[str, Decimal],
    cells: dict[str, Token],
    layout: PageLayout,
    label_tokens: Sequence[Token] = (),
) -> None:
    """Amounts (and label pieces) printed on a later line of the item; their boxes count only
    on the item's own page."""
    same_page = layout is item.layout
    for k, v in amounts.items():
        if k not in item.amounts:
            item.amounts[k] = v
            if same_page:
                item.cells[k] = cells[k]
    if same_page:
        item.label_tokens.extend(label_tokens)


def _continues(g: _Group, label: str, row: Row, carry_on: bool = False) -> bool:
    """Whether a label fragment finishes the previous item's wrapped label.

    Within a ruled row the band already joined the fragments; a fragment at the top of a
    continuation page may finish the row the previous page broke off. A previous label that
    is already complete (a total, a known class name) takes no continuation.
    """
    if not g.items:
        return False
    prev = g.items[-1].label
    if row.banded and not carry_on:
        # A ruled row is whole, unless its rulings belong to the neighbouring group and a
        # one- or two-character tail (费 of 单位预留机动经费) fell into the next band.
        tail = len(fold(label)) <= 2 and not ORDINAL.match(label) and not _total_class(label)
        incomplete = not (
            _total_class(prev) or _special_key(prev, g.kind) or function_class_code(prev) or economic_class_code(prev)
        )
        return tail and incomplete
    if _total_class(prev) or _special_key(prev, g.kind) or function_class_code(prev) or economic_class_code(prev):
        return False
    if ORDINAL.match(label) or _special_key(label, g.kind):
        return False
    if _total_class(label) and not carry_on:
        return False
    if function_class_code(label) or economic_class_code(label):
        return False
    joined = prev + label
    return len(fold(label)) <= 4 or bool(function_class_code(joined) or economic_class_code(joined))


def _special_key(label: str, kind: str) -> str | None:
    s = fold(strip_ordinal(label))
    if s.startswith(("年初", "年末")):
        s = s.replace("财政拨款", "")  # 年初财政拨款结转和结余 in 财政拨款收入支出决算总表
    if kind == REVENUE and _CARRIED_OVER.match(s):
        return "carried_over"
    if kind != REVENUE and _YEAR_END.match(s):
        return "year_end_balance"
    return None


def _resolve_kind(g: _Group, first: bool = False) -> str:
    if g.kind != EXPENDITURE:
        return g.kind
    if first:
        return REVENUE  # the leftmost group of every 收支总表 is the income side
    fn = sum(1 for it in g.items if function_class_code(it.label))
    ec = sum(1 for it in g.items if economic_class_code(it.label) and not function_class_code(it.label))
    if fn >= ec and fn:
        return FUNCTION
    if ec:
        return ECONOMIC
    return PURPOSE


def _emit(region: TableRegion, groups: list[_Group], unit: str) -> list[m.BudgetLine]:
    out: list[m.BudgetLine] = []
    for gi, g in enumerate(groups):
        kind = REVENUE if region.kind == m.REVENUE_SUMMARY else _resolve_kind(g, first=(gi == 0))
        prefix = "income" if kind == REVENUE else "expenditure"
        seen_total = False
        levels: list[int] = []
        keyed: list[tuple[_Item, str | None, str | None, bool]] = []
        seen_keys: set[str | None] = set()
        last_special: str | None = None
        grand_first = bool(g.items) and _total_class(g.items[0].label) == "grand"
        for n, it in enumerate(g.items):
            label = it.label
            total = _total_class(label)
            code = key = None
            is_total = False
            if grand_first and n > 0 and fold(label) == "小计":
                # Jiangsu's 收入预算总表 opens with 收入总计, then a 小计 per source of funds.
                following = next((x.label for x in g.items[n + 1 :] if not _total_class(x.label)), "")
                key, is_total = f"{squash_spaces(strip_ordinal(following))}.小计", True
            elif total == "grand" or (total == "total" and seen_total):
                key, is_total = f"{prefix}_grand_total", True
            elif total == "total":
                key, is_total, seen_total = f"{prefix}_total", True, True
            elif special := _special_key(label, kind):
                key = special
            elif (kind == FUNCTION and (code := function_class_code(label))) or (
                kind == ECONOMIC and (code := economic_class_code(label))
            ):
                pass
            else:
                key = squash_spaces(strip_ordinal(label)) or label
            if key in seen_keys and last_special:
                # The funds under 年初结转和结余 repeat the income item names.
                key = f"{last_special}.{key}"
            if key in ("carried_over", "year_end_balance"):
                last_special = key
            elif is_total:
                last_special = None
            seen_keys.add(key)
            keyed.append((it, code, key, is_total))
        # Income items nest (一. > （一） > 1.): a parent is a subtotal of the items right under it.
        # Unnumbered items are children only under 上年结余（转） (上年财政拨款结余（转）, 其他结余（转）).
        for idx, (it, _code, _key, is_total) in enumerate(keyed):
            level = ordinal_level(it.label)
            if level is None:
                prev = levels[-1] if levels else 1
                parent_key = keyed[idx - 1][2] if idx else None
                level = 9 if (parent_key == "carried_over" or prev == 9) and not is_total else min(prev, 8)
            levels.append(level)
        for idx, (it, code, key, is_total) in enumerate(keyed):
            subtotal = is_total
            if kind == REVENUE and not is_total and idx + 1 < len(keyed) and not keyed[idx + 1][3]:
                subtotal = levels[idx + 1] > levels[idx]
            cls = {REVENUE: "revenue", FUNCTION: "function", ECONOMIC: "economic"}.get(kind, "other")
            for measure, amount in it.amounts.items():
                cell = it.cells.get(measure)
                out.append(
                    m.BudgetLine(
                        table_kind=region.kind,
                        classification=cls,
                        code=code,
                        line_key=key,
                        line_label=it.label,
                        measure=measure,
                        amount_yuan=to_yuan(amount, unit),
                        is_subtotal=subtotal,
                        source_page=it.page,
                        unit=unit,
                        amount_box=it.layout.box([cell]) if cell and it.layout else None,
                        label_box=it.layout.box(it.label_tokens) if it.layout else None,
                    )
                )
    return out
