"""OCR: a second text source for pages without a text layer.

A scanned page is rendered (``render``), its ruling lines found (``rulings``), its text
recognised by PP-OCR (``engine``), the typical misreads corrected (``normalise``), and the
result handed over as pdfplumber-shaped chars and edges (``page``) to the same layout and
table parsers as a born-digital page (``extract.layout.layout_from_chars``).
"""

from .page import OcrPage, has_image, read_page

__all__ = ["OcrPage", "has_image", "read_page"]
