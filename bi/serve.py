"""`budget-etl bi serve`: Superset over a published warehouse, on 127.0.0.1.

Checks first (the warehouse, its BI layer, the port), installs Superset's virtualenv when
missing, prepares the metadata beside the warehouse and imports ``bi/superset/`` into it
(idempotent: assets are matched by uuid and overwritten), then becomes the web server.
Superset opens the warehouse read-only, once per query: it never blocks a load, and a new
publication shows at the next refresh.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bi import BIError, assets, environment, metadata

SETUP_SCRIPT = environment.BI_DIR / "superset_setup.py"
BI_SCHEMA = "bi"


def check_warehouse(warehouse: Path) -> None:
    if not warehouse.is_file():
        raise BIError(f"No warehouse at {warehouse}: run `budget-etl load` first, or pass --warehouse FILE.")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise BIError(f"{warehouse} is not a readable DuckDB warehouse: {exc}") from None
    try:
        tables = con.execute(  # type: ignore[index]  # count(*) returns one row
            "select count(*) from information_schema.tables where table_schema = ?", [BI_SCHEMA]
        ).fetchone()[0]
    finally:
        con.close()
    if not tables:
        raise BIError(
            f"{warehouse} has no BI layer (schema {BI_SCHEMA}): it was built before the dashboards existed; "
            "rebuild it with `budget-etl load --rebuild`."
        )


def check_port(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise BIError(
                f"Port {port} on 127.0.0.1 is in use: stop what holds it, or pass another with --port."
            ) from None


@dataclass
class Prepared:
    home: Path
    generated_password: str | None  # shown once: the admin was just created with it


def prepare(warehouse: Path, venv: Path) -> Prepared:
    """Metadata, admin and assets of ``warehouse``'s Superset, up to date with bi/superset/."""
    home = metadata.prepare(warehouse)
    bundle = assets.write_bundle(warehouse, home / "assets.zip")
    given = os.environ.get("BUDGET_BI_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    env = {
        **metadata.superset_environment(home),
        "BUDGET_BI_ADMIN_PASSWORD": password,
        "BUDGET_BI_RESET_PASSWORD": "1" if given else "0",
    }
    log = home / "setup.log"
    with log.open("w") as out:
        result = subprocess.run(
            [str(environment.executable(venv, "python")), str(SETUP_SCRIPT), str(bundle)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=out,
            text=True,
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-12:])
        raise BIError(f"Preparing Superset's metadata in {home} failed (its log: {log}):\n{tail}")
    created = json.loads(result.stdout.strip().splitlines()[-1])["admin_created"]
    return Prepared(home, password if created and not given else None)


def gunicorn_command(venv: Path, port: int) -> list[str]:
    # One worker: the metadata is SQLite and the readers are few; threads serve the charts of
    # a dashboard in parallel. 127.0.0.1 only: the dashboards are for this machine.
    return [
        str(environment.executable(venv, "gunicorn")),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "8",
        "--timeout",
        "120",
        "superset.app:create_app()",
    ]


def serve(warehouse: Path, port: int, install: bool = True) -> None:
    """Check, install, prepare, then replace this process by Superset's web server."""
    warehouse = warehouse.resolve()
    check_warehouse(warehouse)
    check_port(port)
    venv = environment.venv_path()
    if install:
        environment.install(venv, log=lambda m: print(m, file=sys.stderr, flush=True))
    else:
        environment.require(venv)
    print(f"Preparing Superset for {warehouse}...", file=sys.stderr, flush=True)
    prepared = prepare(warehouse, venv)
    if prepared.generated_password:
        login = (
            f"user admin, password {prepared.generated_password} (generated: shown this once; "
            "set BUDGET_BI_PASSWORD to choose it)"
        )
    else:
        login = "user admin, password " + (
            "from BUDGET_BI_PASSWORD"
            if os.environ.get("BUDGET_BI_PASSWORD")
            else "as set before (set BUDGET_BI_PASSWORD to reset it)"
        )
    print(f"Dashboards: http://127.0.0.1:{port}/dashboard/list/ ({login}). Ctrl-C stops.", flush=True)
    command = gunicorn_command(venv, port)
    os.execve(command[0], command, metadata.superset_environment(prepared.home))
