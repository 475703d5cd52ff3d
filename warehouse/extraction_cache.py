"""Extraction results kept by content hash, outside the warehouse.

A PDF whose bytes have not changed is never read again: its extraction is loaded from
``<cache_dir>/<sha256>.v<CACHE_FORMAT>.json``. The format is in the name so that ``has``
tells a stale entry from a current one without reading it: bytes cached by an older
extractor count as not extracted, and their old entry is removed when the new one is written.
Rebuilding the warehouse therefore never re-reads PDFs,
and an extractor fix is rolled out by re-extracting the documents concerned (a backfill,
``budget-etl backfill``), which overwrites their entries.

An extraction the extractor crashed on (reject_kind ``extractor_error``) is kept apart, in
``<sha256>.v<CACHE_FORMAT>.error.json``: ``get`` never returns it, so that the next extraction tries those
bytes again, while the load of the same run can still report the failure (``get_error``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from extract.model import (
    BudgetLine,
    DocumentFacts,
    Extraction,
    NarrativeChange,
    NarrativeClassAmount,
    NarrativeExecution,
    NarrativePlaceholder,
    NarrativeShare,
    NarrativeTotal,
    NarrativeYear,
    PageBox,
    PerformanceIndicator,
    TableFound,
)
from warehouse.file_hashes import FileHashes

# Bumped whenever the extractor's output changes meaning, so that stale cached results are
# re-extracted instead of silently reused.
# 3: lines carry the boxes of their amount and label, and pages their frames; 4: scanned pages
# are read by OCR (documents and lines carry their text source, lines their OCR confidence);
# 5: the narrative's shares (占x%) and unfilled placeholders (XX); 6: its changes from last year
# (比上年增加…万元，增长…%); 7: its 机关运行经费 (narrative total office_operating_expenses); 8: the
# years of its figures and comparisons (2026年部门预算, 比2025年预算), and the shares whose whole
# it does not say; 9: a 决算's execution statements (年初预算为…万元，支出决算为…万元，完成年初预算的
# …%); 10: the amounts it states for function classes (一般公共服务支出(类)2106.66万元);
# 11: the table office_operating_expenditure (Jiangsu's 一般公共预算机关运行经费支出预算表);
# 12: a table's header lines (2025年“三公”经费预算数), whose years are checked, and 此表为空 read
# as a table's empty note; 13: an execution statement's subject read as a chain's names
# (class_name, subclass_name, item_name);
# 14: the narrative folded with 其他 for 其它 (the names of its class amounts);
# 15: its stated absence of 机关运行经费 (无机关运行经费) read as a total of 0.
CACHE_FORMAT = 15
# A change's figures, each printed or not (None).
_CHANGE_FIGURES = ("change_yuan", "percent", "previous_yuan")
# An execution statement's figures, each printed or not (None) but its 决算.
_EXECUTION_FIGURES = ("budgeted_yuan", "final_yuan", "percent")


def _encode(extraction: Extraction, extracted_at: datetime) -> dict:
    data = dataclasses.asdict(extraction)
    data["extracted_at"] = extracted_at.isoformat()
    for line in (*data["lines"], *data["narrative_totals"], *data["narrative_class_amounts"]):
        line["amount_yuan"] = str(line["amount_yuan"])
    for share in data["narrative_shares"]:
        share.update({k: _text(share[k]) for k in ("amount_yuan", "percent", "base_yuan")})
    for change in data["narrative_changes"]:
        change["amount_yuan"] = str(change["amount_yuan"])
        change.update({k: _text(change[k]) for k in _CHANGE_FIGURES})
    for execution in data["narrative_executions"]:
        execution.update({k: _text(execution[k]) for k in _EXECUTION_FIGURES})
    for table in data["tables"]:
        table["pages"] = list(table["pages"])
    data["cache_format"] = CACHE_FORMAT
    return data


def _decode(data: dict) -> Extraction:
    return Extraction(
        source_file=data["source_file"],
        sha256=data["sha256"],
        page_count=data["page_count"],
        status=data["status"],
        reject_kind=data["reject_kind"],
        status_reason=data["status_reason"],
        facts=DocumentFacts(**{**data["facts"], "department_aliases": tuple(data["facts"]["department_aliases"])}),
        tables=[TableFound(**{**t, "pages": tuple(t["pages"])}) for t in data["tables"]],
        lines=[_line(ln) for ln in data["lines"]],
        indicators=[PerformanceIndicator(**row) for row in data["indicators"]],
        narrative_totals=[
            NarrativeTotal(**{**t, "amount_yuan": Decimal(t["amount_yuan"])}) for t in data["narrative_totals"]
        ],
        narrative_shares=[
            NarrativeShare(**{**s, **{k: _decimal(s[k]) for k in ("amount_yuan", "percent", "base_yuan")}})
            for s in data["narrative_shares"]
        ],
        placeholders=[NarrativePlaceholder(**p) for p in data["placeholders"]],
        narrative_years=[NarrativeYear(**y) for y in data["narrative_years"]],
        narrative_changes=[_change(c) for c in data["narrative_changes"]],
        narrative_executions=[_execution(e) for e in data["narrative_executions"]],
        narrative_class_amounts=[
            NarrativeClassAmount(**{**c, "amount_yuan": Decimal(c["amount_yuan"])})
            for c in data["narrative_class_amounts"]
        ],
        pages=[PageBox(**p) for p in data["pages"]],
        text_source=data["text_source"],
        ocr_pages=data["ocr_pages"],
    )


def _change(data: dict) -> NarrativeChange:
    figures = {k: _decimal(data[k]) for k in _CHANGE_FIGURES}
    return NarrativeChange(**{**data, **figures, "amount_yuan": Decimal(data["amount_yuan"])})


def _execution(data: dict) -> NarrativeExecution:
    return NarrativeExecution(**{**data, **{k: _decimal(data[k]) for k in _EXECUTION_FIGURES}})


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _line(data: dict) -> BudgetLine:
    boxes = {k: tuple(data[k]) if data[k] is not None else None for k in ("amount_box", "label_box")}
    return BudgetLine(**{**data, **boxes, "amount_yuan": Decimal(data["amount_yuan"])})


class ExtractionCache:
    def __init__(self, cache_dir: Path):
        self.cache_dir = Path(cache_dir)
        self.hashes = FileHashes(self.cache_dir)  # the landing files' hashes, to look their entries up

    def _path(self, sha256: str) -> Path:
        return self.cache_dir / f"{sha256}.v{CACHE_FORMAT}.json"

    def _error_path(self, sha256: str) -> Path:
        return self.cache_dir / f"{sha256}.v{CACHE_FORMAT}.error.json"

    def has(self, sha256: str) -> bool:
        """Whether these bytes have a (successful) extraction, without reading it."""
        return self._path(sha256).exists()

    def stamp(self, sha256: str) -> str | None:
        """What the cache holds for these bytes, without reading it: ``ok:<mtime>`` (an
        extraction), ``error:<mtime>`` (only a recorded crash) or None. It changes whenever
        the entry is written again (a backfill)."""
        for kind, path in (("ok", self._path(sha256)), ("error", self._error_path(sha256))):
            try:
                return f"{kind}:{path.stat().st_mtime_ns}"
            except FileNotFoundError:
                continue
        return None

    def get(self, sha256: str, source_file: str) -> tuple[Extraction, datetime] | None:
        """The cached extraction of these bytes and when it was made, or None."""
        return self._read(self._path(sha256), source_file)

    def get_error(self, sha256: str, source_file: str) -> tuple[Extraction, datetime] | None:
        """The last extractor failure recorded for these bytes (never a successful extraction), or None."""
        return self._read(self._error_path(sha256), source_file)

    def _read(self, path: Path, source_file: str) -> tuple[Extraction, datetime] | None:
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged cache entry is re-extracted, never trusted
        if data.get("cache_format") != CACHE_FORMAT:
            return None
        # The same bytes may arrive under another name: the name is the landing file's.
        extraction = dataclasses.replace(_decode(data), source_file=source_file)
        return extraction, datetime.fromisoformat(data["extracted_at"])

    def discard(self, sha256: str) -> None:
        """Forget the entries of these bytes (a damaged one): the next extraction reads them again."""
        for path in (self._path(sha256), self._error_path(sha256)):
            path.unlink(missing_ok=True)

    def put(self, extraction: Extraction, extracted_at: datetime) -> None:
        """Keep an extraction; an extractor failure goes apart (see the module's docstring)."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        failed = extraction.reject_kind == "extractor_error"
        path = (self._error_path if failed else self._path)(extraction.sha256)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_encode(extraction, extracted_at), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        if not failed:
            self._error_path(extraction.sha256).unlink(missing_ok=True)
        for stale in self.cache_dir.glob(f"{extraction.sha256}.*json"):
            if stale not in (path, self._error_path(extraction.sha256)):
                stale.unlink(missing_ok=True)  # an entry of an older format
