"""Superset's metadata folder beside the warehouse: ``<stem>_bi/`` next to ``<stem>.duckdb``.

It holds what Superset writes (its SQLite metadata database, logs, the asset bundle last
imported) and the secret key, generated once and kept: a published warehouse is never
written, and no secret is a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bi.environment import BI_DIR

SECRET_KEY_FILE = "secret_key"


def home_for(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.stem}_bi")


def prepare(warehouse: Path) -> Path:
    """The metadata folder of ``warehouse``, created with its secret key if missing."""
    home = home_for(warehouse)
    home.mkdir(parents=True, exist_ok=True)
    key = home / SECRET_KEY_FILE
    if not key.exists():
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
    return home


def superset_environment(home: Path) -> dict[str, str]:
    """The environment Superset's processes run with: its configuration and this folder."""
    return {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(BI_DIR / "superset_config.py"),
        "BUDGET_BI_HOME": str(home),
        "FLASK_APP": "superset",
    }
