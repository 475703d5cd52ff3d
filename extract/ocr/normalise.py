"""The misreads PP-OCR makes on these tables, corrected in one place.

Seen on a 200 dpi scan of a real Shanghai budget (design/ocr-notes.md): spaces inside numbers
(``21, 601,733.00``, ``881, 803. 00``), ``收人`` for ``收入``; on poor scans, the 、 of an
ordinal lost, 十 read as + and an ordinal's 一 left out. Full-width digits and separators
are folded so that amounts parse. Nothing here guesses a digit: a doubtful digit is left for
the accounting identities to confirm or flag.
"""

from __future__ import annotations

import re

from ..text_norm import CJK_ORDINAL

# Words PP-OCR misreads on these scans (design/ocr-notes.md): the reading -> the printed word.
_WORDS = {
    "收人": "收入",
    # 收 read as 文 in the title of Jiangsu's 收支预算总表 scanned at 300 dpi (three of its
    # tables files were rejected for a missing 收支预算总表: benchmarks/ocr_scans.py).
    "文支预算": "收支预算",
    "文支决算": "收支决算",
    # The 一 of a large title's 一般 read as a dash by a box that starts inside the glyph
    # (Jiangsu's 一般公共预算支出预算表 at 200 and 300 dpi); 般 follows only 一 in these tables.
    "-般": "一般",
}
_WORD = re.compile("|".join(map(re.escape, _WORDS)))
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
# A separator followed by a space and a digit, or a digit followed by a space and a separator
# plus digit, is one number broken by the recogniser: ``881, 803. 00``, ``1 ,234.00``. Two
# amounts in one box (``157.44 157.44``) keep their space: no separator touches it.
_SPACE_AFTER_SEPARATOR = re.compile(r"(?<=\d)([,.])\s+(?=\d)")
_SPACE_BEFORE_SEPARATOR = re.compile(r"(?<=\d)\s+(?=[,.]\d)")
_CJK_COMMA_IN_NUMBER = re.compile(r"(?<=\d)，(?=\d{3}(?:\D|$))")
# 十 read as + before the numeral of an ordinal: ``+七、自然资源海洋气象等支出``.
_PLUS_FOR_TEN = re.compile(rf"^\+(?=[{CJK_ORDINAL}]*\s*[、.．])")
# An ordinal's 一 left out of its box, the 、 kept: ``、财政拨款`` for 一、财政拨款 (Jiangsu's
# 收支预算总表 re-distilled and read by OCR). 一 is one horizontal stroke, the one numeral a
# box can lose whole; a label never starts with 、.
_LOST_ONE = re.compile(r"^、(?=[\u4e00-\u9fff])")
# A box holding nothing but a number in Chinese numerals is an ordinal whose 、 the scan lost
# (``三`` beside ``国有资本经营预算拨款收入``): no amount or code in these tables is written so.
# ``一一`` is no number (``一.`` misread) and is left to the class-name lookup.
_LONE_ORDINAL = re.compile(
    "^(?:[一二三四五六七八九十]|十[一二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)$"
)


def normalise(text: str) -> str:
    """``text`` as printed, as far as the recogniser's typical errors can be undone."""
    text = text.translate(_FULL_WIDTH)
    text = _CJK_COMMA_IN_NUMBER.sub(",", text)
    text = _SPACE_AFTER_SEPARATOR.sub(r"\1", text)
    text = _SPACE_BEFORE_SEPARATOR.sub("", text)
    text = _PLUS_FOR_TEN.sub("十", text.strip())
    text = _LOST_ONE.sub("一、", text)
    text = _WORD.sub(lambda m: _WORDS[m.group(0)], text)
    return f"{text}、" if _LONE_ORDINAL.match(text) else text
