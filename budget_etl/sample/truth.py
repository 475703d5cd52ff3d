"""What each file of the corpus is: its expected outcome and every amount it prints, exact.

``truth.json`` holds the same information for people and other tools: amounts as strings in
元 with two decimals, one object per file, in the order the files were written.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from extract.model import BudgetLine, TableFound

LOADED, REJECTED = "loaded", "rejected"


@dataclass
class PerformanceProject:
    """A 项目支出绩效目标表's amounts (in 元), which are not budget lines."""

    name: str
    current_budget_yuan: Decimal  # 项目当年预算
    total_budget_yuan: Decimal  # 项目总预算


@dataclass
class ExpectedFailure:
    """A check the warehouse must report as failed (a row of marts.fct_identity_check with
    passed = false): its identity, table_kind, subject, and diff_yuan = lhs - rhs."""

    identity: str
    table_kind: str
    subject: str
    diff_yuan: Decimal


@dataclass
class SampleDocument:
    file_name: str
    expect: str  # loaded | rejected
    reject_kind: str | None = None  # one of extract.model.REJECT_KINDS when rejected
    department_name: str | None = None
    fiscal_year: int | None = None
    document_kind: str | None = None  # budget | final_account
    unit: str | None = None  # of the standard tables: 万元 | 元
    # The catalogued identities its deliberate error breaks, the targeted one first (computed
    # by budget_etl.sample.identities from the printed lines), and every failed check they report.
    broken: list[str] = field(default_factory=list)
    expected_failures: list[ExpectedFailure] = field(default_factory=list)
    # The review rules (review_rule_catalog) its deliberate layout fault breaks; each must be all
    # marts.fct_review_finding reports for it.
    review_rules: list[str] = field(default_factory=list)
    # The narrative totals (extract.narrative keys) its deliberate fault misstates; each must be
    # all marts.fct_narrative_check fails for it.
    narrative_failures: list[str] = field(default_factory=list)
    lines: list[BudgetLine] = field(default_factory=list)  # every amount printed in a truth_kinds table
    tables: list[TableFound] = field(default_factory=list)
    page_count: int | None = None
    authorized_staff: int | None = None  # 编制人数
    actual_staff: int | None = None  # 在职实有人数
    # Table kinds whose every printed amount is in ``lines``. The others (绩效目标表) are printed
    # but not itemised.
    truth_kinds: list[str] = field(default_factory=list)
    performance_projects: list[PerformanceProject] = field(default_factory=list)
    # The totals its narrative restates, by extract.narrative.NARRATIVE_KEYS key, in 元 as
    # printed (万元 rounded half-up, times 10,000): the first statement of each.
    narrative_totals: dict[str, Decimal] = field(default_factory=dict)
    presentation: dict[str, object] = field(default_factory=dict)  # the layout choices (Style)
    notes: str = ""
    text_source: str = "text_layer"  # as extract.model: "ocr" for the scanned copy


def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {value!r}")


def write_truth(path: Path, documents: list[SampleDocument]) -> None:
    data = [dataclasses.asdict(d) for d in documents]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=_encode) + "\n", encoding="utf-8")


def read_truth(path: Path) -> list[SampleDocument]:
    """The documents of a ``truth.json``, with Decimal amounts and the record types of extract.model."""
    documents = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        item["expected_failures"] = [
            ExpectedFailure(**{**f, "diff_yuan": Decimal(f["diff_yuan"])}) for f in item.get("expected_failures", [])
        ]
        item["lines"] = [BudgetLine(**{**ln, "amount_yuan": Decimal(ln["amount_yuan"])}) for ln in item["lines"]]
        item["tables"] = [TableFound(**{**t, "pages": tuple(t["pages"])}) for t in item["tables"]]
        item["performance_projects"] = [
            PerformanceProject(p["name"], Decimal(p["current_budget_yuan"]), Decimal(p["total_budget_yuan"]))
            for p in item["performance_projects"]
        ]
        item["narrative_totals"] = {k: Decimal(v) for k, v in item.get("narrative_totals", {}).items()}
        documents.append(SampleDocument(**item))
    return documents
