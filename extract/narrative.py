"""Totals the narrative (情况说明) restates in words, read so they can be checked against the tables.

A disclosure says its main totals twice: in the tables and in sentences such as
"2021年部门收支总预算2120.19万元" or "其中：基本支出231.69万元，占10.93%". The sentences are
read from PDFium's plain text of the pages that hold no table, on a folded copy (NFKC, no
quotes, no whitespace), so that "2120.19 万元", "（一）" and 〝三公〞 all read one way; amounts
carry no thousands separators there, or do (Shanghai, Jiangsu), with 0-2 decimals.

Precision comes before recall. A phrase counts only when its amount follows the keyword
directly (at most a connective such as 预算数为), so "比上年增加1515.79万元" never lends its
amount to the total before it; a keyword qualified by what is in front of it (财政拨款基本支出,
一般公共预算财政拨款收入) is another total and is left alone; and only the first statement of
each key is kept, because later ones restate parts (项目支出 of one fund, of one project).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .model import NarrativeTotal
from .text_norm import fold
from .units import to_yuan

NARRATIVE_KEYS: dict[str, str] = {
    "revenue_total": "收入总计 (收支总预算, 收入预算, 收入预算总计, 收入支出总计): the 收支总表's income grand total",
    "expenditure_total": "支出总计 (收支总预算, 支出预算, 支出预算总计, 收入支出总计): its expenditure grand total",
    "current_year_revenue": "本年收入合计 (本年收入预算合计): income of the year, without 上年结转",
    "current_year_expenditure": "本年支出合计 (本年支出预算合计): expenditure of the year, without 年末结转",
    "fiscal_grant_revenue": "财政拨款收入 (财政拨款收入预算总计): income from fiscal grants of the year",
    "fiscal_grant_total": "财政拨款收支总预算 / 财政拨款收入支出总计: the 财政拨款收支总表's grand total",
    "basic_expenditure": "基本支出: the 支出总表's 合计 row, basic expenditure",
    "project_expenditure": "项目支出: the 支出总表's 合计 row, project expenditure",
    "general_public_expenditure": "一般公共预算(财政拨款)支出: the 一般公共预算支出表's 合计",
    "personnel_expenses": "人员经费: the 一般公共预算基本支出表's 人员经费 total",
    "public_operating_expenses": "(日常)公用经费: the 一般公共预算基本支出表's 公用经费 total",
    "three_public_total": "“三公”经费 (预算数 / 支出决算): the 三公 table's 合计",
    "outbound_travel": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行(维护)费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行(维护)费",
    "official_reception": "公务接待费",
    "office_operating_expenses": (
        "机关运行经费 (预算为 / 预算支出 / 支出; 无机关运行经费: 0): the 三公 table's 机关运行经费 row, where printed"
    ),
}

AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?P<unit>万元|元)"
# 预算数为, 预算支出, 支出决算为, 预算支出数 ...: words between a keyword and its amount.
_CONNECTIVE = r"(?:预算|决算)?(?:支出)?(?:预算|决算)?数?为?"
# Final accounts: "年初预算为2993.92万元，支出决算为2940.05万元" -- the 决算 figure is the one kept.
_FINAL = r"(?:年初预算数?为[\d,.]+万?元,支出决算数?为)"
# Item keywords must open a clause ("其中：基本支出", "；项目支出", "（二）公用经费"), which keeps
# out "基本支出增加人员经费1408.29万元" and names of projects that end in 项目支出.
_CLAUSE_START = r"(?:^|(?<=[,;:。、.)])|(?<=其中))"
_CLAUSE_END = re.compile(r"[,;:。、.()!?]")
# In the clause before a phrase, these make its amount a change or last year's figure.
_COMPARISON = ("增加", "减少", "增长", "下降", "降低", "压减", "相比", "比", "较", "上年", "同期")
# Words that make an income or expenditure keyword another, narrower total.
_SOURCES = ("拨款", "预算", "基金", "资金", "专户", "本年", "事业", "经营", "补助", "上缴", "其他")
# A label's clause ends at these, or at a comma that is not a thousands separator.
_LABEL_END = re.compile(r"[;:。!?]|,(?!\d{3}(?:\D|$))")
_PAGE_NUMBER = re.compile(r"^[-—─–]*(?:第)?\d{1,3}(?:页)?(?:/\d{1,3})?[-—─–]*$")


@dataclass(frozen=True)
class _Phrase:
    keys: tuple[str, ...]
    pattern: re.Pattern[str]


def _phrase(
    keys: str, keyword: str, connective: str = "为?", not_after: tuple[str, ...] = (), clause_start: bool = False
) -> _Phrase:
    guards = "".join(f"(?<!{w})" for w in not_after)
    start = _CLAUSE_START if clause_start else ""
    return _Phrase(tuple(keys.split()), re.compile(f"{start}{guards}(?:{keyword}){connective}{AMOUNT}"))


_PHRASES = (
    _phrase("revenue_total expenditure_total", r"收支总预算|收入、?支出(?:预算|决算)?总计", not_after=("拨款",)),
    _phrase("revenue_total", r"收入预算(?:总计)?|收入总计", r"数?为?", not_after=_SOURCES),
    _phrase("expenditure_total", r"支出预算(?:总计)?|支出总计", r"数?为?", not_after=(*_SOURCES, "基本", "项目")),
    _phrase("current_year_revenue", r"本年收入(?:预算)?合计", not_after=("拨款",)),
    _phrase("current_year_expenditure", r"本年支出(?:预算)?合计", not_after=("拨款",)),
    _phrase("fiscal_grant_total", r"财政拨款收支总预算|财政拨款收入支出(?:预算|决算)?总计", not_after=("预算",)),
    _phrase("fiscal_grant_revenue", r"财政拨款收入(?:预算)?(?:总计|合计)?", not_after=("预算", "本年", "上年", "年初")),
    _phrase("general_public_expenditure", r"一般公共预算(?:财政)?(?:拨款)?支出", f"(?:{_FINAL}|{_CONNECTIVE})"),
    _phrase("basic_expenditure", r"基本支出", _CONNECTIVE, clause_start=True),
    _phrase("project_expenditure", r"项目支出", _CONNECTIVE, clause_start=True),
    _phrase("personnel_expenses", r"人员经费", _CONNECTIVE, clause_start=True),
    _phrase("public_operating_expenses", r"(?:日常)?公用经费", _CONNECTIVE, clause_start=True),
    _phrase("three_public_total", r"三公经费(?:财政拨款支出)?", f"(?:{_FINAL}|{_CONNECTIVE})"),
    _phrase("outbound_travel", r"因公出国\(境\)费用?", _CONNECTIVE, clause_start=True),
    _phrase("vehicle_total", r"公务用?车购置及运行(?:维护)?费", _CONNECTIVE, clause_start=True),
    _phrase("vehicle_purchase", r"公务用车购置费?", _CONNECTIVE, clause_start=True),
    _phrase("vehicle_operation", r"公务用?车(?:用车)?运行(?:维护)?费?", _CONNECTIVE, clause_start=True),
    _phrase("official_reception", r"公务接待费", _CONNECTIVE, clause_start=True),
    # Not at a clause's start: its scope comes first ("一般公共预算机关运行经费预算支出",
    # "财政拨款的机关运行经费预算为"), and either scope is the 机关运行经费 itself.
    _phrase("office_operating_expenses", r"机关运行经费", _CONNECTIVE),
)
# Totals a document states it has none of ("2024年上海市普陀区社会福利院无机关运行经费。"): an
# exact 0, in the unit of the amounts the narrative prints around it.
_ABSENCES = (("office_operating_expenses", re.compile(r"(?:无|没有)机关运行经费")),)
_AMOUNT = re.compile(AMOUNT)


def read_narrative_totals(page_texts: list[str], table_pages: set[int]) -> list[NarrativeTotal]:
    """The first statement of each ``NARRATIVE_KEYS`` total in the pages outside ``table_pages``
    (1-based), in reading order. ``page_texts`` is PDFium's plain text per page, 0-based."""
    found: dict[str, NarrativeTotal] = {}
    for run in narrative_runs(page_texts, table_pages):
        for total in _statements(run):
            found.setdefault(total.key, total)
    return list(found.values())


@dataclass(frozen=True)
class NarrativeRun:
    """Consecutive narrative pages as one folded text, so that a sentence may cross a page."""

    text: str
    starts: list[int]  # offset of each page in ``text``
    pages: list[int]  # their 1-based numbers

    def page_at(self, offset: int) -> int:
        return self.pages[bisect.bisect_right(self.starts, offset) - 1]


def narrative_runs(page_texts: list[str], table_pages: set[int]) -> Iterator[NarrativeRun]:
    parts: list[tuple[int, str]] = []
    for number, text in enumerate(page_texts, start=1):
        if number in table_pages:
            yield from _join(parts)
            parts = []
        else:
            parts.append((number, _without_page_number(text)))
    yield from _join(parts)


def _join(parts: list[tuple[int, str]]) -> Iterator[NarrativeRun]:
    if not parts:
        return
    starts, offset = [], 0
    for _, text in parts:
        starts.append(offset)
        offset += len(text)
    yield NarrativeRun("".join(text for _, text in parts), starts, [number for number, _ in parts])


def _without_page_number(text: str) -> str:
    """The page folded, without a page number ("9", "- 3 -", "─9─") as its first or last line,
    which would otherwise sit inside a sentence that crosses the page."""
    lines = [fold(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    for end in (0, -1):
        if lines and _PAGE_NUMBER.match(lines[end]):
            lines.pop(end)
    return "".join(lines)


def _statements(run: NarrativeRun) -> list[NarrativeTotal]:
    """Every accepted phrase of the run, in reading order."""
    hits = []
    for phrase in _PHRASES:
        for match in phrase.pattern.finditer(run.text):
            if compares(run.text, match.start()):
                continue
            for key in phrase.keys:
                hits.append((match.start(), _total(key, match, run)))
    for key, pattern in _ABSENCES:
        for match in pattern.finditer(run.text):
            if not compares(run.text, match.start()):
                unit = _unit_near(run.text, match.start())
                hits.append(
                    (match.start(), NarrativeTotal(key, match[0], Decimal(0), unit, run.page_at(match.start())))
                )
    hits.sort(key=lambda hit: hit[0])
    return [total for _, total in hits]


def _unit_near(text: str, start: int) -> str:
    """The unit of the last amount printed before ``start``, else of the first after, else 万元."""
    before = [match["unit"] for match in _AMOUNT.finditer(text, 0, start)]
    after = _AMOUNT.search(text, start)
    return before[-1] if before else after["unit"] if after else "万元"


def compares(text: str, start: int) -> bool:
    """Whether the clause in front of a phrase makes its amount a change ("比上年增加 ...")."""
    clause = _CLAUSE_END.split(text[max(0, start - 40) : start])[-1]
    return any(word in clause for word in _COMPARISON)


def named_amount(name: str) -> str:
    """``AMOUNT`` with its groups named ``name`` and ``name_unit``, for a pattern of several amounts."""
    return AMOUNT.replace("?P<amount>", f"?P<{name}>").replace("?P<unit>", f"?P<{name}_unit>")


def labelled(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the words of its clause in front: the label of an amount."""
    window = text[max(0, start - 40) : start]
    return _LABEL_END.split(window)[-1] + text[start:end]


def yuan(amount: str, unit: str) -> Decimal:
    """An amount as the narrative prints it (thousands separators or not) in 元, exactly."""
    return to_yuan(Decimal(amount.replace(",", "")), unit)


def _total(key: str, match: re.Match[str], run: NarrativeRun) -> NarrativeTotal:
    unit = match.group("unit")
    return NarrativeTotal(key, match.group(0), yuan(match.group("amount"), unit), unit, run.page_at(match.start()))
