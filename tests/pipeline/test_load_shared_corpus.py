"""`budget-etl load` over the real published PDFs and the office-made ones of ../shared/corpus:
the run reaches its end and every file is loaded or rejected with a reason."""

from __future__ import annotations

import json

import duckdb
import pytest

from budget_etl.load import run_load
from tests.paths import shared_path


@pytest.fixture(scope="module")
def shared_load(tmp_path_factory):
    real = shared_path("corpus", "real")
    office = shared_path("corpus", "office")
    landing = tmp_path_factory.mktemp("shared_landing")
    # Links, not copies: the corpus stays in ../shared/.
    pdfs = sorted(real.glob("*.pdf")) + sorted((office / "pdf").glob("*.pdf"))
    for pdf in pdfs:
        (landing / pdf.name).symlink_to(pdf)
    warehouse = tmp_path_factory.mktemp("shared_warehouse") / "budget.duckdb"
    summary = run_load(landing, warehouse, workers=2)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select source_file, status, reject_kind, status_reason from marts.dim_document").fetchall()
    finally:
        con.close()
    truth = json.loads((office / "truth.json").read_text(encoding="utf-8"))
    return summary, {r[0]: r[1:] for r in rows}, [p.name for p in pdfs], truth


def test_the_run_reaches_its_end(shared_load):
    summary, rows, pdfs, _ = shared_load
    assert summary.run_succeeded, summary.failure
    assert sorted(rows) == sorted(pdfs)


def test_every_file_is_loaded_or_rejected_with_a_reason(shared_load):
    _, rows, _, _ = shared_load
    for name, (status, kind, reason) in rows.items():
        assert status in ("loaded", "rejected"), name
        if status == "rejected":
            assert kind and reason, name
            assert kind != "extractor_error", (name, reason)


def test_office_documents_load_or_reject_as_their_truth_says(shared_load):
    _, rows, _, truth = shared_load
    for entry in truth:
        status, kind, reason = rows[entry["file"]]
        assert status == entry["expect"], (entry["file"], reason)
        if entry["expect"] == "rejected":
            assert kind == entry["reject_kind"], (entry["file"], kind, reason)


def test_every_real_disclosure_loads(shared_load):
    _, rows, _, _ = shared_load
    real = [name for name in rows if not name[0].isdigit() and name.isascii()]
    rejected = {name: rows[name][2] for name in real if rows[name][0] != "loaded"}
    assert len(real) == 34
    assert rejected == {}
