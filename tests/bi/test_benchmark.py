"""benchmarks/bi_charts.py at smoke size: every chart of the sample warehouse timed once."""

from __future__ import annotations

from benchmarks.bi_charts import render, time_charts
from tests.bi.test_dashboards_api import repository_charts


def test_the_chart_benchmark_times_every_chart(superset):
    timings = time_charts(superset.client(), runs=1)
    assert {chart for _, chart, _, _ in timings} == set(repository_charts().values())
    assert all(rows > 0 and seconds > 0 for _, _, rows, seconds in timings)
    report = render(timings)
    print(report)
    assert report.splitlines()[-1].startswith("slowest:")
