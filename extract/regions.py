"""Where one table lies: its title and the page slices it covers (title page + continuations)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import model as m
from .layout import PageLayout, TextLine
from .locate import TitleHit, continuation_pages, is_row_like, title_kind, titles_on_page
from .text_norm import fold, squash_spaces
from .units import find_unit


@dataclass
class Part:
    page: PageLayout
    top: float
    bottom: float
    titled: bool  # the part that starts under the title (continuations repeat at most the header)
    title_end: float = -1.0  # the middle of a wrapped title's last line (…支出预 / 算表): not header

    def lines(self) -> list[TextLine]:
        return self.page.lines_between(self.top, self.bottom)

    def body(self) -> list[TextLine]:
        """The part's lines without its title, numbering, unit and 编制部门 lines."""
        lines = self.lines()
        if self.titled:
            lines = [ln for ln in lines if ln.yc > self.title_end]
            cut = 0
            while cut < len(lines) and (title_kind(lines[cut].text) or is_meta_line(lines[cut])):
                cut += 1
            lines = lines[cut:]
        return [ln for ln in lines if not is_meta_line(ln) and not self._is_page_number(ln)]

    def _is_page_number(self, line: TextLine) -> bool:
        s = fold(line.compact)
        if _PAGE_NUMBER_DASHED.match(s):
            return True
        return bool(_PAGE_NUMBER_BARE.match(s)) and line.yc > self.page.height * 0.88


@dataclass
class TableRegion:
    kind: str
    title: str
    unit: str | None
    parts: list[Part] = field(default_factory=list)
    listed_pages: tuple[int, ...] = ()  # for tables known from the cheap pass only (not laid out)

    @property
    def pages(self) -> tuple[int, ...]:
        if self.listed_pages:
            return self.listed_pages
        return tuple(dict.fromkeys(p.page.number for p in self.parts))

    @property
    def position(self) -> tuple[int, float]:
        return (self.pages[0], self.parts[0].top if self.parts else 0.0)


_META = re.compile(
    r"^(?:公开\d+表|预算\d+表|附表\d+(?:-\d+)?|表[\d一二三四五六七八九十]+(?:-\d+)?)?$"
    r"|(?:金额)?单位[:：]|编制(?:部门|单位)[:：]|^部门[:：]|^单位名称[:：]|预算主管部门[:：]"
)


def is_meta_line(line: TextLine) -> bool:
    """Lines around a table that are not its header: numbering, unit, 编制部门."""
    s = fold(line.compact)
    return bool(_META.search(s))


_PAGE_NUMBER_DASHED = re.compile(r"^[-—–]\d{1,3}[-—–]$|^第\d+页(?:共\d+页)?$")
_PAGE_NUMBER_BARE = re.compile(r"^\d{1,3}$")
_EMPTY_NOTE = re.compile(
    r"空表|表为空|无数据|无该项目|无此项|没有.*(?:预算|收支|支出)|无.{0,24}(?:预算|收支|支出|收入|经费)"
)


def empty_note(line: TextLine) -> str | None:
    s = fold(line.compact)
    if _EMPTY_NOTE.search(s) and not any(t.is_amount for t in line.tokens):
        return " ".join(line.text.split())
    return None


_FOOTNOTE = re.compile(r"^(?:注|说明|备注|注释)\d?[:：]")


def is_footnote(line: TextLine) -> bool:
    """A note under a table (注：本表反映…): never part of a row."""
    return bool(_FOOTNOTE.match(fold(line.compact)))


def header_text(region: TableRegion) -> str | None:
    """The lines of a table's header (its column headings, a subtitle such as （2023年度）)
    above its first row, empty note or footnote, joined by " / "; None when it prints none.

    Read from the titled part only: a continuation repeats the header at most. A 绩效目标表 is
    words throughout (its dates, 2023-01-01, are a project's, not the table's year): none.
    """
    if not region.parts or region.kind == m.PERFORMANCE_TARGETS:
        return None
    header = []
    for line in region.parts[0].body():
        if any(t.is_amount for t in line.tokens) or is_row_like(line.text) or empty_note(line) or is_footnote(line):
            break
        header.append(squash_spaces(line.text))
    return " / ".join(header) or None


# --- Regions from laid-out pages ----------------------------------------------------------


def regions_from_layouts(layouts: dict[int, PageLayout]) -> list[TableRegion]:
    """Each titled table of the laid-out pages, with the continuation pages it runs onto.

    A table runs from its title to the next title on the page (several tables share a page
    in Word-made disclosures) or to the page end; a following page whose top holds table
    rows before any title continues it (header repeated or not).
    """
    regions: list[TableRegion] = []
    open_region: TableRegion | None = None
    for number in sorted(layouts):
        page = layouts[number]
        texts = [ln.text for ln in page.lines]
        rows = [is_row_like(t) for t in texts]
        hits = titles_on_page(texts, rows)
        first_top = page.lines[hits[0].index].top if hits else page.height + 1
        if open_region is not None and open_region.parts[-1].page.number == number - 1:
            zone = [i for i, ln in enumerate(page.lines) if ln.yc < first_top]
            row_count = sum(rows[i] for i in zone)
            prose = sum(1 for i in zone if "。" in texts[i])
            if row_count >= 1 and prose <= row_count:
                open_region.parts.append(Part(page, -1.0, first_top - 0.5, False))
                if not hits:
                    continue  # the whole page carries on the table; it may run further
        open_region = None
        for k, hit in enumerate(hits):
            top = page.lines[hit.index].top - 0.5
            title = squash_spaces(hit.text)
            if hit.index > 0 and _is_numbering(texts[hit.index - 1]):
                # 公开01表 / 表一 on its own line above the title.
                top = page.lines[hit.index - 1].top - 0.5
                title = squash_spaces(texts[hit.index - 1]) + " " + title
            bottom = page.lines[hits[k + 1].index].top - 0.5 if k + 1 < len(hits) else page.height + 1
            region = TableRegion(
                hit.kind,
                title,
                _unit_below(page, hit.index, bottom),
                [Part(page, top, bottom, True, page.lines[hit.index + hit.lines - 1].yc)],
            )
            regions.append(region)
            open_region = region
    return regions


def regions_from_text(texts: list[str], cheap: list[list[TitleHit]], laid_out: set[int]) -> list[TableRegion]:
    """Tables titled on pages that were not laid out (绩效目标表, unmodelled tables): pages and unit only."""
    regions: list[TableRegion] = []
    for i, hits in enumerate(cheap):
        if (i + 1) in laid_out:
            continue
        for k, hit in enumerate(hits):
            pages = [i] + (continuation_pages(texts, cheap, i) if k == len(hits) - 1 else [])
            regions.append(
                TableRegion(
                    hit.kind, squash_spaces(hit.text), find_unit(texts[i]), listed_pages=tuple(p + 1 for p in pages)
                )
            )
    return regions


_NUMBERING = re.compile(r"(?:公开|预算)?\d+表|附?表[\d一二三四五六七八九十]+(?:-\d+)?")


def _is_numbering(text: str) -> bool:
    return bool(_NUMBERING.fullmatch(fold(text)))


def _unit_below(page: PageLayout, title_index: int, bottom: float) -> str | None:
    """The 单位 a table declares on its title line or the lines just under it."""
    for ln in page.lines[max(title_index - 1, 0) : title_index + 7]:
        if ln.yc >= bottom:
            break
        unit = find_unit(ln.text)
        if unit:
            return unit
    return None
