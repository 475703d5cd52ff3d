"""extract.narrative_years: the years of comparisons and of budget figures are read; spans, histories
and table pages are not."""

from __future__ import annotations

from extract.narrative_years import read_narrative_years


def _read(*pages: str, table_pages: frozenset[int] = frozenset()) -> list[tuple[int, bool, int]]:
    return [(y.year, y.compares, y.source_page) for y in read_narrative_years(list(pages), set(table_pages))]


def test_a_comparison_names_the_year_it_compares_with():
    # shpt_justice_bureau_2026_dept_budget.pdf p.8 prints 2026 where it means 2025.
    text = "财政拨款收入9628.22万元，比2026年预算增加793.14万元；政府性基金拨款支出预算0万元，与2025年度预算持平。"
    assert _read(text) == [(2026, True, 1), (2025, True, 1)]


def test_a_figure_opens_with_its_year():
    pages = [
        "2026年部门收支总预算2120.19万元。",
        "2024年度“三公”经费财政拨款支出年初预算为2.85万元",
        "2025年当年预算执行数为1690.69万元",
    ]
    assert _read(*pages) == [(2026, False, 1), (2024, False, 2), (2025, False, 3)]


def test_a_year_compared_with_is_read_once_as_a_comparison():
    this_year, last_year = read_narrative_years(["2026年预算安排227.88万元，比2025年预算执行数增加277.22%"], set())
    assert (this_year.year, this_year.compares) == (2026, False)
    assert (last_year.year, last_year.compares, last_year.text) == (
        2025,
        True,
        "算安排227.88万元,比2025年预算执行数增加277.2",
    )


def test_spans_histories_and_table_pages_are_not_read():
    assert _read("根据《关于编制2017年部门预算和2017-2019年财政规划的通知》要求") == [(2017, False, 1)]
    assert _read("该项目拟从2020年起由我局申请，1993年成立，2019/2020年支出") == []
    assert _read("2026年部门预算", table_pages=frozenset({1})) == []


def test_a_table_title_in_the_contents_is_no_figure():
    contents = "目录表1 2026年部门财务收支预算总表表2 2026年部门收入预算表2026年部门预算编制说明"
    assert _read(contents) == [(2026, False, 1)]
