"""Loads at size: a first full load of a large landing folder, a rerun with one document
changed, a rerun with nothing changed, side by side, against the targets.

Each load is `budget-etl load` in a fresh process, timed from the outside as a user (or
cron) sees it, Python's start-up and imports included. The landing folder is the sample
corpus with N synthetic departments (default 500, i.e. 511 PDFs; 9,989 make 10,000); the
changed document gets a few bytes appended after its end (new bytes, same content: read
again, rows replaced). Generating the sample is timed apart and is not part of any load.

Peak memory is that of the load's whole process tree (the CLI, Dagster's step processes,
the extraction pool, dbt): every 0.2 s the script reads /proc for each process of the tree,
and reports the largest sum of their resident sets (VmRSS) seen at one moment, and the
largest peak of any one of them (its VmHWM, the kernel's own high-water mark). CPU time is
the tree's user + system time (getrusage of the reaped children): on shared cores the wall
time depends on the other work, the CPU time hardly does, and CPU time / cores is the least
the load would take alone.

    python benchmarks/load_incremental.py [--departments 500] [--workers N] [--workdir DIR] [--landing DIR] [--cache DIR]
        [--clones N]

--workdir keeps everything: the generated sample (`sample-<N>/`, reused by a later run with
the same N once complete), the landing copy, the warehouse and the extraction cache (default:
a temporary folder, removed at the end). --landing reuses a folder written before by
`budget-etl sample DIR --departments N` (linked or copied, never modified).
--cache reuses the extraction cache of an earlier run over it (copied: the first load then
reads no PDF, and the figures compare the warehouse builds).
--clones N lands N documents cloned from that folder instead: each a copy of one of its PDFs
with bytes appended, its extraction cached under a department name of its own (so that no
clone supersedes another). The loads then read no PDF but the changed one, and time what a
warehouse of N documents costs beyond its extraction in minutes instead of hours (the 10,000
documents' extraction alone is 2 hours of CPU).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHANGED_TARGET_S = 60  # one changed document republished within a minute
UNCHANGED_TARGET = 0.05  # a rerun with nothing changed costs under 5% of the first load
# What `budget-etl load` prints (budget_etl.load.LoadSummary.render)
DOCUMENTS = r"Documents: (\d+) in the landing folder"
LOADED = r"Documents: \d+ in the landing folder: (\d+) loaded"
PDFS_READ = r"(\d+) PDF\(s\) read"
LINES = r"Budget lines loaded: (\d+)"


@dataclass
class Load:
    seconds: float
    output: str
    tree_rss_mib: float  # the largest sum of the tree's resident sets seen at one moment
    process_hwm_mib: float  # the largest peak resident set of any one process of the tree
    largest: str  # which process that was
    processes: int  # how many processes the tree had over the run
    cpu_seconds: float  # user + system time of the whole tree: what the load costs on an idle machine
    republished: bool  # the published file was replaced (a new inode)

    def figure(self, pattern: str) -> str:
        match = re.search(pattern, self.output)
        return match.group(1) if match else "?"


def _status_kib(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the process has just exited
        return {}
    return {m[1]: int(m[2]) for m in re.finditer(r"^(VmRSS|VmHWM):\s+(\d+) kB", text, re.M)}


def _name(pid: int) -> str:
    """What a process is, in a few words: its command line past the interpreter."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    words = [Path(a).name if "/" in a else a for a in argv if a][1 if "python" in argv[0] else 0 :]
    return " ".join(words)[:40]


def _children(pid: int) -> list[int]:
    # Every thread's children file together name the process's children.
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


class TreeMemory:
    """Samples a process tree's memory from /proc until stopped."""

    def __init__(self, root: int, interval: float = 0.2):
        self.root, self.interval = root, interval
        self.peak_sum_kib = 0
        self.hwm_kib: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        pids, total = [self.root], 0
        while pids:
            pid = pids.pop()
            status = _status_kib(pid)
            total += status.get("VmRSS", 0)
            if "VmHWM" in status:
                self.hwm_kib[pid] = max(self.hwm_kib.get(pid, 0), status["VmHWM"])
                if pid not in self.names:
                    self.names[pid] = _name(pid)
            pids += _children(pid)
        self.peak_sum_kib = max(self.peak_sum_kib, total)


def _inode(path: Path) -> int | None:
    return path.stat().st_ino if path.exists() else None


def load(landing: Path, warehouse: Path, cache: Path, workers: int) -> Load:
    command = [sys.executable, "-m", "budget_etl.cli", "load", "--landing", str(landing), "--warehouse", str(warehouse)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "BUDGET_CACHE": str(cache)}
    before = _inode(warehouse)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the tree's processes, once all reaped
    cpu = cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    if process.returncode != 0:
        sys.stderr.write(stdout[-5000:] + stderr[-5000:])
        raise SystemExit(f"budget-etl load failed (exit {process.returncode})")
    largest = max(memory.hwm_kib, key=lambda pid: memory.hwm_kib[pid], default=-1)
    return Load(
        elapsed,
        stdout,
        memory.peak_sum_kib / 1024,
        memory.hwm_kib.get(largest, 0) / 1024,
        memory.names.get(largest, "?"),
        len(memory.hwm_kib),
        cpu,
        _inode(warehouse) != before,
    )


def sample(workdir: Path, departments: int) -> tuple[Path, str]:
    """The generated sample corpus, written once per size into the workdir (truth.json last)."""
    folder = workdir / f"sample-{departments}"
    if (folder / "truth.json").exists():
        return folder, f"generated before, in {folder}"
    if folder.exists():
        shutil.rmtree(folder)  # an interrupted generation
    sys.path.insert(0, str(REPO))
    from budget_etl.sample import write_sample_corpus

    start = time.perf_counter()
    write_sample_corpus(folder, departments=departments)
    seconds = time.perf_counter() - start
    count = len(list(folder.glob("*.pdf")))
    return folder, f"generated in {seconds:.0f} s ({count / seconds:.1f} PDFs/s, one process, not part of any load)"


def clone(source: Path, folder: Path, cache_dir: Path, count: int, workers: int) -> str:
    """``count`` landing files in ``folder`` cloned from the PDFs of ``source``, their
    extractions cached in ``cache_dir`` (--clones)."""
    sys.path.insert(0, str(REPO))
    from extract import extract_document
    from warehouse.extraction_cache import ExtractionCache

    start = time.perf_counter()
    pdfs = sorted(source.glob("*.pdf"))
    with ProcessPoolExecutor(workers) as pool:
        extractions = list(pool.map(extract_document, pdfs))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    cache = ExtractionCache(cache_dir)
    for i in range(count):
        pdf, extraction = pdfs[i % len(pdfs)], extractions[i % len(pdfs)]
        name = f"{pdf.stem}-{i:05d}.pdf"
        data = pdf.read_bytes() + f"\n% clone {i} by benchmarks/load_incremental.py\n".encode()
        (folder / name).write_bytes(data)
        facts = extraction.facts
        if facts.department_name:  # a department of its own: clones of one disclosure would supersede each other
            facts = dataclasses.replace(facts, department_name=f"{facts.department_name}{i:05d}", department_aliases=())
        sha256 = hashlib.sha256(data).hexdigest()
        cache.put(dataclasses.replace(extraction, source_file=name, sha256=sha256, facts=facts), datetime.now())
    seconds = time.perf_counter() - start
    return f"{count} clones of the {len(pdfs)} PDFs of {source}, extractions cached in {seconds:.0f} s (not part of any load)"


def link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem
        shutil.copy2(source, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=500, help="synthetic departments (default 500)")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    parser.add_argument("--workdir", help="keep everything here (default: a temporary folder)")
    parser.add_argument("--landing", help="reuse this generated landing folder (never modified)")
    parser.add_argument("--cache", help="reuse this extraction cache (copied)")
    parser.add_argument("--clones", type=int, default=0, help="land this many clones of the documents, extracted")
    args = parser.parse_args()

    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="load_incremental_"))
    workdir.mkdir(parents=True, exist_ok=True)
    landing, warehouse, cache = workdir / "landing", workdir / "warehouse" / "budget.duckdb", workdir / "extractions"
    try:
        for stale in (landing, warehouse.parent, cache):
            if stale.exists():
                shutil.rmtree(stale)
        if args.cache:
            shutil.copytree(args.cache, cache)
        if args.landing:
            source, made = Path(args.landing), f"from {args.landing}"
        else:
            source, made = sample(workdir, args.departments)
        workers = args.workers or os.cpu_count() or 1
        if args.clones:
            made = clone(source, workdir / f"clones-{args.clones}", cache, args.clones, workers)
            source = workdir / f"clones-{args.clones}"
        # Linked, not copied (10,000 PDFs); the one changed below is copied first, so the source stays intact.
        shutil.copytree(source, landing, copy_function=link_or_copy)
        pdfs = sorted(landing.glob("*.pdf"))
        print(f"Landing folder: {len(pdfs)} PDFs, {made}")
        print(
            f"Machine: {os.cpu_count()} core(s); {workers} extraction process(es); load average (1, 5, 15 min) "
            f"at the start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )

        changed = next((p for p in pdfs if p.name.startswith("synthetic_")), pdfs[0])
        # Each row is printed as its load ends: at 10,000 documents the first takes hours.
        width = len(f"one document changed ({changed.name})")
        print(
            f"{'run':<{width}}  {'wall time':>10}  {'PDFs read':>9}  {'published':>9}  {'of the first':>12}  "
            f"{'CPU time':>10}  {'tree peak RSS':>13}  {'largest process':>15}  {'processes':>9}",
            flush=True,
        )

        def row(name: str, run: Load, first: Load) -> None:
            print(
                f"{name:<{width}}  {run.seconds:>8.1f} s  {run.figure(PDFS_READ):>9}  "
                f"{'yes' if run.republished else 'no':>9}  {100 * run.seconds / first.seconds:>11.1f}%  "
                f"{run.cpu_seconds:>8.1f} s  {run.tree_rss_mib:>9.0f} MiB  {run.process_hwm_mib:>11.0f} MiB  "
                f"{run.processes:>9}",
                flush=True,
            )

        first = load(landing, warehouse, cache, args.workers)
        row("first full load", first, first)
        data = changed.read_bytes()
        changed.unlink()
        changed.write_bytes(data + b"\n% changed by benchmarks/load_incremental.py\n")
        one = load(landing, warehouse, cache, args.workers)
        row(f"one document changed ({changed.name})", one, first)
        again = load(landing, warehouse, cache, args.workers)
        row("nothing changed", again, first)

        documents = int(first.figure(DOCUMENTS))
        print(
            f"\nFirst load: {documents} documents in {first.seconds:.0f} s = {documents / first.seconds:.2f} documents/s; "
            f"{first.figure(LOADED)} loaded, {first.figure(LINES)} budget lines; CPU time {first.cpu_seconds:.0f} s, "
            f"so alone on {os.cpu_count()} core(s) it would take at least "
            f"{first.cpu_seconds / (os.cpu_count() or 1):.0f} s"
        )
        print(
            f"Peak memory of the first load: {first.tree_rss_mib:.0f} MiB for the whole process tree at once "
            f"(sum of VmRSS, sampled every 0.2 s), {first.process_hwm_mib:.0f} MiB for its largest process "
            f"(VmHWM: {first.largest})"
        )
        size = sum(f.stat().st_size for f in warehouse.parent.glob("budget.duckdb"))
        parquet = sum(f.stat().st_size for f in (warehouse.parent / "budget_parquet").glob("*.parquet"))
        cached = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
        print(
            f"Warehouse: {size / 2**20:.1f} MiB (DuckDB), {parquet / 2**20:.1f} MiB (its marts as Parquet); "
            f"extraction cache {cached / 2**20:.1f} MiB"
        )
        # Other work on a shared machine slows every figure above: say how busy it was.
        print(f"Load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

        met = {
            f"one changed document republished in under {CHANGED_TARGET_S} s": one.republished
            and one.seconds < CHANGED_TARGET_S,
            f"nothing changed: under {100 * UNCHANGED_TARGET:.0f}% of the first load": not again.republished
            and again.seconds < UNCHANGED_TARGET * first.seconds,
        }
        for target, ok in met.items():
            print(f"Target ({target}): {'met' if ok else 'NOT met'}.")
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
