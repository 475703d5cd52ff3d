"""Incremental loads: a first full load of a large landing folder, a rerun with nothing
changed, a rerun with one document changed, side by side.

Each load is `budget-etl load` in a fresh process, timed from the outside as a user (or
cron) sees it, Python's start-up and imports included. The landing folder is the sample
corpus with N synthetic departments (default 500, i.e. 511 PDFs); the changed document gets
a few bytes appended after its end (new bytes, same content: read again, rows replaced).

    python benchmarks/load_incremental.py [--departments 500] [--workers N] [--workdir DIR] [--landing DIR] [--cache DIR]

--landing reuses a folder written before by `budget-etl sample DIR --departments N` (copied,
never modified); --cache reuses the extraction cache of an earlier run over it (copied: the
first load then reads no PDF, and the figures compare the warehouse builds); --workdir keeps
the landing copy, warehouse and cache (default: a temporary folder, removed at the end).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load(landing: Path, warehouse: Path, cache: Path, workers: int) -> tuple[float, str]:
    command = [sys.executable, "-m", "budget_etl.cli", "load", "--landing", str(landing), "--warehouse", str(warehouse)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "BUDGET_CACHE": str(cache)}
    start = time.perf_counter()
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-5000:] + run.stderr[-5000:])
        raise SystemExit(f"budget-etl load failed (exit {run.returncode})")
    return elapsed, run.stdout


def pdfs_read(summary: str) -> str:
    match = re.search(r"\((\d+) PDF\(s\) read", summary)
    return match.group(1) if match else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=500, help="synthetic departments (default 500)")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    parser.add_argument("--workdir", help="keep everything here (default: a temporary folder)")
    parser.add_argument("--landing", help="reuse this generated landing folder (copied)")
    parser.add_argument("--cache", help="reuse this extraction cache (copied)")
    args = parser.parse_args()

    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="load_incremental_"))
    workdir.mkdir(parents=True, exist_ok=True)
    landing, warehouse, cache = workdir / "landing", workdir / "warehouse" / "budget.duckdb", workdir / "extractions"
    try:
        if landing.exists():
            shutil.rmtree(landing)
        for stale in (warehouse.parent, cache):
            if stale.exists():
                shutil.rmtree(stale)
        if args.cache:
            shutil.copytree(args.cache, cache)
        start = time.perf_counter()
        if args.landing:
            shutil.copytree(args.landing, landing)
            made = "copied from " + args.landing
        else:
            sys.path.insert(0, str(REPO))
            from budget_etl.sample import write_sample_corpus

            write_sample_corpus(landing, departments=args.departments)
            made = f"generated in {time.perf_counter() - start:.0f} s"
        pdfs = sorted(landing.glob("*.pdf"))
        if len(pdfs) < 500 and args.departments >= 500:
            raise SystemExit(f"{landing} holds {len(pdfs)} PDFs, fewer than 500")
        workers = args.workers or os.cpu_count() or 1
        print(f"Landing folder: {len(pdfs)} PDFs ({made}); {workers} extraction process(es); {os.cpu_count()} core(s)")

        rows = []
        first, out = load(landing, warehouse, cache, args.workers)
        rows.append(("first full load", first, pdfs_read(out)))
        again, out = load(landing, warehouse, cache, args.workers)
        rows.append(("rerun, nothing changed", again, pdfs_read(out)))
        changed = next(p for p in pdfs if p.name.startswith("synthetic_"))
        with open(changed, "ab") as f:
            f.write(b"\n% changed by benchmarks/load_incremental.py\n")
        one, out = load(landing, warehouse, cache, args.workers)
        rows.append((f"rerun, one document changed ({changed.name})", one, pdfs_read(out)))

        width = max(len(r[0]) for r in rows)
        print(f"{'run':<{width}}  {'wall time':>10}  {'PDFs read':>9}  {'of the first':>12}")
        for name, seconds, read in rows:
            print(f"{name:<{width}}  {seconds:>8.1f} s  {read:>9}  {100 * seconds / first:>11.1f}%")
        target = "met" if again < 0.05 * first else "NOT met"
        print(f"Target (a rerun with nothing changed under 5% of the first load): {target}.")
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
