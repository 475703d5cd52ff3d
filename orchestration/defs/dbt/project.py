"""The dbt project as Dagster sees it, with a manifest that is never stale."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[3] / "dbt_project"

# dagster-dbt looks for `dbt` on PATH (also when it parses the project); the one installed
# beside this Python must win, so that an unactivated virtualenv works.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


_SOURCE_FOLDERS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
_SOURCE_SUFFIXES = {".sql", ".yml", ".yaml", ".csv", ".md"}


def dbt_source_files() -> list[Path]:
    """The files a dbt parse reads (the project's own, not its target/ or logs/)."""
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in _SOURCE_FOLDERS:
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.suffix in _SOURCE_SUFFIXES]
    return sorted(p for p in files if p.is_file())


def dbt_sources_digest() -> str:
    digest = hashlib.sha256()
    for path in dbt_source_files():
        digest.update(path.relative_to(DBT_PROJECT_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def prepare_manifest() -> None:
    """Parse the project when the manifest is missing or was parsed from other sources.

    `dagster dev` re-parses on every load (prepare_if_dev); the CLI and the tests run from a
    checkout too, where a manifest left by an older version of the models would silently
    describe the wrong assets. The digest of the sources is taken before the parse and
    stamped beside the manifest after it: a source edited during a parse makes the next
    check parse again (comparing modification times would miss it).
    """
    manifest = dbt_project.manifest_path
    stamp = manifest.with_name("manifest.sources.sha256")
    digest = dbt_sources_digest()
    if manifest.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return
    dbt_project.preparer.prepare(dbt_project)
    stamp.write_text(digest)


dbt_project.prepare_if_dev()
prepare_manifest()
