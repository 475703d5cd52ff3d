"""Document facts read from the plain text: department, year, budget or final account, scope, staff."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from .model import DocumentFacts
from .text_norm import fold

_ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|院|厅|中心|人民政府|政府|办事处|镇|乡|街道|所|站|馆|会|部|处|队|社|学校|校|园|署|分局|法院|检察院|协会|联合会)$"
)
_LABELLED = re.compile(
    r"(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|^部门|^单位)"
    r"[:：]\s*([^\s:：]{3,40}?)(?:单位[:：]|$)"
)
_TITLE_NAME = re.compile(r"^(?:20\d{2}年度?)?(.{3,40}?)(?:20\d{2}年度?)?(?:部门|单位)?(?:预算|决算)")
_NAME_IN_TITLE = re.compile(
    r"^(?:附?表[\d一二三四五六七八九十]+(?:-\d+)?\.?|公开\d+表[:：]?|[一二三四五六七八九十]+、)?(.{3,40}?)20\d{2}年"
)
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


def department_name(page_texts: list[str], table_texts: list[str], title_texts: Sequence[str] = ()) -> str | None:
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


# One figure of the establishment (编制): 总编制人数68人 / 编制339名 / 行政附属编制104名 /
# 行政政法人员编制496人. `kind` marks a figure for one kind of post, a sub-count unless it stands alone.
_ESTABLISHMENT = re.compile(
    r"(?P<total>总)?(?P<kind>(?:行政|事业|工勤|附属|参公|政法)+(?:人员)?)?编制(?:人数|总数|数)?(?:为|共计|共|是)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})[人名]"
)
_SENTENCE_END = re.compile(r"[。;；]")
# A change, not a headcount: 新增编制2名, 减少编制3名, 调剂编制.
_CHANGE = re.compile(r"(?:增加?|减少?|空|缺|超|调[整入出剂]?)了?$")
# The serving staff: 在职实有人数64人, 实际在编在职人员274名, 在职人员45人, 实有人数45人; not
# 离退休实有人数 nor a kind of post's (其中：行政在职人员20人).
_SERVING = re.compile(
    r"(?<![政业勤休])(?:实际)?(?:在职|实有|在编){1,2}人[数员](?:为|共计|共|是)?"
    r"(\d{1,3}(?:,\d{3})+|\d{1,6})[人名]"
)
# How far after the establishment its serving staff may follow (…事业编制28人。在职实有人数64人):
# read anywhere else, 在职人员7人 may be a subordinate unit's (江苏省联谊俱乐部).
_NEAR = 40


def _number(digits: str) -> int:
    return int(digits.replace(",", ""))


def _statements(text: str) -> list[list[re.Match]]:
    """The 编制 figures grouped by sentence (68人，其中：行政编制40人，事业编制28人。)."""
    statements: list[list[re.Match]] = []
    for m in _ESTABLISHMENT.finditer(text):
        if statements and not _SENTENCE_END.search(text, statements[-1][-1].end(), m.start()):
            statements[-1].append(m)
        else:
            statements.append([m])
    return statements


def _statement_total(text: str, statement: list[re.Match], names: tuple[str, ...]) -> int | None:
    """The department total a statement opens with, if it opens with one.

    It does when its first figure says 总 or names no kind of post (编制339名，其中行政编制199名…).
    A figure for one kind of post is the total only when it stands alone right after the
    department's name (江苏省人民检察院行政政法人员编制496人); several of them with no total
    (行政编制40人，事业编制28人), a figure after 其中 and a change (新增编制2名) give none.
    """
    first = statement[0]
    before = text[: first.start()]
    sentence = _SENTENCE_END.split(before)[-1]
    if "其中" in sentence or _CHANGE.search(before[-3:]):
        return None
    if first["total"] or not first["kind"]:
        return _number(first["n"])
    if len(statement) == 1 and any(before.endswith(name) for name in names):
        return _number(first["n"])
    return None


def _agreed(values: list[int]) -> int | None:
    """The value every statement gives; a document that gives two (a subordinate unit's,
    last year's) gives none, as a wrong headcount is worse than a missing one."""
    return values[0] if values and len(set(values)) == 1 else None


def staff_counts(page_texts: list[str], names: tuple[str, ...] = ()) -> tuple[int | None, int | None]:
    """(编制人数, 在职实有人数) of the department named `names`, each None unless plainly stated:
    the serving staff is read only beside the establishment it belongs to."""
    text = fold(" ".join(page_texts))
    authorized, serving = [], []
    for statement in _statements(text):
        total = _statement_total(text, statement, names)
        if total is not None:
            authorized.append(total)
            window = (statement[0].end(), statement[-1].end() + _NEAR)
            serving += [_number(m.group(1)) for m in _SERVING.finditer(text, *window)]
    return _agreed(authorized), _agreed(serving)


# Where a document prints its own name again: part headings (第一部分良田镇人民政府概况), numbered
# table titles (附表1韶关市浈江区市场监督管理局2022年…), narrative openings, labelled fields
# (部门:中共江苏省委办公厅), the budget scope (纳入涧西区应急管理局2021年部门预算编制范围) and the
# unit list (仅包括江苏省委办公厅厅机关本级). Line patterns read one folded line each, phrase
# patterns the folded page, as those sentences wrap.
_ALIAS_LINES = (
    re.compile(r"^第[一二三四五六七八九十]+部分(.{3,40}?)(?:概况|20\d{2}年|$)"),
    re.compile(r"^(?:附?表[\d一二三四五六七八九十]+(?:-\d+)?\.?|公开\d+表[:：]?)(.{3,40}?)20\d{2}年"),
    re.compile(r"^(?:[一二三四五六七八九十]+、)?(.{3,30}?)20\d{2}年度?(?:部门)?(?:收入|收支|支出)"),
    _LABELLED,
    _NAME_FIELD,
)
_ALIAS_PHRASES = (
    re.compile(r"纳入(.{3,30}?)20\d{2}年度?(?:部门|单位)?(?:汇总)?(?:预算|决算)编制范围"),
    re.compile(r"(?:包括|即)[:：]?(.{3,30}?)(?:\(本级\)|部门本级|厅机关本级|机关本级|本级)"),
)
# Not a name but a list or a label run into one (序号单位名称备注1上海市普陀区财政局, 附表1韶关市…).
_NOT_ALIAS = re.compile(r"[\W\d]|名称|序号|备注|单位|部门")
# Shorter shared tails are generic (财政局, 区民政局): they would join different bodies.
_MIN_SHARED_TAIL = 5
_KEY_STEPS = (
    (re.compile(r"\s+"), ""),
    (re.compile(r"^(?:中国共产党|中共)"), ""),
    (re.compile(r"委员会(办公厅|办公室)"), r"委\1"),
)


def department_key(name: str) -> str:
    """The form of a department name used to match it across files and years.

    1. NFKC (full-width letters, digits and brackets become ASCII); the names the extractor
       stores are already NFKC-folded, so a SQL mirror over them can skip this step;
    2. whitespace removed:                  regexp_replace(x, '\\s+', '', 'g');
    3. a leading 中国共产党 or 中共 dropped:  regexp_replace(x, '^(中国共产党|中共)', '');
    4. 委员会办公厅/委员会办公室 shortened:    regexp_replace(x, '委员会(办公厅|办公室)', '委\\1', 'g').

    So 中国共产党江苏省委员会办公厅 (tables 2017), 中共江苏省委办公厅 (tables 2018) and
    江苏省委办公厅 (the narratives) share the key 江苏省委办公厅. 中共 is dropped rather than
    kept because the narratives omit it and a party body's name stays a party body's name
    without it (省委, 区委, 纪律检查委员会): no state body is named like a party body minus 中共.
    """
    key = unicodedata.normalize("NFKC", name)
    for pattern, replacement in _KEY_STEPS:
        key = pattern.sub(replacement, key)
    return key


def _same_body(name: str, other: str) -> bool:
    """Whether `other` names the body `name` names: equal keys, or one key ends with the other
    and the shorter is distinctive (郴州市苏仙区良田镇人民政府 / 良田镇人民政府)."""
    a, b = sorted((department_key(name), department_key(other)), key=len)
    if a == b:
        return True
    suffix = _ORG_SUFFIX.search(a)
    return b.endswith(a) and len(a) >= _MIN_SHARED_TAIL and suffix is not None and suffix.start() >= 2


def _printed_names(page_texts: list[str]) -> list[str]:
    """Organisation names where the document names itself, in reading order."""
    found: list[tuple[int, int, str]] = []
    for page_no, page in enumerate(page_texts):
        lines = [fold(ln) for ln in page.splitlines()]
        offset = 0
        for ln in lines:
            found += [
                (page_no, offset + m.start(1), m.group(1)) for pattern in _ALIAS_LINES if (m := pattern.search(ln))
            ]
            offset += len(ln)
        flat = "".join(lines)
        found += [(page_no, m.start(1), m.group(1)) for pattern in _ALIAS_PHRASES for m in pattern.finditer(flat)]
    names = (_clean_name(raw) for _, _, raw in sorted(found))
    return [name for name in names if name and not _NOT_ALIAS.search(name)]


def department_aliases(name: str | None, page_texts: list[str]) -> tuple[str, ...]:
    """Other names the document prints for the department (良田镇人民政府 beside the cover's
    郴州市苏仙区良田镇人民政府), in order of first appearance; never other bodies it mentions."""
    if not name:
        return ()
    aliases = dict.fromkeys(n for n in _printed_names(page_texts) if n != name and _same_body(name, n))
    return tuple(aliases)


def read_facts(page_texts: list[str], title_texts: list[str], table_texts: list[str]) -> DocumentFacts:
    name = department_name(page_texts, table_texts, title_texts)
    aliases = department_aliases(name, page_texts)
    authorized, actual = staff_counts(page_texts, (name, *aliases) if name else ())
    return DocumentFacts(
        department_name=name,
        fiscal_year=fiscal_year(title_texts, page_texts),
        document_kind=document_kind(title_texts, page_texts),
        document_scope=document_scope(page_texts, title_texts),
        authorized_staff=authorized,
        actual_staff=actual,
        department_aliases=aliases,
    )
