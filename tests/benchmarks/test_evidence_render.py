"""benchmarks/evidence_render.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark


def test_the_evidence_benchmark_renders_pages_and_reports_its_times(sample_warehouse, sample_corpus):
    warehouse, _ = sample_warehouse
    out = run_benchmark(
        "evidence_render.py", "--warehouse", str(warehouse), "--landing", str(sample_corpus[0]), "--lines", "5"
    )
    for name in ("render \\+ boxes", "PNG encoding"):
        timing = re.search(rf"^{name}\s+n=\s*5\s+mean\s+([\d.]+) ms\s+p95\s+([\d.]+) ms\s+max\s+([\d.]+) ms", out, re.M)
        assert timing and 0 < float(timing[1]) <= float(timing[3]), out
    assert re.search(r"renders in \d+ ms on average \(target: under 300 ms\)", out), out
