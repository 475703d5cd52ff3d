"""The series of the sample corpus (budget_etl.sample.series): budgets of the year before and
final accounts (决算) beside the budget of their year, with exact truth."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from budget_etl.sample import write_sample_corpus

SERIES = {
    "zhangwan_culture_tourism_2022_budget.pdf": ("十堰市张湾区文化和旅游局", 2022, "budget"),
    "zhangwan_culture_tourism_2023_final.pdf": ("十堰市张湾区文化和旅游局", 2023, "final_account"),
    "zhenjiang_market_regulation_2021_budget.pdf": ("韶关市浈江区市场监督管理局", 2021, "budget"),
    "zhenjiang_market_regulation_2022_final.pdf": ("韶关市浈江区市场监督管理局", 2022, "final_account"),
}


def by_name(corpus):
    return {d.file_name: d for d in corpus[1]}


def lines(document, table_kind, measure="total", classification=None):
    return {
        (ln.code or ln.line_key): ln.amount_yuan
        for ln in document.lines
        if ln.table_kind == table_kind
        and ln.measure == measure
        and (classification is None or ln.classification == classification)
    }


def test_the_series_adds_four_documents_to_the_default_corpus(sample_series_corpus, sample_corpus):
    series, default = by_name(sample_series_corpus), by_name(sample_corpus)
    added = {
        name: (d.department_name, d.fiscal_year, d.document_kind) for name, d in series.items() if name not in default
    }
    assert added == SERIES
    # The default corpus is the same with or without the series.
    assert [series[name] for name in default] == list(default.values())


def test_the_default_corpus_has_no_series(tmp_path):
    assert not {d.file_name for d in write_sample_corpus(tmp_path)} & set(SERIES)


def test_a_final_account_prints_its_budget_beside_what_was_spent(sample_series_corpus):
    documents = by_name(sample_series_corpus)
    budget = documents["zhangwan_culture_tourism_2023_budget.pdf"]
    final = documents["zhangwan_culture_tourism_2023_final.pdf"]
    # The 三公 预算数 of the 决算 is the budget's printed 三公 (blank cells alike); 公务接待费
    # was half spent.
    assert lines(final, "three_public_expenses", "budgeted_total") == lines(budget, "three_public_expenses")
    spent, budgeted = lines(final, "three_public_expenses"), lines(budget, "three_public_expenses")
    assert spent["official_reception"] == (budgeted["official_reception"] / 2).quantize(Decimal("100"))
    assert spent["total"] < budgeted["total"]

    planned, actual = lines(budget, "expenditure_summary"), lines(final, "expenditure_summary")
    assert set(planned) - set(actual) == {"2070104"}  # 图书馆免费开放, dropped during the year
    assert set(actual) - set(planned) == {"2070199"}  # 文化惠民演出, added during the year
    assert actual["2070109"] < planned["2070109"]  # 群众文化活动, 85% spent
    assert actual["total"] < planned["total"]
    # What was not under-spent is spent as budgeted: 行政运行 (basic expenditure but 公务接待费).
    assert (
        lines(final, "general_public_basic_expenditure")["30101"]
        == lines(budget, "general_public_basic_expenditure")["30101"]
    )


def test_the_year_before_lacks_a_project_the_year_adds(sample_series_corpus):
    documents = by_name(sample_series_corpus)
    before = lines(documents["zhangwan_culture_tourism_2022_budget.pdf"], "expenditure_summary")
    after = lines(documents["zhangwan_culture_tourism_2023_budget.pdf"], "expenditure_summary")
    assert {"20702", "2070204"} <= set(after) - set(before)  # 文物保护修缮, new in 2023
    assert before["total"] != after["total"]


def test_every_series_document_holds_its_identities(sample_series_corpus):
    from budget_etl.sample import identities

    documents = by_name(sample_series_corpus)
    for name in SERIES:
        assert identities.failures(documents[name].lines) == [], name
        assert not documents[name].broken
        assert Counter(ln.source_page for ln in documents[name].lines)


def test_the_synthetic_places_are_regions_of_the_curated_list():
    """The generator takes its places' provinces from the seed ref_region (dim_region's list):
    every place is a county of the seed under its city."""
    import csv

    from budget_etl.sample.departments import PLACES, REGION_SEED

    with REGION_SEED.open(encoding="utf-8", newline="") as f:
        counties = {
            (r["parent_name"], r["region_name"]): r["province_name"]
            for r in csv.DictReader(f)
            if r["region_level"] == "county"
        }
    for city, district, hubei in PLACES:
        assert (counties[(city, district)] == "湖北省") == hubei, district


def test_the_sample_command_writes_the_series_on_request(tmp_path, capsys):
    from budget_etl.cli import main

    assert main(["sample", str(tmp_path), "--series"]) == 0
    assert "(11 disclosures, 4 bad inputs)" in capsys.readouterr().out
    assert set(SERIES) <= {p.name for p in tmp_path.glob("*.pdf")}
