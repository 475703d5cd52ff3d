"""One parser for every table of coded rows: 支出预算总表, 一般公共预算支出表, 政府性基金预算支出表,
一般公共预算基本支出表 and 一般公共预算机关运行经费支出预算表 (economic codes), and their 决算 and
regional variants.

Rows carry a code (joined ``2010350`` or split over 类/款/项 columns ``201 03 50``), a name and
one amount per filled column; the 合计 row has no code. Columns are named by their header,
amounts are placed by x-position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .. import model as m
from ..amounts import parse_amount
from ..codes import CodeJoiner, is_code_part
from ..headers import measure_of
from ..layout import PageLayout, TextLine, Token
from ..regions import TableRegion, empty_note, is_footnote, is_meta_line
from ..text_norm import fold, squash_spaces
from ..units import to_yuan
from .grid import Row, Slot, build_rows, build_slots, slot_of, split_at_first_row

_TOTAL_WORDS = {"合计", "总计", "合计数", "本年支出合计", "支出合计"}
_GLUED_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})(\D.*)$")


def _is_total_text(text: str) -> bool:
    return fold(text) in _TOTAL_WORDS


def _is_start(token: Token) -> bool:
    return is_code_part(token.text) or _is_total_text(token.text) or bool(_GLUED_CODE.match(token.text))


def _is_data_line(line: TextLine) -> bool:
    """A line with an amount or a code (a lone 合计 line is decided by its neighbours)."""
    first = line.tokens[0].text
    if any(t.is_amount and not (is_code_part(t.text) and i == 0) for i, t in enumerate(line.tokens)):
        return True
    if re.fullmatch(r"\d{3}|\d{5}|\d{7}", first) and len(line.tokens) > 1:
        return True
    return bool(_GLUED_CODE.match(first))


@dataclass
class _Logical:
    """One table row after stitching: a code printed apart from its name, a wrapped name."""

    page: int
    code: str | None = None
    total: bool = False
    name_parts: list[str] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)
    top: float = 0.0
    bottom: float = 0.0
    layout: PageLayout | None = None  # of ``page``: boxes are read from tokens on it only
    cells: dict[str, Token] = field(default_factory=dict)  # measure -> the amount's token
    label_tokens: list[Token] = field(default_factory=list)  # code and name

    def add(
        self,
        amounts: dict[str, Decimal],
        cells: dict[str, Token],
        layout: PageLayout,
        label_tokens: Sequence[Token] = (),
    ) -> None:
        """Amounts (and name pieces) found on a later line of the row."""
        self.amounts.update(amounts)
        if layout is self.layout:
            self.cells.update({ms: t for ms, t in cells.items() if ms in amounts})
            self.label_tokens.extend(label_tokens)

    @property
    def name(self) -> str:
        return squash_spaces("".join(self.name_parts))


@dataclass
class CodedResult:
    lines: list[m.BudgetLine]
    empty_note: str | None


def _split_header(page, lines: list[TextLine]) -> tuple[list[TextLine], list[TextLine], str | None]:
    note = None
    first = None
    for i, ln in enumerate(lines):
        if note is None:
            note = empty_note(ln)
        if first is None and _is_data_line(ln) and not empty_note(ln) and not is_footnote(ln):
            first = i
            # 决算 tables print 合计 a line above its amounts, in the same tall cell.
            if i > 0 and _is_total_text(lines[i - 1].compact):
                first = i - 1
    if first is None:
        return [ln for ln in lines if not is_meta_line(ln) and not empty_note(ln)], [], note
    header, data = split_at_first_row(page, lines, first)
    header = [ln for ln in header if not is_meta_line(ln) and not empty_note(ln)]
    return header, [ln for ln in data if not empty_note(ln) and not is_footnote(ln)], note


def _row_parts(
    row: Row, slots: list[Slot], first_value: int
) -> tuple[list[Token], list[str | None], list[Token], dict[str, Token]]:
    """Code parts (with their slot names), name pieces and raw amounts of one row.

    In a ruled row the name may wrap above and below its code (``机关事业单位基本养老保险缴费支`` /
    ``2080505 580.01`` / ``出``): code parts are taken left to right wherever they sit, the
    name in reading order.
    """
    code_tokens: list[tuple[Token, str | None]] = []
    names: list[Token] = []
    amounts: dict[str, Token] = {}
    ordered = sorted(row.tokens(), key=lambda t: (row.lines.index(_line_of(row, t)), t.x0))
    for t in ordered:
        i = slot_of(slots, t)
        if i is None:
            continue
        slot = slots[i]
        if i >= first_value and not slot.is_label:
            if t.is_amount and slot.measure:
                amounts.setdefault(slot.measure, t)
            continue
        g = _GLUED_CODE.match(t.text)
        own = "".join(slot.own)
        if is_code_part(t.text):
            code_tokens.append((t, own if own in ("类", "款", "项") else None))
        elif len(t.text) == 1 and t.text.isdigit() and code_tokens and not names:
            # A spreadsheet that dropped the leading zero of a 款 (``301 2 津贴补贴``).
            padded = Token("0" + t.text, t.x0, t.x1, t.top, t.bottom, t.size)
            code_tokens.append((padded, own if own in ("类", "款", "项") else None))
        elif g and not names and not code_tokens:
            code_tokens.append((Token(g.group(1), t.x0, t.x0, t.top, t.bottom, t.size), None))
            names.append(Token(g.group(2), t.x0, t.x1, t.top, t.bottom, t.size))
        else:
            names.append(t)
    code_tokens.sort(key=lambda pair: pair[0].x0)
    return [t for t, _ in code_tokens], [s for _, s in code_tokens], names, amounts


def _line_of(row: Row, token: Token) -> TextLine:
    for ln in row.lines:
        if token in ln.tokens:
            return ln
    return row.lines[0]


def _slot_groups(slots: list[Slot]) -> list[list[int]]:
    """Column groups printed side by side: a label column after amount columns starts a new group.

    决算's 基本支出表 prints 人员经费 (301, 303) | 公用经费 (302, 307, 310 ...) this way.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    seen_value = False
    for i, slot in enumerate(slots):
        is_value = slot.measure is not None and not slot.is_label
        if slot.is_label and seen_value:
            groups.append(current)
            current, seen_value = [], False
        current.append(i)
        seen_value = seen_value or is_value
    groups.append(current)
    return [g for g in groups if any(slots[i].measure for i in g)]


def parse_coded_table(region: TableRegion, unit: str) -> CodedResult:
    economic = region.kind in (m.GENERAL_PUBLIC_BASIC_EXPENDITURE, m.OFFICE_OPERATING_EXPENDITURE)
    classification = "economic" if economic else "function"
    joiners: list[CodeJoiner] = []
    logical: list[list[_Logical]] = []
    note: str | None = None
    slots: list[Slot] | None = None
    for part in region.parts:
        header, data, part_note = _split_header(part.page, part.body())
        note = note or part_note
        if not data:
            continue
        if any(_has_header_words(ln) for ln in header) or slots is None:
            new_slots = build_slots(part.page, header, data)
            if any(s.measure for s in new_slots):
                slots = new_slots
        if not slots:
            continue
        groups = _slot_groups(slots)
        while len(joiners) < len(groups):
            joiners.append(CodeJoiner())
            logical.append([])
        for gi, group in enumerate(groups):
            sub = [slots[i] for i in group]
            first_value = next(i for i, s in enumerate(sub) if s.measure)
            for i in range(first_value, len(sub)):
                if not sub[i].measure and not sub[i].is_label:
                    sub[i].measure = f"column_{group[i] + 1}"
            rows = build_rows(part.page, sub, data, _is_start)
            _collect(rows, sub, first_value, joiners[gi], logical[gi], part.page)
    lines = [ln for items in logical for ln in _emit(region, items, classification, unit)]
    return CodedResult(lines, None if lines else note)


def _has_header_words(line: TextLine) -> bool:
    s = fold(line.compact)
    return any(
        w in s for w in ("编码", "代码", "科目", "名称", "合计", "基本支出", "项目支出", "预算数", "金额", "决算数")
    )


def _collect(
    rows: list[Row],
    slots: list[Slot],
    first_value: int,
    joiner: CodeJoiner,
    logical: list[_Logical],
    layout: PageLayout,
) -> None:
    page = layout.number
    pending: list[Token] = []  # name pieces printed above their row's code
    pending_layout = layout
    for k, row in enumerate(rows):
        code_tokens, code_slots, name_tokens, cells = _row_parts(row, slots, first_value)
        codes = [t.text for t in code_tokens]
        names = [t.text for t in name_tokens]
        parsed = {ms: parse_amount(t.text) for ms, t in cells.items()}
        amounts = {ms: v for ms, v in parsed.items() if v is not None}
        is_total = not codes and _is_total_text("".join(names))
        prev = logical[-1] if logical else None

        def new(amounts=amounts, cells=cells, row=row, **kw) -> _Logical:  # bound to this iteration's row
            return _Logical(
                page, amounts=amounts, layout=layout, cells={ms: cells[ms] for ms in amounts}, top=row.top, **kw
            )

        if codes:
            code = joiner.join(codes, code_slots, [t.x0 for t in code_tokens])
            if (
                prev is not None
                and prev.code is None
                and not prev.total
                and prev.name_parts
                and not names
                and not (set(prev.amounts) & set(amounts))
                and prev.page == page
                and not row.banded
            ):
                # 决算 layout: the name line above, the code and the rest of the amounts below.
                prev.code = code
                prev.add(amounts, cells, layout, code_tokens)
                continue
            item = new(
                code=code,
                name_parts=[t.text for t in pending] + names,
                bottom=row.lines[-1].bottom,
                label_tokens=[t for t in pending if pending_layout is layout] + code_tokens + name_tokens,
            )
            pending = []
            logical.append(item)
        elif is_total:
            logical.append(new(total=True, name_parts=names, bottom=row.lines[-1].bottom, label_tokens=name_tokens))
            pending = []
        elif amounts and not names:
            if prev is not None and not (set(prev.amounts) & set(amounts)):
                prev.add(amounts, cells, layout)
            elif prev is None:
                # Jiangsu's 支出预算总表 prints the totals alone, without a label.
                logical.append(new(total=True))
        elif names and not amounts:
            if row.banded or prev is None:
                if prev is None:
                    pending.extend(name_tokens)
                    pending_layout = layout
                else:
                    prev.name_parts.extend(names)
                    prev.add({}, {}, layout, name_tokens)
                continue
            nxt = rows[k + 1] if k + 1 < len(rows) else None
            gap_prev = row.top - prev.bottom if prev.page == page else 1e9
            gap_next = (nxt.top - row.lines[-1].bottom) if nxt is not None else 1e9
            if gap_next < gap_prev and nxt is not None:
                pending.extend(name_tokens)
                pending_layout = layout
            else:
                prev.name_parts.extend(names)
                prev.add({}, {}, layout, name_tokens)
        elif (
            names
            and amounts
            and prev is not None
            and prev.code
            and not prev.name_parts
            and not prev.amounts
            and not row.banded
        ):
            # The code alone on its line, the name and amounts on the next.
            prev.name_parts.extend(names)
            prev.add(amounts, cells, layout, name_tokens)
        elif names and amounts:
            item = new(
                name_parts=[t.text for t in pending] + names,
                bottom=row.lines[-1].bottom,
                label_tokens=[t for t in pending if pending_layout is layout] + name_tokens,
            )
            pending = []
            logical.append(item)


def _emit(region: TableRegion, logical: list[_Logical], classification: str, unit: str) -> list[m.BudgetLine]:
    out: list[m.BudgetLine] = []
    for item in logical:
        if not item.amounts:
            continue
        if item.total:
            code, key, label, subtotal = None, "total", item.name or "合计", True
        elif item.code:
            code, key, label = item.code, None, item.name
            subtotal = len(item.code) in (3, 5) if classification == "function" else len(item.code) == 3
        elif re.search(r"(?:合计|小计|总计)$", fold(item.name)):
            # 人员经费合计 / 公用经费合计 under the two groups of a 决算 基本支出表.
            part = measure_of(fold(item.name)[:-2])
            code, key, label, subtotal = None, f"{part}_total" if part else item.name, item.name, True
        else:
            code, key, label, subtotal = None, item.name, item.name, False
        cls = classification
        if code and classification == "function" and code[0] in "35":
            cls = "economic"
        for measure, amount in item.amounts.items():
            cell = item.cells.get(measure)
            out.append(
                m.BudgetLine(
                    table_kind=region.kind,
                    classification=cls,
                    code=code,
                    line_key=key,
                    line_label=label,
                    measure=measure,
                    amount_yuan=to_yuan(amount, unit),
                    is_subtotal=subtotal,
                    source_page=item.page,
                    unit=unit,
                    amount_box=item.layout.box([cell]) if cell and item.layout else None,
                    label_box=item.layout.box(item.label_tokens) if item.layout else None,
                )
            )
    return out
