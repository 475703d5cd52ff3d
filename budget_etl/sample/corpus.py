"""Writes the sample corpus: the seed, the fixed fictional departments, any number of synthetic
ones, and the bad inputs, with ``truth.json`` describing them all."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path

from budget_etl.sample import bad_inputs, identities, seed, series
from budget_etl.sample.builder import DepartmentPlan, build
from budget_etl.sample.departments import COMBINATIONS, FIXED, synthetic
from budget_etl.sample.document import Disclosure, Rendered, render
from budget_etl.sample.narrative import compose, compose_final_account
from budget_etl.sample.truth import (
    LOADED,
    REJECTED,
    ExpectedFailure,
    PerformanceProject,
    SampleDocument,
    write_truth,
)

# The bad inputs are made from the last synthetic departments, which only a corpus of thousands reaches.
BAD_INPUT_BASE = COMBINATIONS - 2
ROW_SUM = identities.EXPENDITURE_SUMMARY_ROW_SUM  # 合计 = 基本 + 项目 + ... per row of 支出预算总表
SEED_NOTES = (
    "Printed figures carry the publisher's rounding: in 支出预算总表 the 类 rows add up to 2,120.20 / 231.70 "
    "against the printed 合计 2,120.19 / 231.69; in 基本支出表 Σ301xx = 213.83 vs 213.81 and Σ302xx = 17.89 vs "
    "17.88; in 收支预算总表 the function 类 add up to 2,120.20. All within 0.005 万元 per printed term. "
    "表2 prints no amount on 一.财政拨款（补助）."
)


def write_sample_corpus(out_dir: Path, departments: int = 0, series: bool = False) -> list[SampleDocument]:
    """Write the corpus PDFs and truth.json into ``out_dir``; ``departments`` adds that many
    synthetic departments, ``series`` the budgets of earlier years and the final accounts of
    budget_etl.sample.series. The same call writes the same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = []
    for disclosure in disclosures(departments, series):
        rendered = render(disclosure)
        (out_dir / disclosure.file_name).write_bytes(rendered.pdf)
        documents.append(sample_document(disclosure, rendered))
    documents.append(scanned_document(out_dir))
    for file_name, pdf, reject_kind, pages, notes in _bad_inputs():
        (out_dir / file_name).write_bytes(pdf)
        documents.append(SampleDocument(file_name, REJECTED, reject_kind, page_count=pages, notes=notes))
    write_truth(out_dir / "truth.json", documents)
    return documents


def disclosures(departments: int = 0, with_series: bool = False) -> Iterator[Disclosure]:
    yield Disclosure(seed.FILE_NAME, seed.BUDGET, seed.NARRATIVE, seed.STYLE)
    for plan in FIXED:
        yield _disclosure(plan)
    for index in range(departments):
        yield _disclosure(synthetic(index))
    if with_series:
        yield from map(_series_disclosure, series.documents())


def _series_disclosure(document: series.SeriesDocument) -> Disclosure:
    published = series.published(document)
    style = document.plan.style
    if published.document_kind == "final_account":
        # A 决算 prints no 绩效目标表, and a cover with the department's full name.
        style = dataclasses.replace(style, performance_tables=False, cover=True)
        narrative = compose_final_account(published, document.plan.duties)
    else:
        narrative = compose(published, document.plan.duties)
    return Disclosure(f"{document.file_stem}.pdf", published, narrative, style)


def _disclosure(plan: DepartmentPlan) -> Disclosure:
    budget = build(plan, random.Random(plan.key))
    broken = (ROW_SUM,) if plan.misprint else ()
    return Disclosure(f"{plan.key}.pdf", budget, compose(budget, plan.duties), plan.style, broken)


def sample_document(disclosure: Disclosure, rendered: Rendered, notes: str = "") -> SampleDocument:
    """The truth of a rendered disclosure that must load."""
    budget, style = disclosure.budget, disclosure.style
    presentation = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(style).items()}
    broken, expected = breakage(disclosure, rendered)
    return SampleDocument(
        file_name=disclosure.file_name,
        expect=LOADED,
        department_name=budget.department_name,
        fiscal_year=budget.fiscal_year,
        document_kind=budget.document_kind,
        unit=style.unit,
        broken=broken,
        expected_failures=expected,
        review_rules=list(disclosure.review_rules),
        narrative_failures=list(disclosure.narrative_failures),
        lines=rendered.lines,
        tables=rendered.tables,
        page_count=rendered.page_count,
        authorized_staff=budget.staffing.authorized,
        actual_staff=budget.staffing.actual,
        truth_kinds=sorted(rendered.truth_kinds),
        performance_projects=[
            PerformanceProject(p.name, p.current_budget, p.total_budget) for p in budget.project_sheets
        ]
        if style.performance_tables
        else [],
        narrative_totals=dict(disclosure.narrative.totals),
        presentation=presentation,
        notes=SEED_NOTES if disclosure.file_name == seed.FILE_NAME else notes,
    )


def breakage(disclosure: Disclosure, rendered: Rendered) -> tuple[list[str], list[ExpectedFailure]]:
    """What a deliberately broken document breaks, computed from what it prints: the catalogued
    identities that fail (those it targets first) and every failed check, in that order."""
    if not disclosure.broken:
        return [], []
    final_account = disclosure.budget.document_kind == "final_account"
    failed = identities.failures(rendered.lines, final_account=final_account)
    missed = sorted(set(disclosure.broken) - {c.identity for c in failed})
    if missed:
        raise ValueError(f"{disclosure.file_name}: its deliberate error does not break {missed}")
    broken = identities.broken(rendered.lines, first=disclosure.broken, final_account=final_account)
    failed.sort(key=lambda c: (broken.index(c.identity), c.table_kind, c.subject))
    return broken, [ExpectedFailure(c.identity, c.table_kind, c.subject, c.diff_yuan) for c in failed]


SCANNED = "scanned_budget.pdf"


def scanned_document(
    out_dir: Path, file_name: str = SCANNED, quality: bad_inputs.ScanQuality = bad_inputs.DEGRADED
) -> SampleDocument:
    """A disclosure printed and scanned: page images only, read by OCR. Its narrative pages are
    not OCR'd (only the cover and the ruled tables are): no narrative total, no staffing."""
    small = _disclosure(synthetic(BAD_INPUT_BASE + 1))
    small = dataclasses.replace(
        small, file_name=file_name, style=dataclasses.replace(small.style, performance_tables=False)
    )
    rendered = render(small)
    pdf, _pages = bad_inputs.scanned(rendered.pdf, quality)
    (out_dir / file_name).write_bytes(pdf)
    document = sample_document(
        small,
        rendered,
        notes=f"Grey page images only, like a {quality.dpi} dpi scan skewed "
        f"{quality.skew_degrees}°; no text layer: read by OCR.",
    )
    return dataclasses.replace(
        document, narrative_totals={}, authorized_staff=None, actual_staff=None, text_source="ocr"
    )


def _bad_inputs() -> Iterator[tuple[str, bytes, str, int | None, str]]:
    """(file name, bytes, reject_kind, page count, notes) of each bad input."""
    base = _disclosure(synthetic(BAD_INPUT_BASE))
    whole = render(base).pdf
    pdf, pages = bad_inputs.encrypted(base)
    yield (
        "encrypted_budget.pdf",
        pdf,
        "encrypted",
        pages,
        f"RC4-128, user password {bad_inputs.PASSWORD}; a valid disclosure underneath.",
    )
    yield (
        "truncated_budget.pdf",
        bad_inputs.truncated(whole),
        "corrupt",
        None,
        f"The first {len(whole) // 2} of {len(whole)} bytes of a valid disclosure.",
    )
    yield ("empty.pdf", bad_inputs.empty(), "empty_file", None, "Zero bytes.")
    pdf, pages = bad_inputs.meeting_notice()
    yield ("meeting_notice_2023.pdf", pdf, "not_budget", pages, "A 会议通知: readable text, no budget tables.")
