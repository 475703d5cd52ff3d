"""``extract_document``: one PDF in, one ``Extraction`` out, loaded or rejected, never half-loaded.

The steps, cheapest first, each able to stop with a rejection:

1. bytes: empty, not a PDF, encrypted, damaged (``pdf_open``);
2. page count against ``max_pages``, before any page is laid out;
3. the cheap pass: PDFium's plain text of every page; a page without text but with an image
   (a scan), and every page of a text layer whose fonts map glyphs to the wrong characters
   (``mojibake``: a re-distilled PDF), is read by OCR instead (``extract.ocr``), within
   ``max_ocr_pages``; then no text layer, table titles, facts;
4. the full layout (pdfplumber chars and rulings) of the table pages only (OCR'd pages come
   laid out already);
5. table regions -> parsers -> lines; required tables checked.

The clock is checked between pages; past ``timeout_s`` nothing of the document is kept.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections import Counter
from pathlib import Path

from . import model as m
from .facts import read_facts
from .layout import PageLayout, page_layout
from .locate import OTHER_TABLE, cheap_titles, pages_to_lay_out
from .mojibake import garbled_pages
from .narrative import read_narrative_totals
from .narrative_changes import read_narrative_changes
from .narrative_classes import read_narrative_class_amounts
from .narrative_executions import read_narrative_executions
from .narrative_shares import read_narrative_shares
from .narrative_years import read_narrative_years
from .ocr import OcrPage, has_image, read_page
from .pdf_open import OpenedPdf, Rejection, open_pdf, read_bytes
from .placeholders import read_placeholders
from .regions import TableRegion, header_text, regions_from_layouts, regions_from_text
from .tables.coded_table import parse_coded_table
from .tables.performance import PerformanceReader
from .tables.summary_table import parse_summary_table
from .tables.three_public import parse_three_public
from .text_norm import fold
from .units import WAN_YUAN

log = logging.getLogger(__name__)

CODED_KINDS = (
    m.EXPENDITURE_SUMMARY,
    m.GENERAL_PUBLIC_EXPENDITURE,
    m.GOVERNMENT_FUND_EXPENDITURE,
    m.GENERAL_PUBLIC_BASIC_EXPENDITURE,
    m.STATE_CAPITAL_EXPENDITURE,
    m.OFFICE_OPERATING_EXPENDITURE,
)
SUMMARY_KINDS = (m.REVENUE_EXPENDITURE_SUMMARY, m.FISCAL_GRANT_SUMMARY)
PARSED_KINDS = (
    set(CODED_KINDS) | set(SUMMARY_KINDS) | {m.THREE_PUBLIC_EXPENSES, m.REVENUE_SUMMARY, m.PERFORMANCE_TARGETS}
)
# A disclosure must have these; the names say them the way the document kind prints them.
REQUIRED = {
    m.REVENUE_EXPENDITURE_SUMMARY: {"budget": "收支预算总表", "final_account": "收入支出决算总表"},
    m.EXPENDITURE_SUMMARY: {"budget": "支出预算总表", "final_account": "支出决算表"},
}


# Published disclosures are a few MiB (the largest seen, with scanned seals, about 30); a file far
# past that is an accident or a bomb, and reading it whole would cost its size in memory.
MAX_BYTES = 256 * 2**20
# The densest table page of the real corpus has under 3,000 characters. pdfminer's layout of a
# page costs about 2 KiB of memory and 80 µs per character, and the clock is only checked
# between pages: a page of a million characters would take minutes and gigabytes.
MAX_PAGE_CHARS = 50_000
# OCR costs 2-5 s a page on two cores against milliseconds for a text layer: a scan of more
# pages than a disclosure has (the largest seen: 60) is refused before any page is read.
MAX_OCR_PAGES = 60
# The time limit grows by this much for each page that needs OCR: a page takes 2-8 s on two
# busy cores (benchmarks/ocr_scans.py), so a fixed limit would refuse every long scan.
OCR_SECONDS_PER_PAGE = 10.0


class _Timeout(Exception):
    pass


class _Clock:
    def __init__(self, timeout_s: float):
        self.start = time.monotonic()
        self.timeout_s = timeout_s

    def check(self) -> None:
        if time.monotonic() - self.start > self.timeout_s:
            raise _Timeout()

    def allow(self, seconds: float) -> None:
        self.timeout_s += seconds


def extract_document(
    path: Path,
    *,
    max_pages: int = 500,
    timeout_s: float = 120,
    max_bytes: int = MAX_BYTES,
    max_ocr_pages: int = MAX_OCR_PAGES,
) -> m.Extraction:
    """Extract one disclosure PDF. Never raises for a bad document: it comes back rejected.

    ``timeout_s`` bounds the whole document, plus ``OCR_SECONDS_PER_PAGE`` for each page that
    needs OCR; ``max_ocr_pages`` the pages without a text layer it may OCR."""
    path = Path(path)
    clock = _Clock(timeout_s)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # checked before the bytes are read: memory stays bounded
            return m.Extraction(
                path.name,
                "",
                None,
                "rejected",
                "too_large",
                f"The file has {size / 2**20:,.0f} MiB, more than the limit of {max_bytes / 2**20:,.0f} MiB.",
            )
        data, sha = read_bytes(path)
    except OSError as exc:
        return m.Extraction(
            path.name, "", None, "rejected", "corrupt", f"The file cannot be read: {exc.strerror or exc}."
        )
    try:
        opened = open_pdf(data, sha)
    except Rejection as r:
        return m.Extraction(path.name, sha, None, "rejected", r.kind, r.reason)
    try:
        return _extract(opened, path.name, max_pages, max_ocr_pages, clock)
    except Rejection as r:
        return m.Extraction(path.name, sha, opened.page_count, "rejected", r.kind, r.reason)
    except _Timeout:
        return m.Extraction(
            path.name,
            sha,
            opened.page_count,
            "rejected",
            "timeout",
            f"Extraction took longer than the limit of {clock.timeout_s:g} seconds.",
        )
    except Exception as exc:  # a reader failing on a damaged page
        log.warning("extraction of %s failed: %r", path.name, exc)
        cause = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return m.Extraction(
            path.name,
            sha,
            opened.page_count,
            "rejected",
            "corrupt",
            f"The PDF is truncated or damaged: {cause.rstrip('.')}.",
        )
    finally:
        opened.close()


def _extract(opened: OpenedPdf, name: str, max_pages: int, max_ocr_pages: int, clock: _Clock) -> m.Extraction:
    n = opened.page_count
    if n > max_pages:
        raise Rejection("too_large", f"The PDF has {n} pages, more than the limit of {max_pages}.")
    # Loaded, a document with a damaged page would lack what that page prints (a table's
    # rows, a whole table, a restated total) with nothing to say so: which rows a damaged
    # page held cannot be told, so the document is rejected, naming the pages.
    damaged = opened.damaged_pages()
    if damaged:
        named = ", ".join(map(str, damaged[:5])) + (f" and {len(damaged) - 5} more" if len(damaged) > 5 else "")
        pages = f"s {named}" if len(damaged) > 1 else f" {named}"
        raise Rejection(
            "corrupt", f"The PDF is truncated or damaged: page{pages} cannot be read whole (its content breaks off)."
        )
    texts: list[str] = []
    for i in range(n):
        clock.check()
        texts.append(opened.page_text(i))
    garbled = garbled_pages(texts)
    for i in garbled:
        texts[i] = ""
    text_pages = [i for i, t in enumerate(texts) if fold(t)]
    ocr = _ocr(opened, texts, max_ocr_pages, clock, set(garbled))
    with_text = [i for i, t in enumerate(texts) if fold(t)]
    if not with_text:
        raise Rejection("no_text_layer", "No page has a text layer: the document looks scanned.")
    if n > 1 and with_text == [0]:
        raise Rejection("no_text_layer", "Only the cover has a text layer: the pages look scanned.")
    if _unreadable_share(texts) > 0.5:
        raise Rejection("no_text_layer", "The text layer cannot be read: its fonts map characters to no Unicode text.")

    cheap = [cheap_titles(t) for t in texts]
    to_lay_out = pages_to_lay_out(texts, cheap, PARSED_KINDS)
    layouts = _lay_out(opened, to_lay_out - {p - 1 for p in ocr}, texts, clock)
    layouts.update((p, page.layout) for p, page in ocr.items() if p - 1 in to_lay_out)
    regions = regions_from_layouts(layouts) + regions_from_text(texts, cheap, set(layouts))
    regions.sort(key=lambda r: r.position)
    modeled = [r for r in regions if r.kind != OTHER_TABLE]
    table_texts = [texts[r.pages[0] - 1] for r in modeled[:3]]
    facts = read_facts(texts, [r.title for r in regions], table_texts)
    extraction = m.Extraction(name, opened.sha256, n, "loaded", facts=facts)
    if ocr:
        extraction.ocr_pages = sorted(ocr)
        extraction.text_source = m.MIXED if text_pages else m.OCR
    _read_narrative(extraction, texts, modeled)

    if not modeled:
        if _looks_like_disclosure(texts):
            return extraction  # a narrative part whose tables come in a separate file
        raise Rejection(
            "not_budget", "No standard budget table was found: this does not look like a budget disclosure."
        )
    kinds = {r.kind for r in modeled}
    missing = [names[facts.document_kind or "budget"] for kind, names in REQUIRED.items() if kind not in kinds]
    if missing:
        raise Rejection("missing_tables", f"Required tables not found: {'、'.join(missing)}.")

    default_unit = _default_unit(modeled)
    parsed: set[str] = set()
    performance = PerformanceReader()
    for region in modeled:
        clock.check()
        unit = region.unit or default_unit
        lines: list[m.BudgetLine] = []
        note = None
        # A kind printed twice (a repeated title) is read once; 绩效目标表 come one per project.
        if region.kind not in parsed or region.kind == m.PERFORMANCE_TARGETS:
            try:
                lines, note = _parse(region, unit, performance)
            except Exception:  # one table's layout must not cost the rest of the document
                log.exception("table %s (%s) of %s could not be parsed", region.kind, region.title, name)
            if lines or note:
                parsed.add(region.kind)
        extraction.tables.append(m.TableFound(region.kind, region.title, region.pages, unit, note, header_text(region)))
        extraction.lines.extend(lines)
    extraction.lines = [_mark_ocr(line, ocr.get(line.source_page)) for line in extraction.lines]
    extraction.indicators = performance.indicators
    extraction.pages = [layout.frame for _, layout in sorted(layouts.items()) if layout.frame is not None]
    return extraction


def _ocr(
    opened: OpenedPdf, texts: list[str], max_ocr_pages: int, clock: _Clock, garbled: set[int]
) -> dict[int, OcrPage]:
    """OCR the pages that have no text but an image, and the ``garbled`` ones (a text layer
    mapping glyphs to the wrong characters, extract/mojibake.py), by 1-based page number; their
    text replaces the empty text layer in ``texts``. Of a scan (no text layer at all), only the
    first page (the cover: department, year) and pages holding a ruled table are read;
    elsewhere the pages a text layer leaves blank, and every garbled page, are read whole (a
    scanned table may have no rules, and a re-distilled narrative file's text is its content).
    One page image is in memory at a time."""
    doc = opened.pdfium_doc
    if doc is None:
        return {}
    blank = [i for i, t in enumerate(texts) if not fold(t) and (i in garbled or has_image(doc, i))]
    if not blank:
        return {}
    if len(blank) > max_ocr_pages:
        why = "print text their fonts map to the wrong characters" if garbled else "have no text layer"
        raise Rejection("too_large", f"{len(blank)} pages {why} and need OCR, more than the limit of {max_ocr_pages}.")
    clock.allow(len(blank) * OCR_SECONDS_PER_PAGE)
    scanned = len(blank) == len(texts) and not garbled
    pages: dict[int, OcrPage] = {}
    for i in blank:
        clock.check()
        page = read_page(doc, i, tables_only=scanned and i != blank[0])
        if page is not None:
            pages[i + 1] = page
            texts[i] = page.text
    return pages


def _mark_ocr(line: m.BudgetLine, page: OcrPage | None) -> m.BudgetLine:
    if page is None:
        return line
    return dataclasses.replace(line, text_source=m.OCR, ocr_confidence=page.confidence(line.amount_box))


def _read_narrative(extraction: m.Extraction, texts: list[str], regions: list[TableRegion]) -> None:
    """The restated totals, the shares, the changes from last year, the years of figures and
    comparisons, a 决算's execution statements, the amounts of function classes and the unfilled
    placeholders, into ``extraction``.
    Read before the tables, as a narrative-only file (Jiangsu) returns early. Only the pages of
    modeled tables are left out: an unmodeled table known from its title alone may be given pages
    of narrative after it. A failure here costs the narrative's figures, never the document."""
    table_pages = {page for r in regions for page in r.pages}
    try:
        totals = read_narrative_totals(texts, table_pages)
        read = {
            "narrative_totals": totals,
            "narrative_shares": read_narrative_shares(texts, table_pages, totals),
            "narrative_changes": read_narrative_changes(texts, table_pages),
            "narrative_years": read_narrative_years(texts, table_pages),
            "narrative_executions": read_narrative_executions(texts, table_pages),
            "narrative_class_amounts": read_narrative_class_amounts(texts, table_pages),
            "placeholders": read_placeholders(texts, table_pages),
        }
    except Exception:
        log.exception("the narrative of %s could not be read", extraction.source_file)
        return
    for name, found in read.items():
        setattr(extraction, name, found)


def _unreadable_share(texts: list[str]) -> float:
    """Share of glyphs that PDFium could only render as U+FFFD or private-use codes (fonts
    embedded without a ToUnicode map, e.g. some GBK-EUC-H 公文 fonts)."""
    total = bad = 0
    for text in texts:
        for ch in text:
            if ch.isspace():
                continue
            total += 1
            if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff":
                bad += 1
    return bad / total if total else 0.0


def _unmapped_glyphs(page) -> int:
    """Glyphs pdfminer could not map to Unicode (it gives them as ``(cid:N)``). No clean table
    page of the real or office corpora has one; a PDF whose ToUnicode maps were lost (damaged
    cross-references, some re-distillers) has hundreds, and its tables then read with garbled
    labels and amounts in the wrong columns, which PDFium's cheap text pass does not reveal."""
    return sum(1 for c in page.chars if c["text"].startswith("(cid:"))


def _lay_out(opened: OpenedPdf, pages: set[int], texts: list[str], clock: _Clock) -> dict[int, PageLayout]:
    layouts: dict[int, PageLayout] = {}
    if not pages:
        return layouts
    pdf = opened.plumber()
    for i in sorted(pages):
        clock.check()
        if len(texts[i]) > MAX_PAGE_CHARS:
            raise Rejection(
                "too_large",
                f"Page {i + 1} has {len(texts[i]):,} characters, more than the limit of "
                f"{MAX_PAGE_CHARS:,} for a table page.",
            )
        try:
            unmapped = _unmapped_glyphs(pdf.pages[i])
            layouts[i + 1] = page_layout(pdf.pages[i], i + 1)
        except Exception as exc:
            raise Rejection(
                "corrupt", f"The PDF is truncated or damaged: page {i + 1} cannot be read ({type(exc).__name__})."
            ) from exc
        if unmapped:
            raise Rejection(
                "no_text_layer",
                f"Page {i + 1} has {unmapped:,} characters its fonts map to no Unicode "
                "text (a damaged or re-distilled PDF): its labels and amounts "
                "cannot be read reliably.",
            )
    return layouts


def _parse(region: TableRegion, unit: str, performance: PerformanceReader) -> tuple[list[m.BudgetLine], str | None]:
    if region.kind in CODED_KINDS:
        result = parse_coded_table(region, unit)
        return result.lines, result.empty_note
    if region.kind in SUMMARY_KINDS:
        return parse_summary_table(region, unit), None
    if region.kind == m.THREE_PUBLIC_EXPENSES:
        return parse_three_public(region, unit)
    if region.kind == m.PERFORMANCE_TARGETS:
        return performance.read(region), None
    if region.kind == m.REVENUE_SUMMARY:
        # 收入总表 is a list of income items (项目 | 预算数) in most templates, a matrix of
        # function codes by source of income in Shanghai's and in 决算 收入决算表.
        if _has_coded_rows(region):
            result = parse_coded_table(region, unit)
            return result.lines, result.empty_note
        return parse_summary_table(region, unit), None
    return [], None


_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")


def _has_coded_rows(region: TableRegion) -> bool:
    count = sum(
        1 for part in region.parts for ln in part.body() if len(ln.tokens) > 1 and _CODE.match(ln.tokens[0].text)
    )
    return count >= 2


def _default_unit(regions: list[TableRegion]) -> str:
    units = Counter(r.unit for r in regions if r.unit and r.kind != m.PERFORMANCE_TARGETS)
    return units.most_common(1)[0][0] if units else WAN_YUAN


_DISCLOSURE_WORDS = ("部门预算", "单位预算", "部门决算", "单位决算", "预算公开", "决算公开")
_SECTION_WORDS = ("部门概况", "主要职能", "情况说明", "名词解释", "收支预算", "收支总预算", "三公", "机构设置")


def _looks_like_disclosure(texts: list[str]) -> bool:
    """A disclosure's narrative part: its words, its sections, but its tables published apart."""
    whole = fold(" ".join(texts))
    return any(w in whole for w in _DISCLOSURE_WORDS) and sum(w in whole for w in _SECTION_WORDS) >= 2
