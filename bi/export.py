"""`budget-etl bi export`: the dashboards of a running Superset back into bi/superset/.

After a change made in the UI, this writes every asset (database, datasets, charts,
dashboards) as Superset exports it, so that the change is reviewed like code. It logs in as
admin through the REST API.
"""

from __future__ import annotations

from pathlib import Path

from bi import assets
from bi.client import Superset


def export(base_url: str, password: str, target: Path = assets.ASSETS_DIR) -> list[str]:
    return assets.replace_from_export(Superset(base_url, password).export_assets(), target)
