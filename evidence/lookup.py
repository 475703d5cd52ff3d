"""What a piece of evidence shows, read from the published warehouse: the boxed cells of a
line, of an identity check (left and right side) or of a document's failed checks, and the
landing PDF they are printed in.

Ids are looked up as values (bound parameters), never joined into paths; the PDF's path is the
landing folder plus the file name the warehouse recorded, checked to stay inside the folder
and to hold the bytes that were loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from warehouse.landing import landing_files, readable_sha256

MAJOR_DIFF_YUAN = Decimal(10000)


class NotFound(LookupError):
    """No such line, check or document in the warehouse, or its PDF is not in the landing folder."""


@dataclass(frozen=True)
class Cell:
    budget_line_id: str
    page: int
    box: tuple[float, float, float, float] | None  # the printed amount, pdfplumber coordinates
    label_box: tuple[float, float, float, float] | None
    table_kind: str
    line_label: str
    code: str | None
    measure: str
    amount_yuan: Decimal
    side: str | None = None  # left | right for an identity check's cells


@dataclass(frozen=True)
class Check:
    identity_check_id: str
    identity: str
    subject: str
    lhs_yuan: Decimal
    rhs_yuan: Decimal
    diff_yuan: Decimal
    tolerance_yuan: Decimal
    outcome: str
    description: str  # the identity's rule in Chinese (dim_identity)
    source_page: int | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def severity(self) -> str:
        """major for a failed check off by 1 万元 or more (a misprinted figure, not a slip
        in the last digit), minor for a smaller failure, none for a check that holds."""
        if self.outcome != "failed":
            return "none"
        return "major" if abs(self.diff_yuan) >= MAJOR_DIFF_YUAN else "minor"


@dataclass(frozen=True)
class Document:
    document_id: str
    source_file: str
    sha256: str
    department_name: str | None
    fiscal_year: int | None
    page_sizes: dict[int, tuple[float, float]]  # page -> (width, height) of the boxes' frame


@dataclass(frozen=True)
class Evidence:
    """What one view shows: a document, the cells to box, and the checks they belong to."""

    title: str
    document: Document
    cells: list[Cell]
    checks: list[Check] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({c.page for c in self.cells} | {c.source_page for c in self.checks if c.source_page})


_CELL_COLUMNS = """budget_line_id, source_page, bbox_x0, bbox_top, bbox_x1, bbox_bottom,
    label_bbox_x0, label_bbox_top, label_bbox_x1, label_bbox_bottom, table_kind, line_label, code, measure,
    amount_yuan"""


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not Path(warehouse).is_file():
        raise NotFound(f"the warehouse {warehouse} does not exist")
    return duckdb.connect(str(warehouse), read_only=True)


def _box(values) -> tuple[float, float, float, float] | None:
    return None if values[0] is None else (float(values[0]), float(values[1]), float(values[2]), float(values[3]))


def _cell(row, side: str | None = None) -> Cell:
    return Cell(row[0], row[1], _box(row[2:6]), _box(row[6:10]), row[10], row[11], row[12], row[13], row[14], side)


def document(con: duckdb.DuckDBPyConnection, document_id: str) -> Document:
    row = con.execute(
        "select document_id, source_file, sha256, department_name, fiscal_year from marts.dim_document "
        "where document_id = ?",
        [document_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no document {document_id!r} in the warehouse")
    sizes = {
        p: (w, h)
        for p, w, h in con.execute(
            "select page_number, page_width, page_height from marts.dim_document_page where document_id = ?",
            [document_id],
        ).fetchall()
    }
    return Document(*row, sizes)  # type: ignore[call-arg]  # row: the fields before page_sizes


def line(con: duckdb.DuckDBPyConnection, budget_line_id: str) -> Evidence:
    row = con.execute(
        f"select document_id, {_CELL_COLUMNS} from marts.fct_budget_line where budget_line_id = ?", [budget_line_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no budget line {budget_line_id!r} in the warehouse")
    cell = _cell(row[1:])
    return Evidence(f"line {budget_line_id}", document(con, row[0]), [cell])


def _checks(con: duckdb.DuckDBPyConnection, where: str, params: list) -> list[Check]:
    rows = con.execute(
        f"""select c.identity_check_id, c.identity, c.subject, c.lhs_yuan, c.rhs_yuan, c.diff_yuan,
                   c.tolerance_yuan, c.outcome, coalesce(i.description_zh, c.identity), c.source_page
            from marts.fct_identity_check c left join marts.dim_identity i using (identity)
            where {where} order by c.source_page, c.identity, c.subject""",
        params,
    ).fetchall()
    checks = []
    for row in rows:
        cells = [
            _cell(r[1:], r[0])
            for r in con.execute(
                f"""select b.side, {_CELL_COLUMNS} from marts.fct_identity_check_line b
                join marts.fct_budget_line using (budget_line_id)
                where b.identity_check_id = ? order by b.side, budget_line_id""",
                [row[0]],
            ).fetchall()
        ]
        checks.append(Check(*row, cells))  # type: ignore[call-arg]  # row: the fields before cells
    return checks


def identity(con: duckdb.DuckDBPyConnection, identity_check_id: str) -> Evidence:
    found = con.execute(
        "select document_id from marts.fct_identity_check where identity_check_id = ?", [identity_check_id]
    ).fetchone()
    if found is None:
        raise NotFound(f"no identity check {identity_check_id!r} in the warehouse")
    (check,) = _checks(con, "c.identity_check_id = ?", [identity_check_id])
    return Evidence(f"identity check {identity_check_id}", document(con, found[0]), check.cells, [check])


def failed_checks(con: duckdb.DuckDBPyConnection, document_id: str) -> Evidence:
    doc = document(con, document_id)
    checks = _checks(con, "c.document_id = ? and not c.passed", [document_id])
    return Evidence(f"document {document_id}", doc, [c for check in checks for c in check.cells], checks)


def pdf_path(landing: Path, doc: Document) -> Path:
    """The landing PDF of ``doc``: the file the load read under that name (a name is never
    joined into a path: the landing folder's listing is searched), with the bytes loaded."""
    root = Path(landing).resolve()
    path = next((f.path for f in landing_files(root) if f.name == doc.source_file), None)
    if path is None:
        raise NotFound(f"{doc.source_file} is not in the landing folder {root}")
    if readable_sha256(path) != doc.sha256:
        raise NotFound(f"{doc.source_file} in {root} has changed since it was loaded")
    return path
