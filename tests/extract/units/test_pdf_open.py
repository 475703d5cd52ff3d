"""extract.pdf_open: bytes in, an opened document or a Rejection of a named kind out."""

from __future__ import annotations

import hashlib

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from extract import model as m
from extract.pdf_open import Rejection, open_pdf, read_bytes
from tests.extract.units.pagekit import drawn_pdf


def _table_page(c, font):
    c.drawString(20, 250, "2021年部门收支总表")
    c.drawString(20, 220, "合计 2,120.19")


def _rejection(data: bytes) -> Rejection:
    with pytest.raises(Rejection) as caught:
        open_pdf(data, hashlib.sha256(data).hexdigest())
    assert caught.value.kind in m.REJECT_KINDS
    return caught.value


def test_a_readable_pdf_opens_with_its_pages_and_text(tmp_path):
    path = tmp_path / "one.pdf"
    path.write_bytes(drawn_pdf(_table_page))
    data, sha = read_bytes(path)
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
    opened = open_pdf(data, sha)
    try:
        assert opened.page_count == 1 and opened.sha256 == sha
        text = opened.page_text(0)
        assert "收支总表" in text and "2,120.19" in text
        assert [c["text"] for c in opened.plumber().pages[0].chars][:2] == ["2", "0"]
    finally:
        opened.close()


@pytest.mark.parametrize(
    "data, kind, words",
    [
        (b"", "empty_file", "empty"),
        (b"PK\x03\x04 a zip, not a PDF", "not_pdf", "not a PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 200, "corrupt", "damaged"),
    ],
)
def test_bad_bytes_are_rejected_with_a_sentence(data, kind, words):
    rejection = _rejection(data)
    assert rejection.kind == kind
    assert words in rejection.reason and "Traceback" not in rejection.reason


def test_a_truncated_pdf_is_corrupt():
    whole = drawn_pdf(_table_page)
    assert _rejection(whole[: len(whole) // 3]).kind == "corrupt"


def test_a_user_password_is_a_rejection():
    data = drawn_pdf(_table_page, encrypt=StandardEncryption("reader", ownerPassword="owner"))
    rejection = _rejection(data)
    assert rejection.kind == "encrypted"
    assert rejection.reason == "The PDF is encrypted and needs a password."


def test_an_owner_password_alone_still_opens():
    data = drawn_pdf(_table_page, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert b"/Encrypt" in data
    opened = open_pdf(data, hashlib.sha256(data).hexdigest())
    try:
        assert opened.page_count == 1 and "2,120.19" in opened.page_text(0)
        assert len(opened.plumber().pages[0].chars) == len("2021年部门收支总表合计 2,120.19")
    finally:
        opened.close()
