"""The dbt project as Dagster sees it, with a manifest that is never stale.

Nothing here runs at import: ``prepared_project()`` parses the project (when its manifest is
missing or stale) the first time the definitions are built. They cannot be built without it:
dagster-dbt's ``@dbt_assets`` reads the manifest when it defines the assets, so loading the
code location (`dagster dev`, the daemon, each process that executes a step) needs one.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[3] / "dbt_project"

# The dbt profile's path to the DuckDB file (profiles.yml): passed with `--vars`, so that the
# dbt process is pointed at a run's build by its arguments, not by this process's environment.
WAREHOUSE_VAR = "budget_warehouse"
# dbt's record of its last parse, from which the next one re-reads only what changed.
PARTIAL_PARSE = "partial_parse.msgpack"


def dbt_executable() -> str:
    """The `dbt` installed beside this Python, so that an unactivated virtualenv works
    (dagster-dbt runs the `dbt` on PATH), else the one on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else shutil.which("dbt") or "dbt"


def dbt_resource(project: DbtProject) -> DbtCliResource:
    return DbtCliResource(project_dir=project, dbt_executable=dbt_executable())


_SOURCE_FOLDERS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
_SOURCE_SUFFIXES = {".sql", ".yml", ".yaml", ".csv", ".md"}


def dbt_source_files(project_dir: Path = DBT_PROJECT_DIR) -> list[Path]:
    """The files a dbt parse reads (the project's own, not its target/ or logs/)."""
    files = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for folder in _SOURCE_FOLDERS:
        files += [p for p in (project_dir / folder).rglob("*") if p.suffix in _SOURCE_SUFFIXES]
    return sorted(p for p in files if p.is_file())


def dbt_sources_digest(project_dir: Path = DBT_PROJECT_DIR) -> str:
    digest = hashlib.sha256()
    for path in dbt_source_files(project_dir):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def prepare_manifest(project: DbtProject) -> None:
    """Parse the project when the manifest is missing or was parsed from other sources.

    A manifest left by an older version of the models would silently describe the wrong
    assets, so every load of the definitions checks (`dagster dev` included: this replaces
    dagster-dbt's prepare_if_dev). The digest of the sources is taken before the parse and
    stamped beside the manifest after it: a source edited during a parse makes the next check
    parse again (comparing modification times would miss it). The processes that load the
    definitions at once (a run's steps) parse one at a time, and only the first one parses.
    """
    manifest = project.manifest_path
    manifest.parent.mkdir(parents=True, exist_ok=True)
    stamp = manifest.with_name("manifest.sources.sha256")
    with manifest.with_name("manifest.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        digest = dbt_sources_digest(Path(project.project_dir))
        if manifest.exists() and stamp.exists() and stamp.read_text().strip() == digest:
            return
        dbt_resource(project).cli(["parse", "--quiet"], target_path=project.target_path).wait()
        stamp.write_text(digest)


def keep_partial_parse(run_target: Path, project: DbtProject) -> None:
    """Make a run's parse state the one the next run starts from (replaced atomically: runs
    in other processes may be copying it)."""
    parsed = Path(run_target) / PARTIAL_PARSE
    if parsed.exists():
        kept = Path(project.project_dir) / project.target_path / PARTIAL_PARSE
        tmp = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        shutil.copyfile(parsed, tmp)
        os.replace(tmp, kept)


def prepared(project_dir: Path) -> DbtProject:
    """The dbt project in ``project_dir`` with its manifest up to date (tests use a copy)."""
    project = DbtProject(project_dir=project_dir, profiles_dir=project_dir)
    prepare_manifest(project)
    return project


@functools.cache
def prepared_project() -> DbtProject:
    """The project's dbt project, parsed once per process when its manifest is stale."""
    return prepared(DBT_PROJECT_DIR)
