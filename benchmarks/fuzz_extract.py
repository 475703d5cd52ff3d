"""Fuzz the extractor with mutations of real PDFs: byte flips, truncation, duplicated chunks,
damaged cross-reference tables. Prints what became of each mutant and fails on any traceback.

    .venv/bin/python benchmarks/fuzz_extract.py [--count 400] [--seed 17] [PDF ...]

With no PDF given, it mutates the shared real corpus (../shared/corpus/real). A mutant must
come back loaded or rejected with a reason, never raise and never be an ``extractor_error``;
a mutant that loads is ``loaded_same`` (its original's lines), ``loaded_fewer`` (some of them,
as printed: a page lost) or ``loaded_changed`` (an amount its original does not print). A mutant
of either of the last two kinds is loaded into a warehouse, beside one of the originals, and must
be flagged there by something its original is not flagged by: a failed identity
(``marts.fct_identity_check``), a finding of ``marts.fct_table_completeness`` or a narrative
total that disagrees (``marts.fct_narrative_check``). One left unflagged (``UNFLAGGED``) is a
document a reader would get incomplete or wrong without a word: exit 1.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract import extract_document  # noqa: E402
from extract.document import MAX_OCR_PAGES  # noqa: E402
from extract.model import Extraction  # noqa: E402

MUTATIONS = ("flip", "truncate", "duplicate", "xref")
DIFFERENT = ("loaded_fewer", "loaded_changed")  # a mutant loaded with lines other than its original's


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    buf = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del buf[rng.randrange(len(buf) // 4, len(buf)) :]
    elif kind == "duplicate":
        start = rng.randrange(len(buf))
        chunk = buf[start : start + rng.randint(16, 4096)]
        at = rng.randrange(len(buf))
        buf[at:at] = chunk
    elif kind == "xref":
        offsets = [m.start() for m in re.finditer(rb"\d{10} \d{5} n", bytes(buf))]
        for at in rng.sample(offsets, min(len(offsets), rng.randint(1, 8))) if offsets else [rng.randrange(len(buf))]:
            buf[at : at + 10] = b"%010d" % rng.randrange(len(buf))
    return bytes(buf)


def _lines(extraction: Extraction) -> list[tuple]:
    return sorted(((ln.table_kind, ln.line_key, ln.measure, ln.amount_yuan) for ln in extraction.lines), key=repr)


@dataclass
class Outcome:
    source: str
    kind: str
    status: str  # loaded_same | loaded_fewer | loaded_changed | rejected:<kind> | traceback
    path: Path | None = None  # the mutant, kept when it loaded with lines other than its original's
    detail: str = ""
    original: Path | None = None


def fuzz(
    sources: list[Path], count: int, seed: int, out_dir: Path, max_ocr_pages: int = MAX_OCR_PAGES
) -> list[Outcome]:
    """``count`` mutants of ``sources`` (in turn), extracted; those whose lines differ from their
    original's (``DIFFERENT``) are kept in ``out_dir``. ``max_ocr_pages`` bounds the pages a
    mutant may send to OCR (a flipped byte in a font's map garbles every page it prints)."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    originals = {p: (p.read_bytes(), _lines(extract_document(p))) for p in sources}
    outcomes = []
    for n in range(count):
        source = sources[n % len(sources)]
        data, lines = originals[source]
        kind = MUTATIONS[rng.randrange(len(MUTATIONS))]
        mutant = out_dir / f"{n:04d}_{kind}_{source.name}"
        mutant.write_bytes(mutate(data, kind, rng))
        try:
            extraction = extract_document(mutant, timeout_s=60, max_ocr_pages=max_ocr_pages)
        except Exception as exc:  # what the fuzzing is for
            outcomes.append(Outcome(source.name, kind, "traceback", mutant, f"{type(exc).__name__}: {exc}"))
            continue
        if extraction.status == "rejected":
            status = f"rejected:{extraction.reject_kind}"
            detail = extraction.status_reason or ""
        else:
            mutated = _lines(extraction)
            status = (
                "loaded_same"
                if mutated == lines
                else ("loaded_fewer" if set(mutated) <= set(lines) else "loaded_changed")
            )
            detail = ""
        kept = status in DIFFERENT
        outcomes.append(Outcome(source.name, kind, status, mutant if kept else None, detail, source))
        if not kept:
            mutant.unlink()
    return outcomes


# What the warehouse flags a document's file by: each failed identity, table finding and
# disagreeing narrative total, as text.
_FLAGS = """
select distinct d.source_file, concat_ws(' ', 'identity', c.identity, c.table_kind, c.subject, c.measure)
from marts.fct_identity_check c join marts.dim_document d using (document_id) where not c.passed
union all
select distinct d.source_file, concat_ws(' ', 'narrative', n.total_key)
from marts.fct_narrative_check n join marts.dim_document d using (document_id) where not n.passed
union all
select distinct unnest(string_split(t.source_files, ', ')), concat_ws(' ', 'completeness', t.table_kind, t.finding)
from marts.fct_table_completeness t where t.finding is not null
"""


def _flags(files: list[Path], workdir: Path) -> dict[str, set[str]]:
    """Load ``files`` into a warehouse in ``workdir``; the flags of each file, by name."""
    import duckdb

    from budget_etl.load import run_load

    landing = workdir / "landing"
    landing.mkdir(parents=True)
    for path in files:
        shutil.copyfile(path, landing / path.name)  # a link out of the landing folder is refused
    warehouse = workdir / "budget.duckdb"
    run_load(landing, warehouse, workers=1)
    flags: dict[str, set[str]] = {path.name: set() for path in files}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for name, flag in con.execute(_FLAGS).fetchall():
            flags.setdefault(name, set()).add(flag)
    finally:
        con.close()
    return flags


def flagged(mutants: dict[Path, Path], workdir: Path) -> set[str]:
    """The names of the ``mutants`` (each with its original) that the warehouse flags by
    something their original is not flagged by. The originals are loaded together, as they
    are published; the mutants of one original in turn, one per warehouse, since the later of
    two files of one disclosure would supersede the other."""
    originals = sorted(set(mutants.values()))
    baseline = _flags(originals, workdir / "originals")
    rounds: list[list[Path]] = []
    taken: Counter[Path] = Counter()
    for mutant, original in sorted(mutants.items()):
        if taken[original] == len(rounds):
            rounds.append([])
        rounds[taken[original]].append(mutant)
        taken[original] += 1
    original_of = {mutant.name: original.name for mutant, original in mutants.items()}
    return {
        name
        for n, batch in enumerate(rounds)
        for name, flags in _flags(batch, workdir / f"mutants{n}").items()
        if name in original_of and flags - baseline[original_of[name]]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    sources = args.pdfs or sorted((REPO.parent / "shared" / "corpus" / "real").glob("*.pdf"))
    if not sources:
        print("No PDF to mutate: give some, or put ../shared beside the checkout.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = fuzz(sources, args.count, args.seed, Path(tmp))
        elapsed = time.perf_counter() - started
        different = {o.path: o.original for o in outcomes if o.status in DIFFERENT and o.path and o.original}
        flags = flagged(different, Path(tmp) / "warehouses") if different else set()
    print(f"{len(outcomes)} mutants of {len(sources)} PDF(s) in {elapsed:.0f} s ({elapsed / len(outcomes):.2f} s each)")
    for (kind, status), n in sorted(Counter((o.kind, o.status) for o in outcomes).items()):
        print(f"  {kind:<9} {status:<28} {n}")
    tracebacks = [o for o in outcomes if o.status == "traceback" or o.status == "rejected:extractor_error"]
    for o in tracebacks:
        print(f"TRACEBACK {o.source} ({o.kind}): {o.detail}")
    unflagged = sorted({p.name for p in different} - flags)
    print(
        f"{len(different)} mutant(s) loaded with lines other than their original's; "
        f"{len(different) - len(unflagged)} flagged in the warehouse"
    )
    for name in unflagged:
        print(f"UNFLAGGED {name}")
    return 1 if tracebacks or unflagged else 0


if __name__ == "__main__":
    sys.exit(main())
