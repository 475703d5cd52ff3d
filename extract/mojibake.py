"""Text layers whose fonts map glyphs to the wrong characters (mojibake).

A PDF re-distilled by Ghostscript (``gs -sDEVICE=pdfwrite``) or printed through a virtual
printer may come out with its fonts' ToUnicode maps rebuilt wrongly: 名词解释 reads ``]词解释``,
财政 ``¯政``, 、 ``1`` and 。 ``2``. The digits it invents put amounts in the wrong columns, and
PDFium's text is the same (it reads the same maps), so such a text layer must not be read at all.
Its glyphs still draw right: its pages are read by OCR instead, as a scan's are.

The telltale is what a Chinese disclosure does not print: Latin-1 and Latin Extended letters
and C1 controls (a Ghostscript copy of a Word or WPS export), and the rare ideographs of CJK
Extension A (a copy of the sample's ReportLab PDFs reads ``第醟部餲?硚鰫魌㔨䅿㽻``; its glyphs are
broken too, so OCR finds no table in it and it is rejected). The Kangxi radicals are no telltale:
some fonts map 一 to ⼀ in a sound text layer. No page of ../shared/corpus's real, office and non-original PDFs
(1,079 pages) or of the test suite's generated ones has either; the Ghostscript copies of 20 of
its 34 real PDFs have the first on 354 pages, and the other 14 copies read exactly as their
originals.
"""

from __future__ import annotations

import re

# U+007F-U+024F but for the signs a disclosure may print (no-break space, ¥, °, ±, ², ³, µ, ·, ×);
# CJK Extension A (U+3400-U+4DBF).
_FOREIGN = re.compile(r"[\x7f-\x9f\u00a1-\u00a4\u00a6-\u00af\u00b4\u00b6\u00b8-\u00d6\u00d8-\u024f\u3400-\u4dbf]")
# One such letter may be a name or a sign a disclosure does print; a re-distilled document has
# them on nearly every page (9 of 12 at least in the copies of the shared corpus).
MIN_PAGES = 3


def garbled_pages(texts: list[str]) -> list[int]:
    """Indexes of the pages whose text layer must not be read: every page with text, when at
    least ``MIN_PAGES`` of them print mojibake (the fonts are shared, so a page without a
    telltale letter may still have invented digits); none otherwise."""
    marked = sum(1 for t in texts if _FOREIGN.search(t))
    if marked < MIN_PAGES:
        return []
    return [i for i, t in enumerate(texts) if t.strip()]
