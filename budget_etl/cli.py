"""`budget-etl`: make the sample corpus, load a landing folder (or re-extract some of it), look at one PDF,
check a warehouse, export it, open its dashboards."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal
from pathlib import Path

from orchestration.resources import DEFAULT_LANDING, DEFAULT_WAREHOUSE


def _sample(args: argparse.Namespace) -> int:
    try:
        from budget_etl.sample import write_sample_corpus
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "reportlab":
            raise
        print(
            "budget-etl sample: the sample generator needs reportlab, which the 'sample' extra installs:\n"
            "    pip install 'budget-etl[sample]'",
            file=sys.stderr,
        )
        return 2

    documents = write_sample_corpus(Path(args.dir), departments=args.departments, series=args.series)
    rejected = sum(d.expect == "rejected" for d in documents)
    print(
        f"Wrote {len(documents)} PDF(s) to {args.dir} ({len(documents) - rejected} disclosures, {rejected} bad inputs)."
    )
    return 0


def _load(args: argparse.Namespace) -> int:
    from budget_etl.load import run_load

    landing, warehouse = Path(args.landing).resolve(), Path(args.warehouse).resolve()
    if not landing.is_dir():
        print(f"budget-etl load: the landing folder {landing} does not exist.", file=sys.stderr)
        return 2
    summary = run_load(
        landing,
        warehouse,
        workers=args.workers,
        verbose=args.verbose,
        rebuild=args.rebuild,
        postgres_url=args.postgres,
        full_refresh=args.full_refresh,
    )
    print(summary.render())
    return 0 if summary.run_succeeded else 1


def _backfill(args: argparse.Namespace) -> int:
    from budget_etl.load import run_load, select_for_backfill
    from orchestration.defs.extraction.documents import Reextract

    landing, warehouse = Path(args.landing).resolve(), Path(args.warehouse).resolve()
    if not landing.is_dir():
        print(f"budget-etl backfill: the landing folder {landing} does not exist.", file=sys.stderr)
        return 2
    if not (args.all or args.year is not None or args.department):
        print("budget-etl backfill: say what to re-extract: --year YEAR, --department NAME or --all.", file=sys.stderr)
        return 2
    if args.all and (args.year is not None or args.department):
        print("budget-etl backfill: --all re-extracts everything; leave out --year and --department.", file=sys.stderr)
        return 2
    reextract = Reextract(everything=args.all, year=args.year, department=args.department)
    selected = select_for_backfill(landing, warehouse, reextract)
    if not selected:
        print(
            f"budget-etl backfill: no document of the landing folder has cached facts matching {reextract.describe()}.",
            file=sys.stderr,
        )
        return 2
    print(f"Re-extracting {reextract.describe()}: {len(selected)} document(s).", file=sys.stderr)
    summary = run_load(landing, warehouse, workers=args.workers, verbose=args.verbose, reextract=reextract)
    print(summary.render())
    return 0 if summary.run_succeeded else 1


def _extract(args: argparse.Namespace) -> int:
    from budget_etl.extract_report import render_extraction
    from extract import extract_document

    missing = [p for p in args.pdf if not Path(p).is_file()]
    if missing:
        print(f"budget-etl extract: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    extractions = [extract_document(Path(p)) for p in args.pdf]
    if args.json:

        def default(value):
            return str(value) if isinstance(value, Decimal) else value

        print(json.dumps([dataclasses.asdict(e) for e in extractions], ensure_ascii=False, indent=1, default=default))
    else:
        print("\n\n".join(render_extraction(e, indicators=args.indicators) for e in extractions))
    return 0


def _check(args: argparse.Namespace) -> int:
    from expectations.context import default_data_docs_dir
    from expectations.report import render_outcomes
    from expectations.validate import UnreadableWarehouse, validate_warehouse

    warehouse = Path(args.warehouse)
    if not warehouse.is_file():
        print(f"budget-etl check: no warehouse at {warehouse}; run `budget-etl load` first.", file=sys.stderr)
        return 2
    data_docs = Path(args.data_docs) if args.data_docs else default_data_docs_dir(warehouse)
    try:
        outcomes = validate_warehouse(warehouse, data_docs)
    except UnreadableWarehouse as error:
        print(f"budget-etl check: {error}", file=sys.stderr)
        return 2
    print(render_outcomes(outcomes, str(data_docs / "index.html")))
    return 1 if any(o.blocking for o in outcomes) else 0


def _export(args: argparse.Namespace) -> int:
    from warehouse.exports import ExportError, export_warehouse

    try:
        result = export_warehouse(Path(args.warehouse), args.format, Path(args.out), bom=args.bom)
    except ExportError as error:
        print(f"budget-etl export: {error}", file=sys.stderr)
        return 2
    print(result.render())
    return 0


def _evidence(args: argparse.Namespace) -> int:
    from evidence import lookup
    from evidence.render import write_annotated_pdf, write_pngs

    if args.evidence_command == "serve":
        return _serve_evidence(args)
    if not (args.line or args.identity or args.document) or not args.out:
        print(
            "budget-etl evidence: say what to show (--line, --identity or --document ID) and --out DIR, "
            "or run `budget-etl evidence serve`.",
            file=sys.stderr,
        )
        return 2

    try:
        con = lookup.connect(Path(args.warehouse))
        try:
            if args.line:
                evidence = lookup.line(con, args.line)
            elif args.identity:
                evidence = lookup.identity(con, args.identity)
            else:
                evidence = lookup.failed_checks(con, args.document)
        finally:
            con.close()
        pdf = lookup.pdf_path(Path(args.landing), evidence.document)
    except lookup.NotFound as exc:
        print(f"budget-etl evidence: {exc}.", file=sys.stderr)
        return 2
    out = Path(args.out)
    if args.document:
        written = [write_annotated_pdf(evidence, pdf, out / f"{Path(evidence.document.source_file).stem}_evidence.pdf")]
        print(f"{len(evidence.checks)} failed identity check(s) of {evidence.document.source_file}.")
    else:
        written = write_pngs(evidence, pdf, out)
    print("\n".join(str(p) for p in written))
    return 0


def _serve_evidence(args: argparse.Namespace) -> int:
    from evidence.web import make_server

    warehouse, landing = Path(args.warehouse), Path(args.landing)
    if not warehouse.is_file():
        print(f"budget-etl evidence serve: no warehouse at {warehouse}; run `budget-etl load` first.", file=sys.stderr)
        return 2
    if not landing.is_dir():
        print(f"budget-etl evidence serve: the landing folder {landing} does not exist.", file=sys.stderr)
        return 2
    try:
        server = make_server(warehouse, landing, args.port)
    except OSError as exc:
        print(f"budget-etl evidence serve: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}.", file=sys.stderr)
        return 2
    print(f"Evidence view on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def _bi(args: argparse.Namespace) -> int:
    import os

    from bi import BIError, environment

    try:
        if args.bi_command == "serve":
            from bi.serve import serve

            serve(Path(args.warehouse), args.port, install=not args.no_install)  # returns only on error
        elif args.bi_command == "install":
            venv = environment.venv_path()
            installed = environment.install(venv, log=lambda m: print(m, file=sys.stderr, flush=True))
            print(f"Superset is installed in {venv}" + ("." if installed else " (it was already)."))
        else:
            from bi.export import export

            password = os.environ.get("BUDGET_BI_PASSWORD")
            if not password:
                print("budget-etl bi export: set BUDGET_BI_PASSWORD to the admin password.", file=sys.stderr)
                return 2
            from bi.assets import ASSETS_DIR

            target = Path(args.to) if args.to else ASSETS_DIR
            files = export(args.url, password, target)
            print(f"Wrote {len(files)} file(s) to {target}; review them with `git diff`.")
    except BIError as exc:
        print(f"budget-etl bi {args.bi_command}: {exc}", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budget-etl", description="Chinese government budget disclosures (PDF) into a DuckDB warehouse."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    sample = commands.add_parser("sample", help="write the sample corpus of PDFs into DIR")
    sample.add_argument("dir", help="folder to write the PDFs into (created if missing)")
    sample.add_argument(
        "--departments",
        type=int,
        default=0,
        metavar="N",
        help="add N further synthetic departments (benchmarks, scale tests)",
    )
    sample.add_argument(
        "--series",
        action="store_true",
        help="add budgets of the year before and final accounts (决算) beside their budgets",
    )
    sample.set_defaults(run=_sample)

    load = commands.add_parser("load", help="run the whole pipeline (Dagster) over a landing folder")
    load.add_argument("--landing", default=DEFAULT_LANDING, help=f"folder of PDFs (default {DEFAULT_LANDING})")
    load.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    load.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    load.add_argument("-v", "--verbose", action="store_true", help="show Dagster's and dbt's own logs")
    load.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild and publish the warehouse even when nothing changed since the last load",
    )
    load.add_argument(
        "--postgres",
        metavar="URL",
        help="also serve the marts and BI layer from this PostgreSQL database (default: BUDGET_POSTGRES_URL)",
    )
    load.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every model whole (dbt build --full-refresh), not only the changed documents' rows",
    )
    load.set_defaults(run=_load)

    backfill = commands.add_parser(
        "backfill", help="re-extract documents although their bytes are cached (after an extractor fix), then load"
    )
    which = backfill.add_argument_group("which documents (by their cached facts; --year and --department combine)")
    which.add_argument("--year", type=int, help="the documents of this fiscal year")
    which.add_argument("--department", metavar="NAME", help="the documents of this department (whitespace ignored)")
    which.add_argument("--all", action="store_true", help="every document of the landing folder")
    backfill.add_argument("--landing", default=DEFAULT_LANDING, help=f"folder of PDFs (default {DEFAULT_LANDING})")
    backfill.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    backfill.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    backfill.add_argument("-v", "--verbose", action="store_true", help="show Dagster's and dbt's own logs")
    backfill.set_defaults(run=_backfill)

    extract = commands.add_parser("extract", help="run the extractor alone and show what it found")
    extract.add_argument("pdf", nargs="+", help="PDF file(s)")
    extract.add_argument("--json", action="store_true", help="machine-readable output")
    extract.add_argument(
        "--indicators",
        action="store_true",
        help="list every performance indicator under its project (they are counted otherwise)",
    )
    extract.set_defaults(run=_extract)

    check = commands.add_parser("check", help="run the expectation suites on a warehouse file")
    check.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    check.add_argument("--data-docs", help="folder for the HTML Data Docs (default: data_docs/ beside the warehouse)")
    check.set_defaults(run=_check)

    export = commands.add_parser(
        "export", help="write the marts of a warehouse as CSV, Parquet or a Fiscal Data Package"
    )
    export.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    # No choices= here: an unknown format gets the exports' own message, not argparse's usage dump.
    export.add_argument(
        "--format", required=True, help="csv (one file per mart), parquet, or fdp (Fiscal Data Package)"
    )
    export.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    export.add_argument("--bom", action="store_true", help="start CSV files with a UTF-8 byte order mark (for Excel)")
    export.set_defaults(run=_export)

    evidence = commands.add_parser(
        "evidence", help="render a line, an identity check or a document's failed checks on their PDF pages, boxed"
    )
    what = evidence.add_mutually_exclusive_group()
    what.add_argument("--line", metavar="ID", help="a budget_line_id of marts.fct_budget_line: PNG of its page")
    what.add_argument(
        "--identity",
        metavar="ID",
        help="an identity_check_id of marts.fct_identity_check: PNG of its page(s), both sides boxed",
    )
    what.add_argument(
        "--document",
        metavar="ID",
        help="a document_id of marts.dim_document: annotated PDF, failed checks boxed, legend first",
    )
    evidence.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    evidence.add_argument(
        "--landing", default=DEFAULT_LANDING, help=f"folder of the loaded PDFs (default {DEFAULT_LANDING})"
    )
    evidence.add_argument("--out", help="folder to write the PNG(s) or PDF into")
    evidence.set_defaults(run=_evidence, evidence_command=None)
    serve = evidence.add_subparsers(dest="evidence_command").add_parser(
        "serve", help="the evidence web view on 127.0.0.1 (/line/ID, /identity/ID, /document/ID)"
    )
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    serve.add_argument(
        "--landing", default=DEFAULT_LANDING, help=f"folder of the loaded PDFs (default {DEFAULT_LANDING})"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8150,  # evidence.web.DEFAULT_PORT, not imported at start-up
        help="port on 127.0.0.1 (default 8150; 0 picks a free one)",
    )
    bi = commands.add_parser("bi", help="the Superset dashboards over a warehouse (bi/)")
    bi_commands = bi.add_subparsers(dest="bi_command", required=True)
    serve = bi_commands.add_parser(
        "serve", help="install Superset if needed, import bi/superset/ and serve the dashboards on 127.0.0.1"
    )
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    serve.add_argument("--port", type=int, default=8088, help="port on 127.0.0.1 (default 8088)")
    serve.add_argument(
        "--no-install", action="store_true", help="fail instead of installing when Superset's virtualenv is missing"
    )
    bi_commands.add_parser("install", help="install Superset into its own virtualenv (.venv-bi or BUDGET_BI_VENV)")
    export = bi_commands.add_parser("export", help="write the dashboards of a running Superset back into bi/superset/")
    export.add_argument(
        "--url", default="http://127.0.0.1:8088", help="the running Superset (default http://127.0.0.1:8088)"
    )
    export.add_argument("--to", help="the folder to write (default: bi/superset/ of this checkout)")
    bi.set_defaults(run=_bi)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
