"""extract.mojibake: a text layer whose fonts map glyphs to the wrong characters is not read."""

from __future__ import annotations

from extract.mojibake import MIN_PAGES, garbled_pages

# What PDFium reads from the Ghostscript copy of sh_municipal_finance_bureau_2025_unit_budget.pdf,
# whose page 5 prints 名词解释 / （一）财政拨款收入：是市级预算主管部门……
GARBLED = "]词解释\n00ÿ一Ā¯政拨款收入ÿ是市级预算\x7f管部门及\x80属预算单位本\x80度从本级¯政部门×得的¯政拨款"
# And from the Ghostscript copy of the sample's qiaokou_bigdata_center_2021_budget.pdf (ReportLab):
# wrong ideographs, some of CJK Extension A, for 第一部分 硚口区大数据中心概况.
GARBLED_CJK = "第醟部餲?硚鰫魌㔨䅿㽻釱㯎䖖颲\n醟嶜部门鈆要职能"
CLEAN = "名词解释\n（一）财政拨款收入：是市级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款"


def test_every_page_with_text_is_garbled_once_enough_pages_show_mojibake():
    texts = [GARBLED] * MIN_PAGES + [CLEAN, "", "  "]
    assert garbled_pages(texts) == [0, 1, 2, 3]  # a clean-looking page shares the fonts


def test_rare_ideographs_are_mojibake_too():
    assert garbled_pages([GARBLED_CJK] * MIN_PAGES) == [0, 1, 2]


def test_fewer_pages_with_a_foreign_letter_are_read():
    assert garbled_pages([GARBLED] * (MIN_PAGES - 1) + [CLEAN] * 5) == []


def test_signs_a_disclosure_prints_are_no_mojibake():
    signs = "办公用房面积 1,200 m²，车辆 3 辆 · 单价 ¥12.00 × 2，温度 20°，误差 ±1，µg"
    assert garbled_pages([signs, CLEAN + "\u00a0"] * 5) == []
