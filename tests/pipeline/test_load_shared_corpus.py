"""`budget-etl load` over the real published PDFs and the office-made ones of ../shared/corpus:
the run reaches its end and every file is loaded or rejected with a reason."""

from __future__ import annotations

import json

import duckdb
import pytest

from tests.extract.test_extract_narrative import KNOWN_DISAGREEMENTS
from tests.paths import shared_path


@pytest.fixture(scope="module")
def shared_load(shared_warehouse):
    warehouse, summary, pdfs = shared_warehouse
    office = shared_path("corpus", "office")
    truth = json.loads((office / "truth.json").read_text(encoding="utf-8"))
    return (
        summary,
        {r[0]: r[1:] for r in _query(warehouse, QUERIES["documents"])},
        pdfs,
        truth,
        {name: _query(warehouse, sql) for name, sql in QUERIES.items()},
    )


QUERIES = {
    "documents": "select source_file, status, reject_kind, status_reason from marts.dim_document",
    "text_sources": "select source_file, text_source from marts.dim_document where status = 'loaded'",
    "disclosures": "select source_file, disclosure_id, department_id from marts.dim_document where status = 'loaded'",
    "narrative_failures": """
        select d.source_file, n.total_key
        from marts.fct_narrative_check n join marts.dim_document d using (document_id)
        where not n.passed
    """,
    "review_findings": "select source_file, rule, table_kind, page from marts.fct_review_finding order by all",
    "narrative_checked": "select count(*) filter (where passed is not null), count(*) from marts.fct_narrative_check",
    "renumbered": """
        select distinct fiscal_year, previous_code, code, previous_label from marts.fct_year_over_year
        where match_method = 'alias' order by all
    """,
}


def _query(warehouse, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_run_reaches_its_end(shared_load):
    summary, rows, pdfs, _, _ = shared_load
    assert summary.run_succeeded, summary.failure
    assert sorted(rows) == sorted(pdfs)


def test_every_file_is_loaded_or_rejected_with_a_reason(shared_load):
    _, rows, _, _, _ = shared_load
    for name, (status, kind, reason) in rows.items():
        assert status in ("loaded", "rejected"), name
        if status == "rejected":
            assert kind and reason, name
            assert kind != "extractor_error", (name, reason)


def test_office_documents_load_or_reject_as_their_truth_says(shared_load):
    _, rows, _, truth, answers = shared_load
    text_sources = dict(answers["text_sources"])
    for entry in truth:
        status, kind, reason = rows[entry["file"]]
        if entry.get("reject_kind") == "no_text_layer" and status == "loaded":
            # truth.json predates OCR: the scan it expects rejected is now read by OCR.
            assert text_sources[entry["file"]] == "ocr", entry["file"]
            continue
        assert status == entry["expect"], (entry["file"], reason)
        if entry["expect"] == "rejected":
            assert kind == entry["reject_kind"], (entry["file"], kind, reason)


def test_every_real_disclosure_loads(shared_load):
    _, rows, _, _, _ = shared_load
    real = [name for name in rows if not name[0].isdigit() and name.isascii()]
    rejected = {name: rows[name][2] for name in real if rows[name][0] != "loaded"}
    assert len(real) == 34
    assert rejected == {}


def test_the_two_files_of_a_jiangsu_disclosure_share_it(shared_load):
    """The narrative PDF and the tables PDF of one department and year, whatever name each
    prints (the party office's tables say 中共江苏省委办公厅, its narrative 江苏省委办公厅)."""
    *_, results = shared_load
    disclosure = {name: (d, dept) for name, d, dept in results["disclosures"]}
    pairs = [
        (name, name.replace("_text.pdf", "_tables.pdf")) for name in disclosure if name.endswith("_budget_text.pdf")
    ]
    assert len(pairs) == 7
    assert [(a, b) for a, b in pairs if disclosure[a] != disclosure[b]] == []
    by_department = {}
    for name, (_, dept) in disclosure.items():
        if name.startswith("js_party_office"):
            by_department.setdefault(dept, []).append(name)
    assert len(by_department) == 1, "the party office's six files are one department"


def test_the_narratives_agree_with_their_tables_except_the_documents_own_errors(shared_load):
    """The warehouse's narrative checks flag exactly what the extractor's tests find
    contradicted in the documents themselves (tests/extract/test_extract_narrative.py)."""
    *_, results = shared_load
    ((checked, total),) = results["narrative_checked"]
    assert total > 300 and checked > 0.85 * total  # the rest restate a cell the tables do not print
    expected = {(name, key) for name, keys in KNOWN_DISAGREEMENTS.items() for key in keys}
    assert set(results["narrative_failures"]) == expected


# Review findings (marts.fct_review_finding) that are the documents' own faults, each seen on
# its page: (file, rule, table_kind, page).
KNOWN_REVIEW_FINDINGS = {
    # Page 18, the 国有资本经营 table printed empty, says 注:本部门2025年无政府性基金预算财政拨款安排的预算，
    # 故本表为空表。: the note of the 政府性基金 table on page 17, copied.
    ("shpt_finance_bureau_2025_dept_budget.pdf", "empty_note_of_another_table", "state_capital_expenditure", 18),
    # Page 21: 一般公共服务支出(类)2106.66万元，占71.73% of the 2940.05万元 it lists: 71.65%. Its other
    # three shares are right, and the four add up to 100.07%.
    ("shpt_finance_bureau_2024_final.pdf", "narrative_share_mismatch", None, 21),
    # Changes from last year whose rate is not the one their amounts give (narrative_change_mismatch),
    # each beyond a unit of its last digit and the amounts' rounding. Page 22: 提租补贴(项)支出1959.99万元,
    # 增加865.57万元, 增长79.05%: 865.57 of 1094.42 is 79.09%.
    ("js_high_court_2017_budget.pdf", "narrative_change_mismatch", None, 22),
    # Page 19: 一般行政事务管理(项)支出6049.97万元, 减少392.92万元, 减少5.95%: of 6442.89, 6.10%.
    ("js_high_court_2018_budget.pdf", "narrative_change_mismatch", None, 19),
    # Page 21: 单位预留机动经费1685.72万元, 增加1557.29万元, 增长1312.56%: of 128.43, 1212.56%.
    ("js_npc_office_2018_budget.pdf", "narrative_change_mismatch", None, 21),
    # Page 8: 行政运行(项)支出6106.99万元, 增加101.48万元, 增长1.66%: of 6005.51, 1.69% (1.66% is of
    # this year's amount).
    ("js_party_office_2017_budget_text.pdf", "narrative_change_mismatch", None, 8),
    # Page 22: 机关运行经费6032.55万元, 比2016年增加3401.59万元, 增长129.97%: of 2630.96, 129.29%.
    ("js_procuratorate_2017_budget.pdf", "narrative_change_mismatch", None, 22),
    # Page 23: 收、支预算总计21,955.35万元, 各增加3,958.67万元, 增长21.95%: of 17996.68, 22.00%.
    ("js_procuratorate_2018_budget.pdf", "narrative_change_mismatch", None, 23),
    # Page 26: 一般行政管理事务(项)支出3,666万元, 增加21.8万元, 增长0.06%: of 3644.2, 0.60%.
    ("js_procuratorate_2018_budget.pdf", "narrative_change_mismatch", None, 26),
    # Page 25: 收、支预算总计24,169.74万元, 各增加2214.39万元, 增长10.06%: of 21955.35 (the 2018
    # total), 10.09%.
    ("js_procuratorate_2019_budget.pdf", "narrative_change_mismatch", None, 25),
    # Page 26: 项目支出4335.3万元, 减少了1237.7万元, 减少13.22%: of 5573 (2018's), 22.21%; 13.22% is
    # the 基本支出's rate printed just before.
    ("js_procuratorate_2019_budget.pdf", "narrative_change_mismatch", None, 26),
    # Page 29: 住房公积金(项)支出1442.74万元, 增加368.97万元, 增加34.38%: of 1073.77, 34.36%.
    ("js_procuratorate_2019_budget.pdf", "narrative_change_mismatch", None, 29),
    # Page 9, three items: 其他司法支出 2025年当年预算执行数为43269.3万元, 2026年预算安排3845.49万元,
    # 增加17.62% (a fall as printed; 3269.3 would give 17.62%); 职业年金 77.99 → 91.97, 增加17.66%
    # (17.93%: the rate of the item before); 住房公积金 198.34 → 201.50, 增加5.27% (1.59%; the item
    # heads 208.8万元, which is 5.27%).
    ("shpt_justice_bureau_2026_dept_budget.pdf", "narrative_change_mismatch", None, 9),
    # Page 6: 政府性基金拨款支出预算0万元, 比2022年预算增加1421.25万元 (the line before's increase,
    # copied: last year's would be below 0); and 11.67 → 45.41万元, 增加314.82% (289.12%).
    ("shpt_wanli_subdistrict_2023_dept_budget.pdf", "narrative_change_mismatch", None, 6),
    # Page 7: 职业年金 132.59 → 441.25万元, 增加60.54%: the amount and rate of the 养老保险 item
    # before, copied (the item heads 220.63万元).
    ("shpt_wanli_subdistrict_2023_dept_budget.pdf", "narrative_change_mismatch", None, 7),
    # Page 9: 住房公积金 348.52 → 352.67万元, 增加0.53% (1.19%; the item heads 350.35万元, 0.53%).
    ("shpt_wanli_subdistrict_2024_dept_budget.pdf", "narrative_change_mismatch", None, 9),
    # Page 8 of this 2026 budget compares five of its figures with 2026: 财政拨款收入9628.22万元,
    # 比2026年预算增加793.14万元, …与2026年预算持平. Page 9 compares the same items with 2025, the
    # year before, as every other 2026 budget does.
    ("shpt_justice_bureau_2026_dept_budget.pdf", "narrative_year_mismatch", None, 8),
    # Function-class amounts the narrative states other than its table's row
    # (narrative_class_mismatch). Pages 7 and 8 print the same list: 社会保障和就业支出(类)行政事业单位
    # 养老支出(款)机关事业单位职业年金缴费支出(项)887.36万元, where the tables (pp.10, 12, 15) print
    # 873,617.00 元, 87.36万元 (the 款 adds up with 87.36; an 8 too many).
    ("shpt_finance_bureau_2025_dept_budget.pdf", "narrative_class_mismatch", None, 7),
    ("shpt_finance_bureau_2025_dept_budget.pdf", "narrative_class_mismatch", None, 8),
    # Page 6: 社会保障和就业支出(类)社会福利(款)社会福利事业单位(项)738.66万元 of 财政拨款, where the
    # 一般公共预算支出表 (p.11) prints 6,964,796 元, 696.48万元; with 738.66 the items would add up to
    # 42.18万元 more than the 950.12万元 of 财政拨款 its total row and the narrative state.
    ("shpt_social_welfare_home_2024_unit_budget.pdf", "narrative_class_mismatch", None, 6),
    # Page 28: 一般公共预算财政拨款支出预算21,940.96万元,与上年相比增加3,958.98万元: last year's
    # 17,981.98万元, where js_procuratorate_2017_budget.pdf p.21 restates 17,981.68 and this
    # document's own p.23 gives 增加3,959.28万元 of the same 收入 (narrative_previous_year_mismatch).
    ("js_procuratorate_2018_budget.pdf", "narrative_previous_year_mismatch", None, 28),
}


def test_review_rules_flag_only_the_documents_own_faults(shared_load):
    *_, results = shared_load
    assert set(results["review_findings"]) == KNOWN_REVIEW_FINDINGS


def test_year_over_year_follows_the_2018_renumbering_of_economic_codes(shared_load):
    """财预〔2017〕98号 renumbered economic 款 in 2018: the Jiangsu budgets print 住房公积金 as 30311
    in 2017 and 30113 in 2018. fct_year_over_year ties them by name, one to one."""
    *_, results = shared_load
    assert {(year, before, after) for year, before, after, _ in results["renumbered"]} == {
        (2018, "30104", "30112"),
        (2018, "30307", "30114"),
        (2018, "30311", "30113"),
    }
    assert {label for *_, label in results["renumbered"]} >= {"住房公积金", "医疗费"}
