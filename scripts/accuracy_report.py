"""Per-document accuracy of the whole pipeline on ../shared/corpus (real and office-made PDFs).

Loads the corpus through `budget-etl load` into a warehouse (extractions are cached, so a
rerun is quick) and prints, per document: its status, the tables found, the lines loaded,
the identities that agree, and, where a truth file exists, the coded lines reproduced
exactly. The README's "Accuracy" section keeps its output.

    python scripts/accuracy_report.py [--warehouse FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from budget_etl.load import run_load  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
SHORT = {
    "revenue_expenditure_summary": "收支", "revenue_summary": "收入", "expenditure_summary": "支出",
    "fiscal_grant_summary": "财拨", "general_public_expenditure": "一般", "general_public_basic_expenditure": "基本",
    "government_fund_expenditure": "基金", "three_public_expenses": "三公", "state_capital_expenditure": "国资",
    "performance_targets": "绩效",
}


def truth_lines(entry: dict) -> Counter:
    lines = Counter(
        (ln["table_kind"], ln["code"], ln["line_key"], ln["measure"], Decimal(ln["amount_yuan"])) for ln in entry["lines"]
    )
    for kind, measures in (entry.get("table_totals") or {}).items():
        for measure, amount in measures.items():
            lines[(kind, None, "total", measure, Decimal(amount))] += 1
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", help="warehouse file to build (default: a temporary one)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to report on")

    with tempfile.TemporaryDirectory() as tmp:
        landing = Path(tmp) / "landing"
        landing.mkdir()
        for pdf in [*sorted((SHARED / "real").glob("*.pdf")), *sorted((SHARED / "office" / "pdf").glob("*.pdf"))]:
            (landing / pdf.name).symlink_to(pdf)
        warehouse = Path(args.warehouse) if args.warehouse else REPO / "warehouse" / "accuracy.duckdb"
        summary = run_load(landing, warehouse)
        if not summary.run_succeeded:
            sys.exit(f"the load failed: {summary.failure}")

    truth = {e["file"]: e for e in json.loads((SHARED / "office" / "truth.json").read_text(encoding="utf-8"))}
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = con.execute(
        "select document_id, source_file, status, reject_kind, page_count from marts.dim_document order by source_file"
    ).fetchall()
    print("| document | pages | status | tables found | lines | identities agreeing | exact vs truth |")
    print("|---|---|---|---|---|---|---|")
    totals = Counter()
    for document_id, name, status, reject_kind, pages in docs:
        tables = [r[0] for r in con.execute(
            "select table_kind from raw.tables_found where document_id = ? order by table_kind", [document_id]
        ).fetchall()]
        lines = con.execute(
            "select table_kind, code, line_key, measure, amount_yuan from marts.fct_budget_line where document_id = ?",
            [document_id],
        ).fetchall()
        passed, evaluated = con.execute(
            "select count(*) filter (where passed), count(*) from marts.fct_identity_check where document_id = ?",
            [document_id],
        ).fetchone()
        exact = "-"
        if name in truth and status == "loaded":
            expected = truth_lines(truth[name])
            kinds = {k[0] for k in expected}
            got = Counter(ln for ln in lines if ln[0] in kinds)
            matched = sum((expected & got).values())
            exact = f"{matched}/{sum(expected.values())}"
            totals["truth_lines"] += sum(expected.values())
            totals["truth_matched"] += matched
        elif name in truth:
            exact = "rejected as expected" if truth[name]["expect"] == "rejected" else "REJECTED"
        totals["identities"] += evaluated
        totals["identities_passed"] += passed
        shown = status if status == "loaded" else f"rejected ({reject_kind})"
        found = " ".join(SHORT.get(t, t) + (f"×{n}" if n > 1 else "") for t, n in Counter(tables).items())
        print(f"| {name} | {pages or '-'} | {shown} | {found} | {len(lines)} "
              f"| {passed}/{evaluated} | {exact} |")
    con.close()
    print(f"\nIdentities agreeing: {totals['identities_passed']}/{totals['identities']}; "
          f"office truth lines reproduced exactly: {totals['truth_matched']}/{totals['truth_lines']}.")


if __name__ == "__main__":
    main()
