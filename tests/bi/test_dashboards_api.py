"""The dashboards of bi/superset/, served by a real Superset over the sample warehouse: every
chart answers with rows, and one figure per dashboard equals the same figure computed by SQL
on the warehouse's marts, exactly."""

from __future__ import annotations

import hashlib
import stat
from decimal import Decimal

import duckdb
import pytest
import yaml

from bi.assets import ASSETS_DIR
from bi.serve import prepare
from evidence.web import DEFAULT_PORT
from tests.paths import REPO

DASHBOARDS = {"部门概览", "功能分类", "经济分类", "三公经费", "数据质量", "预算执行"}

# dashboard -> (chart, metric, the same figure by SQL on the marts)
FIGURES = {
    "部门概览": (
        "支出合计（元）",
        "total_expenditure",
        "select sum(total_expenditure_yuan) from marts.fct_department_year where counts_once",
    ),
    "功能分类": (
        "支出合计（按功能分类，元）",
        "amount",
        """select sum(amount_yuan) from marts.fct_budget_line
                where table_kind = 'expenditure_summary' and classification = 'function'
                  and code is not null and not is_subtotal and measure = 'total'""",
    ),
    "经济分类": (
        "基本支出合计（元）",
        "total",
        """select sum(amount_yuan) from marts.fct_budget_line
                where table_kind = 'general_public_basic_expenditure' and classification = 'economic'
                  and code is not null and not is_subtotal and measure = 'total'""",
    ),
    "三公经费": ("“三公”经费合计（元）", "total", "select sum(three_public_total_yuan) from marts.fct_department_year"),
    "数据质量": ("已拒绝文件", "documents", "select count(*) from marts.dim_document where status = 'rejected'"),
    "预算执行": (
        "决算数合计（元）",
        "final",
        """select sum(final_yuan) from marts.fct_budget_execution
                where execution_source = 'budget_vs_final_account' and table_kind = 'expenditure_summary'
                  and classification = 'function' and code is not null and not is_subtotal and measure = 'total'""",
    ),
}


def repository_charts() -> dict[str, str]:
    return {
        c["uuid"]: c["slice_name"]
        for c in (yaml.safe_load(p.read_text()) for p in (ASSETS_DIR / "charts").glob("*.yaml"))
    }


def sql(warehouse, query):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def client(superset):
    return superset.client()


@pytest.fixture(scope="module")
def dashboards(client):
    return {d["dashboard_title"]: d for d in client.dashboards()}


def test_the_repository_dashboards_are_served_with_all_their_charts(client, dashboards):
    assert set(dashboards) == DASHBOARDS
    served = {c["slice_name"] for d in dashboards.values() for c in client.charts(d["id"])}
    assert served == set(repository_charts().values())


def test_every_chart_answers_with_rows(client, dashboards):
    problems = []
    for title, dashboard in sorted(dashboards.items()):
        for chart in client.charts(dashboard["id"]):
            status, answer, _ = client.chart_data(chart["id"])
            if status != 200:
                problems.append(f"{title} / {chart['slice_name']}: HTTP {status} {str(answer)[:300]}")
                continue
            result = answer["result"][0]
            if result.get("error") or not result["rowcount"]:
                problems.append(f"{title} / {chart['slice_name']}: {result.get('error') or 'no rows'}")
    assert problems == []


@pytest.mark.parametrize("title", sorted(FIGURES))
def test_a_figure_of_each_dashboard_equals_sql_on_the_warehouse(client, dashboards, superset, title):
    chart_name, metric, query = FIGURES[title]
    chart = next(c for c in client.charts(dashboards[title]["id"]) if c["slice_name"] == chart_name)
    status, answer, _ = client.chart_data(chart["id"])
    assert status == 200, answer
    shown = answer["result"][0]["data"][0][metric]
    expected = sql(superset.warehouse, query)
    assert expected and Decimal(shown) == Decimal(expected), (title, shown, expected)


def test_preparing_again_overwrites_and_never_duplicates(client, superset, bi_installed):
    before = {d["id"] for d in client.dashboards()}
    prepared = prepare(superset.warehouse, bi_installed)
    assert prepared.generated_password is None  # the admin exists: no new password to show
    after = client.dashboards()
    assert {d["id"] for d in after} == before
    assert client.call("GET", "/api/v1/chart/?q=(page_size:100)")["count"] == len(repository_charts())
    assert client.call("GET", "/api/v1/dataset/?q=(page_size:100)")["count"] == len(
        list((ASSETS_DIR / "datasets").rglob("*.yaml"))
    )
    assert client.call("GET", "/api/v1/database/")["count"] == 1


def test_superset_keeps_a_generated_secret_and_never_writes_the_warehouse(client, superset, sample_series_warehouse):
    client.chart_data(client.charts(next(iter(client.dashboards()))["id"])[0]["id"], force=True)
    key = superset.warehouse.with_name("budget_bi") / "secret_key"
    assert len(key.read_text().strip()) >= 40 and stat.S_IMODE(key.stat().st_mode) == 0o600
    digest = lambda path: hashlib.sha256(path.read_bytes()).hexdigest()  # noqa: E731
    assert digest(superset.warehouse) == digest(sample_series_warehouse[0])
    assert not superset.warehouse.with_name("budget.duckdb.wal").exists()


def test_each_failed_identity_links_to_its_evidence(client, dashboards, superset):
    chart = next(
        c for c in client.charts(dashboards["数据质量"]["id"]) if c["slice_name"] == "不成立的恒等式（两边与差额）"
    )
    status, answer, _ = client.chart_data(chart["id"])
    assert status == 200, answer
    rows = answer["result"][0]["data"]
    failed = sql(
        superset.warehouse,
        "select list(identity_check_id order by identity_check_id) from marts.fct_identity_check where not passed",
    )
    assert sorted(row["evidence_link"] for row in rows) == sorted(
        f'<a href="http://127.0.0.1:{DEFAULT_PORT}/identity/{check_id}" target="_blank">查看原文</a>'
        for check_id in failed
    )


def test_the_dashboards_link_to_where_the_evidence_view_listens():
    dbt_vars = yaml.safe_load((REPO / "dbt_project" / "dbt_project.yml").read_text())["vars"]
    assert dbt_vars["evidence_url"] == f"http://127.0.0.1:{DEFAULT_PORT}"
