"""Pages of a landing PDF rendered with their evidence boxed: PNG per page, or an annotated
PDF of the whole document with a legend page.

Pages are rendered by PDFium (pypdfium2, which applies the page's /Rotate, as pdfplumber
does for the boxes); boxes and captions are drawn with Pillow. Colours: the cell of a line in
blue; an identity's left side (the total) in red, its right side (the parts) in green; in
the annotated document, cells of failed checks by severity (major red, minor orange).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from .lookup import Cell, Check, Evidence

# PDFium is not thread-safe, not even on different documents (pypdfium2's docs, "Incompatibility
# with Threading"): two page images rendered at once by the web view's threads crashed the
# server (SIGSEGV, double free). Every PDFium call of this package holds this lock.
_PDFIUM = threading.Lock()
DPI = 144  # crisp enough to read a 9 pt cell, small enough to render a page in well under 300 ms
COLOURS = {
    "line": (31, 119, 180),
    "left": (214, 39, 40),
    "right": (44, 160, 44),
    "major": (214, 39, 40),
    "minor": (255, 127, 14),
    "label": (120, 120, 120),
}
MEASURE_NAMES = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public_operating": "公用经费",
    "budgeted_total": "预算数",
}
# Fonts with CJK glyphs, the first found is used (Debian: fonts-wqy-microhei, fonts-noto-cjk).
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


@dataclass(frozen=True)
class Mark:
    box: tuple[float, float, float, float]
    colour: str  # a key of COLOURS
    width: int = 3


def font(size: int = 16) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f} 元"


@contextmanager
def _opened(pdf_path: Path) -> Iterator[pdfium.PdfDocument]:
    """The PDF at ``pdf_path``, open while this thread holds PDFium."""
    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            yield pdf
        finally:
            pdf.close()


def render_pdf_page(
    pdf_path: Path, page_number: int, frame: tuple[float, float] | None, marks: Iterable[Mark]
) -> Image.Image:
    """``render_page`` of the PDF at ``pdf_path``, safe to call from any thread."""
    with _opened(pdf_path) as pdf:
        return render_page(pdf, page_number, frame, marks)


def render_page(
    pdf: pdfium.PdfDocument, page_number: int, frame: tuple[float, float] | None, marks: Iterable[Mark], dpi: int = DPI
) -> Image.Image:
    """Page ``page_number`` (1-based) as an image with ``marks`` drawn; boxes are in the frame
    (width, height) pdfplumber reported for the page, scaled to the image."""
    page = pdf[page_number - 1]
    try:
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        page.close()
    width, height = frame or (image.width * 72 / dpi, image.height * 72 / dpi)
    sx, sy = image.width / width, image.height / height
    draw = ImageDraw.Draw(image)
    for mark in marks:
        x0, top, x1, bottom = mark.box
        pad = 2
        draw.rectangle(
            (x0 * sx - pad, top * sy - pad, x1 * sx + pad, bottom * sy + pad),
            outline=COLOURS[mark.colour],
            width=mark.width,
        )
    return image


def cell_marks(cells: Iterable[Cell], colour_of) -> list[Mark]:
    marks = []
    for cell in cells:
        if cell.label_box:
            marks.append(Mark(cell.label_box, "label", 1))
        if cell.box:
            marks.append(Mark(cell.box, colour_of(cell)))
    return marks


def caption_lines(evidence: Evidence) -> list[str]:
    doc = evidence.document
    lines = [f"{doc.source_file}  ({doc.department_name or '?'} {doc.fiscal_year or ''})"]
    if evidence.checks:
        for check in evidence.checks:
            lines.append(f"{check.identity} [{check.outcome}]: {check.subject}")
            lines.append(
                f"  左 {yuan(check.lhs_yuan)}  右 {yuan(check.rhs_yuan)}  差 {yuan(check.diff_yuan)}"
                f"  (容差 {yuan(check.tolerance_yuan)})"
            )
    for cell in evidence.cells:
        side = {"left": "左", "right": "右"}.get(cell.side or "", "")
        measure = MEASURE_NAMES.get(cell.measure, cell.measure)
        lines.append(
            f"{side} p.{cell.page} {cell.table_kind} | {cell.code or ''} {cell.line_label} | {measure} | "
            f"{yuan(cell.amount_yuan)}" + ("" if cell.box else "  (no box)")
        )
    return lines


def with_caption(image: Image.Image, lines: list[str]) -> Image.Image:
    """``image`` with ``lines`` printed under it."""
    face = font(18)
    step = 26
    out = Image.new("RGB", (image.width, image.height + step * len(lines) + 20), "white")
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    for i, text in enumerate(lines):
        draw.text((16, image.height + 10 + i * step), text, fill=(0, 0, 0), font=face)
    return out


def _colour_of(evidence: Evidence):
    return (lambda c: c.side) if evidence.checks else (lambda c: "line")


def write_pngs(evidence: Evidence, pdf_path: Path, out_dir: Path) -> list[Path]:
    """One PNG per page of the evidence, boxes drawn, the caption under each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    caption = caption_lines(evidence)
    colour = _colour_of(evidence)
    with _opened(pdf_path) as pdf:
        for number in evidence.pages:
            marks = cell_marks([c for c in evidence.cells if c.page == number], colour)
            image = render_page(pdf, number, evidence.document.page_sizes.get(number), marks)
            path = out_dir / f"{evidence.title.replace(' ', '_')}_p{number}.png"
            with_caption(image, caption).save(path, compress_level=3)  # the default level costs more than the render
            written.append(path)
    return written


def _legend(checks: list[Check], size: tuple[int, int]) -> list[Image.Image]:
    """Legend pages: every failed check, its severity colour, page, figures and rule."""
    face, small = font(20), font(16)
    pages, image, y = [], None, 0
    for n, check in enumerate(checks, start=1):
        if image is None or y > size[1] - 140:
            image = Image.new("RGB", size, "white")
            pages.append(image)
            draw = ImageDraw.Draw(image)
            draw.text((40, 30), "Failed identities / 未通过的勾稽关系", fill=(0, 0, 0), font=font(26))
            for i, (name, text) in enumerate(
                (("major", "major: |差| ≥ 1 万元"), ("minor", "minor: smaller"), ("label", "row label"))
            ):
                draw.rectangle((40 + i * 300, 80, 70 + i * 300, 100), outline=COLOURS[name], width=3)
                draw.text((80 + i * 300, 78), text, fill=(0, 0, 0), font=small)
            y = 130
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, y + 4, 60, y + 24), fill=COLOURS[check.severity])
        draw.text((70, y), f"{n}. p.{check.source_page}  {check.identity}: {check.subject}", fill=(0, 0, 0), font=face)
        draw.text(
            (90, y + 30),
            f"左 {yuan(check.lhs_yuan)}   右 {yuan(check.rhs_yuan)}   差 {yuan(check.diff_yuan)}"
            f"   (容差 {yuan(check.tolerance_yuan)})",
            fill=(60, 60, 60),
            font=small,
        )
        draw.text((90, y + 54), check.description[:90], fill=(90, 90, 90), font=small)
        y += 90
    if not pages:
        image = Image.new("RGB", size, "white")
        ImageDraw.Draw(image).text((40, 30), "Every identity holds / 勾稽关系全部通过", fill=(0, 0, 0), font=font(26))
        pages.append(image)
    return pages


def write_annotated_pdf(evidence: Evidence, pdf_path: Path, out: Path, dpi: int = 100) -> Path:
    """The whole document as a PDF of page images, failed checks' cells boxed by severity,
    after a legend listing them."""
    marks: dict[int, list[Mark]] = {}
    for check in evidence.checks:
        for cell in check.cells:
            marks.setdefault(cell.page, []).extend(cell_marks([cell], lambda c, s=check.severity: s))
    with _opened(pdf_path) as pdf:
        pages = [
            render_page(pdf, n, evidence.document.page_sizes.get(n), marks.get(n, ()), dpi)
            for n in range(1, len(pdf) + 1)
        ]
    legend = _legend(evidence.checks, (pages[0].width, pages[0].height) if pages else (827, 1169))
    out.parent.mkdir(parents=True, exist_ok=True)
    first, *rest = legend + pages
    first.save(out, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return out
