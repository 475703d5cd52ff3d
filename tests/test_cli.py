"""The `budget-etl` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal

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


def _seed(sample_corpus):
    landing, documents = sample_corpus
    return landing, next(d for d in documents if d.department_name == "武汉市硚口区大数据中心")


def _floats(value, key: str | None = None) -> list[str]:
    """The keys under which ``value`` (parsed JSON) holds floats."""
    if isinstance(value, float):
        return [key]
    if isinstance(value, dict):
        return [k for name, v in value.items() for k in _floats(v, name)]
    if isinstance(value, list):
        return [k for v in value for k in _floats(v, key)]
    return []


def _row_with(output: str, *parts: str) -> bool:
    return any(all(p in row for p in parts) for row in output.splitlines())


def test_extract_json_has_aliases_indicators_narrative_totals_and_projects(sample_corpus):
    landing, seed = _seed(sample_corpus)
    run = budget_etl("extract", "--json", str(landing / seed.file_name))
    assert run.returncode == 0, run.stderr
    # Money travels as exact decimal strings: a JSON number with a fraction is a float to most readers.
    # Only positions on the page (boxes and page sizes, in PDF points) are plain numbers.
    [out] = json.loads(run.stdout)
    assert _floats(out) and all(key in ("amount_box", "label_box", "width", "height") for key in _floats(out))
    assert out["facts"]["department_aliases"] == ["硚口区大数据中心"]
    assert {t["key"]: t["amount_yuan"] for t in out["narrative_totals"]} == {
        k: str(v) for k, v in seed.narrative_totals.items()
    }
    budgets = {
        (ln["line_label"], ln["line_key"]): ln["amount_yuan"]
        for ln in out["lines"]
        if ln["table_kind"] == "performance_targets"
    }
    assert seed.performance_projects
    for project in seed.performance_projects:
        assert budgets[(project.name, "project_current_year_budget")] == str(project.current_budget_yuan)
        assert budgets[(project.name, "project_total_budget")] == str(project.total_budget_yuan)
    assert out["indicators"]
    assert all(set(i) == {"project", "level1", "level2", "level3", "target", "source_page"} for i in out["indicators"])
    assert {i["project"] for i in out["indicators"]} <= {p.name for p in seed.performance_projects} | {None}


def test_extract_shows_staff_projects_and_narrative_totals(sample_corpus):
    landing, seed = _seed(sample_corpus)
    [extracted] = json.loads(budget_etl("extract", "--json", str(landing / seed.file_name)).stdout)
    run = budget_etl("extract", str(landing / seed.file_name))
    assert run.returncode == 0, run.stderr
    assert "also printed as: 硚口区大数据中心" in run.stdout
    assert f"staff: 编制 {seed.authorized_staff}, 在职实有 {seed.actual_staff}" in run.stdout
    indicators = Counter(i["project"] for i in extracted["indicators"])
    for p in seed.performance_projects:
        assert _row_with(
            run.stdout,
            f"{p.current_budget_yuan:,.2f}",
            f"{p.total_budget_yuan:,.2f}",
            f"  {indicators[p.name]}  {p.name}",
        ), p.name
    assert f"部门整体支出绩效目标表: {indicators[None]} indicators" in run.stdout
    for t in extracted["narrative_totals"]:
        assert _row_with(
            run.stdout, f"p.{t['source_page']} ", t["key"], f"{seed.narrative_totals[t['key']]:,.2f}", t["text"]
        ), t["key"]
    assert extracted["narrative_shares"]
    for share in extracted["narrative_shares"]:
        base = "-" if share["base_yuan"] is None else f"{Decimal(share['base_yuan']):,.2f}"
        assert _row_with(run.stdout, f"p.{share['source_page']} ", f"{share['percent']}% of {base}", share["text"])
    # 2021 年部门收支总预算 2120.19 万元。比 2020 年预算增加 1515.79 万元，增长 250.79%
    assert any(c["change_yuan"] == "15157900.00" and c["percent"] == "250.79" for c in extracted["narrative_changes"])
    for change in extracted["narrative_changes"]:
        amount = f"{Decimal(change['amount_yuan']):,.2f}"
        assert _row_with(
            run.stdout, f"p.{change['source_page']} ", f"{change['direction']}", f"of {amount}", change["text"]
        )
    assert extracted["indicators"][0]["level3"] not in run.stdout


def test_extract_lists_a_final_account_s_execution_statements(sample_series_corpus):
    landing, documents = sample_series_corpus
    final = next(d for d in documents if d.document_kind == "final_account")
    [extracted] = json.loads(budget_etl("extract", "--json", str(landing / final.file_name)).stdout)
    run = budget_etl("extract", str(landing / final.file_name))
    assert run.returncode == 0, run.stderr
    # …“三公”经费年初预算为X万元，支出决算为Y万元，完成预算的Z%，决算数小于预算数的主要原因…
    [three_public] = [e for e in extracted["narrative_executions"] if e["subject"] == "三公经费"]
    assert three_public["final_yuan"] == str(final.narrative_totals["three_public_total"])
    assert three_public["budgeted_yuan"] and three_public["percent"] and three_public["word"]
    for e in extracted["narrative_executions"]:
        final_yuan, budgeted = f"{Decimal(e['final_yuan']):,.2f}", f"{Decimal(e['budgeted_yuan']):,.2f}"
        assert _row_with(run.stdout, f"p.{e['source_page']} ", e["word"], f"{final_yuan} of {budgeted}", e["text"])


def test_extract_lists_the_indicators_on_request(sample_corpus):
    landing, seed = _seed(sample_corpus)
    [extracted] = json.loads(budget_etl("extract", "--json", str(landing / seed.file_name)).stdout)
    run = budget_etl("extract", "--indicators", str(landing / seed.file_name))
    assert run.returncode == 0, run.stderr
    for i in extracted["indicators"]:
        assert f"{i['level1']} / {i['level2']} / {i['level3']}: {i['target']}" in run.stdout


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
    assert base.returncode == 0, base.stderr
    assert len(list((tmp_path / "landing").glob("*.pdf"))) == len(list((tmp_path / "base").glob("*.pdf"))) + 2


def test_sample_without_its_extra_says_how_to_install_it(tmp_path):
    """reportlab is the `sample` extra's, not a core dependency: without it (an import made to
    fail as on an install without the extra) the command says what to install, no traceback."""
    code = (
        "import sys; sys.modules['reportlab'] = None; from budget_etl.cli import main; "
        f"sys.exit(main(['sample', {str(tmp_path / 'out')!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 2
    assert "pip install 'budget-etl[sample]'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
