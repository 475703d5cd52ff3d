"""Saying that a run failed, and why: always in the log, and to a webhook when one is set.

BUDGET_FAILURE_WEBHOOK is a URL that receives a JSON POST per failed run: ``text`` (one
readable paragraph, the field Slack-style incoming webhooks show), ``run_id``, ``job``,
``failure`` and ``failed_steps`` ([{"step", "error"}]). BUDGET_DAGSTER_URL, when set (e.g.
http://dagster.internal:3000), adds a link to the run's page. Used by the run-failure
sensor and by `budget-etl load` (whose runs no sensor watches).
"""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.request
from dataclasses import asdict, dataclass, field

WEBHOOK_ENV = "BUDGET_FAILURE_WEBHOOK"
DAGSTER_URL_ENV = "BUDGET_DAGSTER_URL"
TIMEOUT_SECONDS = 10

logger = logging.getLogger("budget_etl.alerts")


@dataclass
class FailureReport:
    run_id: str
    job: str
    failure: str
    failed_steps: list[dict[str, str]] = field(default_factory=list)  # {"step", "error"}
    url: str | None = None

    @property
    def text(self) -> str:
        steps = "; ".join(f"{s['step']}: {s['error']}" for s in self.failed_steps)
        return (
            f"budget-etl: run {self.run_id} of {self.job} FAILED: {self.failure}"
            + (f" [{steps}]" if steps else "")
            + " The published warehouse was left as it was."
            + (f" {self.url}" if self.url else "")
        )

    def payload(self) -> dict:
        return {"text": self.text, **asdict(self)}


def run_url(run_id: str) -> str | None:
    base = os.environ.get(DAGSTER_URL_ENV, "").rstrip("/")
    return f"{base}/runs/{run_id}" if base else None


def _first_line(message: str, limit: int = 500) -> str:
    """The first line of an error, without its exception's module (nor the word Failure,
    Dagster's exception for a stated reason)."""
    message = (message or "").strip()
    line = message.splitlines()[0] if message else "failed"
    line = re.sub(r"^(?:[A-Za-z_]\w*\.)+(?=\w+: )", "", line)
    return line.removeprefix("Failure: ")[:limit]


def step_failures(events) -> list[dict[str, str]]:
    """{"step", "error"} of each STEP_FAILURE event."""
    failures = []
    for event in events:
        data = event.step_failure_data
        error = data.error if data else None
        # "Error occurred while executing op ..." wraps the exception that says why.
        while error is not None and error.cls_name == "DagsterExecutionStepExecutionError" and error.cause:
            error = error.cause
        failures.append({"step": event.step_key or "?", "error": _first_line(error.message if error else "failed")})
    return failures


def notify_failure(report: FailureReport, log: logging.Logger | None = None) -> bool:
    """Log the failure; POST it to BUDGET_FAILURE_WEBHOOK when set. True when posted.

    A webhook that cannot be reached is logged, never raised: the report must not fail too.
    """
    log = log or logger
    log.error(report.text)
    url = os.environ.get(WEBHOOK_ENV, "").strip()
    if not url:
        return False
    request = urllib.request.Request(
        url,
        data=json.dumps(report.payload(), ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except OSError as exc:
        log.error(f"The failure webhook {url} could not be reached: {exc}")
        return False
    return True
