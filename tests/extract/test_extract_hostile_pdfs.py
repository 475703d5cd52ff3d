"""PDF bombs and mutated real PDFs: the extractor answers each with a result, within its limits
of time and memory, and never with a traceback.

Each bomb is extracted in a process of its own, whose peak memory (VmHWM) is measured.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from itertools import islice

import pytest
from pdfminer.pdfpage import PDFPage

from benchmarks.fuzz_extract import DIFFERENT, flagged, fuzz
from extract import extract_document
from tests.extract.bombs import BOMBS
from tests.paths import REPO, shared_path

PEAK_MIB = 600  # a real disclosure peaks at 10-47 MiB over the interpreter's ~150


MEASURE = """
import json, re, sys, time
from pathlib import Path
from extract import extract_document
started = time.perf_counter()
e = extract_document(sys.argv[1], timeout_s=60)
# VmHWM is this process's own peak: ru_maxrss would carry over the forking pytest's.
peak_kib = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"status": e.status, "kind": e.reject_kind, "reason": e.status_reason,
                  "seconds": time.perf_counter() - started, "peak_mib": peak_kib / 1024}))
"""


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_pdf_bomb_is_rejected_within_the_limits(bomb, tmp_path):
    make, kinds = BOMBS[bomb]
    path = tmp_path / f"{bomb}.pdf"
    make(path)
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["status"] == "rejected" and result["kind"] in kinds, result
    assert result["peak_mib"] < PEAK_MIB, result
    assert time.monotonic() - started < 120, result  # the 60 s limit, with room for the interpreter


def test_mutated_real_pdfs_load_right_or_not_at_all(tmp_path):
    """A fixed-seed sample of the fuzzing benchmarks/fuzz_extract.py runs at length: each mutant
    is loaded or rejected with a reason, never a traceback, and one that loads with lines other
    than its original's (fewer: a page lost; or changed) is flagged in the warehouse by
    something its original is not flagged by."""
    sources = [
        shared_path("corpus", "real", name)
        for name in (
            "shpt_finance_bureau_2025_dept_budget.pdf",
            "js_npc_office_2018_budget.pdf",
            "shpt_finance_bureau_2024_final.pdf",
        )
    ]
    # A mutant whose font map a flip garbled is read by OCR, every page (up to 60 a mutant took
    # CI's time from 1 to 10 minutes); two pages bound it: such a mutant is then rejected
    # too_large, a reason like any other, and extract/test_extract_redistilled.py reads
    # garbled text layers right.
    outcomes = fuzz(sources, count=200, seed=17, out_dir=tmp_path / "mutants", max_ocr_pages=2)
    assert len(outcomes) == 200
    tracebacks = [
        (o.source, o.kind, o.detail) for o in outcomes if o.status in ("traceback", "rejected:extractor_error")
    ]
    assert tracebacks == []
    assert all(o.status.startswith(("loaded_", "rejected:")) for o in outcomes)
    # Documents with a page whose content breaks off are rejected (mutants of this sample
    # loaded without a damaged page's rows before), and so are table pages with unmapped
    # glyphs (3 loaded garbled labels and moved amounts unflagged before).
    different = {o.path: o.original for o in outcomes if o.status in DIFFERENT and o.path and o.original}
    if different:
        assert flagged(different, tmp_path / "warehouses") == {p.name for p in different}
    damaged = [o for o in outcomes if o.status == "rejected:corrupt" and "cannot be read whole" in o.detail]
    assert damaged, "no mutant with a damaged page: the sample no longer tests the rule"


def _cut_content_of_page(pdf: bytes, page: int) -> bytes:
    """``pdf`` with the compressed content of page ``page`` zeroed from half-way, its length kept:
    what a download cut short or a bad sector leaves."""
    with io.BytesIO(pdf) as f:
        raw = next(islice(PDFPage.get_pages(f), page - 1, None)).contents[0].rawdata
    half = len(raw) // 2
    start = pdf.index(raw) + half
    return pdf[:start] + bytes(len(raw) - half) + pdf[start + len(raw) - half :]


def test_a_page_whose_content_breaks_off_rejects_its_document_naming_it(tmp_path):
    """Both readers go on quietly past a content stream that breaks off, with what they could
    inflate of it: this document loaded with 223 of its 241 lines until then, those printed in
    the lost half of page 10 missing, and nothing said so."""
    source = shared_path("corpus", "real", "shpt_finance_bureau_2025_dept_budget.pdf")
    damaged = tmp_path / source.name
    damaged.write_bytes(_cut_content_of_page(source.read_bytes(), 10))
    extraction = extract_document(damaged)
    assert (extraction.status, extraction.reject_kind) == ("rejected", "corrupt")
    assert extraction.status_reason == (
        "The PDF is truncated or damaged: page 10 cannot be read whole (its content breaks off)."
    )
