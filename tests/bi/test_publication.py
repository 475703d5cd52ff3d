"""A load publishing while Superset is open: the dashboards keep answering during the load
(Superset opens the published file read-only, once per query, and a publication replaces it
by a rename, never in place), and show the new publication after it lands."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budget_etl.sample import write_sample_corpus
from tests.bi.conftest import start, stop


def figure(warehouse, query):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


def chart_figure(client, dashboard_title, chart_name, metric):
    dashboard = next(d for d in client.dashboards() if d["dashboard_title"] == dashboard_title)
    chart = next(c for c in client.charts(dashboard["id"]) if c["slice_name"] == chart_name)
    status, answer, _ = client.chart_data(chart["id"], force=True)
    assert status == 200, answer
    return answer["result"][0]["data"][0][metric]


@pytest.fixture
def served_copy(bi_installed, sample_warehouse, tmp_path):
    """The sample warehouse and its extraction cache copied to a folder of their own, served."""
    source = Path(sample_warehouse[0])
    warehouse = tmp_path / "budget.duckdb"
    shutil.copyfile(source, warehouse)
    shutil.copytree(source.parent / "extractions", tmp_path / "extractions")
    served = start(warehouse, tmp_path / "serve.log")
    yield served
    stop(served.process)


def test_dashboards_answer_during_a_publication_and_show_it_after(served_copy, tmp_path):
    client = served_copy.client()
    documents_before = chart_figure(client, "数据质量", "文件数", "documents")
    assert documents_before == figure(served_copy.warehouse, "select count(*) from marts.dim_document")

    landing = tmp_path / "landing"
    write_sample_corpus(landing, departments=1)  # the sample's files, the same bytes, and one more department
    load = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("budget-etl")),
            "load",
            "--landing",
            str(landing),
            "--warehouse",
            str(served_copy.warehouse),
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answered = 0
    while load.poll() is None:
        assert chart_figure(client, "部门概览", "支出合计（元）", "total_expenditure") > 0
        answered += 1
        time.sleep(0.5)
    output = load.stdout.read()
    assert load.returncode == 0, output[-3000:]
    assert answered >= 3, f"only {answered} answers during the load"

    documents_after = figure(served_copy.warehouse, "select count(*) from marts.dim_document")
    assert documents_after > documents_before
    assert chart_figure(client, "数据质量", "文件数", "documents") == documents_after
    assert Decimal(chart_figure(client, "部门概览", "支出合计（元）", "total_expenditure")) == figure(
        served_copy.warehouse, "select sum(total_expenditure_yuan) from marts.fct_department_year"
    )
