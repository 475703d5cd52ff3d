"""Amounts the narrative (情况说明) states for a function class, read with the class's names so
that they can be checked against the row of that class in the table they restate:
"1.一般公共服务(类)支出6,543.55万元" (Jiangsu, the 支出总表 of all funds), "一般公共服务支出(类)
2106.66万元，占71.73%" (Shanghai's 决算, the 一般公共预算财政拨款支出决算表), "1.一般公共服务支出(类)
财政事务(款)行政运行(项)1,623.18万元" (Shanghai's budgets, a 项 of the 财政拨款).

A statement is a chain of names each closed by its level, (类), (款) or (项), with the amount
right after the last (at most 支出, 科目 or a colon between): a chain whose amount comes later
("…(项)。主要用于…年初预算为…") is not one. A chain that opens below 类 takes the levels above
from the chain printed before it in the same text, as Jiangsu lists the 款 and 项 of a 类
under a heading "(一)公共安全(类)" or "(一)公共安全支出(类)检察(款):"; a chain whose levels do not
go down (a 款 misprinted 类: "社会保障和就业(类)1.行政事业单位离退休(类)…") is not read. Economic
classes (工资福利支出(类), 30x) are not function classes and are not read, nor is a 款 under them.

The table restated is the one the text last named before the statement: 一般公共预算…支出 (the
一般公共预算支出表), 财政拨款…支出 (its funds' tables together) or 支出(预算)总计 (the 支出总表).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .codes import economic_class_code
from .model import NarrativeClassAmount
from .narrative import AMOUNT, NarrativeRun, narrative_runs, yuan

GENERAL_PUBLIC, FISCAL_GRANT, ALL_FUNDS = "general_public_expenditure", "fiscal_grant", "expenditure_summary"
_LEVELS = {"类": 1, "款": 2, "项": 3}
# A name: letters, 、 and short parenthesised words ("党委办公厅(室)及相关机构事务"), with an
# ordinal in front (1. or (一)) that is not part of it.
_NAME = r"(?:[^\W\d_]|、|\((?![类款项]\))[^\W\d_()]{1,3}\))+"
_SEGMENT = re.compile(rf"(?:\d{{1,2}}[.、])?(?P<name>{_NAME})\((?P<level>[类款项])\)")
# A chain of names, each closed by its level, as printed (any levels, in any order).
CHAIN = rf"(?:(?:\d{{1,2}}[.、])?{_NAME}\([类款项]\))+"
_CHAIN = re.compile(rf"{CHAIN}(?::?(?:支出|科目)?(?:预算|决算)?数?为?{AMOUNT})?")
# Not the name's: an ordinal "(一)", or the unit of an amount the name is glued to ("…2万元商品和服务支出(类)").
_PREFIX = re.compile(r"^(?:\([一二三四五六七八九十]{1,3}\)|万?元)")
# What the text says a statement restates, the last one named before it wins.
_SCOPE = re.compile(
    r"(?P<general>一般公共预算(?:财政)?(?:拨款)?(?:预算)?支出)|(?P<grant>财政拨款(?:预算)?支出)|(?P<all>支出(?:预算)?总计)"
)


def read_narrative_class_amounts(page_texts: list[str], table_pages: set[int]) -> list[NarrativeClassAmount]:
    """The function-class amounts stated in the pages outside ``table_pages`` (1-based), in
    reading order."""
    return [statement for run in narrative_runs(page_texts, table_pages) for statement in _statements(run)]


def chain_segments(chain: str) -> list[tuple[int, str]]:
    """The names of a chain (``CHAIN``) in the order printed, each with its level (1 类, 2 款,
    3 项), an ordinal or an amount's unit in front taken off."""
    return [(_LEVELS[s["level"]], _PREFIX.sub("", s["name"])) for s in _SEGMENT.finditer(chain)]


def _statements(run: NarrativeRun) -> Iterator[NarrativeClassAmount]:
    text = run.text
    above: dict[int, str] = {}  # the names of the chain before, by level, for a chain opening below 类
    for chain in _CHAIN.finditer(text):
        segments = chain_segments(chain[0])
        levels = [level for level, _ in segments]
        if levels != sorted(set(levels)):
            above = {}
            continue
        names = {level: name for level, name in above.items() if level < levels[0]} | dict(segments)
        above = names
        if chain["amount"] is None or 1 not in names or economic_class_code(names[1]) is not None:
            continue
        scope = _scope(text, chain.start())
        yield NarrativeClassAmount(
            chain[0],
            names[1],
            names.get(2),
            names.get(3),
            levels[-1],
            yuan(chain["amount"], chain["unit"]),
            chain["unit"],
            len(chain["amount"].partition(".")[2]),
            scope,
            run.page_at(chain.start()),
        )


def _scope(text: str, start: int) -> str | None:
    last = None
    for match in _SCOPE.finditer(text, 0, start):
        last = match
    if last is None:
        return None
    return GENERAL_PUBLIC if last["general"] else FISCAL_GRANT if last["grant"] else ALL_FUNDS
