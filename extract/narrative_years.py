"""The years the narrative (情况说明) gives its figures, so that they can be checked against the
document's own year: "2026年部门收支总预算…" is of the budget's year, "比2025年预算增加…" compares
with the year before, and a 2026 budget that says "比2026年预算增加793.14万元" has a wrong year.

Only two kinds of mention are read, as the other years a narrative prints are no error: the
year a comparison names (与/比/较/同 2025年), and a year opening a budget figure (2026年部门预算,
2024年度“三公”经费, 2025年当年预算执行数). A year in a plan's span ("2017-2019年财政规划") or a
history ("拟从2020年起", "1993年成立") is neither; nor is a table's title the contents list
("2026年一般公共预算支出表"), whose year fct_review_finding checks as the table's own.
"""

from __future__ import annotations

import re

from .model import NarrativeYear
from .narrative import narrative_runs

_YEAR = r"(?P<year>(?:19|20)\d{2})年度?"
_COMPARISON = re.compile(f"(?:与|比|较|同){_YEAR}")
# Not the end of a span (2017-2019年, 2017至2019年) nor part of a longer number or a date.
_FIGURE = re.compile(
    rf"(?<![\d\-—~至到/.]){_YEAR}(?:本?(?:部门|单位))?(?:当年|全年)?"
    r"(?:预算|决算|收支|收入|支出|三公|财政拨款|一般公共预算|政府性基金|国有资本|机关运行|政府采购)"
)
_TITLE = re.compile(r"[^,;:。()]{0,24}?表")  # the rest of a table's title after its year
_CONTEXT = 12  # characters shown either side of the year


def read_narrative_years(page_texts: list[str], table_pages: set[int]) -> list[NarrativeYear]:
    """The years of comparisons and of figures in the pages outside ``table_pages`` (1-based), in
    reading order. A year both opening a figure and compared with (比2025年预算) is a comparison."""
    found = []
    for run in narrative_runs(page_texts, table_pages):
        mentions: dict[int, tuple[re.Match[str], bool]] = {}
        for pattern, compares in ((_COMPARISON, True), (_FIGURE, False)):
            for match in pattern.finditer(run.text):
                if not compares and _TITLE.match(run.text, match.end("year")):
                    continue
                mentions.setdefault(match.start("year"), (match, compares))
        for start, (match, compares) in sorted(mentions.items()):
            text = run.text[max(0, match.start() - _CONTEXT) : match.end() + _CONTEXT]
            found.append(NarrativeYear(text, int(match["year"]), compares, run.page_at(start)))
    return found
