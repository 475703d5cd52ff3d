"""benchmarks/fuzz_extract.py at a smoke size, run as a user runs it, so that it never rots
(tests/extract/test_extract_hostile_pdfs.py runs its fuzzing at length, through the function)."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark


def test_the_fuzzing_benchmark_mutates_a_pdf_and_counts_the_outcomes(sample_corpus):
    landing, documents = sample_corpus
    pdf = landing / next(d.file_name for d in documents if d.expect == "loaded")
    out = run_benchmark("fuzz_extract.py", str(pdf), "--count", "4", "--seed", "17")
    assert re.search(r"^4 mutants of 1 PDF\(s\) in \d+ s \([\d.]+ s each\)$", out, re.M), out
    outcomes = re.findall(r"^  (flip|truncate|duplicate|xref)\s+(loaded_\w+|rejected:\w+)\s+(\d+)$", out, re.M)
    assert sum(int(n) for *_, n in outcomes) == 4, out
    assert "TRACEBACK" not in out
    assert re.search(r"^\d+ mutant\(s\) loaded with lines other than their original's; \d+ flagged", out, re.M)
