"""Scanned and re-distilled copies of real PDFs read back: how many coded lines come back exact,
whether every wrong number is flagged, and how fast.

    .venv/bin/python benchmarks/ocr_scans.py [--dpi 200 300] [--redistill] [--limit N] [--pages N] [PDF ...]

With no PDF given, it scans ../shared/corpus/real and ../shared/corpus/office/pdf (those with a
text layer). Each PDF is rendered page by page as a grey image at each ``--dpi`` and saved as an
image-only PDF, as a scanner's "save as PDF" does (PDFium renders it, as pdftoppm would, without
a system package). ``--pages N`` scans only the first N pages that hold a coded line and keeps
the others born-digital (a mixed document), for a quick run.

``--redistill`` makes Ghostscript copies instead (``gs -sDEVICE=pdfwrite``, as a re-distiller or
a virtual printer does): many lose their fonts' true Unicode maps, and the extractor reads their
pages by OCR (extract/mojibake.py); the others keep a text layer.

The copies are extracted (two processes, as ``budget-etl load --workers 2``: OCR pages per second
on this machine) and loaded into a warehouse. The reference is the text layer's extraction of
the original, which the accuracy report holds to the truth files (README "Accuracy"). Per
document and in all:

- exact: the original's coded lines (a function or economic code) on the scanned pages whose
  table, code, measure and amount the scan's warehouse lines reproduce;
- wrong: a scan line whose table, code and measure the original has with another amount;
- flagged: a wrong line that is a cell of a failed identity (``marts.fct_identity_check_line``)
  or that a review finding names (``marts.fct_review_finding.budget_line_id``, ocr_cell_unconfirmed);
- silent: wrong and not flagged. Any silent line exits 1: a reader would take it as printed.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract import extract_document  # noqa: E402
from extract.model import TEXT_LAYER, Extraction  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
TARGET_EXACT = {"scan": 0.98, "gs": 0.995}
TARGET_SECONDS_PER_PAGE = 2.0

_FLAGGED = """
    select budget_line_id from marts.fct_identity_check_line
    join marts.fct_identity_check using (identity_check_id) where not passed
    union
    select budget_line_id from marts.fct_review_finding where budget_line_id is not null
"""


def scan(source: Path, dpi: int, pages: set[int] | None, target: Path) -> None:
    """``source`` with its pages (1-based ``pages``, or all) replaced by grey images at ``dpi``."""
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    try:
        for index in range(len(original)):
            if pages is not None and index + 1 not in pages:
                out.import_pages(original, [index])
                continue
            page = original[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PDF", resolution=dpi)
            out.import_pages(pdfium.PdfDocument(buffer.getvalue()))
        out.save(str(target))
    finally:
        out.close()
        original.close()


def redistill(source: Path, target: Path) -> None:
    """``source`` re-distilled by Ghostscript's pdfwrite device."""
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", f"-sOutputFile={target}", str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )


@dataclass(frozen=True)
class Copy:
    """How the copies are made: scanned at ``dpi``, or re-distilled (dpi None)."""

    dpi: int | None

    @property
    def kind(self) -> str:
        return "scan" if self.dpi else "gs"

    @property
    def label(self) -> str:
        return f"{self.dpi} dpi" if self.dpi else "gs pdfwrite"

    @property
    def column(self) -> str:
        return str(self.dpi) if self.dpi else "gs"

    def suffix(self) -> str:
        return f".scan{self.dpi}.pdf" if self.dpi else ".gs.pdf"

    def make(self, source: Path, pages: set[int] | None, target: Path) -> None:
        if self.dpi:
            scan(source, self.dpi, pages, target)
        else:
            redistill(source, target)


def _coded(extraction: Extraction) -> list:
    return [ln for ln in extraction.lines if ln.code]


def _extract(path: Path) -> tuple[Path, Extraction, float]:
    started = time.perf_counter()
    extraction = extract_document(path, timeout_s=3600)
    return path, extraction, time.perf_counter() - started


@dataclass
class Result:
    name: str
    copy: Copy
    status: str
    ocr_pages: int
    seconds: float
    coded: int = 0
    exact: int = 0
    wrong: int = 0
    flagged: int = 0


def _compare(
    reference: Extraction, rows: list[tuple], flagged: set[str], pages: set[int] | None
) -> tuple[int, int, int, int]:
    """(coded, exact, wrong, wrong and flagged) of a scan's warehouse rows against the original's
    lines, on the scanned ``pages`` (all when None): a born-digital page proves nothing about OCR."""
    scanned = [ln for ln in _coded(reference) if pages is None or ln.source_page in pages]
    rows = [row[:5] for row in rows if pages is None or row[5] in pages]
    want = Counter((ln.table_kind, ln.code, ln.measure, ln.amount_yuan) for ln in scanned)
    got = Counter((kind, code, measure, amount) for _id, kind, code, measure, amount in rows)
    printed: dict[tuple, set] = {}
    for ln in scanned:
        printed.setdefault((ln.table_kind, ln.code, ln.measure), set()).add(ln.amount_yuan)
    wrong = [
        line_id
        for line_id, kind, code, measure, amount in rows
        if amount not in printed.get((kind, code, measure), {amount})
    ]
    return len(scanned), sum((want & got).values()), len(wrong), sum(line_id in flagged for line_id in wrong)


def run(sources: list[Path], copies: list[Copy], pages: int | None, workdir: Path) -> list[Result]:
    import duckdb

    from budget_etl.load import run_load
    from warehouse.extraction_cache import ExtractionCache

    references = {path: extract_document(path) for path in sources}
    # A scan of a scan (the office corpus has one) would be compared with OCR, not with a text layer.
    usable = [
        p for p, ex in references.items() if ex.status == "loaded" and ex.text_source == TEXT_LAYER and _coded(ex)
    ]
    results: list[Result] = []
    for copy in copies:
        landing = workdir / f"copies{copy.column}" / "landing"
        landing.mkdir(parents=True)
        names: dict[str, tuple[Path, set[int] | None]] = {}
        for source in usable:
            chosen = (
                sorted({ln.source_page for ln in _coded(references[source])})[:pages] if pages and copy.dpi else None
            )
            target = landing / f"{source.stem}{copy.suffix()}"
            copy.make(source, set(chosen) if chosen else None, target)
            names[target.name] = (source, set(chosen) if chosen else None)
            print(
                f"  copied {source.name}, {copy.label} ({'all pages' if not chosen else f'pages {chosen}'})", flush=True
            )
        warehouse = landing.parent / "budget.duckdb"
        cache = ExtractionCache(landing.parent / "extractions")
        started = time.perf_counter()
        timed: dict[str, tuple[Extraction, float]] = {}
        with ProcessPoolExecutor(max_workers=2) as pool:
            for path, extraction, seconds in pool.map(_extract, sorted(landing.glob("*.pdf"))):
                cache.put(extraction, datetime.now(UTC))
                timed[path.name] = (extraction, seconds)
                pages_read = len(extraction.ocr_pages)
                print(f"  read {path.name}: {extraction.status}, {pages_read} OCR page(s), {seconds:.0f} s", flush=True)
        wall = time.perf_counter() - started
        summary = run_load(landing, warehouse, workers=2)  # every PDF is in the cache: nothing is read again
        if not summary.run_succeeded:
            raise SystemExit(f"The load of the {copy.label} copies failed: {summary.failure}")
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            flagged = {r[0] for r in con.execute(_FLAGGED).fetchall()}
            for name, (extraction, seconds) in sorted(timed.items()):
                result = Result(name, copy, extraction.status, len(extraction.ocr_pages), seconds)
                source, scanned = names[name]
                reference = references[source]
                rows: list[tuple] = []
                if extraction.status == "loaded":
                    rows = con.execute(
                        """select budget_line_id, table_kind, code, measure, amount_yuan, source_page
                           from marts.fct_budget_line join marts.dim_document using (document_id)
                           where source_file = ? and code is not null""",
                        [name],
                    ).fetchall()
                result.coded, result.exact, result.wrong, result.flagged = _compare(reference, rows, flagged, scanned)
                results.append(result)
        finally:
            con.close()
        pages_read = sum(r.ocr_pages for r in results if r.copy == copy)
        print(
            f"{copy.label}: {pages_read} pages read by OCR in {wall:.0f} s on 2 processes = "
            f"{wall / max(pages_read, 1):.2f} s per page (target: {TARGET_SECONDS_PER_PAGE:.0f} s)",
            flush=True,
        )
    return results


def report(results: list[Result]) -> int:
    print(
        f"\n{'document':<58} {'copy':>4} {'status':<9} {'pages':>5} {'s':>5} {'exact/coded':>12} {'wrong':>5} {'flagged':>7}"
    )
    for r in results:
        print(
            f"{r.name[:58]:<58} {r.copy.column:>4} {r.status:<9} {r.ocr_pages:>5} {r.seconds:>5.0f} "
            f"{f'{r.exact}/{r.coded}':>12} {r.wrong:>5} {r.flagged:>7}"
        )
    silent = 0
    for copy in dict.fromkeys(r.copy for r in results):
        mine = [r for r in results if r.copy == copy]
        coded, exact = sum(r.coded for r in mine), sum(r.exact for r in mine)
        wrong, flagged = sum(r.wrong for r in mine), sum(r.flagged for r in mine)
        silent += wrong - flagged
        print(
            f"{copy.label}: {exact} of {coded} coded lines exact ({exact / max(coded, 1):.1%}, target "
            f"{TARGET_EXACT[copy.kind]:.1%}); {wrong} wrong, {flagged} of them flagged, {wrong - flagged} silent; "
            f"{sum(r.status != 'loaded' for r in mine)} of {len(mine)} copies not loaded"
        )
    return 1 if silent else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    parser.add_argument("--redistill", action="store_true", help="make Ghostscript copies instead of scans")
    parser.add_argument("--limit", type=int, help="copy only the first N PDFs")
    parser.add_argument("--pages", type=int, help="scan only the first N pages with coded lines of each PDF")
    parser.add_argument("--workdir", type=Path, help="keep the scans and warehouses here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sources = args.pdfs or sorted((SHARED / "real").glob("*.pdf")) + sorted((SHARED / "office" / "pdf").glob("*.pdf"))
    sources = sources[: args.limit] if args.limit else sources
    if not sources:
        print("No PDF to scan: give some, or put ../shared beside the checkout.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        if args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        copies = [Copy(None)] if args.redistill else [Copy(dpi) for dpi in args.dpi]
        return report(run(sources, copies, args.pages, workdir))


if __name__ == "__main__":
    sys.exit(main())
