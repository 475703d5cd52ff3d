"""The extraction cache keeps an extraction exactly, keyed by the PDF's bytes."""

from __future__ import annotations

from datetime import datetime

from extract import extract_document
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import file_sha256


def test_an_extraction_comes_back_exactly(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    # The seed's narrative states its changes from last year too.
    pdf = landing / next(d.file_name for d in documents if d.department_name == "武汉市硚口区大数据中心")
    extraction = extract_document(pdf)
    assert extraction.lines and extraction.narrative_totals and extraction.narrative_shares
    assert extraction.narrative_changes
    cache = ExtractionCache(tmp_path)
    when = datetime(2026, 1, 2, 3, 4, 5)
    cache.put(extraction, when)
    again, extracted_at = cache.get(file_sha256(pdf), pdf.name)
    assert again == extraction
    assert any(ln.amount_box for ln in again.lines) and again.pages
    assert extracted_at == when


def test_a_final_account_s_execution_statements_come_back_exactly(sample_series_corpus, tmp_path):
    landing, documents = sample_series_corpus
    pdf = landing / next(d.file_name for d in documents if d.document_kind == "final_account")
    extraction = extract_document(pdf)
    assert extraction.narrative_executions
    cache = ExtractionCache(tmp_path)
    cache.put(extraction, datetime(2026, 1, 2))
    again, _ = cache.get(file_sha256(pdf), pdf.name)
    assert again == extraction


def test_the_same_bytes_under_another_name_keep_that_name(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    pdf = landing / documents[0].file_name
    cache = ExtractionCache(tmp_path)
    cache.put(extract_document(pdf), datetime(2026, 1, 1))
    again, _ = cache.get(file_sha256(pdf), "renamed.pdf")
    assert again.source_file == "renamed.pdf"


def test_a_damaged_entry_is_a_miss_not_an_error(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    pdf = landing / documents[0].file_name
    cache = ExtractionCache(tmp_path)
    cache.put(extract_document(pdf), datetime(2026, 1, 1))
    (entry,) = tmp_path.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cache.get(file_sha256(pdf), pdf.name) is None


def test_an_entry_of_an_older_format_counts_as_not_extracted(sample_corpus, tmp_path, monkeypatch):
    """An extractor whose output changed meaning bumps CACHE_FORMAT: the bytes it cached
    before are extracted again (``has`` is what the sensor and the extraction step ask)."""
    import warehouse.extraction_cache as extraction_cache

    landing, documents = sample_corpus
    pdf = landing / documents[0].file_name
    sha = file_sha256(pdf)
    cache = ExtractionCache(tmp_path)
    monkeypatch.setattr(extraction_cache, "CACHE_FORMAT", extraction_cache.CACHE_FORMAT - 1)
    cache.put(extract_document(pdf), datetime(2026, 1, 1))
    assert cache.has(sha)
    monkeypatch.undo()
    assert not cache.has(sha) and cache.get(sha, pdf.name) is None
    cache.put(extract_document(pdf), datetime(2026, 1, 2))
    assert cache.has(sha) and [p.name for p in tmp_path.glob("*.json")] == [cache._path(sha).name]


def test_the_class_amounts_of_a_narrative_come_back_exactly(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    # A generated budget's narrative restates its 一般公共预算 类 rows by name.
    pdf = landing / next(
        d.file_name
        for d in documents
        if d.expect == "loaded" and d.document_kind == "budget" and d.department_name != "武汉市硚口区大数据中心"
    )
    extraction = extract_document(pdf)
    assert extraction.narrative_class_amounts
    cache = ExtractionCache(tmp_path)
    cache.put(extraction, datetime(2026, 1, 2, 3, 4, 5))
    again, _ = cache.get(file_sha256(pdf), pdf.name)
    assert again.narrative_class_amounts == extraction.narrative_class_amounts
