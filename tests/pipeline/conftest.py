"""Fixtures of the pipeline tests: the shared corpora loaded once per session (a load of the
34 real and 11 office PDFs takes minutes; every test module reads the same warehouse)."""

from __future__ import annotations

import pytest

from budget_etl.load import run_load
from tests.paths import land, shared_path


@pytest.fixture(scope="session")
def shared_warehouse(tmp_path_factory):
    """../shared/corpus/real and office/pdf loaded through `budget-etl load`:
    (warehouse file, LoadSummary, the PDFs' names)."""
    real = shared_path("corpus", "real")
    office = shared_path("corpus", "office")
    landing = tmp_path_factory.mktemp("shared_landing")
    pdfs = sorted(real.glob("*.pdf")) + sorted((office / "pdf").glob("*.pdf"))
    for pdf in pdfs:
        land(pdf, landing)
    warehouse = tmp_path_factory.mktemp("shared_warehouse") / "budget.duckdb"
    return warehouse, run_load(landing, warehouse, workers=2), [p.name for p in pdfs]
