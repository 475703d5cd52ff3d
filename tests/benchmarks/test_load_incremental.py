"""benchmarks/load_incremental.py at a smoke size, run as a user runs it, so that it never rots."""

from __future__ import annotations

import re

from tests.benchmarks.script import run_benchmark
from tests.paths import land


def test_the_load_benchmark_times_three_loads_and_reports_its_figures(sample_corpus, tmp_path):
    # Three short documents of the sample corpus: the three loads cost mostly dbt's fixed time.
    documents = sorted(
        (d for d in sample_corpus[1] if d.expect == "loaded"), key=lambda d: (d.page_count or 0, d.file_name)
    )[:3]
    landing = tmp_path / "given"
    landing.mkdir()
    for document in documents:
        land(sample_corpus[0] / document.file_name, landing)
    out = run_benchmark(
        "load_incremental.py",
        "--landing",
        str(landing),
        "--workdir",
        str(tmp_path / "work"),
        "--workers",
        "2",
        timeout=600,
    )
    runs = {
        name: (read, published)
        for name, read, published in re.findall(
            r"^(first full load|one document changed|nothing changed)\b.*?s\s+(\d+)\s+(yes|no)\s", out, re.M
        )
    }
    # The first load reads every PDF and publishes; one changed PDF is read again and republished;
    # with nothing changed nothing is read and the published file stays.
    assert runs["first full load"] == ("3", "yes"), out
    assert runs["one document changed"] == ("1", "yes"), out
    assert runs["nothing changed"] == ("0", "no"), out
    first = re.search(
        r"First load: (\d+) documents in \d+ s = ([\d.]+) documents/s; (\d+) loaded, (\d+) budget lines; "
        r"CPU time (\d+) s",
        out,
    )
    assert first and int(first[1]) == int(first[3]) == 3 and float(first[2]) > 0 and int(first[4]) > 0, out
    assert int(first[5]) > 5, out  # Python, Dagster and dbt starting cost seconds of CPU: the tree was measured
    memory = re.search(
        r"Peak memory of the first load: (\d+) MiB for the whole process tree .*?, (\d+) MiB for its largest", out
    )
    assert memory and int(memory[1]) > 50 and int(memory[2]) > 50, out
    size = re.search(r"Warehouse: ([\d.]+) MiB \(DuckDB\)", out)
    assert size and float(size[1]) > 0, out
    assert len(re.findall(r"^Target \(.*\): (met|NOT met)\.$", out, re.M)) == 2, out
    # The landing folder it was given is never modified (the changed PDF was a copy).
    assert not [p for p in landing.glob("*.pdf") if p.read_bytes().endswith(b"benchmarks/load_incremental.py\n")]


def test_the_load_benchmark_loads_clones_without_reading_them(sample_corpus, tmp_path):
    """--clones: the documents are clones with cached extractions, each a department of its own:
    only the changed one is read, and every clone is loaded (none supersedes another)."""
    loaded = sorted(d.file_name for d in sample_corpus[1] if d.expect == "loaded")[:2]
    landing = tmp_path / "given"
    landing.mkdir()
    for name in loaded:
        land(sample_corpus[0] / name, landing)
    out = run_benchmark("load_incremental.py", "--landing", landing, "--clones", "5", "--workdir", tmp_path / "work")
    assert "5 clones of the 2 PDFs" in out, out
    reads = re.findall(
        r"^(?:first full load|one document changed|nothing changed)\b.*?s\s+(\d+)\s+(?:yes|no)\s", out, re.M
    )
    assert reads == ["0", "1", "0"], out
    assert re.search(r"First load: 5 documents in \d+ s = [\d.]+ documents/s; 5 loaded", out), out
