"""`budget-etl export` on the sample warehouse with its series (tests/conftest.py): CSV and
Parquet files per mart that read back with the same rows and exact amounts, and a Fiscal Data
Package that the frictionless library validates and that loads back into DuckDB with the
warehouse's totals."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from frictionless import validate

from budget_etl.cli import main
from warehouse.exports import export_warehouse


@pytest.fixture(scope="module")
def warehouse(sample_series_warehouse):
    return sample_series_warehouse[0]


def query(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def marts(warehouse) -> dict[str, int]:
    names = [
        n
        for (n,) in query(
            warehouse,
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE'",
        )
    ]
    return {n: query(warehouse, f"select count(*) from marts.{n}")[0][0] for n in names}


def test_csv_one_file_per_mart_with_header_and_exact_amounts(warehouse, tmp_path):
    result = export_warehouse(warehouse, "csv", tmp_path)
    counts = marts(warehouse)
    assert {"fct_budget_execution", "fct_year_over_year", "dim_region", "fct_budget_line"} <= set(counts)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in counts)
    assert result.rows == sum(counts.values())
    con = duckdb.connect()
    for name, count in counts.items():
        path = tmp_path / f"{name}.csv"
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [
            c
            for (c,) in query(
                warehouse,
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                [name],
            )
        ]
        assert con.execute(f"select count(*) from read_csv('{path}', header = true)").fetchone()[0] == count
    exported = con.execute(f"""select sum(cast(amount_yuan as decimal(38, 2)))
        from read_csv('{tmp_path / "fct_budget_line.csv"}', header = true, all_varchar = true)""").fetchone()[0]
    assert exported == query(warehouse, "select sum(amount_yuan) from marts.fct_budget_line")[0][0]
    # Chinese text arrives as UTF-8.
    assert "十堰市张湾区文化和旅游局" in (tmp_path / "dim_department.csv").read_text(encoding="utf-8")


def test_csv_with_a_byte_order_mark_for_excel(warehouse, tmp_path):
    export_warehouse(warehouse, "csv", tmp_path, bom=True)
    for path in tmp_path.glob("*.csv"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    assert (tmp_path / "dim_region.csv").read_text(encoding="utf-8-sig").startswith("department_id,")


def test_parquet_keeps_decimal_amounts(warehouse, tmp_path):
    export_warehouse(warehouse, "parquet", tmp_path)
    con = duckdb.connect()
    for name, count in marts(warehouse).items():
        assert con.execute(f"select count(*) from '{tmp_path / name}.parquet'").fetchone()[0] == count
    types = dict(
        con.execute(
            f"select column_name, column_type from (describe select * from "
            f"'{tmp_path / 'fct_budget_execution.parquet'}')"
        ).fetchall()
    )
    assert types["budgeted_yuan"] == types["final_yuan"] == "DECIMAL(20,2)"
    assert types["execution_rate"] == "DECIMAL(18,6)"


@pytest.fixture(scope="module")
def package(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("fdp")
    export_warehouse(warehouse, "fdp", out)
    return out


def test_the_fiscal_data_package_validates(package):
    report = validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_validation_catches_a_broken_package(package, tmp_path):
    """The validation is real: a row naming an unknown department breaks the foreign key."""
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    path = broken / "expenditure_by_function.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "ffffffffffffffff" + lines[1][lines[1].index(",") :]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not validate(str(broken / "datapackage.json")).valid


def test_the_package_models_the_fiscal_concepts_with_chinese_labels(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    function = {f["name"]: f for f in resources["expenditure_by_function"]["schema"]["fields"]}
    column_types = {f.get("columnType") for f in function.values()}
    assert {
        "value",
        "date:fiscal-year",
        "phase:id",
        "administrative-classification:generic:level1:code",
        "functional-classification:generic:level1:code",
        "functional-classification:generic:level2:code",
        "functional-classification:generic:level3:code",
    } <= column_types
    economic = {f.get("columnType") for f in resources["basic_expenditure_by_economic_class"]["schema"]["fields"]}
    assert {"economic-classification:generic:level1:code", "economic-classification:generic:level2:code"} <= economic
    assert function["phase_id"]["constraints"]["enum"] == ["approved", "executed"]
    assert function["function_class_code"]["title"] == "功能分类类级编码"
    assert resources["expenditure_by_function"]["schema"]["extraFields"][0]["constant"] == "CNY"
    assert descriptor["fiscalPeriod"] == {"start": "2019-01-01", "end": "2024-12-31"}


def test_the_package_loads_back_into_duckdb_with_the_warehouse_totals(package, warehouse):
    con = duckdb.connect()
    loaded = {
        (phase, year): total
        for phase, year, total in con.execute(f"""
        select phase_id, fiscal_year, sum(amount) from read_csv('{package / "expenditure_by_function.csv"}',
            header = true, types = {{'amount': 'DECIMAL(20,2)', 'fiscal_year': 'INTEGER'}})
        group by all""").fetchall()
    }
    expected = {
        (kind, year): total
        for kind, year, total in query(
            warehouse,
            """
        select case d.document_kind when 'budget' then 'approved' else 'executed' end, l.fiscal_year, sum(l.amount_yuan)
        from marts.fct_budget_line l join marts.dim_document d using (document_id)
        where l.table_kind = 'expenditure_summary' and l.measure = 'total' and not l.is_subtotal
        group by all""",
        )
    }
    assert loaded == expected
    assert ("executed", 2023) in loaded and ("approved", 2023) in loaded
    # The generated documents are exact: their 项 add up to the printed 合计 of 2023's budget and 决算.
    totals = query(
        warehouse,
        """select d.document_kind, sum(l.amount_yuan) from marts.fct_budget_line l
        join marts.dim_document d using (document_id) where l.fiscal_year = 2023 and l.table_kind = 'expenditure_summary'
        and l.measure = 'total' and l.line_key = 'total' group by all""",
    )
    for kind, printed in totals:
        phase = "approved" if kind == "budget" else "executed"
        assert loaded[(phase, 2023)] == printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--warehouse", "{missing}", "--format", "csv"], "no warehouse at"),
        (["--warehouse", "{warehouse}", "--format", "xlsx"], "unknown format 'xlsx'; choose one of csv, parquet, fdp"),
        (["--warehouse", "{warehouse}", "--format", "parquet", "--bom"], "--bom applies to CSV files"),
    ],
)
def test_export_errors_are_clear_and_without_traceback(args, message, warehouse, tmp_path, capsys):
    filled = [a.format(missing=tmp_path / "none.duckdb", warehouse=warehouse) for a in args]
    assert main(["export", *filled, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("budget-etl export: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_export_command_reports_what_it_wrote(warehouse, tmp_path, capsys):
    assert main(["export", "--warehouse", str(warehouse), "--format", "fdp", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("Exported 4 file(s)")
