"""benchmarks/ocr_scans.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark
from tests.paths import shared_path


def test_the_ocr_benchmark_scans_reads_loads_and_counts_every_wrong_number(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    # One born-digital sample with one page scanned: a few seconds of OCR and one load.
    seed = next(d for d in documents if d.expect == "loaded" and d.text_source == "text_layer" and d.page_count)
    out = run_benchmark(
        "ocr_scans.py",
        "--dpi",
        "200",
        "--pages",
        "1",
        "--workdir",
        str(tmp_path / "work"),
        str(landing / seed.file_name),
        timeout=600,
    )
    speed = re.search(r"^200 dpi: (\d+) pages read by OCR in \d+ s on 2 processes = ([\d.]+) s per page", out, re.M)
    assert speed and int(speed[1]) == 1 and float(speed[2]) > 0, out
    row = re.search(
        rf"^{re.escape(seed.file_name[:-4])}\.scan200\.pdf\s+200 loaded\s+1\s+\d+\s+(\d+)/(\d+)\s", out, re.M
    )
    assert row and 0 < int(row[1]) <= int(row[2]), out
    total = re.search(
        r"^200 dpi: (\d+) of (\d+) coded lines exact .*; (\d+) wrong, (\d+) of them flagged, 0 silent", out, re.M
    )
    assert total and total[1] == row[1] and total[2] == row[2] and total[3] == total[4], out


def test_the_redistill_benchmark_copies_reads_and_compares(tmp_path):
    # A real tables file whose Ghostscript copy prints mojibake: 12 pages read by OCR. (A copy of
    # a sample PDF is no use: Ghostscript breaks the sample font's glyphs themselves.)
    source = shared_path("corpus", "real", "js_cppcc_office_2019_budget_tables.pdf")
    out = run_benchmark("ocr_scans.py", "--redistill", "--workdir", str(tmp_path / "work"), str(source), timeout=600)
    row = re.search(rf"^{re.escape(source.stem)}\.gs\.pdf\s+gs loaded\s+(\d+)\s+\d+\s+(\d+)/(\d+)\s", out, re.M)
    assert row and int(row[1]) > 0 and 0 < int(row[2]) <= int(row[3]), out
    total = re.search(
        r"^gs pdfwrite: (\d+) of (\d+) coded lines exact .*; (\d+) wrong, (\d+) of them flagged", out, re.M
    )
    assert total and total[1] == row[2] and total[2] == row[3] and total[3] == total[4], out
