"""extract.tables.grid: a table part's header and data lines in, named columns and rows of cells out."""

from __future__ import annotations

from extract.layout import Rule, TextLine, Token
from extract.tables.grid import build_rows, build_slots, slot_of
from tests.extract.units.pagekit import SIZE, line, page

_COLUMNS = (10, 110, 200, 290, 380)  # 科目名称 | 合计 | 基本支出 | 项目支出


def _ruled(lines, hrules=()):
    vrules = [Rule(x, 70, 210) for x in _COLUMNS] + [Rule(1, 0, 800)]  # and the page frame
    return page(lines, vrules=vrules, hrules=[Rule(y, 10, 380) for y in hrules])


def _header():
    return [line(80, ("科目名称", 20), ("合计", 120), ("基本支出", 210), ("项目支出", 300))]


def _cells(row, slots) -> dict[str | None, str]:
    return {(slots[i].measure or "label"): " ".join(t.text for t in toks) for i, toks in row.cells.items()}


def test_ruled_columns_are_named_by_their_header():
    data = [line(110, ("一般公共服务支出", 20), ("157.44", 120), ("157.44", 210))]
    p = _ruled(_header() + data)
    slots = build_slots(p, _header(), data)
    assert [(s.x0, s.x1) for s in slots] == [(10, 110), (110, 200), (200, 290), (290, 380)]
    assert [s.measure for s in slots] == [None, "total", "basic", "project"]
    assert [s.is_label for s in slots] == [True, False, False, False]


def test_an_empty_cell_leaves_its_column_empty_whatever_the_token_order():
    data = [
        line(110, ("一般公共服务支出", 20), ("157.44", 120), ("157.44", 210)),
        line(130, ("资源勘探工业信息等支出", 20), ("1,888.50", 120), ("1,888.50", 300)),
    ]
    p = _ruled(_header() + data)
    slots = build_slots(p, _header(), data)
    rows = build_rows(p, slots, data, lambda t: False)
    assert [_cells(r, slots) for r in rows] == [
        {"label": "一般公共服务支出", "total": "157.44", "basic": "157.44"},
        {"label": "资源勘探工业信息等支出", "total": "1,888.50", "project": "1,888.50"},
    ]
    assert not any(r.banded for r in rows)


def test_a_spanning_header_names_the_columns_under_it():
    spanning = Token("一般公共预算基本支出", 205, 370, 60, 60 + SIZE, SIZE)
    header = [TextLine([spanning]), line(80, ("科目名称", 20), ("合计", 120), ("人员经费", 210), ("公用经费", 300))]
    data = [line(110, ("301", 20), ("213.81", 120), ("213.81", 210))]
    p = _ruled(header + data)
    slots = build_slots(p, header, data)
    assert [s.parents for s in slots] == [[], [], ["一般公共预算基本支出"], ["一般公共预算基本支出"]]
    assert [s.measure for s in slots] == [None, "total", "personnel", "public_operating"]


def test_without_rulings_columns_come_from_header_centres():
    header = [line(80, ("科目名称", 20), ("合计", 120), ("基本支出", 210))]  # centres 32, 126, 222
    data = [line(110, ("合计", 20), ("231.69", 115), ("231.69", 200))]
    p = page(header + data)
    slots = build_slots(p, header, data)
    assert [(s.x0, s.x1) for s in slots] == [(-1e9, 79.0), (79.0, 174.0), (174.0, 1e9)]
    assert [slot_of(slots, t) for t in data[0].tokens] == [0, 1, 2]


def test_a_ruled_band_keeps_a_wrapped_label_in_one_row():
    data = [
        line(105, ("机关事业单位基本养老保险缴费支", 20), ("580.01", 120)),
        line(118, ("出", 20)),
        line(145, ("住房公积金", 20), ("24.69", 120)),
    ]
    p = _ruled(_header() + data, hrules=(100, 135, 160))
    slots = build_slots(p, _header(), data)
    rows = build_rows(p, slots, data, lambda t: False)
    assert [_cells(r, slots) for r in rows] == [
        {"label": "机关事业单位基本养老保险缴费支 出", "total": "580.01"},
        {"label": "住房公积金", "total": "24.69"},
    ]
    assert [r.banded for r in rows] == [True, True]


def test_a_band_holding_two_rows_is_read_line_by_line():
    data = [
        line(105, ("工资福利支出", 20), ("213.81", 120)),
        line(120, ("商品和服务支出", 20), ("17.88", 120)),
    ]  # two amounts in one column, one band
    p = _ruled(_header() + data, hrules=(100, 135, 160))
    slots = build_slots(p, _header(), data)
    rows = build_rows(p, slots, data, lambda t: False)
    assert [_cells(r, slots)["total"] for r in rows] == ["213.81", "17.88"]
    assert [r.banded for r in rows] == [False, False]


def test_a_number_just_outside_the_outer_ruling_takes_the_nearest_column():
    slots = build_slots(_ruled(_header()), _header(), [line(110, ("x", 20))])
    over_right = Token("1.00", 378, 385, 110, 120, SIZE)
    far_right = Token("1.00", 400, 420, 110, 120, SIZE)
    assert slot_of(slots, over_right) == 3
    assert slot_of(slots, far_right) is None


def test_a_token_belongs_to_the_column_of_its_centre():
    slots = build_slots(_ruled(_header()), _header(), [line(110, ("x", 20))])
    spilling = Token("1,888.50", 105, 135, 110, 120, SIZE)  # starts left of the 110 border
    assert slot_of(slots, spilling) == 1
