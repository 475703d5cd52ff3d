"""Document facts read from the plain text: department, year, budget or final account, scope, staff."""

from __future__ import annotations

import re
from collections import Counter

from .model import DocumentFacts
from .text_norm import fold

_ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|院|厅|中心|人民政府|政府|办事处|镇|乡|街道|所|站|馆|会|部|处|队|社|学校|校|园|署|分局|法院|检察院|协会|联合会)$"
)
_LABELLED = re.compile(r"(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|^部门|^单位)[:：]\s*([^\s:：]{3,40}?)(?:单位[:：]|$)")
_TITLE_NAME = re.compile(r"^(?:20\d{2}年度?)?(.{3,40}?)(?:20\d{2}年度?)?(?:部门|单位)?(?:预算|决算)")
_NAME_IN_TITLE = re.compile(
    r"^(?:附?表[\d一二三四五六七八九十]+(?:-\d+)?\.?|公开\d+表[:：]?|[一二三四五六七八九十]+、)?(.{3,40}?)20\d{2}年")
_NAME_FIELD = re.compile(r"(?:部门名称|单位名称|预算单位)[:：]?(.{3,40}?)(?:单位[:：]|$)")
_NARRATIVE_NAME = re.compile(r"^(.{3,30}?)20\d{2}年度?(?:部门)?(?:收入|收支|支出)")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$|^第\d+页")
_YEAR = re.compile(r"(20\d{2})年")
_NOT_NAME = re.compile(r"预算|决算|目录|年度|公开|^第|说明|情况|部分|表$|^\d")


def _clean_name(name: str) -> str | None:
    name = name.strip(" ：:，,。")
    name = re.sub(r"^(?:纳入|根据|按照|关于)", "", name)
    name = re.sub(r"(?:20\d{2}年度?|单位[:：].*)$", "", name)
    if len(name) < 3 or _NOT_NAME.search(name) or not _ORG_SUFFIX.search(name):
        return None
    return name


def department_name(page_texts: list[str], table_texts: list[str], title_texts: list[str] = ()) -> str | None:
    """The department as the cover, a table's 编制部门 line or the table titles print it."""
    first_text = next((t for t in page_texts if fold(t)), "")
    cover_lines = [fold(ln) for ln in first_text.splitlines() if fold(ln) and not _PAGE_NUMBER.match(fold(ln))]
    for source in (cover_lines, *([fold(ln) for ln in t.splitlines()] for t in table_texts)):
        for ln in source:
            m = _LABELLED.search(ln)
            if m and (name := _clean_name(m.group(1))):
                return name
    # Cover titles wrap (上海市普陀区规划和自然 / 资源局 / 2024 年度部门决算): read them joined.
    m = _TITLE_NAME.match("".join(cover_lines[:6]))
    if m and (name := _clean_name(m.group(1))):
        return name
    # Titles that carry the department (附表1 韶关市浈江区市场监督管理局2022年部门收支总表).
    for title in title_texts:
        m = _NAME_IN_TITLE.match(fold(title))
        if m and (name := _clean_name(m.group(1))):
            return name
    for text in page_texts:
        for ln in (fold(x) for x in text.splitlines()):
            m = _NAME_FIELD.search(ln)
            if m and (name := _clean_name(m.group(1))):
                return name
    for ln in cover_lines[:8]:
        if len(ln) >= 5 and (name := _clean_name(ln)):
            return name
    for text in page_texts[:6]:
        for ln in (fold(x) for x in text.splitlines()):
            m = _TITLE_NAME.match(ln)
            if m and (name := _clean_name(m.group(1))):
                return name
    # Last resort, the narrative: "江苏省政协办公厅 2019 年度收入、支出预算总计 …".
    for text in page_texts:
        for ln in (fold(x) for x in text.splitlines()):
            m = _NARRATIVE_NAME.match(ln)
            if m and (name := _clean_name(m.group(1))):
                return name
    return None


def fiscal_year(title_texts: list[str], page_texts: list[str]) -> int | None:
    years = Counter(int(y) for t in title_texts for y in _YEAR.findall(fold(t)))
    if years:
        return years.most_common(1)[0][0]
    head = fold(" ".join(page_texts[:2]))
    m = re.search(r"(20\d{2})年度?(?:区级|市级|省级|县级)?(?:部门|单位)?(?:预算|决算)", head)
    if m:
        return int(m.group(1))
    found = Counter(int(y) for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", head))
    if found:
        return found.most_common(1)[0][0]
    found = Counter(int(y) for y in _YEAR.findall(fold(" ".join(page_texts))))
    return found.most_common(1)[0][0] if found else None


def document_kind(title_texts: list[str], page_texts: list[str]) -> str:
    text = fold(" ".join(title_texts) + " ".join(page_texts[:2]))
    budget = text.count("预算")
    final = text.count("决算")
    return "final_account" if final > budget else "budget"


def document_scope(page_texts: list[str], title_texts: list[str]) -> str:
    """单位 (the body's own office) or 部门 (the department with its subordinate units)."""
    cover = fold(next((t for t in page_texts if fold(t)), ""))
    for text in (cover, fold(" ".join(title_texts))):
        unit = bool(re.search(r"单位(?:预算|决算)|预算单位", text))
        dept = bool(re.search(r"部门(?:预算|决算)|预算主管部门", text))
        if unit != dept:
            return "unit" if unit else "department"
    return "department"


def staff_counts(page_texts: list[str]) -> tuple[int | None, int | None]:
    text = fold(" ".join(page_texts))
    authorized = re.search(r"(?:总编制人数|编制人数|编制数|核定编制)(?:为|共|是)?(\d{1,6})(?:人|名)", text)
    actual = re.search(r"在职(?:实有)?人(?:员)?数?(?:为|共|是)?(\d{1,6})(?:人|名)", text)
    return (int(authorized.group(1)) if authorized else None, int(actual.group(1)) if actual else None)


def read_facts(page_texts: list[str], title_texts: list[str], table_texts: list[str]) -> DocumentFacts:
    authorized, actual = staff_counts(page_texts)
    return DocumentFacts(
        department_name=department_name(page_texts, table_texts, title_texts),
        fiscal_year=fiscal_year(title_texts, page_texts),
        document_kind=document_kind(title_texts, page_texts),
        document_scope=document_scope(page_texts, title_texts),
        authorized_staff=authorized,
        actual_staff=actual,
    )
