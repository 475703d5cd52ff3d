"""`budget-etl`: make the sample corpus, load a landing folder (or re-extract some of it), look at one PDF,
check a warehouse, open its dashboards."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal
from pathlib import Path

from orchestration.resources import DEFAULT_LANDING, DEFAULT_WAREHOUSE


def _sample(args: argparse.Namespace) -> int:
    from budget_etl.sample import write_sample_corpus

    documents = write_sample_corpus(Path(args.dir), departments=args.departments)
    rejected = sum(d.expect == "rejected" for d in documents)
    print(f"Wrote {len(documents)} PDF(s) to {args.dir} ({len(documents) - rejected} disclosures, {rejected} bad inputs).")
    return 0


def _load(args: argparse.Namespace) -> int:
    from budget_etl.load import run_load

    landing, warehouse = Path(args.landing).resolve(), Path(args.warehouse).resolve()
    if not landing.is_dir():
        print(f"budget-etl load: the landing folder {landing} does not exist.", file=sys.stderr)
        return 2
    summary = run_load(landing, warehouse, workers=args.workers, verbose=args.verbose, rebuild=args.rebuild)
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
        print(f"budget-etl backfill: no document of the landing folder has cached facts matching "
              f"{reextract.describe()}.", file=sys.stderr)
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
    from expectations.validate import validate_warehouse

    warehouse = Path(args.warehouse)
    if not warehouse.is_file():
        print(f"budget-etl check: no warehouse at {warehouse}; run `budget-etl load` first.", file=sys.stderr)
        return 2
    data_docs = Path(args.data_docs) if args.data_docs else default_data_docs_dir(warehouse)
    outcomes = validate_warehouse(warehouse, data_docs)
    print(render_outcomes(outcomes, str(data_docs / "index.html")))
    return 1 if any(o.blocking for o in outcomes) else 0


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
    sample.add_argument("--departments", type=int, default=0, metavar="N",
                        help="add N further synthetic departments (benchmarks, scale tests)")
    sample.set_defaults(run=_sample)

    load = commands.add_parser("load", help="run the whole pipeline (Dagster) over a landing folder")
    load.add_argument("--landing", default=DEFAULT_LANDING, help=f"folder of PDFs (default {DEFAULT_LANDING})")
    load.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    load.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    load.add_argument("-v", "--verbose", action="store_true", help="show Dagster's and dbt's own logs")
    load.add_argument("--rebuild", action="store_true",
                      help="rebuild and publish the warehouse even when nothing changed since the last load")
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
    extract.add_argument("--indicators", action="store_true",
                         help="list every performance indicator under its project (they are counted otherwise)")
    extract.set_defaults(run=_extract)

    check = commands.add_parser("check", help="run the expectation suites on a warehouse file")
    check.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    check.add_argument("--data-docs", help="folder for the HTML Data Docs (default: data_docs/ beside the warehouse)")
    check.set_defaults(run=_check)

    bi = commands.add_parser("bi", help="the Superset dashboards over a warehouse (bi/)")
    bi_commands = bi.add_subparsers(dest="bi_command", required=True)
    serve = bi_commands.add_parser(
        "serve", help="install Superset if needed, import bi/superset/ and serve the dashboards on 127.0.0.1"
    )
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    serve.add_argument("--port", type=int, default=8088, help="port on 127.0.0.1 (default 8088)")
    serve.add_argument("--no-install", action="store_true",
                       help="fail instead of installing when Superset's virtualenv is missing")
    bi_commands.add_parser("install", help="install Superset into its own virtualenv (.venv-bi or BUDGET_BI_VENV)")
    export = bi_commands.add_parser("export", help="write the dashboards of a running Superset back into bi/superset/")
    export.add_argument("--url", default="http://127.0.0.1:8088", help="the running Superset (default http://127.0.0.1:8088)")
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
