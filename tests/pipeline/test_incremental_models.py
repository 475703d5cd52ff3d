"""The incremental dbt models: a load after documents changed replaces only their rows, and
gives marts and a BI layer identical, row for row, to a full refresh of the same inputs.

The sample corpus with its series (budgets of the year before, 决算 beside budgets: year over
year and execution span documents) is loaded; then one document's bytes change, one is
removed, one is added and one is superseded by a newer copy; an incremental load follows, then
a full refresh (`budget-etl load --full-refresh`) of the same landing folder and cache. A
document that breaks an identity arrives with the changes: the incremental load's checks, which
read only the documents it wrote, still flag it.
"""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from budget_etl.load import run_load
from budget_etl.sample.breakers import BREAKERS, breaker_disclosure
from budget_etl.sample.document import render
from tests.dbt.dbt_runner import dbt
from warehouse.publish import PARQUET_SCHEMAS

BREAKER = BREAKERS[0]  # one misprinted cell: breaks its identity and nothing else structural


def _ids(warehouse, table: str) -> set[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {r[0] for r in con.execute(f"select document_id from {table}").fetchall()}
    finally:
        con.close()


def _documents(warehouse) -> dict[str, tuple[str, str, str | None]]:
    """source_file -> (document_id, status, disclosure_id) of the published warehouse."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select source_file, document_id, status, disclosure_id from marts.dim_document").fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


# The raw tables too: an incremental load writes only the changed documents' raw rows.
COMPARED_SCHEMAS = (*PARQUET_SCHEMAS, "raw")


def _differences(left, right) -> dict[str, tuple[int, int, int]]:
    """Every table of the published and raw schemas whose rows differ: (rows, only left, only right)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        tables = {
            side: {
                (s, t)
                for s, t in con.execute(
                    "select table_schema, table_name from information_schema.tables "
                    f"where table_catalog = '{side}' and table_schema in ({', '.join(repr(s) for s in COMPARED_SCHEMAS)})"
                ).fetchall()
            }
            for side in ("l", "r")
        }
        assert tables["l"] == tables["r"], "the two builds have different tables"
        assert len(tables["l"]) > 20
        differing = {}
        for schema, table in sorted(tables["l"]):
            name = f'"{schema}"."{table}"'
            rows = con.execute(f"select count(*) from l.{name}").fetchone()[0]
            only_left = con.execute(f"select count(*) from (from l.{name} except all from r.{name})").fetchone()[0]
            only_right = con.execute(f"select count(*) from (from r.{name} except all from l.{name})").fetchone()[0]
            if only_left or only_right:
                differing[f"{schema}.{table}"] = (rows, only_left, only_right)
        return differing
    finally:
        con.close()


@pytest.fixture(scope="module")
def loads(sample_series_corpus, tmp_path_factory):
    """(landing, warehouse, documents before the changes, the incremental warehouse's copy,
    the full refresh's summary)"""
    source, _ = sample_series_corpus
    work = tmp_path_factory.mktemp("incremental")
    landing, warehouse = work / "landing", work / "warehouse" / "budget.duckdb"
    pdfs = sorted(source.glob("*.pdf"))
    # Each change touches a document other documents depend on: a budget with its 决算 beside
    # it (execution), one whose next year's budget stays (year over year), a department that
    # arrives, a disclosure published again.
    changed, removed = "zhangwan_culture_tourism_2023_budget.pdf", "zhenjiang_market_regulation_2021_budget.pdf"
    added, republished = source / "beihu_renminlu_subdistrict_2020_budget.pdf", "xiling_justice_bureau_2019_budget.pdf"
    landing.mkdir()
    for pdf in pdfs:
        if pdf != added:
            shutil.copy(pdf, landing)
    first = run_load(landing, warehouse, workers=2)
    assert first.run_succeeded and first.published
    before = _documents(warehouse)

    assert all(before[name][1] == "loaded" for name in (changed, removed, republished))
    # New content under the same name: the department's 2022 budget again, a later copy that
    # supersedes the 2022 file and leaves the 2023 决算 without its budget.
    (landing / changed).write_bytes(
        (landing / "zhangwan_culture_tourism_2022_budget.pdf").read_bytes() + b"\n% again\n"
    )
    (landing / removed).unlink()
    shutil.copy(added, landing)
    newer = landing / republished.replace(".pdf", "(更正).pdf")
    newer.write_bytes((landing / republished).read_bytes() + b"\n% corrected copy\n")
    (landing / BREAKER.file_name).write_bytes(render(breaker_disclosure(BREAKER)).pdf)

    incremental = run_load(landing, warehouse, workers=2)
    assert incremental.run_succeeded and incremental.published
    snapshot = work / "incremental.duckdb"
    shutil.copyfile(warehouse, snapshot)

    full = run_load(landing, warehouse, workers=2, full_refresh=True)
    assert full.run_succeeded and full.published
    return {
        "landing": landing,
        "warehouse": warehouse,
        "incremental": snapshot,
        "incremental_summary": incremental,
        "before": before,
        "changed": changed,
        "removed": removed,
        "added": added.name,
        "republished": republished,
        "newer": newer.name,
    }


def test_incremental_load_equals_full_refresh(loads):
    assert _differences(loads["incremental"], loads["warehouse"]) == {}
    raw = _ids(loads["incremental"], "raw.documents")
    assert raw == {doc for doc, status, _ in _documents(loads["incremental"]).values() if status != "removed"}


def test_incremental_load_applied_every_change(loads):
    after = _documents(loads["incremental"])
    before = loads["before"]
    assert after[loads["removed"]][1] == "removed"  # listed, with no facts left
    assert after[loads["added"]][1] == "loaded"
    assert after[loads["changed"]][0] != before[loads["changed"]][0]
    assert after[loads["changed"]][1] == "loaded"
    assert after["zhangwan_culture_tourism_2022_budget.pdf"][1] == "superseded"
    assert after[loads["republished"]][1] == "superseded"
    assert after[loads["newer"]][1] == "loaded"
    lines = _ids(loads["incremental"], "marts.fct_budget_line")
    gone = {before[loads["removed"]][0], before[loads["changed"]][0], after[loads["republished"]][0]}
    assert not lines & gone
    for table in ("fct_identity_check", "fct_narrative_check", "fct_performance_indicator"):
        assert not _ids(loads["incremental"], f"marts.{table}") & gone, table
    pages = _ids(loads["incremental"], "marts.dim_document_page")  # of past documents too, not of vanished ones
    assert after[loads["republished"]][0] in pages
    assert not pages & {before[loads["removed"]][0], before[loads["changed"]][0]}
    assert {after[n][0] for n in (loads["added"], loads["changed"], loads["newer"])} <= lines


def test_incremental_load_replaced_only_the_changed_documents(loads):
    """The incremental load's changed set: the four changes, the documents they replaced, and
    the other files of their disclosures; not the rest. The full refresh's: everything."""
    before, after = loads["before"], _documents(loads["incremental"])
    changed = _ids(loads["incremental"], "intermediate.int_documents__changed")
    expected = {
        before[loads["changed"]][0],
        after[loads["changed"]][0],
        before[loads["removed"]][0],
        after[loads["added"]][0],
        after[loads["republished"]][0],
        after[loads["newer"]][0],
        after[BREAKER.file_name][0],
    }
    assert expected <= changed
    touched = {after[n][2] for n in (loads["changed"], loads["added"], loads["newer"], BREAKER.file_name)} | {
        before[n][2] for n in (loads["changed"], loads["removed"])
    }
    siblings = {doc for doc, _, disclosure in after.values() if disclosure in touched - {None}}
    assert changed <= expected | siblings
    assert len(changed) < len(after) / 2
    assert _ids(loads["warehouse"], "intermediate.int_documents__changed") == _ids(
        loads["warehouse"], "marts.dim_document where status <> 'removed'"
    )


def test_a_warehouse_built_by_other_code_is_rebuilt_whole(loads):
    """A publication by other code (its models may compute other rows) is not built upon: the
    next load starts from nothing, and every document is built again."""
    warehouse = loads["warehouse"]
    con = duckdb.connect(str(warehouse))  # stands for a publication by an older version
    con.execute("update ops.publication set code_digest = 'older code'")
    con.close()
    again = run_load(loads["landing"], warehouse, workers=2, rebuild=True)
    assert again.run_succeeded and again.published
    changed = _ids(warehouse, "intermediate.int_documents__changed")
    assert changed == _ids(warehouse, "marts.dim_document where status <> 'removed'")
    assert _differences(loads["incremental"], warehouse) == {}


def test_a_document_changed_incrementally_is_still_checked(loads):
    """The incremental load's checks read the documents its build wrote: the breaker is one,
    and its failed identity is flagged (a warning: it stays loaded)."""
    summary = loads["incremental_summary"]
    checks = {name: (passed, severity) for name, passed, severity in summary.checks}
    assert checks["gx_accounting_identities"] == (False, "WARN")
    assert checks["gx_budget_line_structure"][0] and checks["gx_document_structure"][0]
    assert (BREAKER.file_name, BREAKER.identity) in {(f, identity) for f, identity, *_ in summary.identities_failed}


def test_the_incremental_expectations_read_only_the_changed_documents(loads, tmp_path):
    """A per-document suite validates the rows of the documents the build wrote (the others are
    the published warehouse's, validated when written); the others validate whole tables."""
    from expectations.context import open_context
    from expectations.suites import SUITES
    from expectations.validate import read_frame, validate_frame

    changed = _ids(loads["incremental"], "intermediate.int_documents__changed")
    con = duckdb.connect(str(loads["incremental"]), read_only=True)
    try:
        frames = {s.name: (s, read_frame(con, s, changed_only=True), len(read_frame(con, s))) for s in SUITES}
    finally:
        con.close()
    for name, (spec, frame, whole) in frames.items():
        if spec.per_document:
            assert 0 < len(frame) < whole and set(frame["document_id"]) <= changed, name
        else:
            assert len(frame) == whole, name
    spec, frame, _ = frames["accounting_identities"]
    outcome = validate_frame(spec, frame, open_context(tmp_path / "data_docs"))
    assert BREAKER.file_name in {row["source_file"] for f in outcome.failures for row in f.failing_rows}


def test_a_row_by_row_dbt_test_reads_only_the_changed_documents(loads, tmp_path):
    """In the incremental build, a test judging each row alone reads the changed documents' rows
    and catches a bad one there; a carried-over row (tested when it was written) is not read
    again. Uniqueness and relationships still read every row."""
    warehouse = tmp_path / "budget.duckdb"
    shutil.copyfile(loads["incremental"], warehouse)
    changed = _ids(warehouse, "intermediate.int_documents__changed")
    con = duckdb.connect(str(warehouse))
    try:
        lines = con.execute("select budget_line_id, document_id from marts.fct_budget_line").fetchall()
        written = next(line for line, document in lines if document in changed)
        kept = next(line for line, document in lines if document not in changed)
        bad = [written, kept]
        con.execute("update marts.fct_budget_line set measure = 'Not a measure' where budget_line_id in (?, ?)", bad)
        con.execute(
            "insert into marts.fct_budget_line select * from marts.fct_budget_line where budget_line_id = ?", [kept]
        )
    finally:
        con.close()
    result = dbt(["test", "--select", "fct_budget_line"], warehouse, tmp_path)
    assert result.returncode != 0
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    failures = {r["unique_id"].split(".")[2]: r["failures"] for r in results if r["status"] == "fail"}
    measure_format = next(name for name in failures if name.startswith("expression_is_true") and "measure" in name)
    assert failures[measure_format] == 1  # the written row; not the kept one, nor its copy
    assert failures["unique_fct_budget_line_budget_line_id"] == 1  # the kept row's copy
    assert failures["relationships_fct_budget_line_measure__measure__ref_dim_measure_"] == 3
