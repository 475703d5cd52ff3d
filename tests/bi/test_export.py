"""`budget-etl bi export` writes the running Superset's assets back as files that match the
repository's: the same assets under the same file names, the database pointed back at the
repository's path (never at the machine's warehouse), and, when nothing was changed in the
UI, the very same bytes: a re-export shows only real changes."""

from __future__ import annotations

import shutil

import yaml

from bi.assets import ASSETS_DIR, REPOSITORY_URI
from tests.bi.conftest import budget_etl


def uuids(folder):
    return {
        p.relative_to(folder).as_posix(): yaml.safe_load(p.read_text())["uuid"]
        for p in folder.rglob("*.yaml")
        if p.name != "metadata.yaml"
    }


def test_export_round_trips_the_repository_assets(superset, tmp_path):
    target = tmp_path / "superset"
    shutil.copytree(ASSETS_DIR, target)
    result = budget_etl(
        "bi", "export", "--url", superset.url, "--to", str(target), env={"BUDGET_BI_PASSWORD": superset.password}
    )
    assert result.returncode == 0, result.stderr
    assert uuids(target) == uuids(ASSETS_DIR)
    database = yaml.safe_load((target / "databases" / "budget_warehouse.yaml").read_text())
    assert database["sqlalchemy_uri"] == REPOSITORY_URI
    assert database["extra"]["engine_params"]["connect_args"]["read_only"] is True
    assert (target / "metadata.yaml").read_text() == (ASSETS_DIR / "metadata.yaml").read_text()
    changed = [name for name in uuids(ASSETS_DIR) if (target / name).read_text() != (ASSETS_DIR / name).read_text()]
    assert changed == []
