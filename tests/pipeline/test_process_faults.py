"""A load killed at its worst moments, and a disk that fills up: the published warehouse stays
byte-identical and readable, and the next load recovers and publishes what was new.

The loads are real `budget-etl load` processes over real sample PDFs, killed with SIGKILL
(the whole process group: Dagster, its extraction workers, dbt) once they reach the step.
The kill between the build and its publication is placed exactly, by a child process whose
``os.replace`` kills it when called to swap the build in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.paths import REPO

FIRST = ["qiaokou_bigdata_center_2021_budget.pdf", "empty.pdf"]
LATER = ["xiling_justice_bureau_2019_budget.pdf", "beihu_renminlu_subdistrict_2020_budget.pdf"]
KILL_ON_PUBLISH = """
import os, signal, sys
replace = os.replace
def replace_or_die(src, dst, *args, **kwargs):
    if ".build-" in os.fspath(src) and ".build-" not in os.fspath(dst):  # the build over the published file
        os.kill(os.getpid(), signal.SIGKILL)
    return replace(src, dst, *args, **kwargs)
os.replace = replace_or_die
from budget_etl.cli import main
sys.exit(main(sys.argv[1:]))
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def documents(warehouse: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select source_file, status from marts.dim_document order by 1").fetchall()
    finally:
        con.close()


def load_command(landing: Path, warehouse: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "budget_etl.cli",
        "load",
        "--landing",
        str(landing),
        "--warehouse",
        str(warehouse),
        "--workers",
        "2",
    ]


def descendants_cmdlines(pid: int) -> list[str]:
    """The command lines of the processes in ``pid``'s process group (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pid:
                continue
            found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, ProcessLookupError):
            continue
    return found


def kill_when(landing: Path, warehouse: Path, reached, timeout: float = 300) -> str:
    """Start a load, SIGKILL its process group once ``reached(cmdlines)`` holds; returns what it printed."""
    process = subprocess.Popen(
        load_command(landing, warehouse),
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("the load ended before it reached the step: " + process.stdout.read().decode()[-2000:])
            if reached(descendants_cmdlines(process.pid)):
                os.killpg(process.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
        else:
            pytest.fail("the load never reached the step")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == -signal.SIGKILL
    return output


@pytest.fixture(scope="module")
def site(sample_corpus, tmp_path_factory):
    corpus = sample_corpus[0]
    root = tmp_path_factory.mktemp("faults")
    landing = root / "landing"
    landing.mkdir()
    for name in FIRST:
        shutil.copy(corpus / name, landing / name)
    warehouse = root / "budget.duckdb"
    first = subprocess.run(load_command(landing, warehouse), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stderr[-3000:]
    for name in LATER:  # new files: the next loads have something to extract, build and publish
        shutil.copy(corpus / name, landing / name)
    return landing, warehouse, sha(warehouse), documents(warehouse)


def assert_published_intact(site):
    _landing, warehouse, published_sha, published_documents = site
    assert sha(warehouse) == published_sha
    assert documents(warehouse) == published_documents


def test_killed_during_extraction(site):
    landing, warehouse, *_ = site
    kill_when(landing, warehouse, lambda cmdlines: any("multiprocessing.spawn" in c for c in cmdlines))
    assert_published_intact(site)


def test_killed_during_dbt(site):
    landing, warehouse, *_ = site
    kill_when(landing, warehouse, lambda cmdlines: any(" dbt " in f" {c} " or "/dbt " in c for c in cmdlines))
    assert_published_intact(site)


def test_killed_between_the_build_and_its_publication(site):
    landing, warehouse, *_ = site
    run = subprocess.run(
        [sys.executable, "-c", KILL_ON_PUBLISH, *load_command(landing, warehouse)[3:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr[-3000:]
    assert_published_intact(site)


def test_the_next_load_recovers_and_publishes_what_was_new(site):
    landing, warehouse, published_sha, _ = site
    run = subprocess.run(load_command(landing, warehouse), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert sha(warehouse) != published_sha
    statuses = dict(documents(warehouse))
    assert all(statuses[name] == "loaded" for name in LATER) and statuses["empty.pdf"] == "rejected"


def test_a_missing_or_locked_dagster_instance_does_not_stop_a_load(site, tmp_path):
    """`budget-etl load` runs on an ephemeral instance: DAGSTER_HOME (the UI's and the daemon's
    storage) missing, or its SQLite storage locked by another process, changes nothing."""
    landing, warehouse, *_ = site
    home = tmp_path / "dagster_home"
    (home / "storage").mkdir(parents=True)
    runs = home / "storage" / "runs.db"
    locker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                "c.execute('begin exclusive'); print('locked', flush=True); time.sleep(600)"
            ),
            str(runs),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        for dagster_home in (tmp_path / "missing", home):
            run = subprocess.run(
                load_command(landing, warehouse),
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=900,
                env={**os.environ, "DAGSTER_HOME": str(dagster_home)},
            )
            assert run.returncode == 0, run.stderr[-3000:]
            assert "Traceback" not in run.stdout
    finally:
        locker.kill()


@pytest.fixture
def small_disk(tmp_path):
    """A 64 MiB tmpfs: room for a published warehouse, its cache and one build beside it (the
    recovery load below peaks at 40-41 MiB: a 13 MiB published file, its build copy grown to
    23 MiB, the Data Docs and the Parquet export), not for much more; the test fills it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"this machine refuses a tmpfs mount: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_load_clearly_and_the_next_one_recovers(sample_corpus, small_disk):
    corpus = sample_corpus[0]
    landing = small_disk / "landing"
    landing.mkdir()
    shutil.copy(corpus / FIRST[0], landing / FIRST[0])
    warehouse = small_disk / "warehouse" / "budget.duckdb"
    first = subprocess.run(load_command(landing, warehouse), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stderr[-3000:]
    published, before = sha(warehouse), documents(warehouse)

    shutil.copy(corpus / LATER[0], landing / LATER[0])
    ballast = small_disk / "ballast"
    free = shutil.disk_usage(small_disk).free
    with open(ballast, "wb") as f:  # leave less room than one more build needs
        f.write(b"\0" * max(free - 2 * 1024 * 1024, 0))
    full = subprocess.run(load_command(landing, warehouse), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert full.returncode == 1, full.stdout + full.stderr[-3000:]
    assert "The run FAILED" in full.stdout and "The published warehouse was left as it was" in full.stdout
    assert "Traceback" not in full.stdout
    assert sha(warehouse) == published and documents(warehouse) == before

    ballast.unlink()
    again = subprocess.run(load_command(landing, warehouse), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-3000:]
    assert dict(documents(warehouse))[LATER[0]] == "loaded"
