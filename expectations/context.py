"""The project's file-based GX context (expectations/gx/), with the suites rebuilt from code."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import great_expectations as gx

from expectations.offline_docs import make_offline
from expectations.suites import SuiteSpec

GX_ROOT = Path(__file__).resolve().parent
DATA_DOCS_SITE = "warehouse_data_docs"


def default_data_docs_dir(warehouse_path: Path) -> Path:
    return Path(warehouse_path).resolve().parent / "data_docs"


def store_dir(data_docs_dir: Path) -> Path:
    """Where the context keeps the suites, checkpoints and validation results it writes: inside
    the site they are rendered into, so the site and its sources go together."""
    return Path(data_docs_dir).resolve() / ".gx_store"


def open_context(data_docs_dir: Path):
    """The committed context, writing its Data Docs to ``data_docs_dir``."""
    # The folders it writes are config variables of great_expectations.yml (${BUDGET_DATA_DOCS},
    # ${BUDGET_GX_STORE}), given to this context only; no analytics (analytics_enabled: false
    # there), no network.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    return gx.get_context(
        mode="file",
        project_root_dir=GX_ROOT,
        runtime_environment={
            "BUDGET_DATA_DOCS": str(Path(data_docs_dir).resolve()) + os.sep,
            "BUDGET_GX_STORE": str(store_dir(data_docs_dir)) + os.sep,
        },
    )


# The results a site keeps of each suite, newest first: a daemon loading every few minutes
# would otherwise grow the site without end, and the index every check renders with it.
KEPT_VALIDATIONS = 30


def _prune(data_docs_dir: Path, keep: int) -> None:
    """All but the newest ``keep`` results of each suite go, stored and rendered."""
    for results in (store_dir(data_docs_dir) / "validations", Path(data_docs_dir) / "validations"):
        for suite in (p for p in results.glob("*") if p.is_dir()):
            # <suite>/<run name>/<run time, UTC, sortable>/
            runs = sorted((p for p in suite.glob("*/*") if p.is_dir()), key=lambda p: p.name)
            for old in runs[: max(len(runs) - keep, 0)]:
                shutil.rmtree(old, ignore_errors=True)


@contextmanager
def rendering(data_docs_dir: Path) -> Iterator[Any]:
    """The context, for validations that render into ``data_docs_dir``: one writer at a time
    (a load's checks may run in parallel processes, and GX rewrites the index without a lock),
    the oldest results pruned first, and the pages made offline after (offline_docs.py)."""
    site = Path(data_docs_dir)
    site.mkdir(parents=True, exist_ok=True)
    with (site / ".rendering.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _prune(site, KEPT_VALIDATIONS - 1)
        yield open_context(site)
        make_offline(site)


def checkpoint_for(context, spec: SuiteSpec):
    """The suite's checkpoint, its suite and validation definition rebuilt from the code."""
    batch = context.data_sources.get("warehouse").get_asset(spec.name).get_batch_definition("whole_table")
    suite = context.suites.add_or_update(gx.ExpectationSuite(name=spec.name, expectations=spec.expectations()))
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=spec.name,
            validation_definitions=[validation],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[DATA_DOCS_SITE])],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": list(spec.report_columns)},
        )
    )
