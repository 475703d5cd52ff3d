"""“三公”经费支出表: six amounts, printed either as one row under a two-level header or as a list.

In the grid form the cells of the one data row are placed by the x-position of their header
(the seed's ``0.60 0.60`` across six columns is 合计 + 公务接待费, knowable only that way).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .. import model as m
from ..amounts import parse_amount
from ..layout import PageLayout, TextLine, Token
from ..regions import TableRegion, empty_note, is_meta_line
from ..text_norm import fold, squash_spaces, strip_ordinal
from ..units import to_yuan
from .grid import Slot, build_rows, build_slots

_LABELS = {
    "total": "合计",
    "outbound_travel": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "official_reception": "公务接待费",
    "meetings": "会议费",
    "training": "培训费",
    "total_with_meetings_training": "合计",
    "office_operating_expenses": "机关运行经费",
}


def key_of_text(text: str) -> str | None:
    s = fold(strip_ordinal(text)).replace("其中:", "")
    if not s:
        return None
    if "出国" in s:
        return "outbound_travel"
    if "接待" in s:
        return "official_reception"
    if "购置" in s and "运行" in s:
        return "vehicle_total"
    if "运行" in s and ("车" in s or s.startswith("运行")) and "机关运行" not in s:
        return "vehicle_operation"
    if "购置" in s:
        return "vehicle_purchase"
    if "会议" in s:
        return "meetings"
    if "培训" in s:
        return "training"
    if "机关运行经费" in s:
        return "office_operating_expenses"
    if s in ("小计",):
        return "subtotal"
    if s in ("合计", "总计") or s.endswith("合计"):
        return "total"
    return None


def _slot_key(slot: Slot) -> tuple[str | None, str]:
    """Item key of a column and the header text that names it.

    The column's own cell is read first, grown upwards for wrapped cells; then the headers
    spanning it (a 决算 table puts 预算数 / 决算数 under each item, the item above them).
    """
    texts = [t for t in slot.own if not _is_budget_final(t)]
    for k in range(1, len(texts) + 1):
        text = "".join(texts[-k:])
        key = key_of_text(text)
        if key:
            return key, text
    parents = slot.parents
    for k in range(1, len(parents) + 1):
        for j in range(len(parents) - k, -1, -1):
            text = "".join(parents[j : j + k])
            key = key_of_text(text)
            if key and key != "subtotal":
                return key, text
            if key == "subtotal" and not slot.own:
                return key, text
    return None, ""


def _is_budget_final(text: str) -> bool:
    return fold(text) in ("预算数", "决算数", "预算", "决算")


def _is_data_line(line: TextLine) -> bool:
    return any(t.is_amount for t in line.tokens)


def parse_three_public(region: TableRegion, unit: str) -> tuple[list[m.BudgetLine], str | None]:
    note = None
    out: list[m.BudgetLine] = []
    for part in region.parts:
        lines = part.body()
        for ln in lines:
            note = note or empty_note(ln)
        first = next((i for i, ln in enumerate(lines) if _is_data_line(ln) and not is_meta_line(ln)), None)
        if first is None:
            continue
        header = [ln for ln in lines[:first] if not is_meta_line(ln)]
        data = lines[first:]
        grid = _grid_lines(region, part, header, data, unit)
        out.extend(grid if grid is not None else _list_lines(region, part.page, data, unit))
        if out:
            break
    return out, (None if out else note)


def _grid_lines(region, part, header, data, unit) -> list[m.BudgetLine] | None:
    paired = _paired_lines(region, part, header, data, unit)
    if paired is not None:
        return paired
    slots = build_slots(part.page, header, data)
    named = [_slot_key(s) for s in slots]
    keys = [k for k, _ in named]
    if sum(1 for k in keys if k) < 3:
        return None
    subtotals = [i for i, k in enumerate(keys) if k == "subtotal" and "小计" in fold("".join(slots[i].own))]
    for i, k in enumerate(keys):
        if k == "subtotal" and i not in subtotals:  # 小计 spanning a 预算数 / 决算数 pair
            keys[i] = "vehicle_total" if "车" in fold("".join(slots[i].parents)) else "total"
    for n, i in enumerate(subtotals):
        parents = fold("".join(slots[i].parents))
        if len(subtotals) > 1:
            # Jiangsu: the 三公 小计, then the 公务用车 小计.
            keys[i] = "total" if n == 0 else "vehicle_total"
        else:
            keys[i] = "vehicle_total" if "车" in parents or "三公" not in parents else "total"
    if any(k in ("meetings", "training") for k in keys) and keys.count("total") > 1:
        keys[keys.index("total")] = "total_with_meetings_training"
    header_text = [fold("".join(s.parents) + "".join(s.own)) for s in slots]
    has_final = any("决算" in t for t in header_text)
    rows = build_rows(part.page, slots, data, lambda t: False)
    out: list[m.BudgetLine] = []
    for row in rows:
        seen = False
        for i, toks in sorted(row.cells.items()):
            key = keys[i]
            if not key:
                continue
            for t in toks:
                value = parse_amount(t.text)
                if value is None:
                    continue
                seen = True
                budgeted = has_final and "决算" not in fold("".join(slots[i].own)) and "预算" in header_text[i]
                label = named[i][1] if named[i][0] == key else _LABELS.get(key, key)
                out.append(
                    _line(
                        region,
                        key,
                        label or _LABELS[key],
                        "budgeted_total" if budgeted else "total",
                        value,
                        part.page,
                        unit,
                        t,
                    )
                )
                break
        if seen:
            break
    return out


def _paired_lines(region, part, header, data, unit) -> list[m.BudgetLine] | None:
    """A 决算 table whose lowest header row is 预算数 | 决算数 under every item.

    Those twelve small header cells are the only reliable column anchors: the item names
    above them are centred over a pair, wrap over two or three lines and are printed at
    widths unrelated to the columns, so each amount goes to the nearest 预算数 / 决算数 cell,
    and each pair takes its item from the lowest header text above it that names one.
    """
    anchors_at = next(
        (
            i
            for i in range(len(header) - 1, -1, -1)
            if len(header[i].tokens) >= 4 and all(_is_budget_final(t.text) for t in header[i].tokens)
        ),
        None,
    )
    if anchors_at is None:
        return None
    anchors = sorted(header[anchors_at].tokens, key=lambda t: t.xc)
    above = [t for ln in header[:anchors_at] for t in ln.tokens]
    keys = [_pair_key(anchors[i : i + 2], above) for i in range(0, len(anchors), 2)]
    for i, key in enumerate(keys):
        if key == "subtotal":  # the 三公 合计 comes first; a 小计 after it is the vehicles'
            keys[i] = "vehicle_total" if "total" in keys[:i] else "total"
    if sum(1 for k in keys if k) < 3:
        return None
    pitch = min(b.xc - a.xc for a, b in itertools.pairwise(anchors))
    row = next((ln for ln in data if _is_data_line(ln) and not is_meta_line(ln)), None)
    out: list[m.BudgetLine] = []
    for t in row.tokens if row else ():
        value = parse_amount(t.text)
        nearest = min(range(len(anchors)), key=lambda i: abs(anchors[i].xc - t.xc))
        key = keys[nearest // 2]
        if value is None or key is None or abs(anchors[nearest].xc - t.xc) > pitch / 2:
            continue
        measure = "budgeted_total" if "预算" in fold(anchors[nearest].text) else "total"
        out.append(_line(region, key, _LABELS[key], measure, value, part.page, unit, t))
    return out


def _pair_key(pair: list, above: list) -> str | None:
    """The item over one 预算数 / 决算数 pair: the header texts standing over it, read from the
    lowest up (公务用车 / 购置费 -> 公务用车购置费)."""
    x0, x1 = pair[0].x0, pair[-1].x1
    over = sorted((t for t in above if x0 <= t.xc <= x1), key=lambda t: t.top)
    texts = [t.text for t in over if not _is_budget_final(t.text)]
    for k in range(1, len(texts) + 1):
        key = key_of_text("".join(texts[-k:]))
        if key:
            return key
    return None


def _line(
    region, key, label, measure, value, layout: PageLayout, unit, cell: Token, label_tokens: Sequence[Token] = ()
) -> m.BudgetLine:
    """One 三公 amount; its label is a column header (the box of the header is not kept: one
    header cell stands over every row) or, in a list layout, the text before it."""
    cls = "other" if key == "office_operating_expenses" else "three_public"
    return m.BudgetLine(
        table_kind=region.kind,
        classification=cls,
        code=None,
        line_key=key,
        line_label=squash_spaces(label),
        measure=measure,
        amount_yuan=to_yuan(value, unit),
        is_subtotal=key in ("total", "vehicle_total", "total_with_meetings_training"),
        source_page=layout.number,
        unit=unit,
        amount_box=layout.box([cell]),
        label_box=layout.box(label_tokens),
    )


def _list_lines(region, layout: PageLayout, data, unit) -> list[m.BudgetLine]:
    out: list[m.BudgetLine] = []
    seen: set[str] = set()
    for ln in data:
        amounts = [t for t in ln.tokens if t.is_amount]
        labels = [t for t in ln.tokens if not t.is_amount]
        if not amounts or not labels:
            continue
        label = "".join(t.text for t in labels)
        key = key_of_text(label)
        if key == "subtotal":
            key = "vehicle_total"
        if not key or key in seen:
            continue
        seen.add(key)
        value = parse_amount(amounts[0].text)
        out.append(_line(region, key, label, "total", value, layout, unit, amounts[0], labels))
    return out
