"""Extractions of the shared corpora, made once per session and shared by the extract tests.

The corpora live in ../shared/ beside the checkout and are never copied into the project;
without them the tests that need them skip, saying so.
"""

from __future__ import annotations

import json

import pytest

from extract import extract_document
from tests.paths import SHARED, shared_path

OFFICE = SHARED / "corpus" / "office"
REAL = SHARED / "corpus" / "real"
AUX = SHARED / "corpus" / "aux_nonoriginal"


def office_truth_entries() -> list[dict]:
    """truth.json of the office corpus, read at collection time to name the test cases."""
    path = OFFICE / "truth.json"
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def real_manifest_rows() -> list[dict]:
    path = REAL / "MANIFEST.tsv"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:] if ln.strip()]


@pytest.fixture(scope="session")
def office_extractions():
    folder = shared_path("corpus", "office", "pdf")
    return {entry["file"]: extract_document(folder / entry["file"]) for entry in office_truth_entries()}


@pytest.fixture(scope="session")
def real_extractions():
    folder = shared_path("corpus", "real")
    return {row["local_file"]: extract_document(folder / row["local_file"]) for row in real_manifest_rows()}


@pytest.fixture(scope="session")
def sample_extractions(sample_corpus):
    """The sample corpus (tests/conftest.py) extracted once: {file name: (SampleDocument, Extraction)}."""
    landing, documents = sample_corpus
    return {d.file_name: (d, extract_document(landing / d.file_name)) for d in documents}
