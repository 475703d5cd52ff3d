"""Per-document accuracy of the whole pipeline on ../shared/corpus (real and office-made PDFs) and
the generated sample corpus.

Loads them through `budget-etl load` into a warehouse (extractions are cached beside it, so a
rerun is quick) and prints, per document: its status, the tables found, the lines loaded, the
identities that agree, and, where a truth file exists (office/truth.json, the sample's own), the
lines and the performance projects reproduced exactly; then the totals the narrative restates
and how many agree with the table cell they restate (marts.fct_narrative_check). The README's
"Accuracy" section keeps its output.

    python scripts/accuracy_report.py [--warehouse FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from budget_etl.load import run_load  # noqa: E402
from budget_etl.sample import SampleDocument, write_sample_corpus  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
DEFAULT_WAREHOUSE = REPO / "warehouse" / "accuracy.duckdb"
SHORT = {
    "revenue_expenditure_summary": "收支",
    "revenue_summary": "收入",
    "expenditure_summary": "支出",
    "fiscal_grant_summary": "财拨",
    "general_public_expenditure": "一般",
    "general_public_basic_expenditure": "基本",
    "government_fund_expenditure": "基金",
    "three_public_expenses": "三公",
    "state_capital_expenditure": "国资",
    "performance_targets": "绩效",
    "office_operating_expenditure": "机关",
}


class Line(NamedTuple):
    table_kind: str
    code: str | None
    line_key: str | None
    measure: str
    amount_yuan: Decimal


@dataclass
class Truth:
    expect: str  # loaded | rejected
    lines: Counter[Line]
    kinds: set[str]  # the table kinds whose every line is in ``lines``
    projects: Counter[tuple[str, Decimal, Decimal]]  # (name, 项目当年预算, 项目总预算)


def office_truth(entry: dict) -> Truth:
    lines = Counter(
        Line(ln["table_kind"], ln["code"], ln["line_key"], ln["measure"], Decimal(ln["amount_yuan"]))
        for ln in entry["lines"]
    )
    for kind, measures in (entry.get("table_totals") or {}).items():
        for measure, amount in measures.items():
            lines[Line(kind, None, "total", measure, Decimal(amount))] += 1
    projects = Counter(
        (p["name"], Decimal(p["current_year_budget_yuan"]), Decimal(p["total_budget_yuan"]))
        for p in entry.get("performance_projects") or []
    )
    return Truth(entry["expect"], lines, {ln.table_kind for ln in lines}, projects)


def sample_truth(doc: SampleDocument) -> Truth:
    lines = Counter(Line(ln.table_kind, ln.code, ln.line_key, ln.measure, ln.amount_yuan) for ln in doc.lines)
    projects = Counter((p.name, p.current_budget_yuan, p.total_budget_yuan) for p in doc.performance_projects)
    return Truth(doc.expect, lines, set(doc.truth_kinds), projects)


def exact(expected: Counter, got: Counter) -> tuple[int, int]:
    return sum((expected & got).values()), sum(expected.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        default=str(DEFAULT_WAREHOUSE),
        help=f"warehouse file to build, its extraction cache beside it (default {DEFAULT_WAREHOUSE})",
    )
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to report on")

    warehouse = Path(args.warehouse)
    with tempfile.TemporaryDirectory() as tmp:
        landing, sample = Path(tmp) / "landing", Path(tmp) / "sample"
        landing.mkdir()
        # The same call writes the same bytes, so the sample's extractions stay cached too.
        sample_documents = write_sample_corpus(sample)
        corpora = {"real": SHARED / "real", "office": SHARED / "office" / "pdf", "sample": sample}
        corpus_of = {}
        for corpus, folder in corpora.items():
            for pdf in sorted(folder.glob("*.pdf")):
                # A hard link: the landing refuses symbolic links pointing outside it.
                try:
                    os.link(pdf, landing / pdf.name)
                except OSError:  # another file system
                    shutil.copyfile(pdf, landing / pdf.name)
                corpus_of[pdf.name] = corpus
        summary = run_load(landing, warehouse)
        if not summary.run_succeeded:
            sys.exit(f"the load failed: {summary.failure}")

    office = json.loads((SHARED / "office" / "truth.json").read_text(encoding="utf-8"))
    truth = {e["file"]: office_truth(e) for e in office}
    truth |= {d.file_name: sample_truth(d) for d in sample_documents}
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = con.execute(
        "select document_id, source_file, status, reject_kind, page_count "
        "from marts.dim_document where status <> 'removed'"
    ).fetchall()
    docs.sort(key=lambda doc: (list(corpora).index(corpus_of[doc[1]]), doc[1]))
    lines_of: dict[str, list[Line]] = defaultdict(list)
    for document_id, *line in con.execute(
        "select document_id, table_kind, code, line_key, measure, amount_yuan from marts.fct_budget_line"
    ).fetchall():
        lines_of[document_id].append(Line(*line))
    # (name, 项目当年预算, 项目总预算) per 项目支出绩效目标表. Both figures of a form are read from
    # one row, so the page tells apart two forms of the same name.
    projects_of: dict[str, list[tuple[str, Decimal | None, Decimal | None]]] = defaultdict(list)
    for document_id, *project in con.execute(
        "select document_id, line_label,"
        " max(amount_yuan) filter (where line_key = 'project_current_year_budget'),"
        " max(amount_yuan) filter (where line_key = 'project_total_budget')"
        " from marts.fct_budget_line where table_kind = 'performance_targets'"
        " and line_key in ('project_current_year_budget', 'project_total_budget')"
        " group by document_id, line_label, source_page"
    ).fetchall():
        projects_of[document_id].append(tuple(project))
    # (read, checked, agreeing) per document: checked where the disclosure prints the cell.
    narrative_of = {
        document_id: counts
        for document_id, *counts in con.execute(
            "select document_id, count(*), count(passed), count(*) filter (where passed)"
            " from marts.fct_narrative_check group by document_id"
        ).fetchall()
    }
    disagreeing = con.execute(
        "select d.source_file, n.total_key, n.phrase, n.source_page, n.table_yuan"
        " from marts.fct_narrative_check n join marts.dim_document d using (document_id)"
        " where not n.passed order by d.source_file, n.total_key"
    ).fetchall()

    print(
        "| document | pages | status | tables found | lines | identities agreeing | exact vs truth "
        "| performance projects (exact vs truth) | narrative totals (agreeing/checked) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    totals: Counter[str] = Counter()
    for document_id, name, status, reject_kind, pages in docs:
        tables = [
            r[0]
            for r in con.execute(
                "select table_kind from raw.tables_found where document_id = ? order by table_kind", [document_id]
            ).fetchall()
        ]
        lines = lines_of[document_id]
        passed, evaluated = con.execute(  # type: ignore[misc]  # an aggregate returns one row
            "select count(*) filter (where passed), count(*) from marts.fct_identity_check where document_id = ?",
            [document_id],
        ).fetchone()
        found_projects = projects_of[document_id]
        exact_lines, projects, narrative = "-", "-", "-"
        doc_truth = truth.get(name)
        if status == "loaded":
            projects = str(len(found_projects))
            if doc_truth:
                got = Counter(ln for ln in lines if ln.table_kind in doc_truth.kinds)
                matched, expected = exact(doc_truth.lines, got)
                exact_lines = f"{matched}/{expected}"
                totals["truth_matched"] += matched
                totals["truth_lines"] += expected
                matched, expected = exact(doc_truth.projects, Counter(found_projects))
                projects += f" ({matched}/{expected})"
                totals["projects_matched"] += matched
                totals["truth_projects"] += expected
            read, checked, agreeing = narrative_of.get(document_id, (0, 0, 0))
            narrative = f"{read} ({agreeing}/{checked})"
            totals["narrative"] += read
            totals["narrative_checked"] += checked
            totals["narrative_agreeing"] += agreeing
        elif doc_truth:
            exact_lines = "rejected as expected" if doc_truth.expect == "rejected" else "REJECTED"
        totals["identities"] += evaluated
        totals["identities_passed"] += passed
        shown = f"rejected ({reject_kind})" if status == "rejected" else status
        found = " ".join(SHORT.get(t, t) + (f"×{n}" if n > 1 else "") for t, n in Counter(tables).items())
        print(
            f"| {corpus_of[name]}/{name} | {pages or '-'} | {shown} | {found} | {len(lines)} "
            f"| {passed}/{evaluated} | {exact_lines} | {projects} | {narrative} |"
        )
    con.close()
    print(
        f"\nIdentities agreeing: {totals['identities_passed']}/{totals['identities']}; "
        f"truth lines reproduced exactly: {totals['truth_matched']}/{totals['truth_lines']}; "
        f"truth performance projects reproduced exactly: {totals['projects_matched']}/{totals['truth_projects']}; "
        f"narrative totals agreeing with their table cell: {totals['narrative_agreeing']}/"
        f"{totals['narrative_checked']} ({totals['narrative']} read, "
        f"{totals['narrative'] - totals['narrative_checked']} with no table cell to check)."
    )
    if disagreeing:
        print("\nNarrative totals their table cell contradicts:\n")
        for name, key, phrase, page, figure in disagreeing:
            print(f'- {corpus_of[name]}/{name}: {key}, "{phrase}" (p.{page}) vs {figure:,.2f} 元 in the table')


if __name__ == "__main__":
    main()
