"""Layout robustness: the same document turned by /Rotate reads the same."""

from __future__ import annotations

from collections import Counter

import pypdfium2 as pdfium
import pytest

from extract import extract_document
from tests.paths import shared_path

OFFICE_PDF = "2021年涧西区应急管理局部门预算公开.pdf"


def _key(line) -> tuple:
    return (line.table_kind, line.classification, line.code, line.line_key, line.measure, line.amount_yuan)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_pages_read_upright(tmp_path, degrees, office_extractions):
    source = shared_path("corpus", "office", "pdf", OFFICE_PDF)
    pdf = pdfium.PdfDocument(source)
    for i in range(len(pdf)):
        pdf[i].set_rotation(degrees)
    turned = tmp_path / f"turned_{degrees}.pdf"
    pdf.save(str(turned))
    pdf.close()
    ex = extract_document(turned)
    original = office_extractions[OFFICE_PDF]
    assert ex.status == "loaded"
    assert Counter(map(_key, ex.lines)) == Counter(map(_key, original.lines))
