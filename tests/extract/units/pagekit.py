"""Tiny pages for the parser's unit tests: tokens placed by hand, or a PDF drawn with reportlab.

A hand-made ``PageLayout`` is what ``extract.layout.page_layout`` hands the table readers; a
drawn PDF goes through pdfplumber like a real disclosure. Both are small enough to reason
about cell by cell.
"""

from __future__ import annotations

import io

from extract.layout import PageLayout, Rule, TextLine, Token

SIZE = 10.0


def token(text: str, x0: float, top: float, size: float = SIZE) -> Token:
    """A token whose characters are ``size`` wide (CJK and digits alike, enough for geometry)."""
    return Token(text, x0, x0 + len(text) * size * 0.6, top, top + size, size)


def line(top: float, *cells: tuple[str, float]) -> TextLine:
    """One text line: (text, x0) pairs at the same height."""
    return TextLine([token(text, x0, top) for text, x0 in cells])


def page(
    lines: list[TextLine],
    number: int = 1,
    width: float = 600.0,
    height: float = 800.0,
    vrules: list[Rule] | None = None,
    hrules: list[Rule] | None = None,
) -> PageLayout:
    return PageLayout(number, width, height, sorted(lines, key=lambda ln: ln.yc), vrules or [], hrules or [])


def char(text: str, x0: float, top: float, size: float = SIZE, width: float | None = None, **extra) -> dict:
    """A pdfplumber-style char dict."""
    w = size if width is None else width
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + size, "size": size, **extra}


def chars(text: str, x0: float, top: float, size: float = SIZE, width: float | None = None) -> list[dict]:
    """The chars of ``text`` printed edge to edge from ``x0``."""
    w = size if width is None else width
    return [char(ch, x0 + i * w, top, size, w) for i, ch in enumerate(text)]


def drawn_pdf(draw, pagesize=(400, 300), **canvas_kw) -> bytes:
    """A one-page PDF: ``draw(canvas, font)`` paints it in reportlab's bottom-left coordinates."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as rl_canvas

    font = "STSong-Light"  # a CID font reportlab knows without a font file
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=pagesize, **canvas_kw)
    c.setFont(font, SIZE)
    draw(c, font)
    c.showPage()
    c.save()
    return buf.getvalue()
