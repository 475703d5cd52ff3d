"""Reading the landing folder: which PDFs are there, the names they go by, and their extractions.

Plain code, used by the Dagster extraction assets, the sensor and the command line. A file whose
bytes were extracted before is taken from the cache; the others are extracted in parallel
processes. One document's failure never stops the others, and neither does its name.

Names. A file's name is stored, shown and used as a Dagster partition key, so it must be text:
a name that is not valid UTF-8 (a zip or a share from a GBK machine) is read as GB18030 when it
is valid GB18030, and otherwise goes by its bytes escaped (``\\xff``); control characters are
escaped too (a newline would break every log line). A name changed that way yields to a file
truly called so, and takes a suffix of its own bytes' hash.

What is not read. Only the PDFs directly in the folder (the extension in any case) are read.
A symbolic link is followed only to a file inside the landing folder; one pointing elsewhere,
a broken one, a folder or pipe named ``*.pdf`` and a file that cannot be opened are refused
with their reason, and show in the warehouse as rejected documents like any bad PDF.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import stat
import unicodedata
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract import extract_document
from extract.model import Extraction
from warehouse.extraction_cache import ExtractionCache
from warehouse.file_hashes import file_sha256

# Progress of long runs goes here too, so that a command-line front can show it without
# showing all of Dagster's log.
PROGRESS_LOGGER = "budget_etl.progress"
UNREADABLE = "The file cannot be read (gone or unreadable since the folder was listed)."
REFUSED = "refused_file"  # the reject kind of a landing entry that is not read (extract.model.REJECT_KINDS)


@dataclass(frozen=True)
class LandingFile:
    """A PDF of the landing folder: where it is, and the name it goes by everywhere else
    (source_file in the warehouse, logs, partition keys), unique in the folder."""

    path: Path
    name: str


@dataclass(frozen=True)
class Refusal:
    """A landing entry named like a PDF that is not read, and why."""

    name: str
    reason: str

    def as_extraction(self) -> Extraction:
        return Extraction(self.name, "", None, "rejected", REFUSED, self.reason)


@dataclass(frozen=True)
class Landing:
    files: list[LandingFile]
    refused: list[Refusal]


def _text_name(raw: str) -> str:
    data = os.fsencode(raw)
    try:
        name = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            name = data.decode("gb18030")
        except UnicodeDecodeError:
            name = data.decode("utf-8", "backslashreplace")
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) == "Cc" else c for c in name)


def unique_names(originals: Iterable[str], proposed: Iterable[str]) -> list[str]:
    """``proposed`` (one per original), made unique: a name changed from its original yields to
    one that was not changed, and takes a suffix of its original's hash."""
    originals, proposed = list(originals), list(proposed)
    kept = {new for old, new in zip(originals, proposed, strict=True) if old == new}
    taken: set[str] = set()
    out = []
    for old, new in zip(originals, proposed, strict=True):
        if old != new and (new in kept or new in taken):
            digest = hashlib.sha256(os.fsencode(old)).hexdigest()
            stem, dot, suffix = new.rpartition(".") if "." in new else (new, "", "")
            new = f"{stem}~{digest[:8]}{dot}{suffix}"
        taken.add(new)
        out.append(new)
    return out


def _refusal(entry: Path, root: Path) -> str | None:
    """Why the entry is not read, or None when it is a readable regular file inside ``root``."""
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):
            return "A symbolic link to nothing (its target does not exist): not read."
        if not target.is_relative_to(root):
            return "A symbolic link to a file outside the landing folder: not read (links are followed only inside it)."
    try:
        mode = entry.stat().st_mode
    except OSError as exc:
        return f"The file cannot be read: {exc.strerror or exc}."
    if stat.S_ISDIR(mode):
        return "A folder named like a PDF: put the PDFs directly in the landing folder."
    if not stat.S_ISREG(mode):
        return "Not a regular file (a pipe, socket or device): not read."
    if not os.access(entry, os.R_OK):
        return "The file cannot be read: permission denied."
    return None


def scan_landing(landing_dir: Path) -> Landing:
    """The PDFs directly in the landing folder, by name, and the entries refused."""
    root = Path(landing_dir).resolve()
    entries = sorted(
        (p for p in Path(landing_dir).iterdir() if p.suffix.lower() == ".pdf"), key=lambda p: os.fsencode(p.name)
    )
    names = unique_names((p.name for p in entries), (_text_name(p.name) for p in entries))
    files, refused = [], []
    for entry, name in zip(entries, names, strict=True):
        reason = _refusal(entry, root)
        if reason is None:
            files.append(LandingFile(entry, name))
        else:
            refused.append(Refusal(name, reason))
    return Landing(sorted(files, key=lambda f: f.name), sorted(refused, key=lambda r: r.name))


def landing_files(landing_dir: Path) -> list[LandingFile]:
    """The PDFs of the landing folder that are read, by name."""
    return scan_landing(landing_dir).files


def pending_documents(files: Iterable[LandingFile], cache: ExtractionCache) -> list[LandingFile]:
    """Those of ``files`` (the landing folder's, listed by the caller) whose bytes have no
    extraction yet (new, changed, crashed the extractor, or unreadable since they were listed:
    the extraction records why)."""
    files = list(files)
    hashes = cache.hashes.sha256s(f.path for f in files)
    return [f for f in files if (sha := hashes[f.path]) is None or not cache.has(sha)]


def readable_sha256(path: Path) -> str | None:
    """The file's hash, or None when it cannot be read (gone or changed since it was listed)."""
    try:
        return file_sha256(path)
    except OSError:
        return None


@dataclass(frozen=True)
class Outcome:
    """What became of a file the extraction read (its extraction itself is in the cache only)."""

    source_file: str
    status: str
    reject_kind: str | None
    status_reason: str | None

    @classmethod
    def of(cls, extraction: Extraction) -> Outcome:
        return cls(extraction.source_file, extraction.status, extraction.reject_kind, extraction.status_reason)


def _extract_safely(file: LandingFile, sha256: str) -> Extraction:
    # extract_document reports bad documents as rejections; an exception here is an
    # extractor bug, and it must still not take the other documents down with it.
    try:
        extraction = extract_document(file.path)
    except Exception as exc:
        return _extractor_error(file, sha256, f"{type(exc).__name__}: {exc}")
    # A rejection made before the bytes were read (a file over the size limit) has no hash:
    # it is cached under the one computed here, so that the next load does not read it again.
    return dataclasses.replace(extraction, source_file=file.name, sha256=extraction.sha256 or sha256)


def _extractor_error(file: LandingFile, sha256: str, detail: str) -> Extraction:
    return Extraction(
        source_file=file.name,
        sha256=sha256,
        page_count=None,
        status="rejected",
        reject_kind="extractor_error",
        status_reason=f"The extractor failed on this document ({detail[:300]}); please report it.",
    )


def extract_landing(
    files: list[LandingFile],
    cache: ExtractionCache,
    workers: int,
    progress: Callable[[str], None] = lambda message: None,
    force: Collection[LandingFile] = (),
) -> list[Outcome]:
    """Extract into the cache each file whose bytes have no extraction there yet (new,
    changed, or a recorded extractor crash, tried again), and those of ``force`` (a backfill:
    their entries are overwritten); the outcomes of the files read, in the order of ``files``.

    Only outcomes come back, never extractions: memory stays that of the documents being
    read, whatever the folder's size. ``progress`` receives a line per document; the same
    lines go to the PROGRESS_LOGGER. A file that cannot be read (gone, or unreadable, since the
    folder was listed) comes back refused, and is not cached.
    """
    report = logging.getLogger(PROGRESS_LOGGER)

    def say(message: str) -> None:
        progress(message)
        report.info(message)

    results: dict[LandingFile, Outcome] = {}
    to_extract: dict[LandingFile, str] = {}
    forced = set(force)
    hashes = cache.hashes.sha256s(f.path for f in files)
    for file in files:
        sha256 = hashes[file.path]
        if sha256 is None:
            results[file] = Outcome.of(Refusal(file.name, UNREADABLE).as_extraction())
        elif file in forced or not cache.has(sha256):
            to_extract[file] = sha256
    say(
        f"{len(files)} PDF(s): {len(files) - len(to_extract) - len(results)} unchanged, {len(to_extract)} to extract"
        + (f" ({len(forced & set(to_extract))} re-extracted on request)" if forced else "")
    )

    def record(file: LandingFile, extraction: Extraction) -> None:
        # A crash is recorded apart and tried again by the next extraction (ExtractionCache.put).
        cache.put(extraction, datetime.now(UTC).replace(tzinfo=None))
        results[file] = Outcome.of(extraction)
        done = sum(f in results for f in to_extract)
        outcome = "loaded" if extraction.status == "loaded" else f"rejected: {extraction.status_reason}"
        say(f"[{done}/{len(to_extract)}] {file.name}: {outcome}")

    if workers <= 1 or len(to_extract) <= 1:
        for file, sha256 in to_extract.items():
            record(file, _extract_safely(file, sha256))
    elif to_extract:
        # spawn, not fork: the parent may hold threads (Dagster's) that a fork would copy mid-state.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(to_extract)), mp_context=context) as pool:
            futures = {pool.submit(_extract_safely, file, sha256): file for file, sha256 in to_extract.items()}
            for future in as_completed(futures):
                file = futures[future]
                try:
                    extraction = future.result()
                except Exception as exc:  # a worker killed by the OS, e.g. out of memory
                    extraction = _extractor_error(file, to_extract[file], f"{type(exc).__name__}: {exc}")
                record(file, extraction)
    return [results[file] for file in files if file in results]
