"""Re-distilled copies of real PDFs (Ghostscript's pdfwrite, as a re-distiller or a virtual printer
makes them). A copy whose fonts now map glyphs to the wrong characters is read by OCR, never from
its text layer, and reads as its original; a copy whose text layer survives reads from it as its
original, though it lost a table border on the way.

Ghostscript is installed by .ci/run; without it these tests skip, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract import extract_document
from extract.model import OCR, TEXT_LAYER, BudgetLine
from tests.paths import shared_path


def redistilled(source: Path, folder: Path, pages: str | None = None) -> Path:
    """``source`` through Ghostscript's pdfwrite device (only ``pages``, e.g. ``1,5-7``, if given)."""
    gs = shutil.which("gs")
    if gs is None:
        pytest.skip("Ghostscript (gs) is not installed; .ci/run installs it")
    target = folder / source.name
    command = [gs, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", f"-sOutputFile={target}", str(source)]
    if pages:
        command.insert(-2, f"-sPageList={pages}")
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return target


def printed(lines: list[BudgetLine]) -> Counter:
    return Counter((ln.table_kind, ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan) for ln in lines)


def test_a_copy_whose_fonts_map_to_the_wrong_characters_is_read_by_ocr(tmp_path):
    """Its text layer is mojibake with digits of its own (、 reads 1, 。 reads 2): read from it, 7
    of its 79 lines came out right, beside 94 lines it does not print."""
    source = shared_path("corpus", "real", "js_cppcc_office_2019_budget_tables.pdf")
    original = extract_document(source)
    copy = extract_document(redistilled(source, tmp_path))
    assert copy.status == "loaded", copy.status_reason
    assert copy.text_source == OCR and copy.ocr_pages
    assert copy.facts.department_name == original.facts.department_name
    assert copy.facts.fiscal_year == original.facts.fiscal_year == 2019
    assert printed(copy.lines) == printed(original.lines)
    assert len(original.lines) == 91  # the 79 of then, and 12 of its 机关运行经费支出预算表


def test_a_garbled_narrative_is_read_whole_by_ocr(tmp_path):
    """The cover and three narrative pages of a Jiangsu narrative file (its tables are in another
    file): read by OCR, they give the original's facts and the totals its text restates. Until
    they were read whole, such a copy was rejected as a scan with only its cover readable."""
    source = shared_path("corpus", "real", "js_party_office_2017_budget_text.pdf")
    original = extract_document(source)
    copy = extract_document(redistilled(source, tmp_path, pages="1,5-7"))
    assert copy.status == "loaded", copy.status_reason
    assert copy.text_source == OCR and copy.ocr_pages == [1, 2, 3, 4]
    assert copy.facts == original.facts
    restated = Counter((t.key, t.amount_yuan) for t in original.narrative_totals if 5 <= t.source_page <= 7)
    assert Counter((t.key, t.amount_yuan) for t in copy.narrative_totals) == restated
    assert len(restated) == 7  # 收支总预算 (revenue and expenditure), 财政拨款, 基本, 项目, 本年收入 and 支出


def test_a_copy_that_keeps_its_text_layer_reads_from_it(tmp_path):
    """Ghostscript drops the right border of its 公开08表 (基本支出表); the 金额 column is still a
    cell (extract/open_sides.py), where its 24 lines were lost before."""
    source = shared_path("corpus", "real", "js_npc_office_2018_budget.pdf")
    original = extract_document(source)
    copy = extract_document(redistilled(source, tmp_path))
    assert copy.status == "loaded" and copy.text_source == TEXT_LAYER and not copy.ocr_pages
    assert printed(copy.lines) == printed(original.lines)
    assert sum(ln.table_kind == "general_public_basic_expenditure" for ln in copy.lines) == 24
