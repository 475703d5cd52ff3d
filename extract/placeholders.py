"""Template text left unfilled ("上海市XX局", "增加××万元", "**%"), found in the pages outside the
tables: a disclosure published from its template before every blank was filled in.

A placeholder is two or more of X, x, ×, * or ○ standing alone, not part of a word or a number
(NFKC folds ＸＸ to XX and ＊ to *): ASCII letters are otherwise rare in a disclosure's
Chinese text, and "×" between numbers (3×4) is a product, not a blank.
"""

from __future__ import annotations

import re

from .model import NarrativePlaceholder
from .narrative import narrative_runs

_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9.])(?:[Xx]{2,}|×{2,}|\*{2,}|○{2,})(?![A-Za-z0-9.])")
_CONTEXT = 12  # characters shown either side


def read_placeholders(page_texts: list[str], table_pages: set[int]) -> list[NarrativePlaceholder]:
    """Every placeholder in the pages outside ``table_pages`` (1-based), in reading order, with
    the text around it."""
    found = []
    for run in narrative_runs(page_texts, table_pages):
        for match in _PLACEHOLDER.finditer(run.text):
            text = run.text[max(0, match.start() - _CONTEXT) : match.end() + _CONTEXT]
            found.append(NarrativePlaceholder(text, match.group(0), run.page_at(match.start())))
    return found
