"""PDF bombs, written on demand: each maker writes one hostile PDF at a path."""

from __future__ import annotations

import os
from pathlib import Path


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
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
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
    path.write_bytes(
        _raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Nest " + nested + b" >>",
            ]
        )
    )


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
