"""Benchmark: `dbt build` over a warehouse of at least a million synthetic budget lines.

The raw tables (created by warehouse/raw_tables.py) are filled with DuckDB SQL, fast and
consistent: every document carries the eight standard budget tables of the Wuhan template
(收支预算总表, 收入预算总表, 支出预算总表 with 类/款/项, 财政拨款收支预算总表, 一般公共预算支出表,
一般公共预算基本支出表 by economic 类/款, "三公"经费支出表; 政府性基金 stated empty), printed in
万元 with amounts in whole 0.01 万元 built up from the leaves, so that every accounting
identity holds exactly and the run must end with zero failed identities.

    python benchmarks/dbt_build.py [--documents 3700] [--years 3] [--threads 1] [--keep PATH]

It prints the number of lines, the dbt build wall time (and the slowest nodes), and the
warehouse file size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warehouse.raw_tables import create_raw_tables  # noqa: E402

DBT_PROJECT = REPO / "dbt_project"

# Function 类 the synthetic departments spend on; each document uses four of them.
FUNCTION_CLASSES = ["201", "205", "206", "208", "210", "212", "213", "221"]
ITEM_SUFFIXES = ["01", "02", "50"]  # 行政运行, 一般行政管理事务, 事业运行
ECONOMIC_301 = ["30101", "30102", "30103", "30107", "30108", "30109", "30112", "30113"]
ECONOMIC_302 = [
    "30201",
    "30202",
    "30205",
    "30206",
    "30207",
    "30209",
    "30211",
    "30213",
    "30215",
    "30216",
    "30217",
    "30299",
]


def fill_raw_tables(con: duckdb.DuckDBPyConnection, documents: int, years: int) -> int:
    """Write ``documents`` synthetic documents into the raw tables; return the number of lines."""
    create_raw_tables(con)
    con.execute(f"""
        create or replace temp table docs as
        select
            i as doc_no,
            substr(md5('doc' || i), 1, 16) as document_id,
            i // {years} as department_no,
            2019 + i % {years} as fiscal_year
        from range({documents}) as t(i)
    """)
    con.execute("""
        insert into raw.documents
        select document_id, 'synthetic_' || doc_no || '.pdf', md5('sha' || doc_no), 30, 'loaded', null, null,
               '基准测试部门' || department_no, fiscal_year, 'budget', 'department', 20, 18,
               timestamp '2024-01-01' + to_seconds(doc_no), 'text_layer', null
        from docs
    """)
    classes = ", ".join(f"'{c}'" for c in FUNCTION_CLASSES)
    suffixes = ", ".join(f"'{s}'" for s in ITEM_SUFFIXES)
    # 项 leaves: 4 类 × 2 款 × 3 项 per document; basic and project in whole 0.01 万元 (100 元).
    con.execute(f"""
        create or replace temp table items as
        with shape as (
            select k, j, m from range(4) a(k), range(2) b(j), range(3) c(m)
        )
        select
            docs.document_id,
            docs.doc_no,
            ([{classes}])[1 + (docs.doc_no + 2 * k) % {len(FUNCTION_CLASSES)}] as class_code,
            k, j, m,
            cast((hash(docs.document_id, k, j, m, 'b') % 40000) * 100 as decimal(20, 2)) as basic,
            cast(case when m = 2 then (hash(docs.document_id, k, j, m, 'p') % 90000) * 100 else 0 end
                 as decimal(20, 2)) as project
        from docs, shape
    """)
    con.execute(f"""
        create or replace temp table function_rows as
        with leaves as (
            select document_id, class_code || lpad(cast(j + 1 as varchar), 2, '0') as section_code,
                   class_code || lpad(cast(j + 1 as varchar), 2, '0') || ([{suffixes}])[1 + m] as code,
                   class_code, basic, project
            from items
        )
        select document_id, code, '项目' || code as name, basic, project, 7 as len from leaves
        union all
        select document_id, section_code, '款' || section_code, sum(basic), sum(project), 5 from leaves group by all
        union all
        select document_id, class_code, '类' || class_code, sum(basic), sum(project), 3 from leaves group by all
        union all
        select document_id, null, '合计', sum(basic), sum(project), 0 from leaves group by all
    """)
    # Economic leaves of 一般公共预算基本支出表: the document's basic total split over 20 款 by
    # fixed weights, the last 款 taking the remainder so that the split is exact.
    economic = ", ".join(f"'{c}'" for c in ECONOMIC_301 + ECONOMIC_302)
    con.execute(f"""
        create or replace temp table economic_leaves as
        with totals as (
            select document_id, basic as basic_total from function_rows where code is null
        ),
        shares as (
            select document_id, basic_total, n, ([{economic}])[n] as code,
                   cast(floor(basic_total / 100 * n / 210) * 100 as decimal(20, 2)) as share
            from totals, range(1, 21) r(n)
        )
        select document_id, code,
               case when n = 20 then basic_total - sum(share) over (partition by document_id) + share else share end
                   as amount
        from shares
    """)
    con.execute("""
        create or replace temp table economic_rows as
        select document_id, code, '经济' || code as name, amount, 5 as len from economic_leaves
        union all
        select document_id, left(code, 3), '经济类' || left(code, 3), sum(amount), 3 from economic_leaves group by all
    """)
    # All lines, numbered per document in table order.
    con.execute("""
        create or replace temp table lines as
        with basic_total as (
            select document_id, basic as basic_yuan, project as project_yuan, basic + project as total_yuan
            from function_rows where code is null
        ),
        econ_class as (
            select document_id,
                   sum(amount) filter (where code = '301') as personnel,
                   sum(amount) filter (where code = '302') as public_operating
            from economic_rows where len = 3 group by document_id
        ),
        summary_groups as (
            -- 收支预算总表 / 财政拨款收支预算总表: (sort, classification, code, line_key, label, amount)
            select b.document_id, s.*
            from basic_total b join econ_class e using (document_id),
            lateral (values
                (1, 'revenue', null, '财政拨款（补助）', '一.财政拨款（补助）', b.total_yuan),
                (2, 'revenue', null, '公共预算财政拨款（补助）', '（一）公共预算财政拨款（补助）', b.total_yuan),
                (3, 'revenue', null, 'income_total', '本年收入合计', b.total_yuan),
                (4, 'revenue', null, 'income_grand_total', '收入总计', b.total_yuan),
                (5, 'economic', '301', null, '1.工资福利支出', e.personnel),
                (6, 'economic', '302', null, '2.商品和服务支出', e.public_operating + b.project_yuan),
                (7, 'economic', null, 'expenditure_total', '本年支出合计', b.total_yuan),
                (8, 'economic', null, 'expenditure_grand_total', '支出总计', b.total_yuan),
                (9, 'function', null, 'expenditure_total', '本年支出合计', b.total_yuan),
                (10, 'function', null, 'expenditure_grand_total', '支出总计', b.total_yuan)
            ) s(sort, classification, code, line_key, label, amount)
        ),
        function_summary as (
            select document_id, 100 + row_number() over (partition by document_id order by code) as sort,
                   'function' as classification, code, null as line_key, name as label, basic + project as amount
            from function_rows where len = 3
        ),
        summary as (
            select * from summary_groups union all select * from function_summary
        ),
        all_lines as (
            select document_id, 1 as table_no, 'revenue_expenditure_summary' as table_kind, classification, code,
                   line_key, label, 'total' as measure, amount, coalesce(line_key like '%total', false) as is_subtotal, sort
            from summary
            union all
            select document_id, 2, 'revenue_summary', classification, code, line_key, label, 'total', amount,
                   coalesce(line_key like '%total', false), sort
            from summary where classification = 'revenue'
            union all
            select document_id, t.table_no, t.table_kind, 'function', code, case when code is null then 'total' end,
                   name, m.measure,
                   case m.measure when 'total' then basic + project when 'basic' then basic else project end,
                   len < 7, coalesce(cast(code as bigint), 0)
            from function_rows,
                 (values (3, 'expenditure_summary'), (5, 'general_public_expenditure')) t(table_no, table_kind),
                 (values ('total'), ('basic'), ('project')) m(measure)
            where m.measure = 'total' or (m.measure = 'basic' and basic <> 0) or (m.measure = 'project' and project <> 0)
            union all
            select document_id, 4, 'fiscal_grant_summary', classification, code, line_key, label, 'total', amount,
                   coalesce(line_key like '%total', false), sort
            from summary
            union all
            select document_id, 6, 'general_public_basic_expenditure', 'economic', code, null, name, m.measure,
                   amount, len = 3, cast(code as bigint)
            from economic_rows, (values ('total'), ('part')) m(measure)
            union all
            select document_id, 6, 'general_public_basic_expenditure', 'economic', null, 'total', '合计', m.measure,
                   case m.measure when 'total' then personnel + public_operating when 'personnel' then personnel
                        else public_operating end,
                   true, 0
            from econ_class, (values ('total'), ('personnel'), ('public_operating')) m(measure)
            union all
            select document_id, 8, 'three_public_expenses', 'three_public', null, k.key, k.label, 'total',
                   cast(k.amount as decimal(20, 2)), k.key = 'total', k.sort
            from basic_total,
                 (values (1, 'total', '合计', 12000), (2, 'outbound_travel', '因公出国（境）费', 5000),
                         (3, 'official_reception', '公务接待费', 7000)) k(sort, key, label, amount)
        )
        select
            document_id,
            cast(row_number() over (partition by document_id order by table_no, sort, measure) as integer) as line_no,
            table_no,
            table_kind,
            classification,
            code,
            line_key,
            label,
            -- 基本支出表 leaves: 301xx are 人员经费, 302xx 日常公用经费.
            case when measure = 'part' then case when left(code, 3) = '301' then 'personnel' else 'public_operating' end
                 else measure end as measure,
            amount,
            is_subtotal
        from all_lines
    """)
    con.execute("""
        insert into raw.budget_lines
        select document_id, line_no, table_kind, classification, code, line_key, label, measure,
               cast(amount as decimal(20, 2)), is_subtotal, 4 + table_no, '万元',
               -- No page to box the synthetic amounts on.
               null, null, null, null, null, null, null, null, false, 'text_layer', null
        from lines
    """)
    con.execute("""
        -- By name: a table's header (and any column added later) is left null.
        insert into raw.tables_found (document_id, table_kind, title, pages, unit, empty_note)
        select distinct document_id, table_kind, table_kind, cast(4 + table_no as varchar), '万元', null from lines
        union all
        select document_id, 'government_fund_expenditure', '政府性基金预算支出表', '11', '万元', '本单位无政府性基金预算。'
        from docs
    """)
    return con.execute("select count(*) from raw.budget_lines").fetchone()[0]  # type: ignore[index]  # count(*) returns one row


def human(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3700, help="synthetic documents (272 lines each)")
    parser.add_argument("--years", type=int, default=3, help="years per department")
    parser.add_argument("--threads", type=int, default=None, help="dbt --threads (default: the profile's)")
    parser.add_argument("--keep", type=Path, default=None, help="build this warehouse file and keep it")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="dbt_bench_"))
    warehouse = args.keep or scratch / "bench.duckdb"
    warehouse.unlink(missing_ok=True)

    started = time.perf_counter()
    con = duckdb.connect(str(warehouse))
    lines = fill_raw_tables(con, args.documents, args.years)
    con.close()
    filled = time.perf_counter() - started
    raw_size = warehouse.stat().st_size
    print(
        f"raw tables: {args.documents} documents, {lines:,} budget lines, filled in {filled:.1f} s ({human(raw_size)})"
    )

    env = {**os.environ, "BUDGET_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--profiles-dir",
        ".",
        "--target-path",
        str(scratch / "target"),
        "--log-path",
        str(scratch / "logs"),
    ]
    if args.threads:
        command += ["--threads", str(args.threads)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=DBT_PROJECT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-20000:])
        shutil.rmtree(scratch, ignore_errors=True)
        raise SystemExit(f"dbt build failed after {elapsed:.1f} s")

    run_results = json.loads((scratch / "target" / "run_results.json").read_text())
    slowest = sorted(run_results["results"], key=lambda r: r["execution_time"], reverse=True)[:8]
    con = duckdb.connect(str(warehouse), read_only=True)
    facts = con.execute("select count(*) from marts.fct_budget_line").fetchone()[0]  # type: ignore[index]  # count(*) returns one row
    checks, failed = con.execute(  # type: ignore[misc]  # an aggregate returns one row
        "select count(*), count(*) filter (where not passed) from marts.fct_identity_check"
    ).fetchone()
    con.close()

    print(
        f"dbt build: {elapsed:.1f} s wall ({len(run_results['results'])} nodes, "
        f"dbt's own elapsed {run_results['elapsed_time']:.1f} s)"
    )
    for r in slowest:
        print(f"  {r['execution_time']:6.2f} s  {r['unique_id']}")
    print(f"marts: {facts:,} budget lines, {checks:,} identity checks, {failed} failed")
    print(f"warehouse file: {human(warehouse.stat().st_size)}" + (f" ({warehouse})" if args.keep else ""))
    shutil.rmtree(scratch, ignore_errors=True)
    if failed:
        raise SystemExit("synthetic lines are consistent: no identity may fail")


if __name__ == "__main__":
    main()
