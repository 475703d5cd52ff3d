"""The extraction cache keeps an extraction exactly, keyed by the PDF's bytes."""

from __future__ import annotations

from datetime import datetime

from extract import extract_document
from warehouse.landing import file_sha256
from warehouse.extraction_cache import ExtractionCache


def test_an_extraction_comes_back_exactly(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    pdf = landing / next(d.file_name for d in documents if d.expect == "loaded")
    extraction = extract_document(pdf)
    assert extraction.lines
    cache = ExtractionCache(tmp_path)
    when = datetime(2026, 1, 2, 3, 4, 5)
    cache.put(extraction, when)
    again, extracted_at = cache.get(file_sha256(pdf), pdf.name)
    assert again == extraction
    assert extracted_at == when


def test_the_same_bytes_under_another_name_keep_that_name(sample_corpus, tmp_path):
    landing, documents = sample_corpus
    pdf = landing / documents[0].file_name
    cache = ExtractionCache(tmp_path)
    cache.put(extract_document(pdf), datetime(2026, 1, 1))
    again, _ = cache.get(file_sha256(pdf), "renamed.pdf")
    assert again.source_file == "renamed.pdf"


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path):
    (tmp_path / ("0" * 64 + ".json")).write_text("{not json", encoding="utf-8")
    assert ExtractionCache(tmp_path).get("0" * 64, "x.pdf") is None
