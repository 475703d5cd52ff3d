"""Document facts: staff counts and the names a document prints for its department.

The staff figures are checked three ways: exactly against the sample generator, against a
second reading of the office PDFs (pdfplumber, not PDFium), and against what the real Jiangsu
disclosures print (and None for those that print no department headcount).
"""

from __future__ import annotations

import re

import pdfplumber
import pytest

from extract.facts import department_key, staff_counts
from tests.extract.conftest import office_truth_entries, real_manifest_rows
from tests.paths import shared_path

OFFICE_LOADED = [e for e in office_truth_entries() if e["expect"] == "loaded"]
REAL_FILES = [row["local_file"] for row in real_manifest_rows()]

# What the real disclosures print about their own establishment; every other file prints no
# department headcount (only a subordinate unit's "在职7名人员" or a changed "在职人数").
REAL_STAFF = {
    "js_npc_office_2017_budget.pdf": (339, 274),  # 编制339名，其中… 实际在编在职人员274名
    "js_npc_office_2018_budget.pdf": (338, None),  # 编制338名，其中…, no serving count
    "js_npc_office_2019_budget_text.pdf": (338, None),
    "js_procuratorate_2017_budget.pdf": (496, None),  # 行政政法人员编制496人
}
# The Jiangsu disclosures published as a tables PDF and a narrative PDF.
JIANGSU_PAIRS = [
    (f"js_{body}_{year}_budget_tables.pdf", f"js_{body}_{year}_budget_text.pdf")
    for body, years in (
        ("cppcc_office", (2017, 2018, 2019)),
        ("npc_office", (2019,)),
        ("party_office", (2017, 2018, 2019)),
    )
    for year in years
]


def _params(items: list, ids: list[str], corpus: str):
    if not items:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"../shared/corpus/{corpus} is absent"))]
    return [pytest.param(item, id=i) for item, i in zip(items, ids, strict=True)]


def _keys(facts) -> set[str]:
    return {department_key(n) for n in (facts.department_name, *facts.department_aliases)}


def _assert_aliases_well_formed(facts) -> None:
    name_key = department_key(facts.department_name)
    assert len(set(facts.department_aliases)) == len(facts.department_aliases)
    for alias in facts.department_aliases:
        assert alias != facts.department_name
        alias_key = department_key(alias)
        assert name_key.endswith(alias_key) or alias_key.endswith(name_key), alias


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("中国共产党江苏省委员会办公厅", "江苏省委办公厅"),
        ("中共江苏省委办公厅", "江苏省委办公厅"),
        ("江苏省委办公厅", "江苏省委办公厅"),
        ("中共郴州市苏仙区委员会办公室", "郴州市苏仙区委办公室"),
        (" 江苏省 政协办公厅\u3000", "江苏省政协办公厅"),
        ("上海市普陀区商务委员会", "上海市普陀区商务委员会"),
        ("江苏省人大常委会办公厅", "江苏省人大常委会办公厅"),
    ],
)
def test_department_key(name, key):
    assert department_key(name) == key


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "良田镇人民政府总编制人数68人，其中：行政编制40人，事业编制28人。在\n职实有人数1206人。离退休人员30人。",
            (68, 1206),
        ),
        ("硚口区大数据中心总编制人数18人，其中：事业编制18人。在职实有人数12人，其中：事业12人。", (18, 12)),
        (
            "现有38个处室，编制339名，其中行政编制199名、行政附属编制104名、事业编制36名。实际在编在职人员274名，离退休人员150名。",
            (339, 274),
        ),
        ("江苏省人民检察院行政政法人员编制496人，机构设置包括23个内设机构。", (496, None)),
        ("核定编制20人。在职人员18人。", (20, 18)),
        ("总编制人数1,264人，其中：行政编制22人。在职实有人数1,206人。", (1264, 1206)),
        ("加强统筹协调。编制339名，其中行政编制199名。", (339, None)),
        # Not the department's headcount.
        ("纳入本部门2018年部门汇总预算编制范围的预算单位共计1家。", (None, None)),
        ("本部门预算只包含办公厅本级和江苏省政协联谊俱乐部在职7名人员，办公室在职10名人员工资等经费。", (None, None)),
        ("本部门预算还包括江苏省联谊俱乐部8名在职人员人员经费。", (None, None)),
        ("江苏省联谊俱乐部在职人员7人。", (None, None)),
        ("协同省主管部门管理检察院的机构编制工作。", (None, None)),
        ("主要原因是因增设机构而增加了在职人数，2019年基本养老保险有所增长。", (None, None)),
        ("离退休实有人数30人。", (None, None)),
        ("2019年新增编制2名。", (None, None)),
        ("核减编制3名。", (None, None)),
        ("在职实有人数64人。", (None, None)),  # serving staff is read only beside the establishment
        ("本部门行政编制40人，事业编制28人。", (None, None)),  # sub-counts with no total
        ("下属中心事业编制10名。", (None, None)),  # a kind of post, not after the department's name
        ("编制50人，其中行政编制30人。……下属单位另有编制12人，工作正常开展。", (None, None)),  # two totals disagree
    ],
)
def test_staff_counts(text, counts):
    assert staff_counts([text], ("江苏省人民检察院",)) == counts


def test_sample_staff_and_aliases(sample_extractions):
    loaded = [(doc, ex) for doc, ex in sample_extractions.values() if doc.expect == "loaded"]
    if not loaded:
        pytest.skip("the sample corpus has no loaded document")
    for doc, ex in loaded:
        staff = (ex.facts.authorized_staff, ex.facts.actual_staff)
        assert staff == (doc.authorized_staff, doc.actual_staff), doc.file_name
        _assert_aliases_well_formed(ex.facts)


def _printed_staff(pdf_path) -> tuple[int | None, int | None]:
    """The office narrative's own wording, read through pdfplumber instead of PDFium."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            text = re.sub(r"\s+", "", page.extract_text() or "")
            if m := re.search(r"总编制人数(\d+)人.*?在职实有人数(\d+)人", text):
                return int(m.group(1)), int(m.group(2))
    return None, None


@pytest.mark.parametrize("entry", _params(OFFICE_LOADED, [e["file"] for e in OFFICE_LOADED], "office"))
def test_office_names_and_staff(entry, office_extractions):
    facts = office_extractions[entry["file"]].facts
    assert facts.department_name == entry["department_name"]
    assert set(entry["department_aliases"]) <= set(facts.department_aliases)
    _assert_aliases_well_formed(facts)
    printed = _printed_staff(shared_path("corpus", "office", "pdf", entry["file"]))
    assert printed != (None, None), "the office narrative states the staff"
    assert (facts.authorized_staff, facts.actual_staff) == printed


@pytest.mark.parametrize("file", _params(REAL_FILES, REAL_FILES, "real"))
def test_real_staff_and_aliases(file, real_extractions):
    facts = real_extractions[file].facts
    assert (facts.authorized_staff, facts.actual_staff) == REAL_STAFF.get(file, (None, None))
    _assert_aliases_well_formed(facts)


@pytest.mark.parametrize("pair", _params(JIANGSU_PAIRS if REAL_FILES else [], [t for t, _ in JIANGSU_PAIRS], "real"))
def test_jiangsu_pair_names_one_department(pair, real_extractions):
    tables, text = (real_extractions[f].facts for f in pair)
    assert _keys(tables) & _keys(text), (
        tables.department_name,
        tables.department_aliases,
        text.department_name,
        text.department_aliases,
    )


def test_party_office_names_as_printed(real_extractions):
    """省委办公厅 is printed three ways over the years; every one is kept and joins."""
    if not REAL_FILES:
        pytest.skip("../shared/corpus/real is absent")
    names = {f: real_extractions[f].facts.department_name for f in REAL_FILES if f.startswith("js_party_office_")}
    assert names["js_party_office_2017_budget_tables.pdf"] == "中国共产党江苏省委员会办公厅"
    assert names["js_party_office_2018_budget_tables.pdf"] == "中共江苏省委办公厅"
    assert names["js_party_office_2019_budget_text.pdf"] == "江苏省委办公厅"
    assert {department_key(n) for n in names.values()} == {"江苏省委办公厅"}
    # The 2017 narrative heads its parts 第二部分省委办公厅2017年度部门预算表.
    assert real_extractions["js_party_office_2017_budget_text.pdf"].facts.department_aliases == ("省委办公厅",)
