"""One scanned page -> a ``PageLayout`` read by OCR, with the confidence of every box.

The recognised boxes become pdfplumber-shaped chars and the image's rules pdfplumber-shaped
edges, in PDF points of the page as displayed: ``extract.layout.layout_from_chars`` then
builds tokens and lines exactly as for a text layer, and the same table parsers read them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..amounts import split_glued
from ..layout import PageLayout, layout_from_chars
from ..model import Box, PageBox
from .engine import Recognised, recognise, recognise_crop
from .normalise import normalise
from .rulings import Segment, deskew, is_table_page, rulings, skew_degrees

# 200 dpi reads 10.5 pt table text reliably (design/ocr-notes.md); 300 costs twice the time.
OCR_DPI = 200
# A page is rendered whole: its longer side is capped so that a poster-sized MediaBox cannot
# take gigabytes (200 dpi A3 is 3,300 px).
MAX_SIDE_PX = 4000
# A glyph's width in an OCR box, in units of a CJK glyph: digits and Latin are about half.
_NARROW = 0.55


@dataclass
class OcrPage:
    layout: PageLayout
    boxes: list[tuple[Box, float]]  # every recognised box (PDF points) and its confidence
    skew_degrees: float
    seconds: float

    @property
    def text(self) -> str:
        """The page's text, line by line, as the cheap pass reads a text layer."""
        return "\n".join(line.text for line in self.layout.lines)

    def confidence(self, box: Box | None) -> float | None:
        """The lowest confidence of the recognised boxes ``box`` overlaps: those it was read from."""
        if box is None:
            return None
        found = [confidence for ocr_box, confidence in self.boxes if _overlaps(ocr_box, box)]
        return min(found) if found else None


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def has_image(doc: pdfium.PdfDocument, index: int) -> bool:
    """Whether page ``index`` draws an image (a scan), as opposed to a blank or vector-only page."""
    page = doc[index]
    try:
        return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3))
    finally:
        page.close()


def _render(doc: pdfium.PdfDocument, index: int) -> tuple[np.ndarray, float, PageBox]:
    page = doc[index]
    try:
        rotation = int(page.get_rotation() or 0) % 360
        scale = min(OCR_DPI / 72, MAX_SIDE_PX / max(*page.get_size(), 1.0))
        bitmap = page.render(scale=scale, grayscale=True)
        gray = np.array(bitmap.to_pil().convert("L"))
        bitmap.close()
    finally:
        page.close()
    # The page as displayed (after /Rotate), as pdfplumber reports it: the rendered image's frame.
    height, width = gray.shape[0] / scale, gray.shape[1] / scale
    return gray, scale, PageBox(index + 1, round(width, 2), round(height, 2), rotation)


def read_page(doc: pdfium.PdfDocument, index: int, tables_only: bool) -> OcrPage | None:
    """OCR page ``index`` (0-based); None when ``tables_only`` and the page has no ruled table."""
    start = time.monotonic()
    gray, scale, frame = _render(doc, index)
    skew = skew_degrees(gray, scale)
    gray = deskew(gray, skew)
    horizontal, vertical = rulings(gray, scale)
    if tables_only and not is_table_page(horizontal, vertical):
        return None
    boxes = _split_at_rules(gray, recognise(gray), vertical)
    del gray  # one page image in memory at a time
    edges = [_edge(s, scale, "h") for s in horizontal] + [_edge(s, scale, "v") for s in vertical]
    walls = [Segment(s.pos / scale, s.start / scale, s.end / scale) for s in vertical]
    chars: list[dict] = []
    kept: list[tuple[Box, float]] = []
    read = [
        Recognised(b.x0 / scale, b.top / scale, b.x1 / scale, b.bottom / scale, normalise(b.text), b.confidence)
        for b in boxes
    ]
    for pt in _without_echoes([b for b in read if b.text]):
        chars.extend(_chars(pt, pt.text, walls))
        kept.append(((round(pt.x0, 2), round(pt.top, 2), round(pt.x1, 2), round(pt.bottom, 2)), pt.confidence))
    layout = layout_from_chars(chars, edges, frame)
    return OcrPage(layout, kept, skew, time.monotonic() - start)


def _without_echoes(boxes: list[Recognised]) -> list[Recognised]:
    """The boxes less those that only repeat the start of a box overlapping them: the detector
    sometimes boxes a large title glyph on its own as well as with its line (``一`` beside
    ``一般公共预算支出预算表``), and the glyph would be read twice (一一般...)."""

    def echoes(a: Recognised, b: Recognised) -> bool:
        overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
        word = a.text.rstrip("、")
        return (
            a.x0 < b.x0 < a.x1
            and overlap > (a.bottom - a.top) / 2
            and len(b.text) > len(word)
            and b.text.startswith(word)
        )

    return [a for a in boxes if not any(b is not a and echoes(a, b) for b in boxes)]


# Pixels kept clear of a rule on each side when a merged box is cut at it.
_RULE_MARGIN_PX = 3


def _split_at_rules(gray: np.ndarray, boxes: list[Recognised], vertical: list[Segment]) -> list[Recognised]:
    """Boxes ending at the cell border their padding reached over, and boxes the detector merged
    across a border (``事业单位经上缴上级支``) recognised again cell by cell: each piece between
    two rules is cropped and read on its own."""
    out = []
    for box in boxes:
        yc = (box.top + box.bottom) / 2
        crossing = [s.pos for s in vertical if s.start - 2 <= yc <= s.end + 2 and box.x0 < s.pos < box.x1]
        # A rule within the margin of the box's end is the cell's border that the detector's
        # padding reached over, not text: the box ends there, or its last glyph, spread over
        # the overhang, would straddle the border and be read as a cell of its own (69.8 | 4).
        left = max((pos + 1 for pos in crossing if pos <= box.x0 + _RULE_MARGIN_PX), default=box.x0)
        right = min((pos - 1 for pos in crossing if pos >= box.x1 - _RULE_MARGIN_PX), default=box.x1)
        box = Recognised(left, box.top, right, box.bottom, box.text, box.confidence)
        walls = sorted(pos for pos in crossing if box.x0 < pos < box.x1)
        if not walls:
            out.append(box)
            continue
        edges = [box.x0, *walls, box.x1]
        for k in range(len(edges) - 1):
            left = edges[k] + (_RULE_MARGIN_PX if k else 0)
            right = edges[k + 1] - (_RULE_MARGIN_PX if k + 1 < len(edges) - 1 else 0)
            if right - left < 2 * _RULE_MARGIN_PX:
                continue
            crop = gray[int(box.top) : int(box.bottom) + 1, int(left) : int(right) + 1]
            text, confidence = recognise_crop(crop)
            if text.strip():
                out.append(Recognised(left, box.top, right, box.bottom, text, confidence))
    return out


def _edge(segment: Segment, scale: float, orientation: str) -> dict:
    pos, start, end = segment.pos / scale, segment.start / scale, segment.end / scale
    if orientation == "h":
        return {"orientation": "h", "x0": start, "x1": end, "top": pos, "bottom": pos}
    return {"orientation": "v", "x0": pos, "x1": pos, "top": start, "bottom": end}


def _weight(ch: str) -> float:
    return _NARROW if ord(ch) < 0x2E80 else 1.0


def _cuts(text: str, box: Recognised, walls: list[Segment]) -> list[int]:
    """Where the vertical rules crossing ``box`` cut its text: at the amount/label boundary
    (``split_glued``) or space nearest to where the rule falls, else at that place."""
    yc = (box.top + box.bottom) / 2
    inside = sorted(w.pos for w in walls if w.start - 1 <= yc <= w.end + 1 and box.x0 + 1 < w.pos < box.x1 - 1)
    if not inside:
        return []
    weights = [_weight(ch) for ch in text]
    total = sum(weights)
    bounds = [0.0]
    for w in weights:
        bounds.append(bounds[-1] + w)
    natural = {a for a, _ in split_glued(text)} | {i for i, ch in enumerate(text) if ch == " "}
    cuts: list[int] = []
    for pos in inside:
        where = (pos - box.x0) / (box.x1 - box.x0) * total
        guess = min(range(1, len(text)), key=lambda i: abs(bounds[i] - where), default=0)
        near = [i for i in natural if 0 < i < len(text) and abs(i - guess) <= 3]
        cut = min(near, key=lambda i: abs(i - guess)) if near else guess
        if 0 < cut < len(text) and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    return cuts


def _chars(box: Recognised, text: str, walls: list[Segment]) -> list[dict]:
    """The box's text as chars spread over its width, each piece between two rules kept on its
    own side of them, so that the layout splits a merged box where the cell border runs."""
    cuts = _cuts(text, box, walls)
    yc = (box.top + box.bottom) / 2
    inside = sorted(w.pos for w in walls if w.start - 1 <= yc <= w.end + 1 and box.x0 + 1 < w.pos < box.x1 - 1)
    edges = [box.x0, *list(inside[: len(cuts)]), box.x1]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    chars = []
    size = (box.bottom - box.top) * 0.8
    for k, piece in enumerate(pieces):
        left, right = edges[k] + (0.5 if k else 0.0), edges[k + 1] - (0.5 if k + 1 < len(pieces) else 0.0)
        total = sum(_weight(ch) for ch in piece) or 1.0
        x = left
        for ch in piece:
            w = (right - left) * _weight(ch) / total
            chars.append(
                {
                    "text": ch,
                    "x0": x,
                    "x1": x + w,
                    "top": box.top,
                    "bottom": box.bottom,
                    "size": size,
                    "upright": True,
                    "confidence": box.confidence,
                }
            )
            x += w
    return chars
