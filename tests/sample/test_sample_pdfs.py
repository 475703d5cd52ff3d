"""The PDFs themselves: every truth amount is printed on its page, titles and continuation
pages are where the truth says, the layout variations are all there, the bad inputs are bad."""

from __future__ import annotations

import pdfplumber
import pytest
from pdfplumber.utils.exceptions import PdfminerException

from budget_etl.sample.money import printed


def loaded(documents):
    """The documents that load from their text layer (the scan's text is OCR's: tests/extract/test_extract_ocr.py)."""
    return [d for d in documents.values() if d.expect == "loaded" and d.text_source == "text_layer"]


def test_every_truth_amount_is_printed_on_its_page(corpus, page_texts):
    _, documents = corpus
    for document in loaded(documents):
        thousands = document.presentation["thousands"]
        texts = page_texts[document.file_name]
        for ln in document.lines:
            text = printed(ln.amount_yuan, ln.unit, thousands)
            assert text in texts[ln.source_page - 1], (document.file_name, ln)


def test_every_table_title_is_on_its_first_page_only(corpus, page_texts):
    _, documents = corpus
    for document in loaded(documents):
        texts = page_texts[document.file_name]
        for table in document.tables:
            first, *rest = table.pages
            assert table.title in texts[first - 1], (document.file_name, table.title)
            for page in rest:
                assert table.title not in texts[page - 1], (document.file_name, table.title, page)
            if table.empty_note:
                assert table.empty_note in texts[first - 1]


def test_a_long_expenditure_summary_continues_with_its_header_repeated(corpus, page_texts):
    _, documents = corpus
    long = [
        (d, t)
        for d in loaded(documents)
        for t in d.tables
        if t.table_kind == "expenditure_summary" and len(t.pages) > 1
    ]
    assert long
    for document, table in long:
        first, second = (page_texts[document.file_name][p - 1] for p in table.pages[:2])
        header = "基本支出"
        assert header in first and header in second
        pages = {ln.source_page for ln in document.lines if ln.table_kind == "expenditure_summary"}
        assert pages == set(table.pages)


def test_the_corpus_spreads_the_layout_variations(corpus):
    _, documents = corpus
    styles = [d.presentation for d in loaded(documents)]

    def values(key):
        return {str(s[key]) for s in styles}

    assert values("template") == {"hubei", "national"}
    assert values("numbering") == {"seed", "arabic", "chinese", "appendix"}
    assert values("unit") == {"万元", "元"}
    for flag in ("thousands", "zero_cells", "split_codes", "landscape", "number_inline", "title_with_department"):
        assert values(flag) == {"True", "False"}, flag
    orders = {tuple(s["order"]) for s in styles}
    assert any(o.index("three_public_expenses") < o.index("government_fund_expenditure") for o in orders)
    assert any(o.index("three_public_expenses") > o.index("government_fund_expenditure") for o in orders)
    funds = [d for d in loaded(documents) if any(ln.table_kind == "government_fund_expenditure" for ln in d.lines)]
    assert funds
    yuan = [d for d in loaded(documents) if d.unit == "元"]
    assert any(ln.amount_yuan % 100 for d in yuan for ln in d.lines)  # fen, not whole 万元


def test_zero_cells_print_zero_lines_and_blank_cells_none(corpus):
    _, documents = corpus
    for document in loaded(documents):
        zeros = [ln for ln in document.lines if not ln.amount_yuan]
        assert bool(zeros) == document.presentation["zero_cells"], document.file_name


def test_split_codes_are_printed_in_three_columns(corpus, page_texts):
    _, documents = corpus
    split = [d for d in loaded(documents) if d.presentation["split_codes"]]
    assert split
    for document in split:
        table = next(t for t in document.tables if t.table_kind == "expenditure_summary")
        text = page_texts[document.file_name][table.pages[0] - 1]
        item = next(
            ln.code for ln in document.lines if ln.table_kind == "expenditure_summary" and ln.code and len(ln.code) == 7
        )
        assert f"{item[:3]} {item[3:5]} {item[5:]}" in text
        assert item not in text


def test_encrypted_file_needs_its_password(corpus):
    folder, _ = corpus
    with pytest.raises(PdfminerException), pdfplumber.open(folder / "encrypted_budget.pdf") as pdf:
        pdf.pages[0].extract_text()
    with pdfplumber.open(folder / "encrypted_budget.pdf", password="budget2023") as pdf:
        assert len(pdf.pages) > 5


def test_truncated_file_does_not_parse(corpus):
    folder, _ = corpus
    data = (folder / "truncated_budget.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" not in data
    with pytest.raises(PdfminerException), pdfplumber.open(folder / "truncated_budget.pdf") as pdf:
        [page.extract_text() for page in pdf.pages]


def test_empty_file_is_empty(corpus):
    folder, _ = corpus
    assert (folder / "empty.pdf").stat().st_size == 0


def test_scanned_file_has_images_and_no_text(corpus):
    folder, documents = corpus
    with pdfplumber.open(folder / "scanned_budget.pdf") as pdf:
        assert len(pdf.pages) == documents["scanned_budget.pdf"].page_count > 1
        assert all(not page.chars and len(page.images) == 1 for page in pdf.pages)


def test_meeting_notice_reads_but_is_no_budget(corpus):
    folder, _ = corpus
    with pdfplumber.open(folder / "meeting_notice_2023.pdf") as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "会议" in text and "通知" in text
    assert not any(word in text for word in ("预算总表", "支出表", "单位：万元"))
