"""extract.layout: chars and edges of one page in, tokens, lines and rulings out."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.layout import dedupe_chars, page_layout
from tests.extract.units.pagekit import char, chars, drawn_pdf


@dataclass
class _Page:
    """The attributes of a pdfplumber page that ``page_layout`` reads."""

    chars: list[dict]
    edges: list[dict] = field(default_factory=list)
    width: float = 400.0
    height: float = 300.0
    rotation: int = 0


def _vedge(x: float, top: float, bottom: float) -> dict:
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom}


def _hedge(y: float, x0: float, x1: float) -> dict:
    return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y}


def _texts(layout) -> list[list[str]]:
    return [[t.text for t in ln.tokens] for ln in layout.lines]


def test_fake_bold_chars_are_dropped_once():
    twice = chars("合计", 10, 20) + chars("合计", 10.4, 20.3)
    other_size = char("合", 10.2, 20, size=12)
    kept = dedupe_chars([*twice, other_size])
    assert [c["text"] for c in kept] == ["合", "计", "合"]
    assert kept[2]["size"] == 12


def test_a_gap_wider_than_a_third_of_the_font_splits_tokens():
    near = chars("基本", 10, 20) + chars("支出", 32, 20)  # 2 pt apart: one word
    far = chars("项目", 10, 50) + chars("支出", 35, 50)  # 5 pt apart: two cells
    layout = page_layout(_Page(near + far), 1)
    assert _texts(layout) == [["基本支出"], ["项目", "支出"]]


def test_a_vertical_ruling_splits_glued_cells():
    glued = chars("基本支出", 10, 20)
    layout = page_layout(_Page(glued, [_vedge(30, 15, 35)]), 1)
    assert _texts(layout) == [["基本", "支出"]]
    assert [r.pos for r in layout.vrules] == [30]


def test_an_amount_glued_to_a_label_is_cut_with_its_own_box():
    layout = page_layout(_Page(chars("1,627.551.工资福利性支出", 10, 20, width=5)), 1)
    amount, label = layout.lines[0].tokens
    assert (amount.text, label.text) == ("1,627.55", "1.工资福利性支出")
    assert (amount.x0, amount.x1) == (10, 50)  # 8 chars of 5 pt
    assert label.x0 == 50 and amount.is_amount and not label.is_amount


def test_lines_group_chars_by_vertical_centre_and_come_top_down():
    row = chars("合计", 10, 100.0) + chars("2,120.19", 60, 101.5, width=5)  # baseline jitter
    title = chars("收支总表", 10, 40)
    layout = page_layout(_Page(row + title), 3)
    assert layout.number == 3
    assert _texts(layout) == [["收支总表"], ["合计", "2,120.19"]]
    assert [ln.text for ln in layout.lines_between(90, 120)] == ["合计 2,120.19"]


def test_collinear_edges_join_into_one_rule_and_short_ones_are_dropped():
    edges = [
        _vedge(100, 10, 30),
        _vedge(100.5, 30, 50),
        _vedge(100, 80, 90),  # gap 30: a new rule
        _vedge(200, 10, 11),  # 1 pt: a tick, not a ruling
        _hedge(60, 10, 150),
        _hedge(60, 151, 300),
    ]
    layout = page_layout(_Page(chars("合计", 10, 20), edges), 1)
    assert [(round(r.pos, 2), r.start, r.end) for r in layout.vrules] == [(100.17, 10, 50), (100.17, 80, 90)]
    assert [(r.pos, r.start, r.end) for r in layout.hrules] == [(60, 10, 300)]


def test_a_grid_without_its_right_border_gets_one_where_its_rules_end():
    """Three rows' rules run 100 pt past the last vertical rule and end together: the undrawn
    border (a table printed to the page edge, or a re-distilled copy that lost it) is added."""
    edges = [_vedge(10, 40, 100), _vedge(110, 40, 100)] + [_hedge(y, 10, 210) for y in (40, 70, 100)]
    layout = page_layout(_Page(chars("合计", 20, 80), edges), 1)
    assert [(r.pos, r.start, r.end) for r in layout.vrules] == [(10, 40, 100), (110, 40, 100), (210, 40, 100)]


def test_an_underline_past_a_grid_adds_no_border():
    """One or two rules reaching past the grid are underlines, not a side of it."""
    edges = [_vedge(10, 40, 100), _vedge(110, 40, 100), _vedge(210, 40, 100)]
    edges += [_hedge(y, 10, 210) for y in (40, 70)] + [_hedge(100, 10, 380), _hedge(120, 10, 380)]
    layout = page_layout(_Page(chars("合计", 20, 80), edges), 1)
    assert [r.pos for r in layout.vrules] == [10, 110, 210]


def _grid_pdf(rotate: int = 0) -> bytes:
    def draw(c, font):
        # Display coordinates (top-left origin) of the text: 科目 at y=50, 合计 row at y=80.
        c.drawString(20, 300 - 60, "科目名称")
        c.drawString(120, 300 - 60, "预算数")
        c.drawString(20, 300 - 90, "合计")
        c.drawString(120, 300 - 90, "2,120.19")
        for x in (10, 110, 200):
            c.line(x, 300 - 40, x, 300 - 100)
        for y in (40, 70, 100):
            c.line(10, 300 - y, 200, 300 - y)

    data = drawn_pdf(draw)
    if not rotate:
        return data
    pdf = pdfium.PdfDocument(data)
    pdf[0].set_rotation(rotate)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def test_a_drawn_table_reads_as_lines_and_rulings():
    with pdfplumber.open(io.BytesIO(_grid_pdf())) as pdf:
        layout = page_layout(pdf.pages[0], 1)
    assert _texts(layout) == [["科目名称", "预算数"], ["合计", "2,120.19"]]
    assert [round(r.pos) for r in layout.vrules] == [10, 110, 200]
    assert [round(r.pos) for r in layout.hrules] == [40, 70, 100]
    assert layout.direction is None and layout.frame.rotation == 0


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_page_reads_upright_and_boxes_point_into_the_turned_page(degrees):
    with pdfplumber.open(io.BytesIO(_grid_pdf(degrees))) as pdf:
        page = pdf.pages[0]
        layout = page_layout(page, 1)
        amount_chars = [c for c in page.chars if c["text"] in "2,120.19" and c["text"].strip()]
    assert _texts(layout) == [["科目名称", "预算数"], ["合计", "2,120.19"]]
    assert layout.frame.rotation == degrees
    assert (layout.width, layout.height) == (400, 300)  # the upright frame, whatever /Rotate says
    amount = layout.lines[1].tokens[1]
    expected = (
        min(c["x0"] for c in amount_chars),
        min(c["top"] for c in amount_chars),
        max(c["x1"] for c in amount_chars),
        max(c["bottom"] for c in amount_chars),
    )
    assert layout.box([amount]) == pytest.approx(expected, abs=0.02)
    assert layout.box([]) is None
