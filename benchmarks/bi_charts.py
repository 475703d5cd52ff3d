"""Benchmark: how long every chart of every dashboard takes to answer in Superset.

    python benchmarks/bi_charts.py --warehouse warehouse/budget.duckdb
    python benchmarks/bi_charts.py --documents 10000 [--keep PATH]

With --documents, a synthetic warehouse of that many documents is built first by
benchmarks/dbt_build.py (its raw tables, then the whole dbt project, BI layer included).
Superset is started with `budget-etl bi serve` on a free port of 127.0.0.1, each chart's saved
query runs --runs times with Superset's cache bypassed (force), and the slowest run of each
chart is printed, with the slowest chart overall. The targets: under 2 s on the sample
warehouse, under 5 s on 10,000 documents.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bi.client import Superset, wait_until_up  # noqa: E402


def time_charts(client: Superset, runs: int = 1) -> list[tuple[str, str, int, float]]:
    """(dashboard, chart, rows, slowest seconds) for every chart of every dashboard."""
    timings = []
    for dashboard in sorted(client.dashboards(), key=lambda d: d["dashboard_title"]):
        for chart in sorted(client.charts(dashboard["id"]), key=lambda c: c["slice_name"]):
            slowest, rows = 0.0, 0
            for _ in range(runs):
                status, answer, seconds = client.chart_data(chart["id"], force=True)
                if status != 200:
                    raise RuntimeError(
                        f"{dashboard['dashboard_title']} / {chart['slice_name']}: HTTP {status} {answer}"
                    )
                assert isinstance(answer, dict)  # a 200 answers JSON
                rows = answer["result"][0]["rowcount"]
                slowest = max(slowest, seconds)
            timings.append((dashboard["dashboard_title"], chart["slice_name"], rows, slowest))
    return timings


def render(timings: list[tuple[str, str, int, float]]) -> str:
    lines = [f"{'dashboard':<8} {'chart':<28} {'rows':>7} {'seconds':>8}"]
    lines += [f"{d:<8} {c:<28} {r:>7} {s:>8.3f}" for d, c, r, s in timings]
    worst = max(timings, key=lambda t: t[3])
    lines.append(f"slowest: {worst[0]} / {worst[1]} {worst[3]:.3f} s over {len(timings)} charts")
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warehouse", type=Path, help="a published warehouse to serve")
    source.add_argument("--documents", type=int, help="build a synthetic warehouse of this many documents")
    parser.add_argument("--keep", type=Path, help="with --documents: build the warehouse here and keep it")
    parser.add_argument("--runs", type=int, default=3, help="queries per chart (the slowest is shown)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        warehouse = args.warehouse
        if args.documents:
            warehouse = args.keep or Path(scratch) / "budget.duckdb"
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "benchmarks" / "dbt_build.py"),
                    "--documents",
                    str(args.documents),
                    "--keep",
                    str(warehouse),
                ],
                check=True,
            )
        port, password = _free_port(), secrets.token_urlsafe(16)
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("budget-etl")),
                "bi",
                "serve",
                "--warehouse",
                str(warehouse),
                "--port",
                str(port),
            ],
            env={**os.environ, "BUDGET_BI_PASSWORD": password},
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            if not wait_until_up(url, 900, alive=lambda: server.poll() is None):
                sys.exit("Superset did not come up.")
            print(render(time_charts(Superset(url, password), runs=args.runs)))
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait()


if __name__ == "__main__":
    main()
