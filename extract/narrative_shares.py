"""Shares the narrative (情况说明) states, read with the whole they are a share of, so that they can
be checked against it: "本年支出预算合计9,146.79万元，其中：基本支出5,916.27万元，占64.68%".

A share is "<amount>万元，占<percent>%" or "<amount>万元，占<whole>的<percent>%". Its whole is, as
precision comes before recall, either said by the list it is in, the amount right before
"其中" or "主要用于以下方面" (the list goes on through later shares that name no whole), or named
("占三公经费的11.24%", "占本年支出合计99.29%") and then the first figure the narrative states
for that total (extract.narrative). A share of a whole neither says ("三公经费支出决算中，因公出国
（境）费0.00万元，占0.00%": the 三公 total is implied), or in a list within the list ("基本支出…占
64.68%，其中：人员经费…占…%": of which of the two is not said), is read without its whole: only
its magnitude can be checked (no share is above 100%).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .model import NarrativeShare, NarrativeTotal
from .narrative import AMOUNT, NarrativeRun, compares, labelled, narrative_runs, yuan

_AMOUNT = re.compile(AMOUNT)
_SHARE = re.compile(r",?占(?P<whole>[^,;:。%\d]{0,12}?)的?(?P<percent>\d{1,3}(?:\.\d{1,4})?)%")
_OPENS_LIST = re.compile(r"[,;。]?(?:其中:?|主要用于(?:以下方面|如下方面)?:)")

# The wholes a share may name ("占三公经费的11.24%"), as extract.narrative.NARRATIVE_KEYS keys.
_NAMED_WHOLES = (
    (re.compile(r"三公经费(?:支出)?(?:总额|合计)?"), "three_public_total"),
    (re.compile(r"本年支出(?:预算)?(?:合计)?"), "current_year_expenditure"),
    (re.compile(r"本年收入(?:预算)?(?:合计)?"), "current_year_revenue"),
    (re.compile(r"(?:部门)?(?:支出(?:预算)?总计|总支出|支出总预算|支出预算)"), "expenditure_total"),
    (re.compile(r"(?:部门)?(?:收入(?:预算)?总计|总收入|收入总预算|收入预算)"), "revenue_total"),
    (re.compile(r"基本支出"), "basic_expenditure"),
    (re.compile(r"项目支出"), "project_expenditure"),
)


def read_narrative_shares(
    page_texts: list[str], table_pages: set[int], totals: list[NarrativeTotal]
) -> list[NarrativeShare]:
    """The shares stated in the pages outside ``table_pages`` (1-based), with their whole where it
    is known, in reading order; ``totals`` are the narrative's restated totals (read_narrative_totals)."""
    stated: dict[str, NarrativeTotal] = {}
    for total in totals:
        stated.setdefault(total.key, total)
    return [share for run in narrative_runs(page_texts, table_pages) for share in _shares(run, stated)]


def _shares(run: NarrativeRun, stated: dict[str, NarrativeTotal]) -> Iterator[NarrativeShare]:
    text = run.text
    head: tuple[str, Decimal] | None = None  # the whole of the list being read: phrase, 元
    for match in _AMOUNT.finditer(text):
        after = match.end()
        share = _SHARE.match(text, after)
        if compares(text, match.start()):  # 比上年增加…万元: a change, neither a share nor a whole
            head = None
            continue
        if share is None:
            head = (labelled(text, match.start(), after), _yuan(match)) if _OPENS_LIST.match(text, after) else None
            continue
        base_text, base_yuan = (_named_whole(share["whole"], stated) if share["whole"] else head) or (None, None)
        yield NarrativeShare(
            labelled(text, match.start(), share.end()),
            _yuan(match),
            Decimal(share["percent"]),
            base_text,
            base_yuan,
            run.page_at(match.start()),
        )
        if _OPENS_LIST.match(text, share.end()):
            head = None


def _named_whole(words: str, stated: dict[str, NarrativeTotal]) -> tuple[str, Decimal] | None:
    for pattern, key in _NAMED_WHOLES:
        if pattern.fullmatch(words) and key in stated:
            return stated[key].text, stated[key].amount_yuan
    return None


def _yuan(match: re.Match[str]) -> Decimal:
    return yuan(match.group("amount"), match.group("unit"))
