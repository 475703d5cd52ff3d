"""Execution statements a final account's narrative (决算情况说明) makes, read with their figures
and word so that these can be checked together: "一般公共预算财政拨款支出年初预算为10210.34万元，
支出决算为9746.50万元，完成年初预算的95.45%。决算数小于预算数的主要原因：…", "…（项）。主要用于：…。
年初预算为54.53万元，支出决算为54.53万元，完成年初预算的100.00%。决算数同预算数持平。", "其中：因公
出国（境）费决算为0.00万元，完成预算的0.00%".

A statement is its 年初预算 P (when printed), its 决算 X and its completion rate (完成(年初)预算的Y%,
when printed); one printing no P is read only with its rate. Its subject is the (类)(款)(项) chain
its paragraph opens with, read into its names as extract.narrative_classes reads a chain, or else
the words in front of it (一般公共预算财政拨款支出, 三公经费财政拨款支出, 因公出国(境)费), a run-in
heading (…决算具体情况) and a year taken off, so that a later rule may look the 决算 up in the
table it names. The word (决算数小于预算数, 决算数与预算数基本持平) is the first
after a statement that prints P, read when no other statement printing P comes between and it
follows within a few sentences; the items listed under a total (三公's 其中：因公出国…) print no P
of their own, so the word after them is the total's. A statement mixing 万元 and 元 is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .model import NarrativeExecution
from .narrative import NarrativeRun, labelled, named_amount, narrative_runs, yuan
from .narrative_classes import CHAIN, chain_segments

ABOVE, BELOW, FLAT, ROUGHLY_FLAT = "above", "below", "flat", "roughly_flat"  # what a word says of X against P
_WORDS = {
    "大于": ABOVE,
    "超过": ABOVE,
    "高于": ABOVE,
    "多于": ABOVE,
    "小于": BELOW,
    "低于": BELOW,
    "少于": BELOW,
}
_STATEMENT = re.compile(
    f"(?:年初预算数?为{named_amount('budgeted')}[,。]?)?(?:支出)?决算数?为{named_amount('final')}"
    r"(?:[,。]?完成(?:年初)?预算数?的(?P<rate>\d+(?:\.\d+)?)%)?"
)
_WORD = re.compile(
    "决算数?(?:(?P<compared>{})(?:年初)?预算数?|(?:同|与|和)(?:年初)?预算数?(?P<roughly>基本)?持平)".format(
        "|".join(_WORDS)
    )
)
# The (类)(款)(项) chain a paragraph opens with, and what it is used for, right before its figures.
_CHAIN = re.compile(rf"(?P<chain>{CHAIN})[。,]?(?:主要用于:?[^。;]{{0,80}}[。;])?$")
_HEADING = re.compile(r"^.*情况(?:说明)?。?")  # a run-in heading: (三)一般公共预算财政拨款支出决算具体情况
_LEAD = re.compile(r"^(?:\d+、|\(\d+\)|其中)?(?:\d{4}年度?)?")
_NEAR = 300  # characters: a word further from its statement is not taken to be its


def read_narrative_executions(page_texts: list[str], table_pages: set[int]) -> list[NarrativeExecution]:
    """The execution statements in the pages outside ``table_pages`` (1-based), in reading order."""
    return [statement for run in narrative_runs(page_texts, table_pages) for statement in _executions(run)]


def _executions(run: NarrativeRun) -> Iterator[NarrativeExecution]:
    text = run.text
    words = list(_WORD.finditer(text))
    statements = [m for m in _STATEMENT.finditer(text) if m["budgeted"] or m["rate"]]
    for n, match in enumerate(statements):
        printed = [(match["final"], match["final_unit"])]
        if match["budgeted"]:
            printed.insert(0, (match["budgeted"], match["budgeted_unit"]))
        if len({unit for _, unit in printed}) > 1:
            continue
        unit = match["final_unit"]
        word = _word(text, match, statements[n + 1 :], words) if match["budgeted"] else None
        subject, names = _subject(text, match.start())
        yield NarrativeExecution(
            labelled(text, match.start(), match.end()),
            subject,
            yuan(match["budgeted"], unit) if match["budgeted"] else None,
            yuan(match["final"], unit),
            unit,
            min(len(amount.partition(".")[2]) for amount, _ in printed),
            Decimal(match["rate"]) if match["rate"] else None,
            word[0] if word else None,
            word[1] if word else None,
            run.page_at(match.start()),
            names.get(1),
            names.get(2),
            names.get(3),
        )


def _word(
    text: str, statement: re.Match[str], later: list[re.Match[str]], words: list[re.Match[str]]
) -> tuple[str, str] | None:
    """The word the statement's figures are said in, and its phrase as printed."""
    limit = min([m.start() for m in later if m["budgeted"]] + [statement.end() + _NEAR])
    for word in words:
        if statement.end() <= word.start() < limit:
            if word["compared"]:
                return _WORDS[word["compared"]], word[0]
            return (ROUGHLY_FLAT if word["roughly"] else FLAT), word[0]
    return None


def _subject(text: str, start: int) -> tuple[str, dict[int, str]]:
    """The subject of the statement at ``start``, and its names by level when it is a chain."""
    before = text[max(0, start - 200) : start]
    chain = _CHAIN.search(before)
    if chain:
        names = chain_segments(chain["chain"])
        levels = [level for level, _ in names]
        # A chain that opens below 类 or whose levels do not go down names no row of its own.
        if levels[0] == 1 and levels == sorted(set(levels)):
            return _LEAD.sub("", chain["chain"]), dict(names)
    return _LEAD.sub("", _HEADING.sub("", labelled(text, start, start))), {}
