"""A real Superset over the sample warehouse (with its budget/决算 series, so that 预算执行 has data), started once
per test session through `budget-etl bi serve`, as a user would."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bi import environment
from bi.client import Superset, wait_until_up
from tests.ports import free_port

STARTUP_SECONDS = 300


def budget_etl(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("budget-etl")), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def bi_installed():
    """Superset's virtualenv. CI installs it (.ci/run); locally the tests skip without it."""
    venv = environment.venv_path()
    if not environment.is_installed(venv):
        if os.environ.get("CI"):
            pytest.fail(f"Superset is not installed in {venv}: .ci/run must run `budget-etl bi install`.")
        pytest.skip(f"Superset is not installed in {venv}: run `budget-etl bi install` to run the BI tests.")
    return venv


@dataclass
class Served:
    url: str
    password: str
    warehouse: Path
    process: subprocess.Popen
    log: Path

    def client(self) -> Superset:
        return Superset(self.url, self.password)


def start(warehouse: Path, log: Path) -> Served:
    port, password = free_port(), secrets.token_urlsafe(16)
    out = log.open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("budget-etl")),
            "bi",
            "serve",
            "--warehouse",
            str(warehouse),
            "--port",
            str(port),
            "--no-install",
        ],
        env={**os.environ, "BUDGET_BI_PASSWORD": password},
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up(url, STARTUP_SECONDS, alive=lambda: process.poll() is None):
        stop(process)
        pytest.fail(f"`budget-etl bi serve` did not come up on {url}:\n{log.read_text()[-4000:]}")
    return Served(url, password, warehouse, process, log)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def superset(bi_installed, sample_series_warehouse, tmp_path_factory):
    """Superset serving the sample warehouse with its series (a copy: its metadata folder goes
    beside it): without 决算 the 预算执行 dashboard would have nothing to show."""
    warehouse = tmp_path_factory.mktemp("bi_warehouse") / "budget.duckdb"
    shutil.copyfile(sample_series_warehouse[0], warehouse)
    served = start(warehouse, warehouse.with_name("serve.log"))
    yield served
    stop(served.process)


@pytest.fixture(scope="session")
def chromium():
    path = shutil.which("chromium")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run must install it.")
        pytest.skip("chromium is not installed (apt-get install chromium): the browser tests need it.")
    return path
