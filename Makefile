# The quick start and the test command, on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LANDING ?= data/landing
WAREHOUSE ?= warehouse/budget.duckdb

.PHONY: demo test lint ui bi bi-install clean

# The virtualenv is rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## demo: install, write the sample corpus (with its budget/决算 series) to data/landing and load it into warehouse/budget.duckdb
demo: $(VENV)/.installed
	$(BIN)/budget-etl sample $(LANDING) --series
	$(BIN)/budget-etl load --landing $(LANDING) --warehouse $(WAREHOUSE)

## test: install, then run every test
test: $(VENV)/.installed
	$(BIN)/pytest

## lint: ruff's rules and formatting, and mypy, over the tree, and sqlfluff over the dbt models and tests (their settings are in pyproject.toml); CI runs it before the tests
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests
	$(BIN)/ruff format --check .

## ui: the Dagster UI on http://127.0.0.1:3000 over the same landing folder and warehouse
# The instance settings (one DuckDB writer at a time, a run queue) come from orchestration/dagster.yaml.
ui: $(VENV)/.installed
	mkdir -p .dagster_home && cp orchestration/dagster.yaml .dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/.dagster_home BUDGET_LANDING=$(LANDING) BUDGET_WAREHOUSE=$(WAREHOUSE) \
		$(BIN)/dagster dev -m orchestration.definitions

## bi: the Superset dashboards on http://127.0.0.1:8088 over the same warehouse (installs Superset into .venv-bi once)
bi: $(VENV)/.installed
	$(BIN)/budget-etl bi serve --warehouse $(WAREHOUSE)

## bi-install: Superset's own virtualenv (.venv-bi), from bi/requirements.txt; CI runs it before the tests
bi-install: $(VENV)/.installed
	$(BIN)/budget-etl bi install

clean:
	rm -rf $(VENV) .venv-bi warehouse/*_bi data .dagster_home warehouse/*.duckdb* warehouse/extractions warehouse/data_docs \
		warehouse/*_parquet* warehouse/.*_parquet.versions dbt_project/target
