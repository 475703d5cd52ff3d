"""`budget-etl bi` refuses bad configuration with one clear message and exit 2, never a
traceback: a warehouse that does not exist or has no BI layer, a port in use, a missing or
failing BI install, an export with no Superset to export from."""

from __future__ import annotations

import socket

import duckdb
import pytest

from tests.bi.conftest import budget_etl
from tests.ports import free_port


def refused(result, *phrases):
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    for phrase in phrases:
        assert phrase in output, output


@pytest.fixture
def warehouse_with_bi_layer(tmp_path):
    path = tmp_path / "budget.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema bi; create table bi.bi_department_year (disclosure_id varchar)")
    con.close()
    return path


def test_a_missing_warehouse(tmp_path):
    refused(
        budget_etl("bi", "serve", "--warehouse", str(tmp_path / "none.duckdb")), "No warehouse at", "budget-etl load"
    )


def test_a_warehouse_without_the_bi_layer(tmp_path):
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    refused(budget_etl("bi", "serve", "--warehouse", str(path)), "has no BI layer", "--rebuild")


def test_a_port_in_use(warehouse_with_bi_layer):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused(
            budget_etl("bi", "serve", "--warehouse", str(warehouse_with_bi_layer), "--port", str(port)),
            f"Port {port} on 127.0.0.1 is in use",
        )


def test_a_missing_bi_install(warehouse_with_bi_layer, tmp_path):
    result = budget_etl(
        "bi",
        "serve",
        "--warehouse",
        str(warehouse_with_bi_layer),
        "--port",
        str(free_port()),
        "--no-install",
        env={"BUDGET_BI_VENV": str(tmp_path / "no-venv")},
    )
    refused(result, "Superset is not installed in", "budget-etl bi install")


def test_a_failing_bi_install(warehouse_with_bi_layer, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = budget_etl(
        "bi",
        "serve",
        "--warehouse",
        str(warehouse_with_bi_layer),
        "--port",
        str(free_port()),
        env={"BUDGET_BI_VENV": str(blocker / "venv")},
    )
    refused(result, "Cannot create the BI virtualenv")


def test_an_export_without_a_running_superset(tmp_path):
    result = budget_etl(
        "bi",
        "export",
        "--url",
        f"http://127.0.0.1:{free_port()}",
        "--to",
        str(tmp_path),
        env={"BUDGET_BI_PASSWORD": "x"},
    )
    refused(result, "No Superset answers at", "budget-etl bi serve")
