"""The dbt project as Dagster sees it, with a manifest that is never stale."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[3] / "dbt_project"

# dagster-dbt looks for `dbt` on PATH (also when it parses the project); the one installed
# beside this Python must win, so that an unactivated virtualenv works.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _sources_newer_than(manifest: Path) -> bool:
    built = manifest.stat().st_mtime
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", *DBT_PROJECT_DIR.glob("**/*.sql"), *DBT_PROJECT_DIR.glob("**/*.yml")]
    return any(p.stat().st_mtime > built for p in sources if "target" not in p.parts)


def prepare_manifest() -> None:
    """Parse the project when the manifest is missing or older than the models.

    `dagster dev` re-parses on every load (prepare_if_dev); the CLI and the tests run from a
    checkout too, where a manifest left by an older version of the models would silently
    describe the wrong assets.
    """
    manifest = dbt_project.manifest_path
    if not manifest.exists() or _sources_newer_than(manifest):
        dbt_project.preparer.prepare(dbt_project)


dbt_project.prepare_if_dev()
prepare_manifest()
