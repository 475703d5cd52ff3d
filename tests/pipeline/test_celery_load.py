"""Beyond one machine: the sample corpus loaded through Dagster's Celery executor (a real Redis
broker, two Celery worker processes started as deploy/celery/worker.yaml says, runs configured
by deploy/celery/run_config.yaml) gives the same marts, row for row, as a load through the
in-process executor, and its steps really ran in the workers."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from budget_etl.sample.corpus import SCANNED
from tests.paths import REPO
from tests.ports import free_port

pytest.importorskip("dagster_celery", reason="dagster-celery is not installed: pip install -e '.[dev]'")
redis = pytest.importorskip("redis", reason="the redis client is not installed: pip install -e '.[dev]'")

CELERY_DIR = REPO / "deploy" / "celery"
WORKERS = ("worker1", "worker2")
EXTRACTION_RUNS = 3  # each over a range of the documents' partitions
BIN = Path(sys.executable).parent


def stop(process: subprocess.Popen, timeout: float = 60) -> None:
    """End a process we started and every process it started (its own session): asked to
    stop first (a Celery worker finishes its task), killed when it does not."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        for pid in session_pids(process.pid) | ({process.pid} if process.poll() is None else set()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if process.poll() is not None and not session_pids(process.pid):
                return
            time.sleep(0.2)


def session_pids(session: int) -> set[int]:
    """The processes of a session (a worker and the pool processes it forked)."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the name: state, ppid, pgrp, session; a zombie has ended, only its entry is left
        if int(fields[3]) == session and fields[0] != "Z":
            pids.add(int(stat.parent.name))
    return pids


@pytest.fixture
def redis_broker(tmp_path):
    """redis-server on a free port of 127.0.0.1, with a password and no persistence, in a
    temporary folder: yields (broker URL, result backend URL)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is absent (Debian: apt-get install redis-server; .ci/run installs it)")
    folder = tmp_path / "redis"
    folder.mkdir()
    port, password = free_port(), secrets.token_hex(16)
    # In a file rather than on the command line, where any user's `ps` would show the password.
    config = folder / "redis.conf"
    config.write_text(
        f"bind 127.0.0.1\nport {port}\nrequirepass {password}\nprotected-mode yes\n"
        f'dir {folder}\nsave ""\nappendonly no\nlogfile {folder / "redis.log"}\n'
    )
    config.chmod(0o600)
    process = subprocess.Popen([server, str(config)], start_new_session=True)
    try:
        client = redis.Redis(host="127.0.0.1", port=port, password=password)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail(f"redis-server did not answer:\n{(folder / 'redis.log').read_text()}")
        with pytest.raises(redis.AuthenticationError):  # nobody gets in without the password
            redis.Redis(host="127.0.0.1", port=port).ping()
        base = f"redis://:{password}@127.0.0.1:{port}"
        yield f"{base}/0", f"{base}/1"
    finally:
        stop(process)


@pytest.fixture
def celery_cluster(redis_broker, tmp_path, monkeypatch):
    """Two Celery workers (`dagster-celery worker start`, one pool process each) and the
    environment of a run on them: a persistent Dagster instance in a temporary DAGSTER_HOME
    with the project's instance settings, a landing folder and a warehouse, shared by the
    workers as a cluster's nodes would share a volume. Yields (landing folder, warehouse file,
    the workers' sessions by name); everything is stopped at the end."""
    broker, backend = redis_broker
    home, landing, warehouse = tmp_path / "dagster_home", tmp_path / "landing", tmp_path / "celery" / "budget.duckdb"
    home.mkdir()
    landing.mkdir()
    warehouse.parent.mkdir()
    shutil.copy(REPO / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    environment = {
        "DAGSTER_HOME": str(home),
        "BUDGET_LANDING": str(landing),
        "BUDGET_WAREHOUSE": str(warehouse),
        "BUDGET_EXTRACT_WORKERS": "1",
        "BUDGET_CELERY_BROKER": broker,
        "BUDGET_CELERY_BACKEND": backend,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # Its storage created before the workers start, not by the two of them at once.
    dg.DagsterInstance.get().dispose()
    env = os.environ | environment | {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    workers, logs = {}, {}
    try:
        for name in WORKERS:
            logs[name] = tmp_path / f"{name}.log"
            with logs[name].open("w") as log:
                workers[name] = subprocess.Popen(
                    [
                        str(BIN / "dagster-celery"),
                        "worker",
                        "start",
                        "-A",
                        "dagster_celery.app",
                        "-y",
                        str(CELERY_DIR / "worker.yaml"),
                        "--name",
                        name,
                        "--",
                        "--concurrency=1",
                    ],
                    cwd=REPO,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        wait_for_workers(broker, backend, workers, logs)
        yield landing, warehouse, {name: process.pid for name, process in workers.items()}
    finally:
        for process in workers.values():
            stop(process)
        stray = {name: session_pids(process.pid) for name, process in workers.items()}
        assert not any(stray.values()), f"worker processes left running: {stray}"


def wait_for_workers(broker: str, backend: str, workers: dict, logs: dict, timeout: float = 180) -> None:
    from dagster_celery.make_app import make_app

    app = make_app({"broker": broker, "backend": backend})
    deadline = time.monotonic() + timeout
    answered: set[str] = set()
    while time.monotonic() < deadline:
        for name, process in workers.items():
            if process.poll() is not None:
                pytest.fail(f"the Celery worker {name} exited:\n{logs[name].read_text()[-5000:]}")
        answered |= {host.split("@")[0] for reply in app.control.ping(timeout=1) for host in reply}
        if answered >= set(workers):
            return
    pytest.fail(
        f"the Celery workers did not answer within {timeout} s:\n"
        + "\n".join(log.read_text()[-3000:] for log in logs.values())
    )


def marts(warehouse: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without the timestamps (when a document was extracted or
    found removed), which differ between any two loads."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        rows = {}
        for table in tables:
            columns = [
                f'"{name}"'
                for name, kind in con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if not kind.startswith("TIMESTAMP")
            ]
            rows[table] = con.execute(f"select {', '.join(columns)} from marts.{table} order by all").fetchall()
        return rows
    finally:
        con.close()


def step_workers(instance: dg.DagsterInstance, run_id: str) -> dict[str, str]:
    """Each step of a run: the Celery worker that said it executed it."""
    executed = {}
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        event = record.dagster_event
        if event.message and event.message.endswith("in celery worker"):
            executed[event.step_key] = event.engine_event_data.metadata["Celery worker"].value
    return executed


def step_pids(instance: dg.DagsterInstance, run_id: str) -> set[int]:
    return {r.dagster_event.pid for r in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START)}


def execute(job: str, tags: dict[str, str], log: Path) -> subprocess.Popen:
    """`dagster job execute` of one run with deploy/celery's run config, as a user would."""
    with log.open("w") as out:
        return subprocess.Popen(
            [
                str(BIN / "dagster"),
                "job",
                "execute",
                "-m",
                "orchestration.definitions",
                "-j",
                job,
                "-c",
                str(CELERY_DIR / "run_config.yaml"),
                "--tags",
                json.dumps(tags),
            ],
            cwd=REPO,
            env=os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def finish(processes: list[subprocess.Popen], logs: list[Path], timeout: float = 900) -> None:
    for process, log in zip(processes, logs, strict=True):
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        assert code == 0, log.read_text()[-5000:]


def materialized(instance: dg.DagsterInstance, run_id: str, key: str) -> list[dict]:
    return [
        {k: v.value for k, v in record.asset_materialization.metadata.items()}
        for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        if record.asset_materialization.asset_key.to_user_string() == key
    ]


def test_a_load_through_celery_workers_equals_an_in_process_load(sample_corpus, celery_cluster, tmp_path):
    from budget_etl.load import run_load
    from orchestration.defs.extraction.documents import (
        PARTITION_RANGE_END_TAG,
        PARTITION_RANGE_START_TAG,
        all_documents_tags,
        sync_document_partitions,
    )

    corpus, _ = sample_corpus
    landing, warehouse, sessions = celery_cluster
    # Every sample PDF but the scan: OCR (half a minute a load, tests/extract/test_extract_ocr.py)
    # would double this test's time and tell nothing about the executors.
    for pdf in sorted(corpus.glob("*.pdf")):
        if pdf.name != SCANNED:
            shutil.copy(pdf, landing / pdf.name)

    # The same landing folder through the in-process executor (`budget-etl load`).
    started = time.monotonic()
    reference = tmp_path / "in_process" / "budget.duckdb"
    summary = run_load(landing, reference, workers=2)
    in_process_seconds = time.monotonic() - started
    assert summary.run_succeeded, summary.failure

    # Through Celery: the documents' extraction in runs going side by side (as the landing
    # sensor's do), then the load; each run's steps sent to the workers by deploy/celery's config.
    with dg.DagsterInstance.get() as instance:
        started = time.monotonic()
        keys, _ = sync_document_partitions(instance, landing)
        ranges = [
            keys[i * len(keys) // EXTRACTION_RUNS : (i + 1) * len(keys) // EXTRACTION_RUNS]
            for i in range(EXTRACTION_RUNS)
        ]
        logs = [tmp_path / f"extract_{i}.log" for i in range(EXTRACTION_RUNS)]
        finish(
            [
                execute("extract_documents", {PARTITION_RANGE_START_TAG: r[0], PARTITION_RANGE_END_TAG: r[-1]}, log)
                for r, log in zip(ranges, logs, strict=True)
            ],
            logs,
        )
        log = tmp_path / "load.log"
        finish([execute("load_warehouse", all_documents_tags(instance), log)], [log])
        celery_seconds = time.monotonic() - started

        runs = {run.run_id: run for run in instance.get_runs()}
        assert [run.status for run in runs.values()] == [dg.DagsterRunStatus.SUCCESS] * (EXTRACTION_RUNS + 1)
        extraction_runs = [r for r in runs if runs[r].job_name == "extract_documents"]
        (load_run,) = [r for r in runs if runs[r].job_name == "load_warehouse"]
        # The extraction runs read every PDF once; the load found them all extracted.
        read_per_run = [materialized(instance, r, "document_extraction")[0]["pdfs_read"] for r in extraction_runs]
        assert sum(read_per_run) == len(keys) == len(list(landing.glob("*.pdf")))
        assert {m["pdfs_read"] for m in materialized(instance, load_run, "document_extraction")} == {0}

        # Every step ran in a worker: announced by the worker, started in a worker's process.
        worker_pids = set().union(*(session_pids(s) for s in sessions.values()))
        by_worker: dict[str, list[str]] = {}
        for run_id in runs:
            plan = {r.dagster_event.step_key for r in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START)}
            executed = step_workers(instance, run_id)
            assert plan and set(executed) == plan, (run_id, plan, executed)
            assert step_pids(instance, run_id) <= worker_pids
            for step, host in executed.items():
                by_worker.setdefault(host.split("@")[0], []).append(step)
        print(
            f"{len(keys)} documents: in-process load {in_process_seconds:.1f} s; through Celery "
            f"({EXTRACTION_RUNS} extraction runs side by side, then the load) {celery_seconds:.1f} s; "
            f"steps per worker: { {w: len(s) for w, s in sorted(by_worker.items())} }"
        )
        assert set(by_worker) == set(WORKERS)  # the work fanned out over both

    loaded = marts(warehouse)
    assert loaded == marts(reference)
    assert all(loaded[t] for t in ("fct_budget_line", "fct_identity_check", "dim_document"))
