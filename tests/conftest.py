"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory):
    """The sample corpus, generated once per test session: (landing folder, its SampleDocuments)."""
    from budget_etl.sample import write_sample_corpus

    landing = tmp_path_factory.mktemp("sample_landing")
    return landing, write_sample_corpus(landing)


@pytest.fixture(scope="session")
def sample_warehouse(sample_corpus, tmp_path_factory):
    """The sample corpus loaded once through `budget-etl load`: (warehouse file, LoadSummary)."""
    from budget_etl.load import run_load

    warehouse = tmp_path_factory.mktemp("sample_warehouse") / "budget.duckdb"
    return warehouse, run_load(sample_corpus[0], warehouse, workers=2)


@pytest.fixture(scope="session")
def sample_series_corpus(tmp_path_factory):
    """The sample corpus with its series (budgets of the year before, final accounts beside their
    budgets; budget_etl.sample.series), generated once: (landing folder, its SampleDocuments)."""
    from budget_etl.sample import write_sample_corpus

    landing = tmp_path_factory.mktemp("sample_series_landing")
    return landing, write_sample_corpus(landing, series=True)


@pytest.fixture(scope="session")
def sample_series_warehouse(sample_series_corpus, tmp_path_factory):
    """The series corpus loaded once through `budget-etl load`: (warehouse file, LoadSummary)."""
    from budget_etl.load import run_load

    warehouse = tmp_path_factory.mktemp("sample_series_warehouse") / "budget.duckdb"
    return warehouse, run_load(sample_series_corpus[0], warehouse, workers=2)
