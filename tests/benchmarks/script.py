"""Running a benchmark as a user runs it: its own process, from the repository's root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.paths import REPO


def run_benchmark(script: str, *args: str | Path, timeout: int = 300) -> str:
    """``benchmarks/<script>`` run with ``args``: what it printed, once it has exited 0."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return result.stdout
