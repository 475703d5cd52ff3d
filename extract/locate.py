"""Which pages hold which standard table: titles, not positions or numbering.

A title is a short line that ends in 表 (optionally a parenthesis such as （功能科目） and the
unit) and names a table kind. Numbering (表1, 表一, 附表1, 表 1.2021 年…, 公开01表, 一、),
year and department prefix are ignored. Table-of-contents pages list the same titles; they
are recognised (目录 heading, or a run of titles with nothing between them) and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import model as m
from .text_norm import fold

OTHER_TABLE = "other_table"  # a table title whose kind the warehouse does not model

_TITLE_END = re.compile(
    r"表(?:\((?:一般公共预算|功能科目|经济科目|按功能分类|按经济分类|功能分类|经济分类|支出功能分类|支出经济分类)\))?"
    r"(?:(?:金额)?单位[:：]?(?:万元|元))?$"
)
_SENTENCE = re.compile(r"[，。；,;]|详见|见附|附后|如下|空表|无数据")
_UNIT_TAIL = re.compile(r"(?:金额)?单位[:：]?(?:万元|元)$")


def title_kind(text: str) -> str | None:
    """The table kind a line announces, ``OTHER_TABLE`` for another table title, None for no title."""
    s = fold(text)
    if not s or len(s) > 70 or not _TITLE_END.search(s) or _SENTENCE.search(s):
        return None
    s = _UNIT_TAIL.sub("", s)
    return _kind_of(s)


def _kind_of(s: str) -> str | None:
    if "三公" in s and "经费" in s:
        return m.THREE_PUBLIC_EXPENSES
    if "绩效" in s:
        return m.PERFORMANCE_TARGETS if "目标" in s or "绩效表" in s else OTHER_TABLE
    if re.search(r"(部门|单位)(预算|决算)(公开)?表$|公开表$|预算表格$", s) or s.startswith("第"):
        return None  # a part heading (第二部分 …部门预算表), not a table title
    # Before 一般公共预算 …支出: Jiangsu's 一般公共预算机关运行经费支出预算表 says both.
    if "机关运行经费" in s and "支出" in s and "明细" not in s:
        return m.OFFICE_OPERATING_EXPENDITURE
    if any(
        w in s
        for w in (
            "政府采购",
            "购买服务",
            "明细表",
            "项目支出表",
            "项目支出预算表",
            "项目支出决算表",
            "专项",
        )
    ):
        return OTHER_TABLE
    if "国有资本经营" in s and "支出" in s:
        return m.STATE_CAPITAL_EXPENDITURE
    if "政府性基金" in s and "支出" in s:
        return m.GOVERNMENT_FUND_EXPENDITURE
    if "一般公共预算" in s and "基本支出" in s:
        return m.GENERAL_PUBLIC_BASIC_EXPENDITURE
    if "一般公共预算" in s and "支出" in s:
        return m.GENERAL_PUBLIC_EXPENDITURE
    if "财政拨款" in s and ("收支" in s or "收入支出" in s):
        return m.FISCAL_GRANT_SUMMARY
    if "财政拨款" in s:
        return OTHER_TABLE
    if ("收支" in s or "收入支出" in s) and "总表" in s:
        return m.REVENUE_EXPENDITURE_SUMMARY
    if "收入" in s and ("总表" in s or "决算表" in s or "预算表" in s):
        return m.REVENUE_SUMMARY
    if "支出" in s and ("总表" in s or s.endswith("支出决算表")) and "基本支出" not in s:
        return m.EXPENDITURE_SUMMARY
    if "基本支出" in s or "预算表" in s or "决算表" in s:
        return OTHER_TABLE
    return None


def is_toc_heading(text: str) -> bool:
    return fold(text) in ("目录", "目次")


@dataclass
class TitleHit:
    index: int  # position of the line in the page's line list
    kind: str
    text: str
    lines: int = 1  # a title wrapped over two or three lines (…培训费支出预 / 算表)


# The last line(s) of a wrapped title are short: 表, 算表, 支出预算表, or a stray pair of quotes
# the title's first line lost (“ ”). Anything longer is a header or a sentence. Its first line
# is long (that is why it wrapped): a short one is a header cell (收入合 / 计) above a title.
_WRAP_TAIL_CHARS = 6
_WRAP_HEAD_CHARS = 10


def _wrapped_title(line_texts: list[str], rows: list[bool], i: int) -> TitleHit | None:
    """A title whose 表 went to the next line or two: the lines joined, when the join is a
    title and each added line is short and not a table row."""
    if rows[i] or len(fold(line_texts[i])) < _WRAP_HEAD_CHARS:
        return None
    joined = line_texts[i]
    for k in (1, 2):
        j = i + k
        if (
            j >= len(line_texts)
            or rows[j]
            or len(fold(line_texts[j])) > _WRAP_TAIL_CHARS
            or title_kind(line_texts[j]) not in (None, OTHER_TABLE)
        ):  # a title of its own
            return None
        joined += line_texts[j]
        kind = title_kind(joined)
        if kind:
            return TitleHit(i, kind, joined, k + 1)
    return None


def titles_on_page(line_texts: list[str], row_like: list[bool] | None = None) -> list[TitleHit]:
    """Table titles among a page's lines, with table-of-contents entries removed.

    A table of contents is a page headed 目录, or a run of three or more titles on
    consecutive lines (only page numbers or dot leaders between them). A title-like line
    right under a title of the same kind is a header cell ("三公"经费支出表), not a new table.
    """
    if any(is_toc_heading(t) for t in line_texts[:6]):
        return []
    rows = row_like or [False] * len(line_texts)
    hits: list[TitleHit] = []
    i = 0
    while i < len(line_texts):
        kind = title_kind(line_texts[i])
        hit = TitleHit(i, kind, line_texts[i]) if kind else _wrapped_title(line_texts, rows, i)
        if hit:
            hits.append(hit)
        i += hit.lines if hit else 1
    kept: list[TitleHit] = []
    for hit in hits:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and prev.kind == hit.kind
            and hit.kind != m.PERFORMANCE_TARGETS
            and hit.index - prev.index <= 4
            and not any(rows[prev.index + prev.lines : hit.index])
        ):
            continue
        kept.append(hit)
    hits = kept
    if len(hits) < 3:
        return hits
    runs: list[list[TitleHit]] = [[hits[0]]]
    for hit in hits[1:]:
        prev = runs[-1][-1]
        between = line_texts[prev.index + prev.lines : hit.index]
        if all(_is_filler(t) for t in between):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return [h for run in runs if len(run) < 3 for h in run]


def _is_filler(text: str) -> bool:
    s = fold(text).strip(".…·-—")
    return len(s) <= 3 or s.isdigit()


_ROW_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d%])|(?<![\d.,])\d+\.\d{2}(?![\d%])")
_ROW_CODE = re.compile(r"^\s*(?:2\d{2}|3\d{2})(?:\s*\d{2}){0,2}\s*[\u4e00-\u9fff]")


# A total row and nothing else: 合计 and its amounts, which a 元 table prints without decimals
# (``合计 189,767,551 101,341,746 88,425,805``), alone at the top of a table's last page.
_TOTAL_ROW = re.compile(
    r"^\s*(?:合\s*计|总\s*计|本年支出合计|支出合计)"
    r"(?:\s+[-－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,4})?)+\s*$"
)


def is_row_like(text: str) -> bool:
    """A text line that looks like a table row: amounts or a leading code, no sentence."""
    if "。" in text or "，" in text:
        return False
    return bool(_ROW_AMOUNT.search(text) or _ROW_CODE.match(text) or _TOTAL_ROW.match(text))


# --- The cheap pass: which pages deserve a full layout -------------------------------------


def cheap_titles(text: str) -> list[TitleHit]:
    """Titles on a page from its plain text (PDFium's reading of it)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return titles_on_page(lines, [is_row_like(ln) for ln in lines])


def continuation_pages(texts: list[str], cheap: list[list[TitleHit]], start: int) -> list[int]:
    """0-based pages after ``start`` that carry on its last table: table rows before any title."""
    pages = []
    j = start + 1
    while j < len(texts):
        lines = [ln for ln in texts[j].splitlines() if ln.strip()]
        if cheap[j]:
            first = next((i for i, ln in enumerate(lines) if title_kind(ln)), len(lines))
            lines = lines[:first]
        if not any(is_row_like(ln) for ln in lines):
            break
        pages.append(j)
        if cheap[j]:
            break  # the table ends where this page's first title starts
        j += 1
    return pages


def pages_to_lay_out(texts: list[str], cheap: list[list[TitleHit]], parsed_kinds: set[str]) -> set[int]:
    """0-based pages worth a full layout: those titling a table we parse, and its continuations.

    Everything else (narrative, 绩效目标表, tables the warehouse does not model) is known
    from the cheap text pass alone; laying out only table pages is what keeps extraction
    well under the cost of reading every char of the document with pdfminer.
    """
    pages: set[int] = set()
    for i, hits in enumerate(cheap):
        if any(h.kind in parsed_kinds for h in hits):
            pages.add(i)
            if hits[-1].kind in parsed_kinds or len(hits) == 1:
                pages.update(continuation_pages(texts, cheap, i))
    for i, hits in enumerate(cheap):
        # A table page whose title the plain text scrambled (PDFium follows the content
        # stream, which may put a title's last character after other text): the layout,
        # which reads by position, gets another look.
        if not hits and i not in pages and sum(is_row_like(ln) for ln in texts[i].splitlines()) >= 5:
            head = fold(texts[i][:400])
            if "总" in head or "表" in head:
                pages.add(i)
    return pages
