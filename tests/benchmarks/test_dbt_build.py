"""benchmarks/dbt_build.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark


def test_the_dbt_build_benchmark_runs_and_every_identity_holds():
    out = run_benchmark("dbt_build.py", "--documents", "6", "--years", "3", "--threads", "1", timeout=900)
    raw = re.search(r"raw tables: 6 documents, ([\d,]+) budget lines", out)
    marts = re.search(r"marts: ([\d,]+) budget lines, ([\d,]+) identity checks, (\d+) failed", out)
    assert raw and marts, out
    assert int(raw[1].replace(",", "")) > 0
    assert marts[1] == raw[1]  # every synthetic line reaches the fact table
    assert int(marts[2].replace(",", "")) > 0 and marts[3] == "0"
    assert re.search(r"dbt build: [\d.]+ s wall", out)
