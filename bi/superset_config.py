"""Superset's configuration for `budget-etl bi serve` (SUPERSET_CONFIG_PATH points here).

Everything that differs per warehouse lives in the metadata folder beside it, which
``bi.metadata`` creates and passes as BUDGET_BI_HOME: the secret key (generated once, never a
default), the SQLite metadata database.
"""

import os
from pathlib import Path

_home = Path(os.environ["BUDGET_BI_HOME"])

SECRET_KEY = (_home / "secret_key").read_text().strip()
# Superset's default guest-token secret is a public string: derive ours from the secret key.
GUEST_TOKEN_JWT_SECRET = SECRET_KEY + "-guest"
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_home / 'superset.db'}"

# Chart data is never cached (Superset's default, stated here because it matters): a chart
# reads the published file anew on every query, so a publication shows at the next refresh.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
