"""Extractor speed against the floor of pdfplumber itself, in pages per second on one core.

The floor is pdfplumber opening every page and reading its characters and lines, doing
nothing else: an extractor cannot be much faster without skipping pages. Also prints the
peak Python memory of each extraction (tracemalloc, in a second pass so that tracing does
not distort the timings).

    python benchmarks/extract_speed.py [PDF or folder ...]   (default: ../shared/corpus/real)
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import pdfplumber

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract import extract_document  # noqa: E402


def floor_seconds(pdf: Path) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.chars, page.lines  # noqa: B018  (reading them is the work measured)
                page.close()
            pages = len(doc.pages)
    except Exception:  # an unreadable PDF has no floor: the extractor rejects it
        pages = 0
    return pages, time.perf_counter() - start


def extract_seconds(pdf: Path) -> tuple[float, str]:
    start = time.perf_counter()
    extraction = extract_document(pdf)
    return time.perf_counter() - start, extraction.status


def peak_mib(pdf: Path) -> float:
    tracemalloc.start()
    extract_document(pdf)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO.parent / "shared" / "corpus" / "real")])
    parser.add_argument("--no-memory", action="store_true", help="skip the memory pass")
    args = parser.parse_args()
    pdfs = sorted(p for arg in args.paths for p in ([Path(arg)] if Path(arg).is_file() else Path(arg).glob("*.pdf")))
    if not pdfs:
        sys.exit(f"no PDF in {args.paths}")

    print(f"{'document':<58} {'pages':>5} {'floor p/s':>9} {'extract p/s':>11} {'ratio':>6} {'peak MiB':>8}  status")
    total_pages = total_floor = total_extract = 0.0
    for pdf in pdfs:
        pages, floor = floor_seconds(pdf)
        seconds, status = extract_seconds(pdf)
        memory = f"{peak_mib(pdf):8.1f}" if not args.no_memory else f"{'-':>8}"
        total_pages, total_floor, total_extract = total_pages + pages, total_floor + floor, total_extract + seconds
        floor_rate, extract_rate = (pages / s if s and pages else 0.0 for s in (floor, seconds))
        print(
            f"{pdf.name[:58]:<58} {pages:>5} {floor_rate:>9.1f} {extract_rate:>11.1f} "
            f"{seconds / floor if floor else 0:>6.2f} {memory}  {status}"
        )
    print(
        f"{'ALL':<58} {int(total_pages):>5} {total_pages / total_floor:>9.1f} {total_pages / total_extract:>11.1f} "
        f"{total_extract / total_floor:>6.2f}"
    )
    print(
        f"\nExtractor cost = {total_extract / total_floor:.2f} x the pdfplumber floor (target: at most 1.5 x), one core."
    )


if __name__ == "__main__":
    main()
