"""extract.placeholders: template blanks left in the text are found, products and words are not."""

from __future__ import annotations

from extract.placeholders import read_placeholders


def _found(*pages: str, table_pages: frozenset[int] = frozenset()) -> list[tuple[str, int]]:
    return [(p.placeholder, p.source_page) for p in read_placeholders(list(pages), set(table_pages))]


def test_blanks_of_a_template_are_found_with_their_page():
    pages = ["上海市XX局2024年度部门决算", "比上年增加××万元，增长**%。", "咨询电话：ＸＸＸＸＸＸＸＸ"]
    assert _found(*pages) == [("XX", 1), ("××", 2), ("**", 2), ("XXXXXXXX", 3)]


def test_the_words_around_a_blank_are_kept():
    (placeholder,) = read_placeholders(["第一部分上海市XX局概况一、主要职能"], set())
    assert placeholder.text == "第一部分上海市XX局概况一、主要职能"


def test_words_products_and_table_pages_are_no_blanks():
    assert _found("XXL码服装3套，单价3×4元，2×2=4，Windows XP系统。", "上海市XX局") == [("XX", 2)]
    assert _found("上海市XX局", table_pages=frozenset({1})) == []
