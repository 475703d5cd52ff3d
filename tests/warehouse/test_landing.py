"""Extracting a landing folder: the cache decides what is read, a crash stays one
document's, a backfill's files are read again. A stand-in extractor keeps it fast."""

from __future__ import annotations

import pytest

from extract.model import DocumentFacts, Extraction
from orchestration.defs.extraction.documents import Reextract, document_key
from warehouse import landing as landing_module
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import extract_landing, file_sha256, landing_files

YEARS = {"a.pdf": 2021, "b.pdf": 2022, "crash.pdf": None}


@pytest.fixture
def reads(monkeypatch):
    """The stand-in extractor: a budget of YEARS[name]; crash.pdf crashes it. Lists what it read."""
    read = []

    def extract_document(path):
        read.append(path.name)
        if path.name == "crash.pdf":
            raise RuntimeError("the extractor tripped")
        return Extraction(
            source_file=path.name,
            sha256=file_sha256(path),
            page_count=1,
            status="loaded",
            facts=DocumentFacts(department_name="某 局", fiscal_year=YEARS[path.name]),
        )

    monkeypatch.setattr(landing_module, "extract_document", extract_document)
    return read


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    for name in YEARS:
        (folder / name).write_bytes(name.encode())
    return landing_files(folder)


def test_a_crash_is_one_documents_and_is_tried_again_next_time(reads, files, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    results = extract_landing(files, cache, workers=1)
    statuses = {o.source_file: (o.status, o.reject_kind) for o in results}
    assert statuses == {
        "a.pdf": ("loaded", None),
        "b.pdf": ("loaded", None),
        "crash.pdf": ("rejected", "extractor_error"),
    }
    crash = files[-1].path
    assert cache.get(file_sha256(crash), "crash.pdf") is None  # never taken for a result...
    assert "tripped" in cache.get_error(file_sha256(crash), "crash.pdf")[0].status_reason  # ...but kept to report

    reads.clear()
    # the next extraction tries those bytes again; the others are cached
    again = extract_landing(files, cache, workers=1)
    assert reads == ["crash.pdf"] and [o.source_file for o in again] == ["crash.pdf"]


def test_a_backfill_reads_its_documents_again(reads, files, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    extract_landing(files, cache, workers=1)
    reads.clear()
    force = Reextract(year=2021).select(files, cache)
    assert [p.name for p in force] == ["a.pdf"]
    assert [p.name for p in Reextract(department="某局").select(files, cache)] == ["a.pdf", "b.pdf"]
    results = extract_landing(files, cache, workers=1, force=force)
    assert sorted(reads) == ["a.pdf", "crash.pdf"]
    assert {o.source_file for o in results} == {"a.pdf", "crash.pdf"}


def test_reextraction_tags_round_trip():
    for request in (Reextract(everything=True), Reextract(year=2021), Reextract(department="某局", year=2020)):
        assert Reextract.from_tags(request.tags()) == request
    assert Reextract.from_tags({}) is None
    with pytest.raises(ValueError):
        Reextract()


def test_a_partition_key_is_the_file_name_made_acceptable():
    assert document_key("部门预算2021.pdf") == "部门预算2021.pdf"
    assert "..." not in document_key("a...b.pdf")
