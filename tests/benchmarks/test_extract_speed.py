"""benchmarks/extract_speed.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark


def test_the_extraction_benchmark_times_each_pdf_against_the_floor(sample_corpus):
    landing, documents = sample_corpus
    # The shortest loaded document: the script reads it three times (floor, extraction, memory).
    shortest = min((d for d in documents if d.expect == "loaded"), key=lambda d: (d.page_count or 0, d.file_name))
    loaded = [landing / shortest.file_name]
    out = run_benchmark("extract_speed.py", *map(str, loaded))
    for pdf in loaded:
        row = re.search(
            rf"^{re.escape(pdf.name[:58])}\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+loaded$",
            out,
            re.M,
        )
        assert row and int(row[1]) > 0 and float(row[3]) > 0 and 0 < float(row[5]) < 600, out
    total = re.search(r"Extractor cost = ([\d.]+) x the pdfplumber floor", out)
    assert total and float(total[1]) > 0, out
