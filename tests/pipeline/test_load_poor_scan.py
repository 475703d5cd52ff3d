"""A scan too poor for OCR to read whole (100 dpi, grainy, skewed 2°, JPEG at 30) loads through
`budget-etl load` with every amount it misread flagged: issue 15's "never silently wrong" where
there are misreads to flag (the sample's own degraded scan reads whole)."""

from __future__ import annotations

import pytest

from budget_etl.load import run_load
from budget_etl.sample import bad_inputs
from budget_etl.sample.corpus import scanned_document
from tests.pipeline.scan_misreads import misread_amounts


@pytest.fixture(scope="module")
def poor_scan(tmp_path_factory):
    landing = tmp_path_factory.mktemp("poor_scan_landing")
    document = scanned_document(landing, "poor_scan.pdf", bad_inputs.TOO_POOR)
    warehouse = tmp_path_factory.mktemp("poor_scan_warehouse") / "budget.duckdb"
    return warehouse, run_load(landing, warehouse, workers=2), document


def test_the_poor_scan_loads(poor_scan):
    # A code misread to two digits (30 for 301...) once reached fct_budget_line and failed an
    # error-severity test: the whole load stopped. A misread code is now no code.
    _, summary, _ = poor_scan
    assert summary.run_succeeded and summary.published, summary.render()
    assert summary.loaded == 1


def test_every_amount_the_poor_scan_misread_is_flagged(poor_scan):
    warehouse, _, document = poor_scan
    misread = misread_amounts(warehouse, document)
    assert len(misread) >= 10  # the scan is poor enough to test something
    assert [r for r in misread if not r[6]] == []
