"""extract.ocr.page on recognised boxes: what is kept of the detector's overlapping boxes."""

from __future__ import annotations

from extract.ocr.engine import Recognised
from extract.ocr.page import _without_echoes


def test_a_title_glyph_boxed_twice_is_read_once():
    # Jiangsu's 一般公共预算支出预算表 at 200 dpi: the detector boxes the large 一 alone and again,
    # half of it, with its line; read twice, the title was no table's and the table was lost.
    glyph = Recognised(158.3, 133.7, 175.6, 144.7, "一、", 0.96)
    line = Recognised(167.6, 128.6, 453.6, 149.4, "一般公共预算支出预算表（功能科目）", 0.99)
    assert _without_echoes([line, glyph]) == [line]


def test_neighbouring_cells_are_both_kept():
    code = Recognised(80.0, 300.0, 110.0, 312.0, "201", 0.99)
    name = Recognised(112.0, 300.0, 200.0, 312.0, "201一般公共服务支出", 0.99)  # no overlap
    amount = Recognised(400.0, 300.0, 440.0, 312.0, "1,234.00", 0.99)
    assert _without_echoes([code, name, amount]) == [code, name, amount]
