"""Fixtures of the sample-corpus tests: the corpus of the session, by file name, and the text of
its PDFs as pdfplumber reads it."""

from __future__ import annotations

import pdfplumber
import pytest


@pytest.fixture(scope="session")
def corpus(sample_corpus):
    """(folder, {file name: SampleDocument}) of the corpus written once for the session."""
    folder, documents = sample_corpus
    return folder, {d.file_name: d for d in documents}


@pytest.fixture(scope="session")
def page_texts(corpus):
    """{file name: [text of page 1, page 2, ...]} for every document expected to load from its
    text layer (the scanned one has none: tests/extract/test_extract_ocr.py reads it)."""
    folder, documents = corpus
    texts = {}
    for name, document in documents.items():
        if document.expect == "loaded" and document.text_source == "text_layer":
            with pdfplumber.open(folder / name) as pdf:
                texts[name] = [page.extract_text() or "" for page in pdf.pages]
    return texts
