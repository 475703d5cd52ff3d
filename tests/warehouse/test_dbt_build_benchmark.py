"""benchmarks/dbt_build.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.paths import REPO


def test_the_dbt_build_benchmark_runs_and_every_identity_holds():
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "dbt_build.py"),
            "--documents",
            "6",
            "--years",
            "3",
            "--threads",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    raw = re.search(r"raw tables: 6 documents, ([\d,]+) budget lines", result.stdout)
    marts = re.search(r"marts: ([\d,]+) budget lines, ([\d,]+) identity checks, (\d+) failed", result.stdout)
    assert raw and marts, result.stdout
    assert int(raw[1].replace(",", "")) > 0
    assert marts[1] == raw[1]  # every synthetic line reaches the fact table
    assert int(marts[2].replace(",", "")) > 0 and marts[3] == "0"
    assert re.search(r"dbt build: [\d.]+ s wall", result.stdout)
