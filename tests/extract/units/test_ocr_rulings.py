"""extract.ocr.rulings on drawn page images: the skew of a ruled grid, read off its rules."""

from __future__ import annotations

import numpy as np
import pytest

from extract.ocr.opencv import cv2
from extract.ocr.rulings import deskew, rulings, skew_degrees

PX_PER_PT = 200 / 72  # the render's scale (extract.ocr.page.OCR_DPI)


def _grid(degrees: float) -> np.ndarray:
    """A white A4 page at 200 dpi with a 10 × 5 table of 2-px rules, turned by ``degrees``."""
    page = np.full((2339, 1654), 255, np.uint8)
    for y in range(400, 1500, 110):
        cv2.line(page, (150, y), (1500, y), 0, 2)
    for x in range(150, 1501, 270):
        cv2.line(page, (x, 400), (x, 1390), 0, 2)
    matrix = cv2.getRotationMatrix2D((827, 1169), degrees, 1.0)
    return cv2.warpAffine(page, matrix, (1654, 2339), flags=cv2.INTER_LINEAR, borderValue=255)


@pytest.mark.parametrize("degrees", [0.4, 1.5, -2.0, 2.8])
def test_the_skew_of_thin_rules_is_read_and_undone(degrees):
    page = _grid(degrees)
    skew = skew_degrees(page, PX_PER_PT)
    # OpenCV turns counter-clockwise for a positive angle: in image rows, the rules then fall.
    assert skew == pytest.approx(-degrees, abs=0.15)
    horizontal, vertical = rulings(deskew(page, skew), PX_PER_PT)
    assert len(horizontal) == 10 and len(vertical) == 6


def test_an_upright_page_is_left_as_it_is():
    assert skew_degrees(_grid(0.0), PX_PER_PT) == 0.0


def test_a_tall_stroke_of_a_title_glyph_is_no_cell_border():
    # A 22 pt title above the table: its vertical strokes (here 70 px, 25 pt) are longer than
    # the shortest rule, but meet no horizontal rule. Taken for a border, one cut the title's
    # box and the title was read with a glyph twice (一般公共预算基本 本支出预算表).
    page = _grid(0.0)
    cv2.line(page, (800, 250), (800, 320), 0, 4)
    horizontal, vertical = rulings(page, PX_PER_PT)
    assert len(horizontal) == 10 and len(vertical) == 6
    assert all(v.start >= 390 for v in vertical)


def test_a_grid_printed_without_its_right_border_has_one():
    # Jiangsu's 一般公共预算基本支出预算表 runs to the page's edge with no right border: its
    # 金额 column would be no cell, and the table was loaded without a single amount.
    page = np.full((2339, 1654), 255, np.uint8)
    for y in range(400, 1500, 110):
        cv2.line(page, (150, y), (1500, y), 0, 2)
    for x in range(150, 1000, 270):
        cv2.line(page, (x, 400), (x, 1390), 0, 2)
    horizontal, vertical = rulings(page, PX_PER_PT)
    assert len(horizontal) == 10
    assert [v.pos for v in vertical] == pytest.approx([150, 420, 690, 960, 1500], abs=4)
    assert (vertical[-1].start, vertical[-1].end) == (horizontal[0].pos, horizontal[-1].pos)


def test_an_underline_beyond_a_grid_adds_no_border():
    page = _grid(0.0)
    cv2.line(page, (150, 1450), (1600, 1450), 0, 2)  # one longer rule: no open side
    _horizontal, vertical = rulings(page, PX_PER_PT)
    assert len(vertical) == 6
