"""Scanned pages read by OCR (extract/ocr) through the same table parsers as a text layer.

OCR costs seconds a page: these tests read a handful of pages in all. The sample corpus's
scanned_budget.pdf (its truth known) is read through the real extractor here and loaded by the
session's real load (tests/conftest.py sample_warehouse); a real Shanghai budget has two of its
table pages swapped for their images, and what OCR reads there is compared with what the text
layer gives for the same pages.
"""

from __future__ import annotations

import io
from collections import Counter

import duckdb
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract import extract_document
from extract import model as m
from extract.ocr.normalise import normalise
from tests.paths import shared_path

SCANNED = "scanned_budget.pdf"


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("21, 601,733.00", "21,601,733.00"),
        ("881, 803. 00", "881,803.00"),
        ("293, 810, 000. 00", "293,810,000.00"),
        ("157.44 157.44", "157.44 157.44"),  # two cells in one box keep their space
        ("一般公共预算收人", "一般公共预算收入"),
        ("文支预算总表", "收支预算总表"),
        ("-般公共预算支出预算表（功能科目）", "一般公共预算支出预算表（功能科目）"),
        ("１，２３４．５０", "1,234.50"),
        ("1，234.50", "1,234.50"),
        ("三", "三、"),  # an ordinal read apart from its label, its 、 lost
        ("十一", "十一、"),
        ("一一", "一一"),  # no number: 一. misread, resolved by the class name after it
        ("三公经费", "三公经费"),
        ("+七、自然资源海洋气象等支出", "十七、自然资源海洋气象等支出"),
        ("+ 1,234.50", "+ 1,234.50"),
        ("、财政拨款", "一、财政拨款"),  # the ordinal's 一 left out of the box
        ("一、财政拨款", "一、财政拨款"),
    ],
)
def test_typical_misreads_are_undone(read, printed):
    assert normalise(read) == printed


def _key(line: m.BudgetLine) -> tuple:
    return (line.table_kind, line.code, line.line_key, line.measure, line.amount_yuan)


@pytest.fixture(scope="module")
def scanned_extraction(sample_extractions):
    return sample_extractions[SCANNED]


def test_scanned_sample_loads_with_its_printed_numbers(scanned_extraction):
    truth, ex = scanned_extraction
    assert ex.status == "loaded", ex.status_reason
    assert ex.text_source == m.OCR and ex.ocr_pages
    assert (ex.facts.fiscal_year, ex.facts.department_name) == (truth.fiscal_year, truth.department_name)
    expected = {_key(line) for line in truth.lines}
    got = {_key(line) for line in ex.lines if line.table_kind in truth.truth_kinds}
    # The scan is a poor one (150 dpi, skewed 2°, grainy, JPEG 50: budget_etl.sample.bad_inputs).
    # Measured 485 of 485 (457 of 462 before boxes stopped at the cell border they overhang: 3
    # amounts of 收入总表 fell into the next column). A misread that comes back must be flagged, never
    # silent: tests/pipeline/test_load_sample.py holds that.
    assert len(expected & got) >= 0.99 * len(expected), (sorted(expected - got)[:10], sorted(got - expected)[:10])
    amounts = Counter((line.table_kind, line.amount_yuan) for line in truth.lines)
    read = Counter((line.table_kind, line.amount_yuan) for line in ex.lines if line.table_kind in truth.truth_kinds)
    assert sum((amounts - read).values()) <= 0.01 * len(truth.lines), amounts - read
    assert all(line.text_source == m.OCR and 0 < line.ocr_confidence <= 1 for line in ex.lines)


def test_scanned_sample_in_the_warehouse(sample_warehouse, sample_corpus):
    warehouse, _ = sample_warehouse
    truth = next(d for d in sample_corpus[1] if d.file_name == SCANNED)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status, source, pages = con.execute(
            "select status, text_source, ocr_pages from marts.dim_document where source_file = ?", [SCANNED]
        ).fetchone()
        rows = con.execute(
            "select l.text_source, l.ocr_confidence, l.amount_yuan from marts.fct_budget_line l "
            "join marts.dim_document d using (document_id) where d.source_file = ?",
            [SCANNED],
        ).fetchall()
        others = con.execute(
            "select count(*) from marts.fct_budget_line l join marts.dim_document d using (document_id) "
            "where d.source_file <> ? and (l.text_source <> 'text_layer' or l.ocr_confidence is not null)",
            [SCANNED],
        ).fetchone()[0]
    assert (status, source) == ("loaded", "ocr") and pages
    assert rows and {r[0] for r in rows} == {"ocr"} and all(r[1] is not None for r in rows)
    assert sum(r[2] for r in rows) >= sum(line.amount_yuan for line in truth.lines)
    assert others == 0


def _image_page(document: pdfium.PdfDocument, index: int) -> pdfium.PdfDocument:
    """Page ``index`` as a 200 dpi grey image in a PDF of its own: a scan of that page."""
    page = document[index]
    width, _height = page.get_size()
    bitmap = page.render(scale=200 / 72, grayscale=True)
    image = bitmap.to_pil().convert("L")
    page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=200)
    scan = pdfium.PdfDocument(buffer.getvalue())
    assert abs(scan[0].get_size()[0] - width) < 1
    return scan


def test_real_budget_with_scanned_table_pages(tmp_path):
    """Two table pages of a real budget scanned, the rest born-digital: the coded lines OCR
    reads on them are those the text layer gives."""
    source = shared_path("corpus", "real", "shpt_commerce_2025_dept_budget.pdf")
    digital = extract_document(source)
    assert digital.status == "loaded"
    coded = [
        ln for ln in digital.lines if ln.code and ln.table_kind in (m.EXPENDITURE_SUMMARY, m.GENERAL_PUBLIC_EXPENDITURE)
    ]
    pages = sorted({ln.source_page for ln in coded})[:2]
    original = pdfium.PdfDocument(source)
    mixed = pdfium.PdfDocument.new()
    for index in range(len(original)):
        if index + 1 in pages:
            mixed.import_pages(_image_page(original, index))
        else:
            mixed.import_pages(original, [index])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    # 3 s is less than two pages of OCR take: the limit grows by OCR_SECONDS_PER_PAGE for each.
    ex = extract_document(path, timeout_s=3)
    assert ex.status == "loaded", ex.status_reason
    assert (ex.text_source, ex.ocr_pages) == (m.MIXED, pages)
    expected = {_key(ln) for ln in coded if ln.source_page in pages}
    got = {_key(ln) for ln in ex.lines if ln.source_page in pages and ln.code}
    assert len(expected) > 20
    assert got == expected, (sorted(expected - got)[:10], sorted(got - expected)[:10])
    assert all(ln.text_source == m.OCR for ln in ex.lines if ln.source_page in pages)
    assert all(ln.text_source == m.TEXT_LAYER for ln in ex.lines if ln.source_page not in pages)


def test_ocr_page_limit(tmp_path):
    document = pdfium.PdfDocument.new()
    for _ in range(3):
        document.import_pages(_blank_scan())
    path = tmp_path / "scan.pdf"
    document.save(str(path))
    ex = extract_document(path, max_ocr_pages=2)
    assert (ex.status, ex.reject_kind) == ("rejected", "too_large")
    assert ex.status_reason == "3 pages have no text layer and need OCR, more than the limit of 2."


def _blank_scan() -> pdfium.PdfDocument:
    buffer = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buffer, format="PDF", resolution=24)
    return pdfium.PdfDocument(buffer.getvalue())
