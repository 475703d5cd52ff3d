"""Reading the landing folder: which PDFs are there, and their extractions.

Plain code, used by the Dagster extraction assets, the sensor and the command line. A file whose bytes were
extracted before is taken from the cache; the others are extracted in parallel processes.
One document's failure never stops the others.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections.abc import Callable, Collection
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract import extract_document
from extract.model import Extraction
from warehouse.extraction_cache import ExtractionCache

# Progress of long runs goes here too, so that a command-line front can show it without
# showing all of Dagster's log.
PROGRESS_LOGGER = "budget_etl.progress"


def landing_files(landing_dir: Path) -> list[Path]:
    """Every PDF directly in the landing folder, by name (the extension in any case)."""
    return sorted(p for p in Path(landing_dir).iterdir() if p.is_file() and p.suffix.lower() == ".pdf")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class LandingExtraction:
    extraction: Extraction
    extracted_at: datetime
    from_cache: bool


def _extract_safely(path: Path, sha256: str) -> Extraction:
    # extract_document reports bad documents as rejections; an exception here is an
    # extractor bug, and it must still not take the other documents down with it.
    try:
        return extract_document(path)
    except Exception as exc:  # noqa: BLE001
        return _extractor_error(path, sha256, f"{type(exc).__name__}: {exc}")


def _extractor_error(path: Path, sha256: str, detail: str) -> Extraction:
    return Extraction(
        source_file=path.name,
        sha256=sha256,
        page_count=None,
        status="rejected",
        reject_kind="extractor_error",
        status_reason=f"The extractor failed on this document ({detail[:300]}); please report it.",
    )


def extract_landing(
    files: list[Path],
    cache: ExtractionCache,
    workers: int,
    progress: Callable[[str], None] = lambda message: None,
    force: Collection[Path] = (),
    retry_errors: bool = True,
    announce: bool = True,
    load_cached: bool = True,
) -> list[LandingExtraction]:
    """Extract each file, or take it from the cache; results in the order of ``files``.

    ``force``: files extracted again even though their bytes are cached (a backfill); their
    entries are overwritten. ``retry_errors=False`` takes a recorded extractor failure as the
    result instead of trying those bytes again (the load step, after the extraction step of
    the same run tried them). ``progress`` receives a line per document; the same lines go
    to the PROGRESS_LOGGER; ``announce=False`` says nothing when there is nothing to extract.
    ``load_cached=False`` leaves out the files whose bytes are cached, without reading their
    entries (the extraction step, which only fills the cache).
    """
    report = logging.getLogger(PROGRESS_LOGGER)

    def say(message: str) -> None:
        progress(message)
        report.info(message)

    results: dict[Path, LandingExtraction] = {}
    to_extract: dict[Path, str] = {}
    forced = {Path(p) for p in force}
    skipped = 0
    for path in files:
        sha256 = file_sha256(path)
        if not load_cached and path not in forced and cache.has(sha256):
            skipped += 1
            continue
        cached = None if path in forced else cache.get(sha256, path.name)
        if cached is None and not retry_errors and path not in forced:
            cached = cache.get_error(sha256, path.name)
        if cached is not None:
            results[path] = LandingExtraction(cached[0], cached[1], from_cache=True)
        else:
            to_extract[path] = sha256
    if announce or to_extract:
        say(
            f"{len(files)} PDF(s): {len(results) + skipped} unchanged, {len(to_extract)} to extract"
            + (f" ({len(forced & set(to_extract))} re-extracted on request)" if forced else "")
        )

    def record(path: Path, extraction: Extraction) -> None:
        extracted_at = datetime.now(UTC).replace(tzinfo=None)
        # A crash is recorded apart and tried again by the next extraction (ExtractionCache.put).
        cache.put(extraction, extracted_at)
        results[path] = LandingExtraction(extraction, extracted_at, from_cache=False)
        done = sum(not r.from_cache for r in results.values())
        outcome = "loaded" if extraction.status == "loaded" else f"rejected: {extraction.status_reason}"
        say(f"[{done}/{len(to_extract)}] {path.name}: {outcome}")

    if workers <= 1 or len(to_extract) <= 1:
        for path, sha256 in to_extract.items():
            record(path, _extract_safely(path, sha256))
    elif to_extract:
        # spawn, not fork: the parent may hold threads (Dagster's) that a fork would copy mid-state.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(to_extract)), mp_context=context) as pool:
            futures = {pool.submit(_extract_safely, path, sha256): path for path, sha256 in to_extract.items()}
            for future in as_completed(futures):
                path = futures[future]
                try:
                    extraction = future.result()
                except Exception as exc:  # noqa: BLE001  (a worker killed by the OS, e.g. out of memory)
                    extraction = _extractor_error(path, to_extract[path], f"{type(exc).__name__}: {exc}")
                record(path, extraction)
    return [results[path] for path in files if path in results]
