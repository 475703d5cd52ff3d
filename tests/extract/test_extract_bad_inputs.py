"""Bad inputs are rejected with the right kind and a sentence, never raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from extract import extract_document
from tests.paths import shared_path

OFFICE_PDF = "2019年苏仙区良田镇部门预算.pdf"


def _pdf(path: Path, pages: list[list[str]], drawing_only: set[int] = frozenset()) -> Path:
    """A small PDF with Chinese text lines per page (STSong-Light needs no system font)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for number, lines in enumerate(pages):
        if number in drawing_only:
            c.rect(100, 100, 300, 500, fill=1)  # an "image" page: marks, no text
        c.setFont("STSong-Light", 12)
        y = 800
        for text in lines:
            c.drawString(50, y, text)
            y -= 20
        c.showPage()
    c.save()
    return path


def _rejected(path: Path, kind: str, **limits) -> None:
    ex = extract_document(path, **limits)
    assert ex.status == "rejected", ex
    assert ex.reject_kind == kind, ex.status_reason
    assert ex.status_reason and ex.status_reason.endswith(".")
    assert not ex.lines and not ex.tables


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _rejected(path, "empty_file")


@pytest.mark.parametrize("data", [os.urandom(4096), b"<html><body>404</body></html>", "预算".encode() * 100])
def test_not_a_pdf(tmp_path, data):
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    _rejected(path, "not_pdf")


def test_pdf_header_then_garbage(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    _rejected(path, "corrupt")


@pytest.mark.parametrize("fraction", [0.3, 0.7, 0.97])
def test_truncated_office_pdf(tmp_path, fraction):
    data = shared_path("corpus", "office", "pdf", OFFICE_PDF).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    _rejected(path, "corrupt")


def test_encrypted_office_pdf_and_a_scan_over_the_ocr_page_limit():
    folder = shared_path("corpus", "office", "pdf")
    _rejected(folder / "2023年翠屏区商务局部门预算公开.pdf", "encrypted")
    # A scan with no text layer at all; refused before any page is rendered (tests/extract/test_extract_ocr.py reads scans).
    _rejected(folder / "源汇区人防办2019年部门预算.pdf", "too_large", max_ocr_pages=14)


def test_text_on_the_cover_only(tmp_path):
    path = _pdf(tmp_path / "cover.pdf", [["某某局2021年部门预算"], [], []], drawing_only={1, 2})
    _rejected(path, "no_text_layer")


def test_not_a_budget(tmp_path):
    path = _pdf(tmp_path / "minutes.pdf", [["关于召开2023年度工作会议的通知", "各科室：定于3月1日召开会议。"]])
    _rejected(path, "not_budget")


def test_missing_required_table_is_named(tmp_path):
    path = _pdf(
        tmp_path / "partial.pdf",
        [
            ["某某局2021年部门预算"],
            [
                "表1 2021年收支预算总表",
                "单位：万元",
                "收入 支出",
                "项目 预算数 项目 预算数",
                "一、一般公共预算拨款收入 100.00 一般公共服务支出 100.00",
                "本年收入合计 100.00 本年支出合计 100.00",
            ],
        ],
    )
    ex = extract_document(path)
    assert ex.reject_kind == "missing_tables"
    assert ex.status_reason == "Required tables not found: 支出预算总表."


def test_page_limit_refuses_before_layout():
    path = shared_path("corpus", "office", "pdf", OFFICE_PDF)
    ex = extract_document(path, max_pages=10)
    assert (ex.status, ex.reject_kind, ex.page_count) == ("rejected", "too_large", 25)
    assert "25 pages" in ex.status_reason


def test_time_limit_gives_no_half_loaded_document():
    path = shared_path("corpus", "office", "pdf", OFFICE_PDF)
    ex = extract_document(path, timeout_s=0)
    assert (ex.status, ex.reject_kind) == ("rejected", "timeout")
    assert not ex.lines and not ex.tables


def test_unreadable_path_is_a_rejection(tmp_path):
    ex = extract_document(tmp_path / "does_not_exist.pdf")
    assert ex.status == "rejected" and ex.status_reason
