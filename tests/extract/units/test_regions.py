"""extract.regions: laid-out pages in, each titled table with its pages, unit and body out."""

from __future__ import annotations

from extract import model as m
from extract.locate import cheap_titles
from extract.regions import (
    empty_note,
    header_text,
    is_footnote,
    is_meta_line,
    regions_from_layouts,
    regions_from_text,
)
from tests.extract.units.pagekit import line, page


def _body_texts(part) -> list[str]:
    return [ln.text for ln in part.body()]


def _three_pages():
    first = page(
        [
            line(40, ("表3", 20)),
            line(60, ("2021年支出预算总表", 20)),
            line(80, ("单位：万元", 300)),
            line(100, ("科目编码", 20), ("科目名称", 100), ("合计", 300)),
            line(120, ("201", 20), ("一般公共服务支出", 100), ("157.44", 300)),
            line(780, ("-3-", 280)),  # a page number at the foot
        ],
        number=1,
    )
    second = page(
        [  # carries 表3 on, then 表5 starts half-way down
            line(40, ("20102", 20), ("政协事务", 100), ("14.42", 300)),
            line(60, ("注：本表反映部门全部支出。", 20)),
            line(400, ("2021年一般公共预算支出表", 20)),
            line(420, ("单位：元", 300)),
            line(440, ("合计", 20), ("21,201,900.00", 300)),
            line(790, ("4", 290)),  # a bare page number, at the foot
        ],
        number=2,
    )
    third = page(
        [  # prose: not a continuation
            line(40, ("第三部分", 20)),
            line(60, ("本部门2021年收支总预算2120.19万元。", 20)),
        ],
        number=3,
    )
    return {1: first, 2: second, 3: third}


def test_a_table_runs_from_its_title_to_the_next_title_across_pages():
    regions = regions_from_layouts(_three_pages())
    assert [(r.kind, r.title, r.unit, r.pages) for r in regions] == [
        (m.EXPENDITURE_SUMMARY, "表3 2021年支出预算总表", "万元", (1, 2)),
        (m.GENERAL_PUBLIC_EXPENDITURE, "2021年一般公共预算支出表", "元", (2,)),
    ]
    summary, general = regions
    assert [p.titled for p in summary.parts] == [True, False]
    assert summary.position == (1, 39.5)
    assert general.parts[0].top == 399.5


def test_a_part_body_drops_title_numbering_unit_and_page_numbers():
    summary, general = regions_from_layouts(_three_pages())
    assert _body_texts(summary.parts[0]) == ["科目编码 科目名称 合计", "201 一般公共服务支出 157.44"]
    assert _body_texts(summary.parts[1]) == ["20102 政协事务 14.42", "注：本表反映部门全部支出。"]
    assert _body_texts(general.parts[0]) == ["合计 21,201,900.00"]


def test_prose_after_a_table_does_not_continue_it():
    layouts = _three_pages()
    del layouts[2]
    layouts[2] = page([line(40, ("第三部分", 20)), line(60, ("收支总预算2120.19万元。", 20))], number=2)
    (only,) = regions_from_layouts(layouts)
    assert only.pages == (1,)


def test_tables_known_from_text_alone_keep_their_pages_and_unit():
    texts = [
        "表9 部门整体支出绩效目标表\n单位：元\n年度绩效指标",
        "收入构成 财政拨款 2,120.19\n支出构成 基本支出 231.69",
        "第三部分 名词解释。",
    ]
    cheap = [cheap_titles(t) for t in texts]
    (region,) = regions_from_text(texts, cheap, laid_out=set())
    assert (region.kind, region.unit, region.pages) == (m.PERFORMANCE_TARGETS, "元", (1, 2))
    assert regions_from_text(texts, cheap, laid_out={1}) == []


def test_line_classifiers():
    assert is_meta_line(line(0, ("编制部门：硚口区大数据中心", 0), ("单位：万元", 300)))
    assert is_meta_line(line(0, ("公开01表", 0)))
    assert not is_meta_line(line(0, ("合计", 0), ("2,120.19", 300)))
    assert empty_note(line(0, ("本单位2021年无政府性基金预算。", 0))) == "本单位2021年无政府性基金预算。"
    assert empty_note(line(0, ("无政府性基金预算", 0), ("0.00", 300))) is None  # an amount: a row
    assert empty_note(line(0, ("此表为空", 0))) == "此表为空"  # js_procuratorate_2019 p.20
    assert is_footnote(line(0, ("注：本表为空表。", 0)))
    assert not is_footnote(line(0, ("201", 0), ("一般公共服务支出", 40)))


def test_a_title_wrapped_over_lines_is_one_title_and_not_header():
    """Jiangsu prints long titles wrapped (…培训费支出预 / “ ” / 算表): one title, and its last
    lines are not taken for header cells; a short header cell over a title (收入合 / 计) is no
    title's head."""
    layout = page(
        [
            line(40, ("十一、一般公共预算“三公”经费、会议费、培训费支出预", 20)),
            line(60, ("“ ”", 200)),
            line(80, ("算表", 20)),
            line(100, ("部门：江苏省人民检察院", 20), ("单位：万元", 300)),
            line(120, ("合计", 20), ("因公出国（境）费", 100), ("公务接待费", 200)),
            line(140, ("584.35", 20), ("110.00", 100), ("156.55", 200)),
            line(400, ("收入合", 20)),
            line(420, ("计", 20)),
            line(440, ("收入预算总表", 20)),
            line(460, ("项目名称", 20), ("金额", 300)),
        ],
        number=1,
    )
    regions = regions_from_layouts({1: layout})
    assert [(r.kind, r.title) for r in regions] == [
        (m.THREE_PUBLIC_EXPENSES, "十一、一般公共预算“三公”经费、会议费、培训费支出预“ ”算表"),
        (m.REVENUE_SUMMARY, "收入预算总表"),
    ]
    assert _body_texts(regions[0].parts[0])[:2] == ["合计 因公出国（境）费 公务接待费", "584.35 110.00 156.55"]
    assert [h.kind for h in cheap_titles("“三公”经费、会议费、培训费支出预算表（一般公共预算）")] == [
        m.THREE_PUBLIC_EXPENSES
    ]


def test_a_tables_header_is_its_lines_above_the_first_row():
    summary, general = regions_from_layouts(_three_pages())
    assert header_text(summary) == "科目编码 科目名称 合计"
    assert header_text(general) is None  # its first line is a row


def test_a_header_of_several_lines_stops_at_the_empty_note():
    layouts = {
        1: page(
            [
                line(40, ("2024年“三公”经费和机关运行经费预算表", 20)),
                line(60, ("单位：万元", 300)),
                line(80, ("2024年“三公”经费预算数", 20), ("2024年机关运行经", 300)),
                line(95, ("费预算数", 300)),
                line(110, ("本单位2024年无“三公”经费预算。", 20)),
            ],
            number=1,
        )
    }
    (region,) = regions_from_layouts(layouts)
    assert header_text(region) == "2024年“三公”经费预算数 2024年机关运行经 / 费预算数"
