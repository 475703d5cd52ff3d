"""Changes from last year the narrative (情况说明) states, read with the amount they are a change
of, so that their words and figures can be checked together: "2024年收支预算总额2120.19万元，比上年
预算增加115.79万元，增长5.78%", "一般公共服务支出(类)10,271.56万元，…。与上年相比增加2,444.1万元，
增长31.22%", "2025年当年预算执行数为60.41万元，2026年预算安排227.88万元，比2025年预算执行数增加
277.22%", "政府性基金拨款支出预算0万元，比2024年预算持平".

As precision comes before recall, a change is read only when its comparison (与上年相比, 比2024年
预算, 较上年 ...) comes right after the amount it is a change of: after its comma, or opening the
next sentence (Jiangsu: "…万元。与上年相比增加…"). A change whose amount is not printed right before
it ("2019年三公经费预算比2018年减少0.25万元"; "按与上年统计口径一致相比，本年比上年减少…", a figure
of another scope) is not read, nor a statement mixing 万元 and 元. Last year's amount is read when
the statement prints it as Shanghai's do (…预算执行数为X万元，2026年预算安排Y万元，比…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .model import NarrativeChange
from .narrative import NarrativeRun, compares, labelled, named_amount, narrative_runs, yuan

INCREASE, DECREASE, FLAT = "increase", "decrease", "flat"  # the directions a change states
_WORDS = {
    "增加": INCREASE,
    "增长": INCREASE,
    "上升": INCREASE,
    "减少": DECREASE,
    "下降": DECREASE,
    "降低": DECREASE,
    "压减": DECREASE,
}
_WORD = "|".join(_WORDS)
_RATE = r"-?\d+(?:\.\d+)?"


# 与上年相比, 比上年预算, 比2024年预算执行数, 比2022年(上一年度,下同)预算, 与上年数相比, 较上年.
_COMPARISON = (
    r"(?:与|比|较)(?:上年|上一年度?|\d{4}年)度?(?:\([^()]{0,12}\))?"
    r"(?:预算执行数|预算数|决算数|执行数|预算|决算|同期|数)?(?:相比)?"
)
_STATEMENT = re.compile(
    # What the amount is for may come between: "…支出1,509.72万元，主要用于发放离退休金等。与上年相比…".
    f"{named_amount('amount')}(?:,主要用于[^。;\\d]{{0,80}})?(?:,|。)?{_COMPARISON},?"
    # Who changed, when the sentence says it again: 收、支预算总计各, 财政拨款支出.
    r"[^,;:。\d%()]{0,16}?"
    rf"(?:(?P<flat>持平)|(?P<direction>{_WORD})了?"
    rf"(?:(?P<sign>-)?{named_amount('change')}(?:,(?P<rate_word>{_WORD})了?(?P<rate>{_RATE})%)?|(?P<rate_alone>{_RATE})%))"
)
# Shanghai's 功能分类 items: "2025年当年预算执行数为1690.69万元，2026年预算安排", right before the amount.
_PREVIOUS = re.compile(f"预算执行数为{named_amount('previous')},\\d{{4}}年预算安排$")


def read_narrative_changes(page_texts: list[str], table_pages: set[int]) -> list[NarrativeChange]:
    """The changes from last year stated in the pages outside ``table_pages`` (1-based), each
    with the amount it is a change of, in reading order."""
    return [change for run in narrative_runs(page_texts, table_pages) for change in _changes(run)]


def _changes(run: NarrativeRun) -> Iterator[NarrativeChange]:
    text = run.text
    for match in _STATEMENT.finditer(text):
        start = match.start()
        if compares(text, start):  # the amount is itself a change, or last year's
            continue
        window = max(0, start - 40)
        previous = _PREVIOUS.search(text[window:start])
        printed = [(match["amount"], match["amount_unit"])]
        if match["change"]:
            printed.append((match["change"], match["change_unit"]))
        if previous:
            printed.append((previous["previous"], previous["previous_unit"]))
        if len({unit for _, unit in printed}) > 1:
            continue
        unit = match["amount_unit"]
        rate = match["rate"] or match["rate_alone"]
        rate_word = match["rate_word"] or (match["direction"] if match["rate_alone"] else None)
        change = yuan(match["change"], unit) if match["change"] else None
        # Its text opens with last year's amount when printed: two items may print the same rest.
        yield NarrativeChange(
            labelled(text, window + previous.start() if previous else start, match.end()),
            yuan(match["amount"], unit),
            unit,
            min(len(amount.partition(".")[2]) for amount, _ in printed),
            FLAT if match["flat"] else _WORDS[match["direction"]],
            -change if change is not None and match["sign"] else change,
            Decimal(rate) if rate else None,
            _WORDS[rate_word] if rate_word else None,
            yuan(previous["previous"], unit) if previous else None,
            run.page_at(start),
        )
