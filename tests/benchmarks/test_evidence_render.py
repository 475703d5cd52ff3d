"""benchmarks/evidence_render.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.paths import REPO


def test_the_evidence_benchmark_renders_pages_and_reports_its_times(sample_warehouse, sample_corpus):
    warehouse, _ = sample_warehouse
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "evidence_render.py"),
            "--warehouse",
            str(warehouse),
            "--landing",
            str(sample_corpus[0]),
            "--lines",
            "5",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    for name in ("render \\+ boxes", "PNG encoding"):
        timing = re.search(
            rf"^{name}\s+n=\s*5\s+mean\s+([\d.]+) ms\s+p95\s+([\d.]+) ms\s+max\s+([\d.]+) ms", result.stdout, re.M
        )
        assert timing and 0 < float(timing[1]) <= float(timing[3]), result.stdout
    assert re.search(r"renders in \d+ ms on average \(target: under 300 ms\)", result.stdout), result.stdout
