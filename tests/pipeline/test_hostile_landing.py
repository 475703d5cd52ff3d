"""`budget-etl load` over a landing folder an operator could really get: real sample PDFs under
names that are not UTF-8, hold newlines or shell characters, copies of one PDF under several
names, entries that must not be read, and PDF bombs. Every other file loads, nothing is lost,
and the summary adds up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from budget_etl.sample.corpus import SCANNED
from tests.extract.bombs import BOMBS
from tests.paths import REPO

SEED = "qiaokou_bigdata_center_2021_budget.pdf"
COPIED = "xiling_justice_bureau_2019_budget.pdf"
HOSTILE = {  # bytes of the name -> the name it goes by
    b"\xff\xfebad.pdf": "\\xff\\xfebad.pdf",
    "预算公开.pdf".encode("gbk"): "预算公开.pdf",
}
COPIES = ["copy 1.pdf", "copy\n2.pdf", "copy '3' $(x).pdf"]


def budget_etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_etl.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=900
    )


@pytest.fixture(scope="module")
def hostile(sample_corpus, tmp_path_factory):
    corpus, documents = sample_corpus
    root = tmp_path_factory.mktemp("hostile")
    landing = root / "landing"
    landing.mkdir()
    expected = {}  # name it goes by -> expected status
    for document in documents:
        # The scan: OCR (half a minute) tells nothing about names or bombs.
        if document.file_name in (SEED, SCANNED):
            continue
        shutil.copy(corpus / document.file_name, landing / document.file_name)
        expected[document.file_name] = document.expect
    for raw in HOSTILE:  # the seed under hostile names only: it must load under one
        shutil.copy(corpus / SEED, os.path.join(os.fsencode(landing), raw))
    for name in COPIES:
        shutil.copy(corpus / COPIED, landing / name)
    (landing / "passwd.pdf").symlink_to("/etc/passwd")
    (landing / "folder.pdf").mkdir()
    os.mkfifo(landing / "pipe.pdf")
    for bomb, (make, _) in BOMBS.items():
        make(landing / f"{bomb}.pdf")
    warehouse = root / "budget.duckdb"
    run = budget_etl("load", "--landing", str(landing), "--warehouse", str(warehouse), "--workers", "2")
    again = budget_etl("load", "--landing", str(landing), "--warehouse", str(warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select source_file, status, reject_kind, status_reason, document_id from marts.dim_document"
        ).fetchall()
        lines = dict(
            con.execute(
                "select d.source_file, count(*) from marts.fct_budget_line l"
                " join marts.dim_document d using (document_id) group by 1"
            ).fetchall()
        )
    finally:
        con.close()
    return run, again, {r[0]: r[1:] for r in rows}, lines, expected


def test_the_load_runs_to_its_end_without_a_traceback(hostile):
    run, again, *_ = hostile
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr + run.stdout
    assert again.returncode == 0 and "Nothing changed since the last load" in again.stdout


def test_every_other_file_loads_as_it_would_under_a_plain_name(hostile):
    _, _, documents, lines, expected = hostile
    for name, expect in expected.items():
        if name == COPIED:  # one of four copies: test_the_document_under_a_hostile_name...
            continue
        status = documents[name][0]
        assert status == ("rejected" if expect == "rejected" else "loaded"), (name, documents[name])
        if expect != "rejected":
            assert lines[name] > 0, name


def test_the_document_under_a_hostile_name_is_loaded_once_the_other_copies_superseded(hostile):
    _, _, documents, lines, _ = hostile
    statuses = {name: documents[name][0] for name in HOSTILE.values()}
    assert sorted(statuses.values()) == ["loaded", "superseded"], statuses
    assert lines[next(n for n, s in statuses.items() if s == "loaded")] > 200
    copies = {name.replace("\n", "\\n"): documents[name.replace("\n", "\\n")][0] for name in COPIES}
    assert sorted(copies.values()).count("superseded") == 2 and documents[COPIED][0] in ("loaded", "superseded")


def test_entries_that_must_not_be_read_are_rejected_with_their_reason(hostile):
    _, _, documents, _, _ = hostile
    for name, word in (("passwd.pdf", "outside the landing folder"), ("folder.pdf", "folder"), ("pipe.pdf", "pipe")):
        status, kind, reason, _ = documents[name]
        assert (status, kind) == ("rejected", "refused_file") and word in reason, (name, documents[name])


def test_pdf_bombs_are_rejected_and_cost_the_rest_nothing(hostile):
    _, _, documents, _, _ = hostile
    for bomb, (_, kinds) in BOMBS.items():
        status, kind, reason, _ = documents[f"{bomb}.pdf"]
        assert status == "rejected" and kind in kinds and reason, (bomb, documents[f"{bomb}.pdf"])


def test_the_summary_counts_every_entry_once(hostile):
    run, _, documents, _, _ = hostile
    counts = re.search(
        r"Documents: (\d+) in the landing folder: (\d+) loaded, (\d+) superseded, (\d+) rejected", run.stdout
    )
    assert counts, run.stdout
    total, loaded, superseded, rejected = map(int, counts.groups())
    assert total == loaded + superseded + rejected == len(documents)
    assert superseded == 1 + 3  # one of the seed's two names, three of the four copies
    read = re.search(
        r"(\d+) PDF\(s\) read, (\d+) taken from the cache \(bytes read before\), (\d+) not read \(refused\)", run.stdout
    )
    assert read and int(read[1]) + int(read[2]) + int(read[3]) == total and int(read[3]) == 3, run.stdout
    assert "superseded \\xff\\xfebad.pdf" in run.stdout or "superseded 预算公开.pdf" in run.stdout
