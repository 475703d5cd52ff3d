"""One partition per source document, and which documents a backfill re-extracts.

A document's partition key is its file name in the landing folder (the name it goes by,
warehouse/landing.py; stable: the same name is the same document, whatever its bytes; a
changed file is the same partition re-materialized). The partitions are registered by the landing sensor, the nightly
schedule and `budget-etl load`, all through ``sync_document_partitions``.

A backfill re-extracts documents whose bytes are cached (after an extractor fix). It is
asked for with run tags, so that the same request works from the command line
(`budget-etl backfill`) and from the UI (tags of a materialization or backfill):

- ``budget/reextract=all``: every document of the run;
- ``budget/reextract_year=2021``: the run's documents whose cached facts say fiscal year 2021;
- ``budget/reextract_department=NAME``: those of that department (whitespace ignored);

year and department together select both. ``budget/rebuild=true`` rebuilds and publishes
the warehouse even when nothing changed; ``budget/full_refresh=true`` does too, from an empty
build file and with every incremental dbt model rebuilt whole (``dbt build --full-refresh``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import LandingFile, landing_files, pending_documents, unique_names

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

REEXTRACT_TAG = "budget/reextract"
REEXTRACT_YEAR_TAG = "budget/reextract_year"
REEXTRACT_DEPARTMENT_TAG = "budget/reextract_department"
REBUILD_TAG = "budget/rebuild"
FULL_REFRESH_TAG = "budget/full_refresh"

# Dagster's tags for a run over a range of partitions (a single-run backfill); the range of a
# dynamic partitions definition follows the order the keys were registered in.
PARTITION_RANGE_START_TAG = "dagster/asset_partition_range_start"
PARTITION_RANGE_END_TAG = "dagster/asset_partition_range_end"

# Substrings Dagster refuses in partition keys ("..." is its range separator).
_INVALID_IN_KEYS = ("...", "\a", "\b", "\f", "\n", "\r", "\t", "\v", "\0")


def document_key(file_name: str) -> str:
    """The partition key of a landing file: its name, made acceptable to Dagster."""
    key = file_name
    for bad in _INVALID_IN_KEYS:
        key = key.replace(bad, "_")
    return key


def landing_documents(landing_dir: Path) -> dict[str, LandingFile]:
    """The PDFs of the landing folder by partition key (one each), in key order."""
    files = landing_files(landing_dir)
    keys = unique_names((f.name for f in files), (document_key(f.name) for f in files))
    return dict(sorted(zip(keys, files, strict=True), key=lambda item: item[0]))


def sync_document_partitions(instance: dg.DagsterInstance, landing_dir: Path) -> tuple[list[str], list[str]]:
    """Register a partition for each PDF of the landing folder and drop those of removed
    files; returns (added, removed) keys."""
    current = landing_documents(landing_dir)
    registered = set(instance.get_dynamic_partitions(documents_partitions.name))  # type: ignore[arg-type]  # declared with a name
    added = [k for k in current if k not in registered]
    removed = sorted(registered - set(current))
    if added:
        instance.add_dynamic_partitions(documents_partitions.name, added)  # type: ignore[arg-type]  # declared with a name
    for key in removed:
        instance.delete_dynamic_partition(documents_partitions.name, key)  # type: ignore[arg-type]  # declared with a name
    return added, removed


def all_documents_tags(instance: dg.DagsterInstance) -> dict[str, str] | None:
    """Run tags for one run over every registered document (a single-run range), or None
    when there is none."""
    keys = instance.get_dynamic_partitions(documents_partitions.name)  # type: ignore[arg-type]  # declared with a name
    if not keys:
        return None
    return {PARTITION_RANGE_START_TAG: keys[0], PARTITION_RANGE_END_TAG: keys[-1]}


def pending_documents_tags(
    instance: dg.DagsterInstance, landing_dir: Path, cache: ExtractionCache
) -> dict[str, str] | None:
    """Run tags for one run over the registered documents from the first to the last whose
    bytes wait for their extraction (a single-run range), or None when none waits.

    Not the whole range: Dagster records a materialization for every partition of a run, and
    at 10,000 documents that took 25 s of a load that extracted one. A range cannot skip the
    documents between, which the step finds extracted already (extract_landing)."""
    documents = landing_documents(landing_dir)
    pending = {f.path for f in pending_documents(documents.values(), cache)}
    if not pending:
        return None
    keys = instance.get_dynamic_partitions(documents_partitions.name)  # type: ignore[arg-type]  # declared with a name
    waiting = {key for key, f in documents.items() if f.path in pending}
    positions = [i for i, key in enumerate(keys) if key in waiting]
    if not positions:
        return None
    return {PARTITION_RANGE_START_TAG: keys[positions[0]], PARTITION_RANGE_END_TAG: keys[positions[-1]]}


def _normalized(name: str | None) -> str:
    return re.sub(r"\s+", "", name or "")


@dataclass(frozen=True)
class Reextract:
    """Which of a run's documents to extract again although their bytes are cached."""

    everything: bool = False
    year: int | None = None
    department: str | None = None

    def __post_init__(self):
        if not (self.everything or self.year is not None or self.department):
            raise ValueError("say what to re-extract: everything, a year or a department")

    def describe(self) -> str:
        if self.everything:
            return "every document"
        parts = ([f"fiscal year {self.year}"] if self.year is not None else []) + (
            [f"department {self.department}"] if self.department else []
        )
        return "documents of " + " and ".join(parts)

    def tags(self) -> dict[str, str]:
        if self.everything:
            return {REEXTRACT_TAG: "all"}
        tags = {}
        if self.year is not None:
            tags[REEXTRACT_YEAR_TAG] = str(self.year)
        if self.department:
            tags[REEXTRACT_DEPARTMENT_TAG] = self.department
        return tags

    @classmethod
    def from_tags(cls, tags: Mapping[str, str]) -> Reextract | None:
        everything = tags.get(REEXTRACT_TAG, "").strip().lower() in ("all", "true", "yes", "1")
        year = tags.get(REEXTRACT_YEAR_TAG, "").strip()
        department = tags.get(REEXTRACT_DEPARTMENT_TAG, "").strip()
        if not (everything or year or department):
            return None
        if year and not year.isdigit():
            raise dg.Failure(f"The run tag {REEXTRACT_YEAR_TAG}={year!r} is not a year.")
        return cls(everything=everything, year=int(year) if year else None, department=department or None)

    def select(self, files: list[LandingFile], cache: ExtractionCache) -> list[LandingFile]:
        """The files to re-extract: all of them, or those whose cached facts match.

        A file without a cached extraction is extracted anyway, and one rejected before its
        facts were known matches no year or department (``everything`` includes it).
        """
        if self.everything:
            return list(files)
        wanted = _normalized(self.department)
        selected = []
        hashes = cache.hashes.sha256s(f.path for f in files)
        for file in files:
            sha256 = hashes[file.path]
            cached = cache.get(sha256, file.name) if sha256 else None
            if cached is None:
                continue
            facts = cached[0].facts
            if self.year is not None and facts.fiscal_year != self.year:
                continue
            if wanted and _normalized(facts.department_name) != wanted:
                continue
            selected.append(file)
        return selected


def is_true_tag(tags: Mapping[str, str], tag: str) -> bool:
    return tags.get(tag, "").lower() in ("true", "1", "yes")
