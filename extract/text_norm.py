"""Text folding for matching printed labels; printed labels themselves are kept as printed.

Disclosures mix full-width and half-width punctuation, three styles of quotes around 三公,
spaces between digits and CJK ("2021 年") and full-width indentation. Matching happens on a
folded copy so that one keyword list serves every template.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = dict.fromkeys(map(ord, "\"'“”‘’〝〞「」『』″〃"), None)
_SPACES = re.compile(r"\s+")


def squash_spaces(text: str) -> str:
    """Whitespace normalised the way ``BudgetLine.line_label`` keeps it: runs become one space."""
    return _SPACES.sub(" ", text.replace("\u3000", " ")).strip()


def fold(text: str) -> str:
    """NFKC, no quotes, no whitespace, 其他 for 其它: the form every keyword comparison uses."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES).replace("其它", "其他")
    return _SPACES.sub("", text)


CJK_ORDINAL = "一二三四五六七八九十百零"
# Ordinals that open an item: 一、 一. （一） (一) 1. 1、 1． (1) （1） 第一
ORDINAL = re.compile(
    rf"^\s*(?:[（(]\s*[{CJK_ORDINAL}\d]+\s*[）)]|[{CJK_ORDINAL}]+\s*[、.．]|\d+\s*[、.．](?!\d)|其中\s*[:：])\s*"
)


def strip_ordinal(label: str) -> str:
    """The label without its leading ordinal(s): ``（一）公共预算财政拨款（补助）`` -> ``公共预算财政拨款（补助）``."""
    previous = None
    while previous != label:
        previous = label
        label = ORDINAL.sub("", label, count=1)
    return label.strip()


def ordinal_level(label: str) -> int | None:
    """Depth that an income item's ordinal implies: 一、 -> 1, （一） -> 2, 1. -> 3, (1) -> 4; None without one."""
    s = unicodedata.normalize("NFKC", label).lstrip()
    if re.match(rf"^[{CJK_ORDINAL}]+[、.]", s):
        return 1
    if re.match(rf"^\([{CJK_ORDINAL}]+\)", s):
        return 2
    if re.match(r"^\d+[、.](?!\d)", s):
        return 3
    if re.match(r"^\(\d+\)", s):
        return 4
    return None
