"""Evidence rendering speed: one page rendered by PDFium with its boxes drawn, in milliseconds.

For a sample of budget lines of a loaded warehouse, the page of each is rendered at the
evidence resolution with the line's cells boxed (evidence.render.render_page), as the web
view and `budget-etl evidence` do; PNG encoding is timed apart. Target: under 300 ms a page.

    python benchmarks/evidence_render.py --warehouse FILE --landing DIR [--lines 50]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from evidence import lookup  # noqa: E402
from evidence.render import cell_marks, render_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--landing", required=True)
    parser.add_argument("--lines", type=int, default=50, help="how many lines to render (a spread sample)")
    args = parser.parse_args()
    con = lookup.connect(Path(args.warehouse))
    ids = [
        r[0]
        for r in con.execute(
            "select budget_line_id from marts.fct_budget_line where bbox_x0 is not null "
            "order by hash(budget_line_id) limit ?",
            [args.lines],
        ).fetchall()
    ]
    render_ms, png_ms = [], []
    for line_id in ids:
        evidence = lookup.line(con, line_id)
        pdf = pdfium.PdfDocument(str(lookup.pdf_path(Path(args.landing), evidence.document)))
        try:
            cell = evidence.cells[0]
            start = time.perf_counter()
            image = render_page(
                pdf,
                cell.page,
                evidence.document.page_sizes.get(cell.page),
                cell_marks(evidence.cells, lambda c: "line"),
            )
            render_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            image.save(io.BytesIO(), "PNG", compress_level=3)
            png_ms.append((time.perf_counter() - start) * 1000)
        finally:
            pdf.close()
    con.close()
    if not render_ms:
        sys.exit("no boxed line in the warehouse")
    for name, values in (("render + boxes", render_ms), ("PNG encoding", png_ms)):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(
            f"{name:<15} n={len(values):>4}  mean {statistics.mean(values):6.1f} ms  p95 {p95:6.1f} ms  "
            f"max {values[-1]:6.1f} ms"
        )
    print(f"\nA page with its boxes renders in {statistics.mean(render_ms):.0f} ms on average (target: under 300 ms).")


if __name__ == "__main__":
    main()
