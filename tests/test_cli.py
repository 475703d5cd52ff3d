"""The `budget-etl` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.paths import REPO


def budget_etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_etl.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=600
    )


def test_extract_shows_facts_tables_and_lines(sample_corpus):
    landing, documents = sample_corpus
    seed = next(d for d in documents if d.department_name == "武汉市硚口区大数据中心")
    run = budget_etl("extract", str(landing / seed.file_name))
    assert run.returncode == 0, run.stderr
    assert "武汉市硚口区大数据中心" in run.stdout
    assert "expenditure_summary" in run.stdout
    assert "21,201,900.00" in run.stdout


def test_extract_json_is_machine_readable(sample_corpus):
    landing, documents = sample_corpus
    files = [str(landing / d.file_name) for d in documents[:3]]
    run = budget_etl("extract", "--json", *files)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [o["source_file"] for o in out] == [d.file_name for d in documents[:3]]
    assert all(o["status"] in ("loaded", "rejected") for o in out)


def test_extract_shows_a_rejection_reason(sample_corpus):
    landing, documents = sample_corpus
    bad = next(d for d in documents if d.reject_kind == "encrypted")
    run = budget_etl("extract", str(landing / bad.file_name))
    assert run.returncode == 0, run.stderr
    assert "REJECTED (encrypted)" in run.stdout


def test_a_missing_file_is_a_clear_error_not_a_traceback(tmp_path):
    run = budget_etl("extract", str(tmp_path / "nope.pdf"))
    assert run.returncode == 2
    assert "no such file" in run.stderr and "Traceback" not in run.stderr


def test_load_from_a_missing_landing_folder_is_a_clear_error(tmp_path):
    run = budget_etl("load", "--landing", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert run.returncode == 2
    assert "does not exist" in run.stderr and "Traceback" not in run.stderr


def test_check_without_a_warehouse_is_a_clear_error(tmp_path):
    run = budget_etl("check", "--warehouse", str(tmp_path / "w.duckdb"))
    assert run.returncode == 2
    assert "budget-etl load" in run.stderr


def test_sample_writes_the_corpus_and_more_departments(tmp_path):
    run = budget_etl("sample", str(tmp_path / "landing"), "--departments", "2")
    assert run.returncode == 0, run.stderr
    base = budget_etl("sample", str(tmp_path / "base"))
    assert len(list((tmp_path / "landing").glob("*.pdf"))) == len(list((tmp_path / "base").glob("*.pdf"))) + 2
