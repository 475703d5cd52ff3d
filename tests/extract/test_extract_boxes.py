"""Every line carries the box of its printed amount: cropping the page there reads the amount
back (issue 12: evidence). Checked on every line of the shared real and office corpora."""

from __future__ import annotations

from tests.extract.boxes import mismatches
from tests.paths import shared_path

# One line in a thousand may lack its box or miss its cell (the bar); today none does.
REQUIRED_SHARE = 0.999


def _check(folder, extractions):
    total = boxed = 0
    wrong = {}
    for name, extraction in extractions.items():
        # An amount read by OCR is in no text layer to read back (a scan: test_extract_ocr.py).
        lines = [ln for ln in extraction.lines if ln.text_source == "text_layer"]
        if not lines:
            continue
        n_boxed, bad = mismatches((folder / name).read_bytes(), lines)
        total, boxed = total + len(lines), boxed + n_boxed
        if bad:
            wrong[name] = bad[:5]
    n_wrong = sum(len(v) for v in wrong.values())
    assert total > 0
    assert (total - n_wrong) / total >= REQUIRED_SHARE, (total, boxed, wrong)
    return total


def test_real_corpus_boxes_read_back_the_printed_amount(real_extractions):
    assert _check(shared_path("corpus", "real"), real_extractions) > 5000
    # Jiangsu prints landscape tables on portrait pages turned by /Rotate 90: pdfplumber shows
    # their text sideways, the extractor reads it upright, and its boxes must be back in the
    # page's frame for the check above to pass on them.
    rotated = {(name, p.number) for name, ex in real_extractions.items() for p in ex.pages if p.rotation == 90}
    assert {(name, ln.source_page) for name, ex in real_extractions.items() for ln in ex.lines} & rotated


def test_lines_carry_the_box_of_their_label(real_extractions, office_extractions):
    """Row labels are boxed too, except where the label is a column header (三公 grids)."""
    lines = [
        ln
        for ex in (*real_extractions.values(), *office_extractions.values())
        for ln in ex.lines
        if ln.table_kind != "three_public_expenses"
    ]
    labelled = [ln for ln in lines if ln.label_box is not None]
    assert len(labelled) / len(lines) >= 0.99
    # A label box lies on the row of its amount (same band, to the left for most tables).
    same_row = [
        ln
        for ln in labelled
        if ln.amount_box and ln.label_box[1] <= (ln.amount_box[1] + ln.amount_box[3]) / 2 <= ln.label_box[3] + 20
    ]
    assert len(same_row) / len(labelled) >= 0.9


def test_office_corpus_boxes_read_back_the_printed_amount(office_extractions):
    assert _check(shared_path("corpus", "office", "pdf"), office_extractions) > 500
