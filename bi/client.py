"""A small client of a running Superset's REST API: login as admin, list dashboards and
charts, run a chart's saved query, export every asset. Used by `budget-etl bi export`, the
BI tests and benchmarks/bi_charts.py."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from decimal import Decimal

from bi import BIError


class Superset:
    def __init__(self, base_url: str, password: str, username: str = "admin"):
        self.base_url = base_url.rstrip("/")
        self.token: str | None = None
        try:
            login = self.call(
                "POST",
                "/api/v1/security/login",
                {"username": username, "password": password, "provider": "db", "refresh": False},
            )
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                raise BIError(
                    f"Superset refused the login of {username}: set BUDGET_BI_PASSWORD to its password."
                ) from None
            raise BIError(f"Superset at {self.base_url} answered {exc.code} to the login.") from None
        except (urllib.error.URLError, OSError):
            raise BIError(f"No Superset answers at {self.base_url}: start it with `budget-etl bi serve`.") from None
        self.token = login["access_token"]

    def _open(self, method: str, path: str, body: dict | None = None) -> bytes:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers=headers,
            data=json.dumps(body).encode() if body is not None else None,
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()

    def call(self, method: str, path: str, body: dict | None = None):
        """The JSON answer, its numbers as Decimal (figures are compared exactly)."""
        return json.loads(self._open(method, path, body), parse_float=Decimal)

    def dashboards(self) -> list[dict]:
        return self.call("GET", "/api/v1/dashboard/?q=(page_size:100)")["result"]

    def charts(self, dashboard_id: int) -> list[dict]:
        return self.call("GET", f"/api/v1/dashboard/{dashboard_id}/charts")["result"]

    def chart_data(self, chart_id: int, force: bool = False) -> tuple[int, dict | str, float]:
        """(HTTP status, answer, seconds) of the chart's saved query; ``force`` skips any cache."""
        started = time.perf_counter()
        try:
            answer = self.call("GET", f"/api/v1/chart/{chart_id}/data/" + ("?force=true" if force else ""))
            status = 200
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read().decode(errors="replace")
        return status, answer, time.perf_counter() - started

    def export_assets(self) -> bytes:
        """Every database, dataset, chart and dashboard, as Superset's export zip."""
        try:
            return self._open("GET", "/api/v1/assets/export/")
        except urllib.error.HTTPError as exc:
            raise BIError(f"Superset at {self.base_url} answered {exc.code} to the export.") from None


def wait_until_up(base_url: str, seconds: float, alive=lambda: True) -> bool:
    """Whether Superset answers /health within ``seconds`` (giving up when ``alive()`` turns false)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(f"{base_url.rstrip('/')}/health", timeout=5) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    return False
