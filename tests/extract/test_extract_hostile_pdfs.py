"""PDF bombs and mutated real PDFs: the extractor answers each with a result, within its limits
of time and memory, and never with a traceback.

Each bomb is extracted in a process of its own, whose peak memory (ru_maxrss) is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.fuzz_extract import fuzz
from tests.paths import REPO, shared_path

PEAK_MIB = 600  # a real disclosure peaks at 10-47 MiB over the interpreter's ~150


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def ten_thousand_pages(path: Path) -> None:
    pages = 10_000
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    path.write_bytes(_raw_pdf(objects))


def a_million_characters_on_a_table_page(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), pagesize=(14_400, 14_400))
    page.setFont("STSong-Light", 12)
    page.drawString(100, 14_350, "表1 收支预算总表")  # a title: the page would be laid out
    page.setFont("Helvetica", 6)
    for i in range(420):
        page.drawString(10, 14_300 - i * 34, "1234567890" * 240)
    page.showPage()
    page.save()


def deeply_nested_objects(path: Path) -> None:
    depth = 200_000
    nested = b"[" * depth + b"]" * depth
    path.write_bytes(_raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Nest " + nested + b" >>",
    ]))


def a_one_gigabyte_stream(path: Path) -> None:
    head = b"%PDF-1.4\n1 0 obj\n<< /Length 1073741824 >>\nstream\n"
    with open(path, "wb") as f:
        f.write(head)
    os.truncate(path, len(head) + 2**30)  # sparse: a gigabyte that costs no disk


BOMBS = {
    "ten_thousand_pages": (ten_thousand_pages, {"too_large"}),
    "a_million_characters_on_a_table_page": (a_million_characters_on_a_table_page, {"too_large"}),
    "deeply_nested_objects": (deeply_nested_objects, {"corrupt", "not_budget", "no_text_layer"}),
    "a_one_gigabyte_stream": (a_one_gigabyte_stream, {"too_large"}),
}
MEASURE = """
import json, resource, sys, time
from extract import extract_document
started = time.perf_counter()
e = extract_document(sys.argv[1], timeout_s=60)
print(json.dumps({"status": e.status, "kind": e.reject_kind, "reason": e.status_reason,
                  "seconds": time.perf_counter() - started,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_pdf_bomb_is_rejected_within_the_limits(bomb, tmp_path):
    make, kinds = BOMBS[bomb]
    path = tmp_path / f"{bomb}.pdf"
    make(path)
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["status"] == "rejected" and result["kind"] in kinds, result
    assert result["peak_mib"] < PEAK_MIB, result
    assert time.monotonic() - started < 120, result  # the 60 s limit, with room for the interpreter


def test_mutated_real_pdfs_never_raise(tmp_path):
    """A fixed-seed sample of the fuzzing benchmarks/fuzz_extract.py runs at length."""
    sources = [shared_path("corpus", "real", name) for name in
               ("shpt_finance_bureau_2025_dept_budget.pdf", "js_npc_office_2018_budget.pdf", "shpt_finance_bureau_2024_final.pdf")]
    outcomes = fuzz(sources, count=60, seed=17, out_dir=tmp_path)
    assert len(outcomes) == 60
    tracebacks = [(o.source, o.kind, o.detail) for o in outcomes if o.status in ("traceback", "rejected:extractor_error")]
    assert tracebacks == []
    assert all(o.status.startswith(("loaded", "rejected:")) for o in outcomes)
