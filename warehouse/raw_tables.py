"""The raw schema: extraction results as tables, the only input of the dbt models.

The raw tables always mirror the landing folder as of the last load: a document's rows are
written whole or deleted whole, never appended to, so a rerun never duplicates rows
(warehouse/raw_update.py writes only the documents that changed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import duckdb
import pandas as pd

from extract.model import Extraction

DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key,
    source_file varchar not null,
    sha256 varchar not null,
    page_count integer,
    status varchar not null,
    reject_kind varchar,
    status_reason varchar,
    department_name varchar,
    fiscal_year integer,
    document_kind varchar,
    document_scope varchar,
    authorized_staff integer,
    actual_staff integer,
    extracted_at timestamp not null,
    text_source varchar not null default 'text_layer',
    ocr_pages varchar
);
create table if not exists raw.tables_found (
    document_id varchar not null,
    table_kind varchar not null,
    title varchar not null,
    pages varchar not null,
    unit varchar not null,
    empty_note varchar,
    header varchar
);
create table if not exists raw.budget_lines (
    document_id varchar not null,
    line_no integer not null,
    table_kind varchar not null,
    classification varchar not null,
    code varchar,
    line_key varchar,
    line_label varchar not null,
    measure varchar not null,
    amount_yuan decimal(20, 2) not null,
    is_subtotal boolean not null,
    source_page integer not null,
    unit varchar not null,
    amount_x0 double,
    amount_top double,
    amount_x1 double,
    amount_bottom double,
    label_x0 double,
    label_top double,
    label_x1 double,
    label_bottom double,
    is_derived boolean not null,
    text_source varchar not null default 'text_layer',
    ocr_confidence double
);
create table if not exists raw.pages (
    document_id varchar not null,
    page_number integer not null,
    width double not null,
    height double not null,
    rotation integer not null
);
create table if not exists raw.department_names (
    document_id varchar not null,
    department_name varchar not null,
    is_primary boolean not null
);
create table if not exists raw.performance_indicators (
    document_id varchar not null,
    line_no integer not null,
    project_name varchar,
    level1 varchar not null,
    level2 varchar not null,
    level3 varchar not null,
    target varchar not null,
    source_page integer not null
);
create table if not exists raw.narrative_totals (
    document_id varchar not null,
    total_key varchar not null,
    phrase varchar not null,
    amount_yuan decimal(20, 2) not null,
    unit varchar not null,
    source_page integer not null
);
create table if not exists raw.placeholders (
    document_id varchar not null,
    placeholder_no integer not null,
    phrase varchar not null,
    placeholder varchar not null,
    source_page integer not null
);
create table if not exists raw.narrative_changes (
    document_id varchar not null,
    change_no integer not null,
    phrase varchar not null,
    direction varchar not null,
    amount_yuan decimal(20, 2) not null,
    unit varchar not null,
    amount_decimals integer not null,
    change_yuan decimal(20, 2),
    percent decimal(9, 4),
    percent_decimals integer,
    rate_direction varchar,
    previous_yuan decimal(20, 2),
    source_page integer not null
);
create table if not exists raw.narrative_years (
    document_id varchar not null,
    year_no integer not null,
    phrase varchar not null,
    year integer not null,
    compares boolean not null,
    source_page integer not null
);
create table if not exists raw.narrative_executions (
    document_id varchar not null,
    execution_no integer not null,
    phrase varchar not null,
    subject varchar not null,
    budgeted_yuan decimal(20, 2),
    final_yuan decimal(20, 2) not null,
    unit varchar not null,
    amount_decimals integer not null,
    percent decimal(9, 4),
    percent_decimals integer,
    word varchar,
    wording varchar,
    source_page integer not null,
    class_name varchar,
    subclass_name varchar,
    item_name varchar
);
create table if not exists raw.narrative_class_amounts (
    document_id varchar not null,
    statement_no integer not null,
    phrase varchar not null,
    class_name varchar not null,
    subclass_name varchar,
    item_name varchar,
    level integer not null,
    amount_yuan decimal(20, 2) not null,
    unit varchar not null,
    amount_decimals integer not null,
    restates varchar,
    source_page integer not null
);
create table if not exists raw.narrative_shares (
    document_id varchar not null,
    phrase varchar not null,
    amount_yuan decimal(20, 2) not null,
    percent decimal(9, 4) not null,
    percent_decimals integer not null,
    base_phrase varchar,
    base_yuan decimal(20, 2),
    source_page integer not null
);
"""


_NO_BOX = (None, None, None, None)
# The tables of the documents' rows, by document_id (raw.removed_documents aside).
RAW_TABLES = (
    "documents",
    "tables_found",
    "budget_lines",
    "department_names",
    "performance_indicators",
    "narrative_totals",
    "narrative_shares",
    "narrative_changes",
    "narrative_years",
    "narrative_executions",
    "narrative_class_amounts",
    "placeholders",
    "pages",
)


def document_id(source_file: str, sha256: str) -> str:
    """Stable per (file name, content): a changed file is a new document, an unchanged one is not."""
    return hashlib.sha256(f"{source_file}\0{sha256}".encode()).hexdigest()[:16]


def replace_raw_tables(
    con: duckdb.DuckDBPyConnection,
    extractions: Iterable[tuple[Extraction, datetime]],
) -> None:
    """Replace the raw tables with these extractions (each with the time it was extracted)."""
    con.execute("begin transaction")
    try:
        delete_raw_rows(con, keep=())
        insert_raw_rows(con, extractions)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def delete_raw_rows(con: duckdb.DuckDBPyConnection, keep: Collection[str]) -> None:
    """Delete the rows of every document but those of ``keep`` (document ids) from every raw
    table (removed_documents aside), in the caller's transaction."""
    create_raw_tables(con)
    con.register("kept_documents", pd.DataFrame({"document_id": pd.Series(list(keep), dtype="string")}))
    try:
        for table in RAW_TABLES:
            con.execute(f"delete from raw.{table} where document_id not in (select document_id from kept_documents)")
    finally:
        con.unregister("kept_documents")


def insert_raw_rows(con: duckdb.DuckDBPyConnection, extractions: Iterable[tuple[Extraction, datetime]]) -> None:
    """Insert the rows of these extractions (each with the time it was extracted), whose
    documents have none yet, in the caller's transaction."""
    documents, tables, lines, names, indicators, narrative, shares = [], [], [], [], [], [], []
    placeholders: list[tuple[str, int, str, str, int]] = []
    changes: list[tuple] = []
    years: list[tuple[str, int, str, int, bool, int]] = []
    executions: list[tuple] = []
    class_amounts: list[tuple] = []
    pages: list[tuple[str, int, float, float, int]] = []
    for ex, extracted_at in extractions:
        doc_id = document_id(ex.source_file, ex.sha256)
        f = ex.facts
        documents.append(
            (
                doc_id,
                ex.source_file,
                ex.sha256,
                ex.page_count,
                ex.status,
                ex.reject_kind,
                ex.status_reason,
                f.department_name,
                f.fiscal_year,
                f.document_kind,
                f.document_scope,
                f.authorized_staff,
                f.actual_staff,
                extracted_at,
                ex.text_source,
                ",".join(map(str, ex.ocr_pages)) or None,
            )
        )
        if f.department_name:
            names.append((doc_id, f.department_name, True))
            names.extend((doc_id, alias, False) for alias in f.department_aliases)
        for n, ind in enumerate(ex.indicators, start=1):
            indicators.append((doc_id, n, ind.project, ind.level1, ind.level2, ind.level3, ind.target, ind.source_page))
        for t in ex.narrative_totals:
            narrative.append((doc_id, t.key, t.text, str(t.amount_yuan), t.unit, t.source_page))
        for sh in ex.narrative_shares:
            shares.append(
                (
                    doc_id,
                    sh.text,
                    str(sh.amount_yuan),
                    str(sh.percent),
                    _decimals(sh.percent),
                    sh.base_text,
                    sh.base_yuan,
                    sh.source_page,
                )
            )
        for n, c in enumerate(ex.narrative_changes, start=1):
            changes.append(
                (
                    doc_id,
                    n,
                    c.text,
                    c.direction,
                    c.amount_yuan,
                    c.unit,
                    c.amount_decimals,
                    c.change_yuan,
                    c.percent,
                    _decimals(c.percent) if c.percent is not None else None,
                    c.rate_direction,
                    c.previous_yuan,
                    c.source_page,
                )
            )
        years.extend(
            (doc_id, n, y.text, y.year, y.compares, y.source_page) for n, y in enumerate(ex.narrative_years, start=1)
        )
        for n, e in enumerate(ex.narrative_executions, start=1):
            executions.append(
                (
                    doc_id,
                    n,
                    e.text,
                    e.subject,
                    e.budgeted_yuan,
                    e.final_yuan,
                    e.unit,
                    e.amount_decimals,
                    e.percent,
                    _decimals(e.percent) if e.percent is not None else None,
                    e.word,
                    e.wording,
                    e.source_page,
                    e.class_name,
                    e.subclass_name,
                    e.item_name,
                )
            )
        class_amounts.extend(
            (
                doc_id,
                n,
                c.text,
                c.class_name,
                c.subclass_name,
                c.item_name,
                c.level,
                str(c.amount_yuan),
                c.unit,
                c.amount_decimals,
                c.restates,
                c.source_page,
            )
            for n, c in enumerate(ex.narrative_class_amounts, start=1)
        )
        placeholders.extend(
            (doc_id, n, p.text, p.placeholder, p.source_page) for n, p in enumerate(ex.placeholders, start=1)
        )
        for found in ex.tables:
            tables.append(
                (
                    doc_id,
                    found.table_kind,
                    found.title,
                    ",".join(map(str, found.pages)),
                    found.unit,
                    found.empty_note,
                    found.header,
                )
            )
        for n, ln in enumerate(ex.lines, start=1):
            lines.append(
                (
                    doc_id,
                    n,
                    ln.table_kind,
                    ln.classification,
                    ln.code,
                    ln.line_key,
                    ln.line_label,
                    ln.measure,
                    str(ln.amount_yuan),
                    ln.is_subtotal,
                    ln.source_page,
                    ln.unit,
                    *(ln.amount_box or _NO_BOX),
                    *(ln.label_box or _NO_BOX),
                    ln.is_derived,
                    ln.text_source,
                    ln.ocr_confidence,
                )
            )
        pages.extend((doc_id, p.number, p.width, p.height, p.rotation) for p in ex.pages)
    frames = {
        "raw.documents": pd.DataFrame(documents, columns=_columns(con, "documents")),
        "raw.tables_found": pd.DataFrame(tables, columns=_columns(con, "tables_found")),
        # Amounts travel as strings and are cast by DuckDB: a Decimal in a DataFrame column
        # could otherwise be inferred as DOUBLE.
        "raw.budget_lines": pd.DataFrame(lines, columns=_columns(con, "budget_lines")).astype(
            {"amount_yuan": "string"}
        ),
        "raw.department_names": pd.DataFrame(names, columns=_columns(con, "department_names")),
        "raw.performance_indicators": pd.DataFrame(indicators, columns=_columns(con, "performance_indicators")),
        "raw.narrative_totals": pd.DataFrame(narrative, columns=_columns(con, "narrative_totals")).astype(
            {"amount_yuan": "string"}
        ),
        "raw.narrative_shares": pd.DataFrame(shares, columns=_columns(con, "narrative_shares")).astype(
            {"amount_yuan": "string", "percent": "string", "base_yuan": "string"}
        ),
        # A change's figures may be None: pandas' string type keeps them null.
        "raw.narrative_changes": pd.DataFrame(changes, columns=_columns(con, "narrative_changes")).astype(
            {"amount_yuan": "string", "change_yuan": "string", "percent": "string", "previous_yuan": "string"}
        ),
        "raw.narrative_years": pd.DataFrame(years, columns=_columns(con, "narrative_years")),
        "raw.narrative_executions": pd.DataFrame(executions, columns=_columns(con, "narrative_executions")).astype(
            {"budgeted_yuan": "string", "final_yuan": "string", "percent": "string"}
        ),
        "raw.narrative_class_amounts": pd.DataFrame(
            class_amounts, columns=_columns(con, "narrative_class_amounts")
        ).astype({"amount_yuan": "string"}),
        "raw.placeholders": pd.DataFrame(placeholders, columns=_columns(con, "placeholders")),
        "raw.pages": pd.DataFrame(pages, columns=_columns(con, "pages")),
    }
    for table, frame in frames.items():
        if len(frame):
            con.register("incoming", frame)
            try:
                con.execute(f"insert into {table} by name select * from incoming")
            finally:
                con.unregister("incoming")


def _decimals(percent: Decimal) -> int:
    """How many decimals a percentage prints: its rounding."""
    return max(0, -int(percent.as_tuple().exponent))


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every raw table that does not exist yet: dbt reads them all as sources."""
    con.execute(DDL)
    con.execute(ADDED_COLUMNS)
    con.execute(REMOVED_DDL)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    # Every raw table exists once the first load has written.
    create_raw_tables(con)
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'raw' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


# Columns added or relaxed after the first release: a warehouse built before gets them on its
# next load (a share's whole became optional with extraction cache format 8, a table's header
# came with format 12, an execution statement's chain names with 13). Added last in the DDL
# too: rows are built in the order of the table's columns.
ADDED_COLUMNS = """
alter table raw.documents add column if not exists text_source varchar default 'text_layer';
alter table raw.documents add column if not exists ocr_pages varchar;
alter table raw.budget_lines add column if not exists text_source varchar default 'text_layer';
alter table raw.budget_lines add column if not exists ocr_confidence double;
alter table raw.narrative_shares alter column base_phrase drop not null;
alter table raw.narrative_shares alter column base_yuan drop not null;
alter table raw.tables_found add column if not exists header varchar;
alter table raw.narrative_executions add column if not exists class_name varchar;
alter table raw.narrative_executions add column if not exists subclass_name varchar;
alter table raw.narrative_executions add column if not exists item_name varchar;
"""


# Files that were loaded once and are no longer in the landing folder: they are kept out of
# the tables above (which mirror the landing folder) and listed here, from the load that
# first missed them, until a file of that name comes back.
REMOVED_DDL = """
create schema if not exists raw;
create table if not exists raw.removed_documents (
    source_file varchar not null,
    sha256 varchar not null,
    removed_at timestamp not null
);
"""


def replace_removed_documents(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str, datetime]]) -> None:
    """Replace raw.removed_documents with these (source_file, sha256, removed_at) rows."""
    con.execute(REMOVED_DDL)
    con.execute("begin transaction")
    try:
        con.execute("delete from raw.removed_documents")
        if rows:
            con.executemany("insert into raw.removed_documents values (?, ?, ?)", [list(r) for r in rows])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def removed_documents(
    previous_documents: dict[str, str],
    previous_removed: Sequence[tuple[str, str, datetime]],
    current_files: set[str],
    now: datetime,
) -> list[tuple[str, str, datetime]]:
    """The removed documents after a load of ``current_files``, given the published
    warehouse's raw.documents (source_file -> sha256) and raw.removed_documents."""
    rows = {name: (sha, at) for name, sha, at in previous_removed if name not in current_files}
    for name, sha in previous_documents.items():
        if name not in current_files:
            rows[name] = (sha, now)
    return sorted((name, sha, at) for name, (sha, at) in rows.items())


@dataclass(frozen=True)
class RawSummary:
    """What the raw tables hold, for a load's report."""

    statuses: dict[str, int]  # documents by status
    rejections: dict[str, str]  # source_file -> why, of every rejected document
    crashed: dict[str, str]  # the same, of the documents the extractor itself failed on
    rows: dict[str, int]  # rows by raw table (department_names: the aliases, primary names aside)


def raw_summary(con: duckdb.DuckDBPyConnection) -> RawSummary:
    def pairs(sql: str) -> dict:
        return dict(con.execute(sql).fetchall())

    rows = {
        table: con.execute(
            f"select count(*) from raw.{table}" + (" where not is_primary" if table == "department_names" else "")
        ).fetchone()[0]  # type: ignore[index]  # count(*) returns one row
        for table in RAW_TABLES
    }
    return RawSummary(
        statuses=pairs("select status, count(*) from raw.documents group by status"),
        rejections=pairs("select source_file, status_reason from raw.documents where status = 'rejected' order by 1"),
        crashed=pairs(
            "select source_file, status_reason from raw.documents where reject_kind = 'extractor_error' order by 1"
        ),
        rows=rows,
    )
