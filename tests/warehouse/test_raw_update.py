"""The raw step's update of a build: from the extraction cache alone, only the documents that
changed written, the same rows as writing everything, a missing extraction an error by name;
and each landing file hashed once per version."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from decimal import Decimal

import duckdb
import pytest

from extract.model import BudgetLine, DocumentFacts, Extraction
from warehouse import file_hashes
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import scan_landing
from warehouse.raw_tables import RAW_TABLES
from warehouse.raw_update import MissingExtractions, landing_entries, update_raw_tables

NOW = datetime(2026, 1, 2, 3, 4, 5)


def _extract(cache: ExtractionCache, path, year: int, at: datetime) -> None:
    """What the extraction step would cache for this file: a budget of ``year`` with two lines."""
    sha = file_hashes.file_sha256(path)
    lines = [
        BudgetLine(
            "income_expenditure_total", "summary", None, f"k{n}", f"行{n}", "budget", Decimal(f"{n}.10"), False, 1, "元"
        )
        for n in (1, 2)
    ]
    cache.put(
        Extraction(
            path.name, sha, 1, "loaded", facts=DocumentFacts(department_name="某局", fiscal_year=year), lines=lines
        ),
        at,
    )


def _rows(con) -> dict[str, list]:
    return {t: sorted(map(repr, con.execute(f"select * from raw.{t}").fetchall())) for t in RAW_TABLES}


@pytest.fixture
def site(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    cache = ExtractionCache(tmp_path / "cache")
    for n, year in enumerate((2020, 2021, 2022, 2023)):
        pdf = landing / f"d{n}.pdf"
        pdf.write_bytes(f"document {n}".encode())
        _extract(cache, pdf, year, datetime(2025, 1, 1 + n))
    (landing / "folder.pdf").mkdir()  # refused: written again by every load
    return landing, cache, tmp_path


def _update(landing, cache, path, batch=50):
    con = duckdb.connect(str(path))
    try:
        update = update_raw_tables(con, landing_entries(scan_landing(landing), cache), cache, NOW, batch=batch)
        return update, _rows(con)
    finally:
        con.close()


def test_an_update_writes_only_what_changed_and_equals_writing_everything(site):
    landing, cache, tmp = site
    first, rows = _update(landing, cache, tmp / "build.duckdb")
    assert (first.written, first.kept) == (5, 0)
    assert len(rows["documents"]) == 5 and len(rows["budget_lines"]) == 8

    (landing / "d0.pdf").write_bytes(b"document 0, corrected")  # new bytes: a new document
    _extract(cache, landing / "d0.pdf", 2020, datetime(2025, 2, 1))
    (landing / "d1.pdf").unlink()  # removed
    (landing / "d4.pdf").write_bytes(b"document 4")  # new
    _extract(cache, landing / "d4.pdf", 2024, datetime(2025, 2, 2))
    stamp = cache.stamp(file_hashes.file_sha256(landing / "d2.pdf"))
    _extract(cache, landing / "d2.pdf", 2021, datetime(2025, 2, 3))  # a backfill: same bytes, new extraction
    assert cache.stamp(file_hashes.file_sha256(landing / "d2.pdf")) != stamp

    shutil.copyfile(tmp / "build.duckdb", tmp / "next.duckdb")  # the next build: a copy of the published one
    update, incremental = _update(landing, cache, tmp / "next.duckdb")
    # d0 (new bytes), d2 (backfilled), d4 (new) and the refused folder; d3 kept as it was
    assert (update.written, update.kept) == (4, 1)
    again, whole = _update(landing, cache, tmp / "whole.duckdb", batch=1)  # from nothing, one at a time
    assert (again.written, again.kept) == (5, 0)
    assert incremental == whole
    assert [r for r in incremental["documents"] if "d1.pdf" in r] == []
    assert any("2021" in r and "d2.pdf" in r for r in incremental["documents"])


def test_a_file_without_a_cached_extraction_fails_the_update_by_name(site):
    landing, cache, tmp = site
    (landing / "late.pdf").write_bytes(b"arrived after the extraction step")
    with pytest.raises(MissingExtractions, match=r"late\.pdf") as caught:
        _update(landing, cache, tmp / "build.duckdb")
    assert caught.value.names == ["late.pdf"]
    assert "next load extracts" in str(caught.value)


def test_a_damaged_cache_entry_is_removed_and_named(site):
    landing, cache, tmp = site
    sha = file_hashes.file_sha256(landing / "d3.pdf")
    next(cache.cache_dir.glob(f"{sha}.*json")).write_text("{not json")
    with pytest.raises(MissingExtractions, match=r"d3\.pdf"):
        _update(landing, cache, tmp / "build.duckdb")
    assert not cache.has(sha)  # the next extraction step reads it again


def test_a_file_is_hashed_once_per_version(tmp_path, monkeypatch):
    hashes = file_hashes.FileHashes(tmp_path / "cache")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"first bytes")
    first = hashes.sha256(pdf)
    assert first == file_hashes.file_sha256(pdf)
    read = []
    real = file_hashes.file_sha256
    monkeypatch.setattr(file_hashes, "file_sha256", lambda path: read.append(path) or real(path))
    assert hashes.sha256(pdf) == first and read == []  # unchanged: not read again

    st = pdf.stat()
    pdf.write_bytes(b"other bytes")  # same size, and its modification time set back
    os.utime(pdf, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert hashes.sha256(pdf) == real(pdf) != first and read == [pdf]  # the change time moved
    pdf.unlink()
    assert hashes.sha256(pdf) is None


def test_a_damaged_hash_index_costs_a_hash_not_a_failure(tmp_path):
    hashes = file_hashes.FileHashes(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    hashes.path.write_bytes(b"not a database at all" * 100)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"bytes")
    assert hashes.sha256(pdf) == file_hashes.file_sha256(pdf)


def test_a_name_that_is_not_utf8_is_hashed_and_remembered(tmp_path, monkeypatch):
    hashes = file_hashes.FileHashes(tmp_path / "cache")
    pdf = tmp_path / os.fsdecode(b"\xff\xfebad.pdf")
    pdf.write_bytes(b"bytes")
    assert hashes.sha256(pdf) == file_hashes.file_sha256(pdf)
    monkeypatch.setattr(file_hashes, "file_sha256", lambda path: pytest.fail("hashed again"))
    assert hashes.sha256(pdf) is not None
